import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MERCHANT_MODULE, MerchantModuleService } from "../../src/modules/merchant"
import { syncProductMerchantsWorkflow } from "../../src/workflows"
import { AdminHeaders, createAdminUser } from "../helpers/admin"
import { marketplaceDirectory } from "../helpers/host"
import { countStatements } from "../helpers/statements"
import { cartSessionRequests, CreatedProduct, createProducts, createStorefront, Storefront } from "../helpers/store"
import { eventually } from "../helpers/wait"

jest.setTimeout(180_000)

type Seller = { id: string; name: string }

/** The seller module of the marketplace host (integration-tests/hosts/marketplace/src/modules/seller). */
const SELLER_MODULE = "seller"

// A marketplace whose sellers live in a module of its own, linked to the host's products
// (seller <-> product, as Mercur keeps them), with the plugin's `merchantLink: { entity: "seller" }`:
// a line's merchant is its product's seller, read through the link.
medusaIntegrationTestRunner({
  cwd: marketplaceDirectory,
  testSuite: ({ api, getContainer }) => {
    let shop: Storefront
    let admin: AdminHeaders
    let ada: Seller
    let bolt: Seller
    let adaProducts: CreatedProduct[]
    let boltProducts: CreatedProduct[]
    let houseProduct: CreatedProduct

    const sellers = () => getContainer().resolve(SELLER_MODULE) as any
    const store = cartSessionRequests(api, () => shop.anonymous)

    /** Links each product to its seller, as a marketplace does once the seller created it. */
    async function linkToSeller(seller: Seller, products: CreatedProduct[]) {
      const link = getContainer().resolve(ContainerRegistrationKeys.LINK)
      await link.create(
        products.map((product) => ({ [SELLER_MODULE]: { seller_id: seller.id }, [Modules.PRODUCT]: { product_id: product.productId } }))
      )
    }

    let productNumber = 0
    /** `count` products of `seller`, priced 10, 11, … USD. */
    async function productsOf(seller: Seller, count: number, metadataMerchant?: string) {
      const products = await createProducts(
        getContainer(),
        Array.from({ length: count }, (_, index) => ({
          title: `${seller.name} product ${++productNumber}`,
          // A metadata key naming another merchant: with merchantLink it is not read.
          merchant: metadataMerchant,
          prices: { usd: 10 + index },
          salesChannelIds: [shop.salesChannelId],
        }))
      )
      await linkToSeller(seller, products)
      return products
    }

    // Made once: the runner's snapshot is taken after the suite's beforeAll and restored before every test.
    beforeAll(async () => {
      const container = getContainer()
      admin = await createAdminUser(container)
      shop = await createStorefront(container, { currencies: ["usd"] })
      ;[ada, bolt] = await sellers().createSellers([{ name: "Ada's Atelier" }, { name: "Bolt Outfitters" }])
      adaProducts = await productsOf(ada, 2, "acme")
      boltProducts = await productsOf(bolt, 1)
      ;[houseProduct] = await createProducts(container, [
        { title: "House blend", prices: { usd: 8 }, salesChannelIds: [shop.salesChannelId] },
      ])
    })

    /** A statement without its values: its first words and the tables it reads or writes. */
    const statementKind = (sql: string) => [sql.split(" ")[0], ...(sql.match(/(?:from|into|update) "[a-z_]+"/g) ?? [])].join(" ")

    /** Until the subscribers of the products just created are done: a quarter second without a statement. */
    async function quiet() {
      for (let round = 0; round < 40; round++) {
        const statements = await countStatements(() => new Promise((resolve) => setTimeout(resolve, 250)))
        if (!statements.length) {
          return
        }
      }
      throw new Error("the host kept sending statements for 10 s")
    }

    const lines = (products: CreatedProduct[]) => products.map((product) => ({ variant_id: product.variantId, quantity: 1 }))
    const bagOf = (session: any, merchantId: string) => session.bags.find((bag: any) => bag.merchant_id === merchantId)

    describe("a line's merchant through the seller link", () => {
      it("puts the lines of two sellers' products in two bags, each the seller's, and a product without a seller in the house's", async () => {
        const session = await store.create({ items: lines([...adaProducts, ...boltProducts, houseProduct]) })

        expect(session.bags.map((bag: any) => bag.merchant_id).sort()).toEqual([ada.id, bolt.id, "house"].sort())
        expect(bagOf(session, ada.id).items.map((line: any) => line.variant_id).sort()).toEqual(
          adaProducts.map((product) => product.variantId).sort()
        )
        expect(bagOf(session, ada.id).subtotal).toBe(21)
        expect(bagOf(session, bolt.id).subtotal).toBe(10)
        expect(bagOf(session, "house").subtotal).toBe(8)
      })

      it("moves a product's next lines to the seller it is linked to now", async () => {
        const link = getContainer().resolve(ContainerRegistrationKeys.LINK)
        await link.dismiss({ [SELLER_MODULE]: { seller_id: ada.id }, [Modules.PRODUCT]: { product_id: adaProducts[0].productId } })
        await linkToSeller(bolt, [adaProducts[0]])

        const session = await store.create({ items: lines(adaProducts) })
        expect(bagOf(session, bolt.id).items.map((line: any) => line.variant_id)).toEqual([adaProducts[0].variantId])
        expect(bagOf(session, ada.id).items.map((line: any) => line.variant_id)).toEqual([adaProducts[1].variantId])
      })

      it("applies a seller's coupon to that seller's bag only", async () => {
        await api.post("/admin/coupons", { code: "ADA10", value_type: "percentage", value: 10, merchant_id: ada.id }, admin)

        const session = await store.create({
          items: lines([...adaProducts, ...boltProducts, houseProduct]),
          discounts: [{ code: "ADA10" }],
        })

        expect(session.discounts).toEqual([expect.objectContaining({ code: "ADA10", merchant_id: ada.id, status: "APPLIED", amount_total: 2.1 })])
        expect(bagOf(session, ada.id).discount_total).toBe(2.1)
        expect(bagOf(session, bolt.id).discount_total).toBe(0)
        expect(bagOf(session, "house").discount_total).toBe(0)
        expect(session.discount_total).toBe(2.1)
      })

      it("reads the products of all lines and their sellers in one query, however many lines", async () => {
        const more = await productsOf(ada, 6)
        const moreOfBolt = await productsOf(bolt, 6)
        const statementsOf = async (items: CreatedProduct[]) => {
          await quiet()
          let session: any
          const statements = await countStatements(async () => {
            session = await store.create({ items: lines(items) })
          })
          return { statements, session }
        }
        await store.create({ items: lines([houseProduct]) }) // what a store's first session reads once (its caches)
        const few = await statementsOf([adaProducts[0], boltProducts[0]])
        const many = await statementsOf([...adaProducts, ...more, ...boltProducts, ...moreOfBolt])
        console.log(
          `[statements] POST /store/cart-sessions with 2 lines of 2 sellers: ${few.statements.length}; with 15 lines: ${many.statements.length}\n` +
            many.statements.map((sql) => `  ${sql.slice(0, 160)}`).join("\n")
        )
        expect(many.session.bags).toHaveLength(2)
        expect(many.session.bags.reduce((count: number, bag: any) => count + bag.items.length, 0)).toBe(15)

        const readsOf = (statements: string[], table: RegExp) => statements.filter((sql) => /^\s*select/i.test(sql) && table.test(sql))
        for (const { statements } of [few, many]) {
          // The link's table and the seller's: one read each, for every line at once.
          expect(readsOf(statements, /from "seller_seller_product_product"|from "product_product_seller_seller"/)).toHaveLength(1)
          expect(readsOf(statements, /from "seller"/)).toHaveLength(1)
          expect(readsOf(statements, /from "product_variant"/)).toHaveLength(1)
        }
        expect(many.statements.map(statementKind)).toEqual(few.statements.map(statementKind))
      })
    })

    describe("the admin names merchants by their sellers", () => {
      it("lists the fallback merchant first, then every seller by name, and searches their names", async () => {
        await sellers().createSellers([{ name: "Cobalt Home" }])
        const { data } = await api.get("/admin/merchants", admin)
        expect(data.count).toBe(4)
        expect(data.merchants[0]).toEqual({ id: "house", handle: "house", name: null })
        expect(data.merchants.slice(1).map((merchant: any) => merchant.name).sort()).toEqual([
          "Ada's Atelier",
          "Bolt Outfitters",
          "Cobalt Home",
        ])
        expect(data.merchants.find((merchant: any) => merchant.name === "Ada's Atelier")).toEqual({
          id: ada.id,
          handle: ada.id,
          name: "Ada's Atelier",
        })

        const byName = (await api.get("/admin/merchants?q=OUTFIT", admin)).data
        expect(byName).toMatchObject({ count: 1, merchants: [{ handle: bolt.id, name: "Bolt Outfitters" }] })

        const ordered = (await api.get("/admin/merchants?order=-name&limit=2", admin)).data
        expect(ordered.count).toBe(4)
        expect(ordered.merchants.map((merchant: any) => merchant.handle)).toEqual(["house", expect.any(String)])
        const secondPage = (await api.get("/admin/merchants?order=-name&limit=2&offset=2", admin)).data
        expect([...ordered.merchants, ...secondPage.merchants].slice(1).map((merchant: any) => merchant.name)).toEqual([
          "Cobalt Home",
          "Bolt Outfitters",
          "Ada's Atelier",
        ])
      })

      it("shows each bag's seller by name in a session, as the seller is named now", async () => {
        const session = await store.create({ items: lines([...adaProducts, ...boltProducts, houseProduct]) })

        const shown = (await api.get(`/admin/cart-sessions/${session.id}`, admin)).data.cart_session
        const names = Object.fromEntries(shown.bags.map((bag: any) => [bag.merchant_id, bag.merchant_name]))
        expect(names).toEqual({ [ada.id]: "Ada's Atelier", [bolt.id]: "Bolt Outfitters", house: null })

        await sellers().updateSellers({ id: ada.id, name: "Ada & Co" })
        const renamed = (await api.get(`/admin/cart-sessions/${session.id}`, admin)).data.cart_session
        expect(renamed.bags.find((bag: any) => bag.merchant_id === ada.id).merchant_name).toBe("Ada & Co")

        const manual = await api.post(
          `/admin/cart-sessions/${session.id}/manual-discounts`,
          { cart: [{ amount: 1, name: "Goodwill" }] },
          admin
        )
        expect(manual.data.cart_session.bags.find((bag: any) => bag.merchant_id === bolt.id).merchant_name).toBe("Bolt Outfitters")
      })

      it("registers the seller of an edited product in the merchant directory, with its name", async () => {
        // Its metadata names "acme": not read with merchantLink.
        await api.post(`/admin/products/${adaProducts[0].productId}`, { title: "Ada's linen apron" }, admin)

        const merchants = getContainer().resolve<MerchantModuleService>(MERCHANT_MODULE)
        const [registered] = await eventually(
          () => merchants.listMerchants({ handle: ada.id }),
          (found) => found.length === 1
        )
        expect(registered).toMatchObject({ handle: ada.id, name: "Ada's Atelier" })
        expect(await merchants.listMerchants({ handle: "acme" })).toEqual([])
      })

      it("registers the sellers of products linked before, with the store's script of docs/install.md", async () => {
        const merchants = getContainer().resolve<MerchantModuleService>(MERCHANT_MODULE)
        // A store that installs the plugin beside products it has: the directory knows none of their merchants.
        await quiet() // the products' own events have run
        await merchants.deleteMerchants((await merchants.listMerchants({}, { select: ["id"] })).map((merchant) => merchant.id))

        // docs/install.md, "register-merchants.ts", run with the host's container as `medusa exec` does.
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        for (let skip = 0; ; skip += 2) {
          const { data } = await query.graph({ entity: "product", fields: ["id"], pagination: { skip, take: 2 } })
          if (!data.length) break
          await syncProductMerchantsWorkflow(getContainer()).run({ input: { product_ids: data.map((product: any) => product.id) } })
        }

        const registered = await merchants.listMerchants({}, { order: { handle: "ASC" } })
        expect(registered.map((merchant) => [merchant.handle, merchant.name])).toEqual(
          [
            [ada.id, "Ada's Atelier"],
            [bolt.id, "Bolt Outfitters"],
            ["house", null],
          ].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1))
        )
      })
    })
  },
})
