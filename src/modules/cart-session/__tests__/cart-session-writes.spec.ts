import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { BigNumber, MedusaError } from "@medusajs/framework/utils"
import { CART_SESSION_MODULE } from ".."
import { diffSessionChange } from "../../../lib/cart-session/session-draft"
import CartSessionModuleService from "../service"
import { CartSession, CartSessionDiscount, CartSessionLineItem, CartSessionManualDiscount } from "../models"
import type { CartSessionState } from "../types"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<CartSessionModuleService>({
  moduleName: CART_SESSION_MODULE,
  moduleModels: [CartSession, CartSessionLineItem, CartSessionDiscount, CartSessionManualDiscount],
  resolve: "./src/modules/cart-session",
  pathToMigrations: path.join(__dirname, "../migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const newSession = async (): Promise<CartSessionState> => {
      const created = await service.createCartSessions({
        currency_code: "usd",
        region_id: "reg_1",
        sales_channel_id: "sc_1",
        expires_at: new Date(Date.now() + 3600_000),
      })
      return (await service.loadSessionState(created.id))!
    }
    const withLine = (session: CartSessionState, unitPrice: number): CartSessionState => ({
      ...session,
      version: session.version + 1,
      updated_at: new Date().toISOString(),
      items: [
        {
          id: "csitem_write_1", position: 1, merchant_id: "acme", variant_id: "variant_1", product_id: "prod_1",
          title: "Trail tent", variant_title: null, quantity: 1, unit_price: unitPrice, is_add_on: false, metadata: null,
        },
      ],
    })

    describe("the one write path of a session", () => {
      it("refuses the generated update and upsert of sessions, naming the guarded commit, and changes nothing", async () => {
        const session = await newSession()
        for (const write of [
          () => service.updateCartSessions({ id: session.id, status: "cancelled" } as never),
          () => service.upsertCartSessions({ id: session.id, status: "cancelled" } as never),
        ]) {
          await expect(write()).rejects.toMatchObject({
            type: MedusaError.Types.NOT_ALLOWED,
            message: expect.stringContaining("only through commitSessionChange"),
          })
        }
        expect(await service.loadSessionState(session.id)).toMatchObject({ status: "open", version: 1 })
      })

      it("commits a change decided on the current version, and writes nothing for one decided on an older version", async () => {
        const session = await newSession()
        expect(await service.commitSessionChange(diffSessionChange(session, withLine(session, 29997))!)).toBe(true)
        // A second change decided on the same (now old) version loses the race: nothing of it is written.
        expect(await service.commitSessionChange(diffSessionChange(session, withLine(session, 100))!)).toBe(false)
        const stored = (await service.loadSessionState(session.id))!
        expect(stored.version).toBe(2)
        expect(stored.items.map((line) => line.unit_price)).toEqual([29997])
      })

      it("runs what is written first in the change's transaction, before its rows, and rolls the change back when that fails", async () => {
        const session = await newSession()
        const failing = async (transaction: any) => {
          await transaction.raw(`update cart_session set email = 'first@example.com' where id = ?`, [session.id])
          throw new Error("the key was taken")
        }
        await expect(service.commitSessionChange(diffSessionChange(session, withLine(session, 500))!, failing)).rejects.toThrow(
          "the key was taken"
        )
        // its own write went with the change's: one transaction
        expect(await service.loadSessionState(session.id)).toMatchObject({ version: 1, items: [], email: null })

        const seenInside: number[] = []
        const first = async (transaction: any) => {
          const { rows } = await transaction.raw(`select version from cart_session where id = ?`, [session.id])
          seenInside.push(rows[0].version)
        }
        expect(await service.commitSessionChange(diffSessionChange(session, withLine(session, 500))!, first)).toBe(true)
        expect(seenInside).toEqual([1]) // it ran before the change's rows
        expect((await service.loadSessionState(session.id))!.version).toBe(2)
      })

      it("rolls back what was written first when the session is no longer at the version: false, nothing written", async () => {
        const session = await newSession()
        await service.commitSessionChange(diffSessionChange(session, withLine(session, 100))!) // now at version 2
        const first = async (transaction: any) => {
          await transaction.raw(`update cart_session set email = 'first@example.com' where id = ?`, [session.id])
        }

        expect(await service.commitSessionChange(diffSessionChange(session, withLine(session, 500))!, first)).toBe(false)

        expect(await service.loadSessionState(session.id)).toMatchObject({ version: 2, email: null })
        expect((await service.loadSessionState(session.id))!.items.map((line) => line.unit_price)).toEqual([100])
      })

      it("stores big-number columns with the raw value the framework's BigNumber makes, which the generated reads return", async () => {
        const session = await newSession()
        await service.commitSessionChange(diffSessionChange(session, withLine(session, 333))!)
        const { rows } = await MikroOrmWrapper.getManager()
          .getKnex()
          .raw(`select raw_unit_price from cart_session_line_item where id = 'csitem_write_1'`)
        expect(rows[0].raw_unit_price).toEqual(new BigNumber(333).raw)
        const [line] = await service.listCartSessionLineItems({ id: "csitem_write_1" })
        expect(Number(line.unit_price)).toBe(333)
      })
    })
  },
})
