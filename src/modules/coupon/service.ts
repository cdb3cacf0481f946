import { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { CheckoutDiscountError } from "../../lib/errors"
import { Coupon, CouponRedemption } from "./models"
import {
  CouponDTO,
  CouponEligibility,
  CouponEligibilityQuery,
  CouponRedemptionDTO,
  CouponSeat,
  CreateCouponInput,
  RecordCouponRedemptionInput,
  ReleaseCouponRedemptionsOptions,
  UpdateCouponInput,
} from "./types"
import { assertCouponCode, codeTakenViolation, couponCodeKey, isCouponCode } from "./utils/code"
import { decideEligibility, pickCoupon } from "./utils/eligibility"
import { describeShopper, foldEmail, isShoppers, Shopper, shopperOf } from "./utils/shopper"
import { countShopperRedemptions, lockCoupons, readKnex, transactionKnex } from "./utils/sql"

type CodedInput = { code?: string; merchant_id?: string | null; currency_code?: string | null }

/**
 * Coupons and their redemptions. On top of the generated CRUD: code format
 * and the per-merchant case-insensitive uniqueness answered as plugin errors,
 * eligibility of codes, and usage counting serialized by row locks.
 */
class CouponModuleService extends MedusaService({ Coupon, CouponRedemption }) {
  // @ts-expect-error the generated CRUD types createCoupons as a property; overriding it is intended
  createCoupons(data: CreateCouponInput, sharedContext?: Context): Promise<CouponDTO>
  createCoupons(data: CreateCouponInput[], sharedContext?: Context): Promise<CouponDTO[]>
  /** As generated, plus `COUPON_CODE_INVALID_FORMAT` and `COUPON_CODE_TAKEN` (from the index). */
  @InjectTransactionManager()
  async createCoupons(
    data: CreateCouponInput | CreateCouponInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CouponDTO | CouponDTO[]> {
    const input = (Array.isArray(data) ? data : [data]).map(normalizeCouponInput)
    input.forEach((coupon) => assertCouponCode(coupon.code))
    const created = await super.createCoupons(input, sharedContext)
    await flushCodes(input, sharedContext)
    return Array.isArray(data) ? created : created[0]
  }

  // @ts-expect-error the generated CRUD types updateCoupons as a property; overriding it is intended
  updateCoupons(data: UpdateCouponInput, sharedContext?: Context): Promise<CouponDTO>
  updateCoupons(data: UpdateCouponInput[], sharedContext?: Context): Promise<CouponDTO[]>
  /** By id only; as `createCoupons` for a changed code or merchant. */
  @InjectTransactionManager()
  async updateCoupons(
    data: UpdateCouponInput | UpdateCouponInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CouponDTO | CouponDTO[]> {
    const input = (Array.isArray(data) ? data : [data]).map(normalizeCouponInput)
    input.forEach((coupon) => coupon.code !== undefined && assertCouponCode(coupon.code))
    const updated = await super.updateCoupons(input, sharedContext)
    await flushCodes(input, sharedContext)
    return Array.isArray(data) ? updated : updated[0]
  }

  /** The lower-cased codes among `codes` that live coupons of the scope already use. */
  @InjectManager()
  async findTakenCodes(
    codes: string[],
    merchantId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Set<string>> {
    if (!codes.length) {
      return new Set()
    }
    const rows: { code: string }[] = await readKnex(sharedContext)("coupon")
      .select("code")
      .whereRaw("lower(code) = any(?)", [codes.map((code) => code.toLowerCase())])
      .whereRaw("coalesce(merchant_id, '') = ?", [merchantId ?? ""])
      .whereNull("deleted_at")
    return new Set(rows.map((row) => row.code.toLowerCase()))
  }

  /**
   * Each code's status (docs/statuses.md) at `at` for the shopper (their
   * customer id and email, see `Shopper`), with the coupon's pricing terms.
   * Codes match case-insensitively; a code may name the
   * merchant it is meant for (else `merchant_id` of the query): that
   * merchant's own coupon is preferred over a store-wide one. One query for
   * every code, whatever their merchants.
   */
  @InjectManager()
  async checkEligibility(
    query: CouponEligibilityQuery,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CouponEligibility[]> {
    const at = query.at ?? new Date()
    const asked = query.codes.map((entry) =>
      typeof entry === "string"
        ? { code: entry, merchant_id: query.merchant_id ?? null }
        : { code: entry.code, merchant_id: entry.merchant_id ?? query.merchant_id ?? null }
    )
    const wanted = [...new Set(asked.map((entry) => entry.code.trim().toLowerCase()).filter(isCouponCode))]
    const idRows: { id: string }[] = wanted.length
      ? await readKnex(sharedContext)("coupon")
          .select("id")
          .whereRaw("lower(code) = any(?)", [wanted])
          .whereNull("deleted_at")
      : []
    const candidates = idRows.length
      ? await this.listCoupons({ id: idRows.map((row) => row.id) }, {}, sharedContext)
      : []
    const customerUses = await this.countShopperRedemptions_(candidates, shopperOf(query), sharedContext)
    return asked.map((entry) => {
      const choice = pickCoupon(entry.code.trim(), candidates, entry.merchant_id)
      return decideEligibility(entry.code, choice, { at, customerUses })
    })
  }

  /**
   * Takes one seat of each coupon per input, all or nothing: locks the coupon
   * rows, re-checks the usage limits under the lock, writes the redemptions
   * and moves `usage_count` in the same transaction. `usage_limit_per_customer`
   * counts the live redemptions of the input's shopper (its customer, or its
   * email, either matching); an input with neither is not limited by it.
   * Emails are stored trimmed and lower-cased. Recording the same
   * holder (the order, else the cart, else the cart session) for a coupon
   * twice returns the first redemption instead of taking a second seat.
   */
  @InjectTransactionManager()
  async recordRedemptions(
    inputs: RecordCouponRedemptionInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CouponRedemptionDTO[]> {
    inputs.forEach(assertRedemptionInput)
    const knex = transactionKnex(sharedContext, "recordRedemptions")
    const coupons = await lockCoupons(knex, inputs.map((input) => input.coupon_id))
    const seatsTaken = new Map<string, number>()
    const results: (CouponRedemptionDTO | RecordCouponRedemptionInput)[] = []

    for (const input of inputs) {
      const coupon = coupons.get(input.coupon_id)
      if (!coupon) {
        throw new CheckoutDiscountError("COUPON_NOT_FOUND", `Coupon ${input.coupon_id} was not found`)
      }
      const existing = await knex("coupon_redemption")
        .select("id")
        .where("coupon_id", coupon.id)
        .where(holderOf(input))
        .whereNull("deleted_at")
        .first()
      if (existing) {
        results.push(await this.retrieveCouponRedemption(existing.id, {}, sharedContext))
        continue
      }
      const seats = (seatsTaken.get(coupon.id) ?? 0) + 1
      if (coupon.usage_limit !== null && coupon.usage_count + seats > coupon.usage_limit) {
        throw new CheckoutDiscountError(
          "COUPON_USAGE_LIMIT_REACHED",
          `Coupon code "${coupon.code}" has reached its usage limit of ${coupon.usage_limit}`
        )
      }
      const shopper = shopperOf(input)
      if (shopper && coupon.usage_limit_per_customer !== null) {
        const used = (await countShopperRedemptions(knex, [coupon.id], shopper)).get(coupon.id) ?? 0
        const takenNow = results.filter(
          (other) => !("id" in other) && other.coupon_id === coupon.id && isShoppers(shopper, other)
        ).length
        if (used + takenNow + 1 > coupon.usage_limit_per_customer) {
          throw new CheckoutDiscountError(
            "COUPON_CUSTOMER_LIMIT_REACHED",
            `${describeShopper(shopper)} has used coupon code "${coupon.code}" the most times allowed (${coupon.usage_limit_per_customer})`
          )
        }
      }
      seatsTaken.set(coupon.id, seats)
      results.push(input)
    }

    const toCreate = results.filter((result): result is RecordCouponRedemptionInput => !("id" in result))
    const created = await this.createCouponRedemptions(
      toCreate.map((input) => ({
        ...input,
        currency_code: input.currency_code.toLowerCase(),
        email: foldEmail(input.email),
      })),
      sharedContext
    )
    for (const [couponId, seats] of seatsTaken) {
      await knex("coupon")
        .where("id", couponId)
        .update({ usage_count: knex.raw("usage_count + ?", [seats]), updated_at: knex.fn.now() })
    }
    const createdQueue = [...created]
    return results.map((result) => ("id" in result ? result : createdQueue.shift()!))
  }

  /**
   * Gives back the seats of the given redemptions (soft-deletes them and
   * lowers `usage_count`) under the same locks as `recordRedemptions`.
   * Redemptions already released (or unknown) are skipped, so a repeated or
   * concurrent release gives a seat back once. With `unclaimed_only`, seats
   * whose cart is being completed (claimed after `claimed_before`, or at all
   * without it) and seats of an order are kept. Returns the ids released now.
   */
  @InjectTransactionManager()
  async releaseRedemptions(
    ids: string[],
    options: ReleaseCouponRedemptionsOptions = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!ids.length) {
      return []
    }
    const knex = transactionKnex(sharedContext, "releaseRedemptions")
    const candidates: { coupon_id: string }[] = await knex("coupon_redemption")
      .select("coupon_id")
      .whereIn("id", ids)
      .whereNull("deleted_at")
    await lockCoupons(knex, candidates.map((row) => row.coupon_id))
    // Re-read under the lock: a concurrent release (or claim) may have come first.
    const releasable = knex("coupon_redemption").whereIn("id", ids).whereNull("deleted_at")
    if (options.unclaimed_only) {
      releasable.whereNull("order_id").where((where) => {
        where.whereNull("claimed_at")
        if (options.claimed_before) {
          where.orWhere("claimed_at", "<", options.claimed_before)
        }
      })
    }
    const released: { id: string; coupon_id: string }[] = await releasable
      .update({ deleted_at: knex.fn.now(), updated_at: knex.fn.now() })
      .returning(["id", "coupon_id"])
    const seatsByCoupon = new Map<string, number>()
    released.forEach((row) => seatsByCoupon.set(row.coupon_id, (seatsByCoupon.get(row.coupon_id) ?? 0) + 1))
    for (const [couponId, seats] of seatsByCoupon) {
      await knex("coupon")
        .where("id", couponId)
        .update({ usage_count: knex.raw("greatest(usage_count - ?, 0)", [seats]), updated_at: knex.fn.now() })
    }
    return released.map((row) => row.id)
  }

  /** The live seats a cart session took at convert now belong to its host cart. Returns their ids. */
  @InjectTransactionManager()
  async moveSeatsToCart(
    cartSessionId: string,
    cartId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const knex = transactionKnex(sharedContext, "moveSeatsToCart")
    const rows: { id: string }[] = await knex("coupon_redemption")
      .where("cart_session_id", cartSessionId)
      .whereNull("deleted_at")
      .update({ cart_id: cartId, updated_at: knex.fn.now() })
      .returning("id")
    return rows.map((row) => row.id)
  }

  /**
   * Marks the live seats of a cart as being completed, in one statement, so
   * the release of abandoned seats (which skips claimed ones) cannot give
   * them back while the order is made. Returns the seats claimed.
   */
  @InjectTransactionManager()
  async claimCartSeats(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<CouponSeat[]> {
    const knex = transactionKnex(sharedContext, "claimCartSeats")
    return await knex("coupon_redemption")
      .where("cart_id", cartId)
      .whereNull("deleted_at")
      .update({ claimed_at: knex.fn.now(), updated_at: knex.fn.now() })
      .returning(["id", "coupon_id", "order_id"])
  }

  /** Undoes `claimCartSeats` for seats that no order kept (a complete that failed). */
  @InjectTransactionManager()
  async unclaimSeats(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!ids.length) {
      return
    }
    const knex = transactionKnex(sharedContext, "unclaimSeats")
    await knex("coupon_redemption")
      .whereIn("id", ids)
      .whereNull("order_id")
      .update({ claimed_at: null, updated_at: knex.fn.now() })
  }

  /**
   * The live seats of a cart now belong to the order placed from it. Seats
   * already given to this order count too, so a repeated call (an event
   * delivered twice) changes nothing. Returns the ids of the order's seats.
   */
  @InjectTransactionManager()
  async moveSeatsToOrder(
    cartId: string,
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const knex = transactionKnex(sharedContext, "moveSeatsToOrder")
    await knex("coupon_redemption")
      .where("cart_id", cartId)
      .whereNull("deleted_at")
      .whereNull("order_id")
      .update({ order_id: orderId, updated_at: knex.fn.now() })
    const rows: { id: string }[] = await knex("coupon_redemption")
      .select("id")
      .where("order_id", orderId)
      .whereNull("deleted_at")
    return rows.map((row) => row.id)
  }

  /**
   * Live seats no order kept that were taken before `held_before` (their
   * cart session's lifetime is over) and that no complete is running for
   * (unclaimed, or claimed before `claimed_before`): at most `limit`, oldest first.
   */
  @InjectManager()
  async listAbandonedSeats(
    { held_before, claimed_before, limit }: { held_before: Date; claimed_before: Date; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; cart_session_id: string | null; cart_id: string | null }[]> {
    return await readKnex(sharedContext)("coupon_redemption")
      .select("id", "cart_session_id", "cart_id")
      .whereNull("deleted_at")
      .whereNull("order_id")
      .where("created_at", "<=", held_before)
      .where((where) => where.whereNull("claimed_at").orWhere("claimed_at", "<", claimed_before))
      .orderBy("created_at")
      .limit(limit)
  }

  private async countShopperRedemptions_(
    coupons: CouponDTO[],
    shopper: Shopper | null,
    sharedContext: Context
  ): Promise<Map<string, number>> {
    const limited = coupons.filter((coupon) => coupon.usage_limit_per_customer !== null)
    if (!shopper || !limited.length) {
      return new Map()
    }
    return await countShopperRedemptions(readKnex(sharedContext), limited.map((coupon) => coupon.id), shopper)
  }
}

/** Who holds a seat, as the redemption is looked up: its order, else its cart, else its cart session. */
function holderOf(input: RecordCouponRedemptionInput): Record<string, string> {
  if (input.order_id) {
    return { order_id: input.order_id }
  }
  return input.cart_id ? { cart_id: input.cart_id } : { cart_session_id: input.cart_session_id! }
}

function normalizeCouponInput<T extends CodedInput>(input: T): T {
  return input.currency_code ? { ...input, currency_code: input.currency_code.toLowerCase() } : input
}

function assertRedemptionInput(input: RecordCouponRedemptionInput) {
  if (!input.cart_session_id && !input.cart_id && !input.order_id) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `A redemption of coupon ${input.coupon_id} needs a cart_session_id, a cart_id or an order_id`
    )
  }
  if (!(input.amount >= 0)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The amount of a redemption must be zero or more, got ${input.amount}`
    )
  }
}

/**
 * Writes the pending changes now, so a code taken by another coupon of the
 * same scope (the unique index; race-safe) is reported as COUPON_CODE_TAKEN
 * naming the code, instead of the host's generic duplicate message.
 */
async function flushCodes(input: CodedInput[], sharedContext: Context) {
  try {
    await (sharedContext.transactionManager as SqlEntityManager).flush()
  } catch (error) {
    const taken = codeTakenViolation(error)
    if (!taken) {
      throw error
    }
    const key = couponCodeKey(taken.code, taken.merchant_id)
    const asTyped =
      input.find((coupon) => coupon.code && couponCodeKey(coupon.code, coupon.merchant_id) === key)?.code ??
      input.find((coupon) => coupon.code?.toLowerCase() === taken.code)?.code ??
      taken.code
    const scope = taken.merchant_id ? `for merchant "${taken.merchant_id}"` : "store-wide"
    throw new CheckoutDiscountError(
      "COUPON_CODE_TAKEN",
      `Coupon code "${asTyped}" is already taken ${scope} (codes are compared ignoring case)`
    )
  }
}

export default CouponModuleService
