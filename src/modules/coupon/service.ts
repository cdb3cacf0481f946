import { Context, FindConfig } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { CheckoutDiscountError } from "../../lib/errors"
import { ruleRegistryOf, type RuleRegistry, type StoreRuleAttribute } from "../../lib/coupon-rules"
import { parsePluginOptions } from "../../lib/plugin-options"
import { Coupon, CouponRedemption } from "./models"
import type { AutomaticCouponsFor, CouponCodeRepository, CouponListRepository, CouponSeatRepository, SeatHolder } from "./repositories"
import { countableFilters } from "./utils/list-filters"
import {
  CouponCandidate,
  CouponDTO,
  CouponEligibility,
  CouponEligibilityQuery,
  CouponRedemptionDTO,
  CouponSeat,
  CreateCouponInput,
  GenerateCouponsInput,
  RecordCouponRedemptionInput,
  ReleaseCouponRedemptionsOptions,
  SessionCoupons,
  SessionCouponsQuery,
  UpdateCouponInput,
} from "./types"
import {
  assertCouponCode,
  codeTakenViolation,
  COUPON_CODE_MAX_LENGTH,
  couponCodeKey,
  isCouponCode,
  RANDOM_ALPHABET_SIZE,
  randomCodeParts,
} from "./utils/code"
import { decideEligibility, pickCoupon } from "./utils/eligibility"
import { describeShopper, foldEmail, isShoppers, Shopper, shopperOf } from "./utils/shopper"

type InjectedDependencies = {
  couponCodeRepository: CouponCodeRepository
  couponSeatRepository: CouponSeatRepository
  couponListRepository: CouponListRepository
}

/** The rule lists are JSON columns, which the generated CRUD types as objects. */
type StoredCouponInput = Record<string, any>

/** Codes per insert statement of a bulk generation. */
const GENERATE_INSERT_CHUNK = 5_000
/** Rounds of drawing codes again for those already taken, before giving up on a crowded code space. */
const GENERATE_MAX_DRAWS = 10

/** How many sets of automatic coupons (one per merchant mix and currency of the sessions changed) are kept. */
const AUTOMATIC_SETS_KEPT = 64

type CodedInput = { code?: string; merchant_id?: string | null; currency_code?: string | null }

/**
 * Coupons and their redemptions. On top of the generated CRUD: code format
 * and the per-merchant case-insensitive uniqueness answered as plugin errors,
 * eligibility of codes, and usage counting serialized by row locks. The
 * SQL the generated CRUD cannot express is the repositories'.
 */
class CouponModuleService extends MedusaService({ Coupon, CouponRedemption }) {
  protected readonly codes_: CouponCodeRepository
  protected readonly seats_: CouponSeatRepository
  protected readonly lists_: CouponListRepository
  protected readonly ruleAttributes_: readonly StoreRuleAttribute[]
  /** Sets of automatic coupons as read, by fingerprint (see `automaticCoupons_`). */
  private readonly automaticByFingerprint_ = new Map<string, CouponCandidate[]>()

  constructor(container: InjectedDependencies, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.codes_ = container.couponCodeRepository
    this.seats_ = container.couponSeatRepository
    this.lists_ = container.couponListRepository
    this.ruleAttributes_ = parsePluginOptions(options).ruleAttributes
  }

  /** The rule attributes this store knows (docs/coupon-rules.md): the built-ins and its own. */
  getRuleRegistry(): RuleRegistry {
    return ruleRegistryOf(this.ruleAttributes_)
  }

  /** The store's own attributes as declared in the plugin options, with their resolvers. */
  getStoreRuleAttributes(): readonly StoreRuleAttribute[] {
    return this.ruleAttributes_
  }

