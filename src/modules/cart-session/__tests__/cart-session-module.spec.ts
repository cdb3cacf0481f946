import path from "path"
import { MedusaError } from "@medusajs/framework/utils"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { CART_SESSION_MODULE } from ".."
import CartSessionModuleService from "../service"
import { CartSession, CartSessionDiscount, CartSessionLineItem, CartSessionManualDiscount } from "../models"
import type { CartSessionState } from "../types"

jest.setTimeout(60_000)

const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600 * 1000)

/** The error PostgreSQL raises for a row its check constraint `name` refuses. */
const checkViolation = (name: string) => ({ code: "23514", constraint: name })
/** The host's error for a row that a unique index refuses, naming the values that collide. */
const duplicate = (values: string) => ({
  type: MedusaError.Types.INVALID_DATA,
  message: expect.stringContaining(`with ${values}, already exists`),
})

moduleIntegrationTestRunner<CartSessionModuleService>({
  moduleName: CART_SESSION_MODULE,
  moduleModels: [CartSession, CartSessionLineItem, CartSessionDiscount, CartSessionManualDiscount],
  resolve: "./src/modules/cart-session",
  pathToMigrations: path.join(__dirname, "../migrations"),
  moduleOptions: { maxLineQuantity: 50, sessionLifetimeMinutes: 30 },
  testSuite: ({ service }) => {
    const newSession = () =>
      service.createCartSessions({
        currency_code: "usd",
        region_id: "reg_1",
        sales_channel_id: "sc_1",
        expires_at: inAWeek(),
      })

    const line = (sessionId: string, overrides: Record<string, unknown> = {}) => ({
      cart_session_id: sessionId,
      position: 1,
      merchant_id: "acme",
      variant_id: "variant_1",
      product_id: "prod_1",
      title: "Trail tent",
      quantity: 1,
      unit_price: 29997,
      ...overrides,
    })

    describe("options", () => {
      it("exposes the plugin options it was loaded with, defaults filled", () => {
        expect(service.getOptions()).toMatchObject({
          maxLineQuantity: 50,
          sessionLifetimeMinutes: 30,
          maxCodesPerSession: 5,
        })
      })
    })

    describe("a new session", () => {
      it("is open, at version 1 and priced, with no lines or discounts", async () => {
        const session = await newSession()
        const loaded = await service.retrieveCartSession(session.id, { relations: ["items", "discounts"] })
        expect(loaded).toMatchObject({ status: "open", version: 1, priced: true, customer_id: null })
        expect(loaded.id).toMatch(/^csess_/)
        expect(loaded.items).toEqual([])
        expect(loaded.discounts).toEqual([])
      })
    })

    describe("line items", () => {
      it("keep integer minor-unit prices exactly", async () => {
        const session = await newSession()
        const [created] = await service.createCartSessionLineItems([line(session.id, { unit_price: 333 })])
        const loaded = await service.retrieveCartSessionLineItem(created.id)
        expect(loaded.unit_price).toBe(333)
        expect(loaded.is_add_on).toBe(false)
      })

      it("allow one regular line and one add-on line per variant in a session", async () => {
        const session = await newSession()
        await service.createCartSessionLineItems([line(session.id)])
        await service.createCartSessionLineItems([line(session.id, { position: 2, is_add_on: true })])
        await expect(service.createCartSessionLineItems([line(session.id, { position: 3 })])).rejects.toMatchObject(
          duplicate(`cart_session_id: ${session.id}, variant_id: variant_1, is_add_on: false`)
        )
      })

      it("free the variant's place once soft-deleted", async () => {
        const session = await newSession()
        const [first] = await service.createCartSessionLineItems([line(session.id)])
        await service.softDeleteCartSessionLineItems([first.id])
        const [second] = await service.createCartSessionLineItems([line(session.id, { position: 2 })])
        const live = await service.listCartSessionLineItems({ cart_session_id: session.id })
        expect(live.map((item) => item.id)).toEqual([second.id])
        const all = await service.listCartSessionLineItems({ cart_session_id: session.id }, { withDeleted: true })
        expect(all.map((item) => item.id).sort()).toEqual([first.id, second.id].sort())
      })

      it("refuse a quantity of zero at the database", async () => {
        const session = await newSession()
        await expect(service.createCartSessionLineItems([line(session.id, { quantity: 0 })])).rejects.toMatchObject(
          checkViolation("cart_session_line_item_quantity_positive")
        )
      })
    })

    describe("discounts", () => {
      const code = (sessionId: string, overrides: Record<string, unknown> = {}) => ({
        cart_session_id: sessionId,
        position: 1,
        code: "SAVE10",
        ...overrides,
      })

      it("start PENDING with nothing taken", async () => {
        const session = await newSession()
        const [discount] = await service.createCartSessionDiscounts([code(session.id)])
        expect(await service.retrieveCartSessionDiscount(discount.id)).toMatchObject({
          type: "CODE",
          status: "PENDING",
          amount_total: 0,
          is_primary: false,
          merchant_id: null,
        })
      })

      it("allow one primary code per session", async () => {
        const session = await newSession()
        const other = await newSession()
        await service.createCartSessionDiscounts([code(session.id, { is_primary: true })])
        await service.createCartSessionDiscounts([code(other.id, { is_primary: true })])
        await expect(
          service.createCartSessionDiscounts([code(session.id, { code: "WELCOME", position: 2, is_primary: true })])
        ).rejects.toMatchObject(duplicate(`cart_session_id: ${session.id}`))
      })

      it("refuse a code discount without a code", async () => {
        const session = await newSession()
        await expect(service.createCartSessionDiscounts([code(session.id, { code: null })])).rejects.toMatchObject(
          checkViolation("cart_session_discount_code_has_code")
        )
      })

      it("go with their session when it is deleted", async () => {
        const session = await newSession()
        await service.createCartSessionDiscounts([code(session.id)])
        await service.createCartSessionLineItems([line(session.id)])
        await service.deleteCartSessions([session.id])
        expect(await service.listCartSessionDiscounts({ cart_session_id: session.id })).toEqual([])
        expect(await service.listCartSessionLineItems({ cart_session_id: session.id })).toEqual([])
      })
    })

    describe("manual discounts", () => {
      const manual = (sessionId: string, overrides: Record<string, unknown> = {}) => ({
        cart_session_id: sessionId,
        discount_id: "csdisc_1",
        scope: "cart" as const,
        amount: 100,
        name: "Goodwill",
        ...overrides,
      })

      it("refuse an amount of zero and an item-level one without a line, at the database", async () => {
        const session = await newSession()
        await expect(service.createCartSessionManualDiscounts([manual(session.id, { amount: 0 })])).rejects.toMatchObject(
          checkViolation("cart_session_manual_discount_amount_positive")
        )
        await expect(service.createCartSessionManualDiscounts([manual(session.id, { scope: "item" })])).rejects.toMatchObject(
          checkViolation("cart_session_manual_discount_item_has_line")
        )
        await expect(
          service.createCartSessionManualDiscounts([manual(session.id, { line_item_id: "csitem_1" })])
        ).rejects.toMatchObject(checkViolation("cart_session_manual_discount_item_has_line"))
        const [created] = await service.createCartSessionManualDiscounts([manual(session.id)])
        expect(created.id).toMatch(/^csman_/)
      })

      it("load with their discount row and session in one read, and are written and removed in its commit", async () => {
        const created = await newSession()
        const loaded = (await service.loadSessionState(created.id))!
        const at = "2026-12-02T10:00:00.000Z"
        const item = {
          id: "csitem_a", position: 1, merchant_id: "acme", variant_id: "variant_1", product_id: "prod_1",
          title: "Tent", variant_title: null, quantity: 1, unit_price: 1000, is_add_on: false, tax_rates: [8.875],
          is_tax_inclusive: false, metadata: null,
        }
        const discount: CartSessionState["discounts"][number] = {
          id: "csdisc_m", position: 1, type: "MANUAL", code: null, merchant_id: null, scope_merchant_id: null,
          is_primary: false, coupon_id: null, status: "APPLIED", value_type: null, value: null, amount_total: 250,
          target_type: "items", allocations: [{ line_item_id: "csitem_a", amount: 250 }], shipping_allocations: [],
          message: "Manual discount Goodwill applied: 2.50 off",
          metadata: null,
          manual: {
            id: "csman_m", scope: "item", line_item_id: "csitem_a", amount: 250, name: "Goodwill",
            reason: "Late", created_by: "user_1", created_at: at,
          },
        }
        const { id, currency_code, region_id, sales_channel_id, created_at, items, discounts, ...columns } = loaded
        const shipping_address = { ...loaded.shipping_address, country_code: "us", city: "Springfield" } as CartSessionState["shipping_address"]
        const shipping_methods: CartSessionState["shipping_methods"] = [
          { merchant_id: "acme", option_id: "so_1", name: "Standard", amount: 499, is_tax_inclusive: false, tax_rates: [8.875], data: null, priced_for: "basis" },
        ]
        const session = { ...columns, shipping_address, shipping_methods, version: 2, updated_at: at }
        const written = await service.commitSessionChange({
          id, expected_version: 1, session, items: [item], discounts: [discount],
          manual_discounts: [{ ...discount.manual!, discount_id: discount.id }],
        })
        expect(written).toBe(true)
        const reloaded = (await service.loadSessionState(id))!
        expect(reloaded.discounts).toEqual([discount])
        // The address, the bags' methods and the lines' tax rates come back as they were written.
        expect(reloaded).toMatchObject({ shipping_address, shipping_methods, items: [item] })

        const removed = await service.commitSessionChange({
          id, expected_version: 2, session: { ...session, version: 3 }, items: [],
          discounts: [{ ...discount, deleted: true }],
          manual_discounts: [{ ...discount.manual!, discount_id: discount.id, deleted: true }],
        })
        expect(removed).toBe(true)
        expect((await service.loadSessionState(id))!.discounts).toEqual([])
        expect(await service.listCartSessionManualDiscounts({ cart_session_id: id })).toEqual([])
      })
    })
  },
})
