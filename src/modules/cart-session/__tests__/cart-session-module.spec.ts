import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { CART_SESSION_MODULE } from ".."
import CartSessionModuleService from "../service"
import { CartSession, CartSessionDiscount, CartSessionLineItem } from "../models"

jest.setTimeout(60_000)

const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600 * 1000)

moduleIntegrationTestRunner<CartSessionModuleService>({
  moduleName: CART_SESSION_MODULE,
  moduleModels: [CartSession, CartSessionLineItem, CartSessionDiscount],
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
        await expect(service.createCartSessionLineItems([line(session.id, { position: 3 })])).rejects.toThrow()
      })

      it("free the variant's place once soft-deleted", async () => {
        const session = await newSession()
        const [first] = await service.createCartSessionLineItems([line(session.id)])
        await service.softDeleteCartSessionLineItems([first.id])
        const [second] = await service.createCartSessionLineItems([line(session.id, { position: 2 })])
        expect(second.id).not.toBe(first.id)
      })

      it("refuse a quantity of zero at the database", async () => {
        const session = await newSession()
        await expect(service.createCartSessionLineItems([line(session.id, { quantity: 0 })])).rejects.toThrow()
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
        ).rejects.toThrow()
      })

      it("refuse a code discount without a code", async () => {
        const session = await newSession()
        await expect(service.createCartSessionDiscounts([code(session.id, { code: null })])).rejects.toThrow()
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
  },
})