  // @ts-expect-error the generated CRUD types createCoupons as a property; overriding it is intended
  createCoupons(data: CreateCouponInput, sharedContext?: Context): Promise<CouponDTO>
  // @ts-expect-error the rule lists are arrays in a JSON column, which the generated CRUD types as an object
  createCoupons(data: CreateCouponInput[], sharedContext?: Context): Promise<CouponDTO[]>
  /** As generated, plus `COUPON_CODE_INVALID_FORMAT` and `COUPON_CODE_TAKEN` (from the index). */
  @InjectTransactionManager()
  // @ts-expect-error as above
  async createCoupons(
    data: CreateCouponInput | CreateCouponInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CouponDTO | CouponDTO[]> {
    const input = (Array.isArray(data) ? data : [data]).map(normalizeCouponInput)
    input.forEach((coupon) => assertCouponCode(coupon.code))
    const created = await super.createCoupons(input as StoredCouponInput[], sharedContext)
    await flushCodes(input, sharedContext)
    return Array.isArray(data) ? created : created[0]
  }

  /**
   * `count` coupons with the template's terms and the codes `prefix` + `length` random upper-case
   * letters and digits, none used by a live coupon of the scope (ignoring case), in one transaction:
   * all or none. The codes are drawn in bulk and inserted GENERATE_INSERT_CHUNK to a statement
   * (`insert … on conflict do nothing returning`); only those the database finds taken are drawn again.
   * The template is the caller's to validate (terms and rules); the codes' shape is checked here.
   */
  @InjectTransactionManager()
  async generateCoupons(
    input: GenerateCouponsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; code: string }[]> {
    const { prefix, count, length } = input
    if (prefix.length + length > COUPON_CODE_MAX_LENGTH) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Field 'length' leaves no room: prefix (${prefix.length}) + length (${length}) must be at most ${COUPON_CODE_MAX_LENGTH}`
      )
    }
    assertCouponCode(prefix + "X".repeat(length), "prefix")
    const tooShort = () =>
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Field 'length' is too short: cannot find ${count} unused codes of ${length} random characters after "${prefix}"`
      )
    if (RANDOM_ALPHABET_SIZE ** length < count * 2) {
      throw tooShort()
    }
    const template = normalizeCouponInput(input.template)
    const created: { id: string; code: string }[] = []
    // Lower-cased codes inserted or found taken: never drawn again.
    const seen = new Set<string>()
    for (let draw = 0; draw < GENERATE_MAX_DRAWS && created.length < count; draw++) {
      if (RANDOM_ALPHABET_SIZE ** length - seen.size < count - created.length) {
        // Every code left has been tried: drawing more would never end.
        break
      }
      const candidates: string[] = []
      while (created.length + candidates.length < count) {
        for (const part of randomCodeParts(count - created.length - candidates.length, length)) {
          const code = prefix + part
          if (!seen.has(code.toLowerCase())) {
            seen.add(code.toLowerCase())
            candidates.push(code)
          }
        }
      }
      for (let start = 0; start < candidates.length; start += GENERATE_INSERT_CHUNK) {
        created.push(...(await this.codes_.insertGenerated(template, candidates.slice(start, start + GENERATE_INSERT_CHUNK), sharedContext)))
      }
    }
    if (created.length < count) {
      throw tooShort()
    }
    return created
  }

  /** Deletes the coupons a bulk generation created (its compensation), in one statement. */
  @InjectTransactionManager()
  async deleteGeneratedCoupons(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (ids.length) {
      await this.codes_.deleteGenerated(ids, sharedContext)
    }
  }

