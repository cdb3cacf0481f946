import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { chunked } from "../../../lib/concurrency"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"
import { cartSessionService } from "../helpers/service"

export type FindCouponsHeldBySessionsStepInput = { coupon_ids: string[] }

export type HeldCoupons = {
  /** Coupons some session discount holds, by id or by code. */
  coupon_ids: string[]
  /** The codes of those coupons. */
  codes: string[]
}

/** Coupons per lookup: a bulk generation hands over up to 100,000 at once. */
const LOOKUP_CHUNK = 5_000

/**
 * Of the given coupons (deleted ones included), those a cart session discount
 * holds by coupon id or by code (ignoring case), on the discount rows'
 * indexes of both. Chunks are looked up one after another, so a batch of any
 * size uses one connection at a time.
 */
export const findCouponsHeldBySessionsStep = createStep(
  "find-coupons-held-by-sessions",
  async (input: FindCouponsHeldBySessionsStepInput, { container }) => {
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const sessions = cartSessionService(container)
    const held: HeldCoupons = { coupon_ids: [], codes: [] }

    for (const ids of chunked([...new Set(input.coupon_ids)], LOOKUP_CHUNK)) {
      const found = await coupons.listCoupons({ id: ids }, { select: ["id", "code"], withDeleted: true })
      const rows = await sessions.listHeldCoupons(
        ids,
        found.map((coupon) => coupon.code)
      )
      const heldIds = new Set(rows.map((row) => row.coupon_id))
      const heldCodes = new Set(rows.map((row) => row.code?.toLowerCase()))
      const codeOf = new Map(found.map((coupon) => [coupon.id, coupon.code]))
      for (const id of ids) {
        const code = codeOf.get(id)
        if (heldIds.has(id) || (code && heldCodes.has(code.toLowerCase()))) {
          held.coupon_ids.push(id)
          code && held.codes.push(code)
        }
      }
    }
    return new StepResponse(held)
  }
)