  /**
   * As generated (the admin list, `query.graph` with pagination, calls it), but without counting every
   * match: a page shorter than asked tells the count; else it is exact up to EXACT_COUNT_LIMIT and the
   * planner's estimate past it (lib/list-count.ts). An order by `created_at` alone is broken
   * by id in the same direction, so a page is stable when coupons share a time (a bulk generation's)
   * and the list reads the index on (created_at, id). A search (`q`) in that order that matches at most
   * EXACT_COUNT_LIMIT coupons finds them all first, then its page (repositories/coupon-list.ts, `searchPage`).
   */
  @InjectManager()
  // @ts-expect-error the generated CRUD types listAndCountCoupons as a property; overriding it is intended
  async listAndCountCoupons(
    filters: Record<string, unknown> = {},
    config: FindConfig<CouponDTO> = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[CouponDTO[], number]> {
    const order = config.order as Record<string, string> | undefined
    const orderKeys = Object.keys(order ?? {})
    const ordered = orderKeys.length === 1 && orderKeys[0] === "created_at" ? { ...order, id: order!.created_at } : order
    const listConfig = { ...config, order: ordered } as FindConfig<CouponDTO>
    // The host's list takes `q` out of the filters it is given: each read gets a copy.
    const countable = countableFilters({ ...filters })
    if (!countable) {
      return (await super.listAndCountCoupons({ ...filters } as any, listConfig as any, sharedContext)) as unknown as [CouponDTO[], number]
    }
    const skip = config.skip ?? 0
    const direction = ordered?.created_at
    const searched =
      countable.q?.trim() && config.take != null && typeof direction === "string" && ordered!.id === direction && Object.keys(ordered!).length === 2
        ? await this.lists_.searchPage(
            countable,
            !!config.withDeleted,
            { skip, take: config.take, direction: direction.toLowerCase() === "asc" ? "asc" : "desc" },
            sharedContext
          )
        : null
    if (searched?.ids) {
      const { skip: _skip, take: _take, ...pageConfig } = listConfig
      const rows = searched.ids.length
        ? ((await this.listCoupons({ id: searched.ids } as any, pageConfig as any, sharedContext)) as unknown as CouponDTO[])
        : []
      return [rows, searched.count]
    }
    const rows = (await this.listCoupons({ ...filters } as any, listConfig as any, sharedContext)) as unknown as CouponDTO[]
    if (config.take == null || (rows.length < config.take && (rows.length > 0 || skip === 0))) {
      return [rows, skip + rows.length]
    }
    // A broad search already counted past EXACT_COUNT_LIMIT (searchPage): its estimate, not a second count.
    const count = searched ? searched.count : (await this.lists_.countListed(countable, !!config.withDeleted, sharedContext)).count
    return [rows, count]
  }

  // @ts-expect-error the generated CRUD types updateCoupons as a property; overriding it is intended
  updateCoupons(data: UpdateCouponInput, sharedContext?: Context): Promise<CouponDTO>
  // @ts-expect-error the rule lists are arrays in a JSON column, which the generated CRUD types as an object
  updateCoupons(data: UpdateCouponInput[], sharedContext?: Context): Promise<CouponDTO[]>
  /** By id only; as `createCoupons` for a changed code or merchant. */
  @InjectTransactionManager()
  // @ts-expect-error as above
  async updateCoupons(
    data: UpdateCouponInput | UpdateCouponInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CouponDTO | CouponDTO[]> {
    const input = (Array.isArray(data) ? data : [data]).map(normalizeCouponInput)
    input.forEach((coupon) => coupon.code !== undefined && assertCouponCode(coupon.code))
    const updated = await super.updateCoupons(input as StoredCouponInput[], sharedContext)
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
    return await this.codes_.findTakenCodes(codes, merchantId, sharedContext)
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
    return (await this.checkCoupons_(query, null, sharedContext)).codes
  }

  /**
   * As `checkEligibility` for a session's codes, and in the same statements
   * every live automatic coupon (docs/coupon-rules.md) with its verdict for
   * the shopper: its dates, usage and per-customer limits. An automatic
   * coupon among the codes is answered as a code only.
   */
  @InjectManager()
  async checkSessionCoupons(
    query: SessionCouponsQuery,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SessionCoupons> {
    return await this.checkCoupons_(query, { at: query.at ?? new Date(), ...query.automatic_for }, sharedContext)
  }

  private async checkCoupons_(
    query: CouponEligibilityQuery,
    automaticFor: AutomaticCouponsFor | null,
    sharedContext: Context
  ): Promise<SessionCoupons> {
    const at = automaticFor?.at ?? query.at ?? new Date()
    const asked = query.codes.map((entry) =>
      typeof entry === "string"
        ? { code: entry, merchant_id: query.merchant_id ?? null }
        : { code: entry.code, merchant_id: entry.merchant_id ?? query.merchant_id ?? null }
    )
    const wanted = [...new Set(asked.map((entry) => entry.code.trim().toLowerCase()).filter(isCouponCode))]
    const found = await this.codes_.findCandidates(wanted, automaticFor, sharedContext)
    const automaticCoupons = automaticFor ? await this.automaticCoupons_(automaticFor, found.automatic_fingerprint!, sharedContext) : []
    const candidates = [...found.codes, ...automaticCoupons]
    const customerUses = await this.countShopperRedemptions_(candidates, shopperOf(query), sharedContext)
    const ownSeats = await this.countOwnSeatsAtLimit_(candidates, customerUses, query.cart_session_id, sharedContext)
    const codes = asked.map((entry) => {
      const choice = pickCoupon(entry.code.trim(), candidates, entry.merchant_id)
      return decideEligibility(entry.code, choice, { at, customerUses, ownSeats })
    })
    const answered = new Set(codes.map((code) => code.coupon?.id))
    const automatic = automaticCoupons
      .filter((coupon) => !answered.has(coupon.id))
      .map((coupon) => decideEligibility(coupon.code, { coupon }, { at, customerUses, ownSeats }))
    return { codes, automatic }
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
    const coupons = await this.seats_.lockCoupons(inputs.map((input) => input.coupon_id), sharedContext)
    const seatsTaken = new Map<string, number>()
    const results: (CouponRedemptionDTO | RecordCouponRedemptionInput)[] = []

    for (const input of inputs) {
      const coupon = coupons.get(input.coupon_id)
      if (!coupon) {
        throw new CheckoutDiscountError("COUPON_NOT_FOUND", `Coupon ${input.coupon_id} was not found`)
      }
      const existing = await this.seats_.findHeldSeat(coupon.id, holderOf(input), sharedContext)
      if (existing) {
        results.push(await this.retrieveCouponRedemption(existing, {}, sharedContext))
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
        const used = (await this.seats_.countShopperSeats([coupon.id], shopper, sharedContext)).get(coupon.id) ?? 0
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
    await this.seats_.addUsage(seatsTaken, sharedContext)
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
    await this.seats_.lockCoupons(await this.seats_.couponIdsOfSeats(ids, sharedContext), sharedContext)
    // Re-read under the lock: a concurrent release (or claim) may have come first.
    const released = await this.seats_.releaseSeats(ids, options, sharedContext)
    const seatsByCoupon = new Map<string, number>()
    released.forEach((row) => seatsByCoupon.set(row.coupon_id, (seatsByCoupon.get(row.coupon_id) ?? 0) + 1))
    await this.seats_.removeUsage(seatsByCoupon, sharedContext)
    return released.map((row) => row.id)
  }

  /** The live seats a cart session took at convert now belong to its host cart. Returns their ids. */
  @InjectTransactionManager()
  async moveSeatsToCart(
    cartSessionId: string,
    cartId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return await this.seats_.moveSeatsToCart(cartSessionId, cartId, sharedContext)
  }

  /**
   * Marks the live seats of a cart as being completed, in one statement, so
   * the release of abandoned seats (which skips claimed ones) cannot give
   * them back while the order is made. Returns the seats claimed.
   */
  @InjectTransactionManager()
  async claimCartSeats(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<CouponSeat[]> {
    return await this.seats_.claimCartSeats(cartId, sharedContext)
  }

  /** Undoes `claimCartSeats` for seats that no order kept (a complete that failed). */
  @InjectTransactionManager()
  async unclaimSeats(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!ids.length) {
      return
    }
    await this.seats_.unclaimSeats(ids, sharedContext)
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
    return await this.seats_.moveSeatsToOrder(cartId, orderId, sharedContext)
  }

  /**
   * Live seats no order kept that were taken before `held_before` (their
   * cart session's lifetime is over) and that no complete is running for
   * (unclaimed, or claimed before `claimed_before`): at most `limit`, oldest first.
   */
  @InjectManager()
  async listAbandonedSeats(
    query: { held_before: Date; claimed_before: Date; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; cart_session_id: string | null; cart_id: string | null }[]> {
    return await this.seats_.listAbandonedSeats(query, sharedContext)
  }

  /**
   * The live automatic coupons a session may meet. A store may run many, and every change of every
   * session needs them: the set read last is kept by its fingerprint, which the change's first
   * statement reads from the database with the codes; only when the fingerprint is new (a coupon was
   * created, edited, deleted, started, ended or took a seat) are they read again, with their
   * fingerprint in the same statement. The database decides what is current; this only saves the
   * transfer.
   */
  private async automaticCoupons_(
    automaticFor: AutomaticCouponsFor,
    fingerprint: string,
    sharedContext: Context
  ): Promise<CouponCandidate[]> {
    const known = this.automaticByFingerprint_.get(fingerprint)
    if (known) {
      return known
    }
    const read = await this.codes_.automaticCoupons(automaticFor, sharedContext)
    this.automaticByFingerprint_.set(read.fingerprint, read.coupons)
    if (this.automaticByFingerprint_.size > AUTOMATIC_SETS_KEPT) {
      this.automaticByFingerprint_.delete(this.automaticByFingerprint_.keys().next().value!)
    }
    return read.coupons
  }

  /**
   * The seats the asking session already holds of the coupons at a limit (a convert that died after
   * taking them): read only when some coupon is at its usage or the shopper's limit, so a change
   * reads nothing more otherwise.
   */
  private async countOwnSeatsAtLimit_(
    coupons: CouponCandidate[],
    customerUses: Map<string, number>,
    cartSessionId: string | null | undefined,
    sharedContext: Context
  ): Promise<Map<string, number>> {
    const atLimit = coupons.filter(
      (coupon) =>
        (coupon.usage_limit !== null && coupon.usage_count >= coupon.usage_limit) ||
        (coupon.usage_limit_per_customer !== null && (customerUses.get(coupon.id) ?? 0) >= coupon.usage_limit_per_customer)
    )
    if (!cartSessionId || !atLimit.length) {
      return new Map()
    }
    return await this.seats_.countSessionSeats([...new Set(atLimit.map((coupon) => coupon.id))], cartSessionId, sharedContext)
  }

  private async countShopperRedemptions_(
    coupons: CouponCandidate[],
    shopper: Shopper | null,
    sharedContext: Context
  ): Promise<Map<string, number>> {
    const limited = coupons.filter((coupon) => coupon.usage_limit_per_customer !== null)
    if (!shopper || !limited.length) {
      return new Map()
    }
    return await this.seats_.countShopperSeats(limited.map((coupon) => coupon.id), shopper, sharedContext)
  }
}

/** Who holds a seat, as the redemption is looked up: its order, else its cart, else its cart session. */
function holderOf(input: RecordCouponRedemptionInput): SeatHolder {
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
