import { Client } from "pg"
import {
  connectToHostDatabase,
  countOrders,
  CouponSeats,
  couponSeats,
  discountedOrdersWithoutSeat,
  ordersWithAdjustmentsOf,
} from "../helpers/checkout-in-database"
import {
  HostDatabase,
  HostProcess,
  runMedusa,
  secondsSince,
  withLogsOf,
} from "../helpers/host-process"
import type { RunningStore, storeProcesses } from "../helpers/store-processes"
import {
  convertAndCheckOut,
  describeOutcome,
  isDiscountChangedTo,
  openSessionWithCode,
  Shopper,
  ShopperOutcome,
  shopWithCode,
} from "../helpers/shopper-over-http"
import { JsonResponse, requestJson, SendJson, StorefrontOverHttp } from "../helpers/storefront-over-http"
import { eventually } from "../helpers/wait"

// The crash test, run by coupon-usage-limit.spec.ts after its rounds, on
// the same store: two server processes and a worker (Redis) on one fresh database, 64
// shoppers converting and completing at once against a code limited to 10
// uses, and one server killed with SIGKILL in the middle of the burst, at the
// moment a complete it runs has claimed its cart's seat (so a seat is held by
// a request that will never finish): the test holds a lock on the host's order
// table until then, so every complete waits after its claim and before its
// order, and the moment cannot slip by. The shoppers reach the servers through a
// storefront that, like a load balancer, sends what was meant for the dead
// server to the survivor, and retries there what failed at the connection.
// What counts is what the database holds: seats, usage_count, orders and
// their adjustments. Then the release job runs (in a `medusa exec` of the
// host) with its clock where the test puts it: not yet, then past the
// session's lifetime and the claim's timeout; the seats that come back are
// taken by new shoppers up to exactly the limit. Everything it checks is its
// own code's and its own shoppers' (emails @crash.test), apart from the rounds'.

const SHOPPERS = 64
const USAGE_LIMIT = 10
const LATE_SHOPPERS = 12
const PROVIDER_ID = "checkout-discounts"
/**
 * How long the storefront keeps retrying a request that failed with the dead
 * server while the survivor answers that the dead one's lock on the cart is
 * still held: the host's cart locks of email, shipping method and payment
 * collection expire after 10 s; a complete's after 2 minutes (its retry waits
 * 30 s for it and then answers 409: the shopper gives up).
 */
const LOCK_RETRY_MS = 20_000
const LOCK_RETRY_PAUSE_MS = 500
/** Past the cart session's lifetime (7 days, the plugin's default) and a complete's claim (15 minutes). */
const PAST_EVERY_TIMEOUT_MS = (7 * 24 * 60 + 15 + 1) * 60_000

const sortedIds = (ids: (string | null)[]) => [...ids].sort()
const pathOf = (url: string) => new URL(url).pathname
/** The cart of a `POST /store/carts/:id/complete`. */
const cartOfComplete = (request: string) => /^POST \/store\/carts\/([^/]+)\/complete$/.exec(request)?.[1]
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A request that failed at the connection when the server died, and what the survivor answered its retries. */
type FailedRequest = { request: string; error: string; retries: number; answer: number }

/**
 * The survivor answering that the dead server's lock on a cart is still held:
 * the host's 409 for a conflict (the locking module's "Timed-out acquiring
 * lock", which the host's error handler words "The request conflicted with
 * another request…"), as opposed to the plugin's 409s, which carry codes of their own.
 */
const isLockHeld = (answer: JsonResponse) =>
  answer.status === 409 && answer.body?.type === "conflict" && answer.body?.code === "invalid_state_error"

/**
 * The shoppers' way to the two servers. A request goes where the shopper
 * sent it until that server is killed; from then on what is meant for it
 * goes to the other (a load balancer's health check), and a request that was
 * in flight on it fails at the connection and is retried on the survivor,
 * with a pause and again while the survivor answers that a lock of the dead
 * server is held, up to LOCK_RETRY_MS. The requests in flight on each server
 * are known, for choosing the moment and the server to kill.
 */
function storefrontOver(servers: HostProcess[]) {
  let victim: HostProcess | undefined
  let survivor: HostProcess | undefined
  const inFlight = new Set<{ server: HostProcess; request: string }>()
  const failed: FailedRequest[] = []
  let rerouted = 0

  const serverOf = (url: string) => servers.find((server) => url.startsWith(server.url))
  const onSurvivor = (url: string) => `${survivor!.url}${url.slice(victim!.url.length)}`
  const retryOnSurvivor = async (method: string, url: string, options: Parameters<SendJson>[2], failure: FailedRequest) => {
    const deadline = Date.now() + LOCK_RETRY_MS
    for (;;) {
      failure.retries++
      const answer = await requestJson(method, onSurvivor(url), options)
      failure.answer = answer.status
      if (!isLockHeld(answer) || Date.now() > deadline) {
        return answer
      }
      await pause(LOCK_RETRY_PAUSE_MS)
    }
  }

  const send: SendJson = async (method, url, options) => {
    const server = serverOf(url)
    if (!server) {
      return requestJson(method, url, options)
    }
    if (server === victim) {
      rerouted++
      return requestJson(method, onSurvivor(url), options)
    }
    const entry = { server, request: `${method} ${pathOf(url)}` }
    inFlight.add(entry)
    try {
      return await requestJson(method, url, options)
    } catch (error: any) {
      if (server !== victim) {
        throw error
      }
      const failure = { request: entry.request, error: String(error?.cause?.code ?? error?.message), retries: 0, answer: 0 }
      failed.push(failure)
      return await retryOnSurvivor(method, url, options, failure)
    } finally {
      inFlight.delete(entry)
    }
  }

  return {
    send,
    failed,
    rerouted: () => rerouted,
    inFlight: () => [...inFlight],
    /** SIGKILL to `server`; from now on its requests fail or go to the other. */
    kill: async (server: HostProcess) => {
      victim = server
      survivor = servers.find((other) => other !== server)
      await server.kill()
    },
  }
}

/**
 * The crash test's tests, on the store coupon-usage-limit.spec.ts starts for both (one database, the
 * same two servers and worker): it runs last there, since it kills one of the servers.
 */
export function serverCrashTests(shared: { store?: RunningStore }, { setup, commandEnv }: ReturnType<typeof storeProcesses>) {
  let database: HostDatabase
  let all: HostProcess[] = []
  let servers: HostProcess[] = []
  let shop: StorefrontOverHttp
  let db: Client | undefined
  const figures: Record<string, unknown> = {}

  beforeAll(() => {
    ;({ database, all, servers, shop, db } = shared.store!)
  })

  afterAll(() => {
    console.log(`[crash] ${setup}: ${JSON.stringify(figures)}`)
  })

  /**
   * The release of abandoned seats as the scheduled job runs it, in one
   * `medusa exec` of the host, as of each of `times` in turn: what each run
   * released and kept by orders.
   */
  async function releaseAbandonedSeatsAt(...times: Date[]) {
    const overrides = Object.fromEntries(Object.entries(commandEnv).filter(([, value]) => value !== undefined))
    const output = await runMedusa(
      ["exec", "./src/scripts/release-abandoned-coupon-seats.ts", ...times.map((time) => time.toISOString())],
      { ...database.env, ...overrides }
    )
    const runs = output
      .split("\n")
      .filter((line) => line.startsWith("released-abandoned-coupon-seats "))
      .map((line) => JSON.parse(line.slice(line.indexOf(" ") + 1)) as { released: string[]; kept_by_orders: string[] })
    if (runs.length !== times.length) {
      throw new Error(`the release script printed ${runs.length} results for ${times.length} times:\n${output.slice(-2000)}`)
    }
    return runs
  }

  it(
    `of ${SHOPPERS} shoppers checking out at once with a code limited to ${USAGE_LIMIT} uses, one server killed mid-burst: ` +
      `nothing is redeemed past the limit, no order carries the code without its seat, the survivor answers no 5xx, ` +
      `and the dead requests' seats come back once their claim times out, for exactly that many new shoppers`,
    () =>
      withLogsOf(all, async () => {
        const started = Date.now()
        const code = "CRASH10"
        const { coupon } = await shop.admin.post("/admin/coupons", {
          code,
          value_type: "percentage",
          value: 10,
          usage_limit: USAGE_LIMIT,
        })
        const couponId: string = coupon.id
        const storefront = storefrontOver(servers)
        const serverErrors: string[] = []
        const shopper = (index: number, phase: string, url: string): Shopper => ({
          url,
          publishableKey: shop.publishableKey,
          regionId: shop.regionId,
          variantId: shop.products[0].variantId,
          shippingOptionId: shop.shippingOptionId!,
          email: `${phase}${index}@crash.test`,
          code,
          request: storefront.send,
          onAnswer: (step, answer) => {
            if (answer.status >= 500) serverErrors.push(`${step} ${answer.status} ${JSON.stringify(answer.body)}`)
          },
        })
        const ofKind = <K extends ShopperOutcome["kind"]>(outcomes: ShopperOutcome[], kind: K) =>
          outcomes.filter((outcome): outcome is Extract<ShopperOutcome, { kind: K }> => outcome.kind === kind)

        // 1. Every session is opened with the code (half on each server), then all convert and check out at once.
        const shoppers = Array.from({ length: SHOPPERS }, (_, index) => shopper(index, "s", servers[index % 2].url))
        const opened = await Promise.all(shoppers.map(openSessionWithCode))
        expect(opened.filter((each) => "kind" in each).map((each) => describeOutcome(each as ShopperOutcome))).toEqual([])
        // The moment, made certain: until a server is killed the test holds a lock on the host's order table, so
        // every complete stops after claiming its cart's seat, before making its order.
        const ordersHeld = await connectToHostDatabase(database)
        let outcomes: ShopperOutcome[]
        let victim: HostProcess
        try {
          await ordersHeld.query(`begin`)
          await ordersHeld.query(`lock table "order" in share row exclusive mode`)
          const burstStarted = Date.now()
          const burst = Promise.all(
            opened.map((each, index) => ("kind" in each ? each : convertAndCheckOut(shoppers[index], each)))
          )

          // 2. The server of the first complete seen to have claimed its seat (waiting for the order table) is killed.
          const claimedInFlight = async () => {
            const completing = storefront
              .inFlight()
              .flatMap(({ server, request }) => (cartOfComplete(request) ? [{ server, cartId: cartOfComplete(request)! }] : []))
            if (!completing.length) return []
            const { rows } = await db!.query(
              `select cart_id from coupon_redemption
                where coupon_id = $1 and deleted_at is null and claimed_at is not null and cart_id = any($2)`,
              [couponId, completing.map((each) => each.cartId)]
            )
            return completing.filter((each) => rows.some((row) => row.cart_id === each.cartId))
          }
          const [first] = await eventually(claimedInFlight, (claimed) => claimed.length > 0, { timeoutMs: 120_000, intervalMs: 50 })
          victim = first.server
          const inFlightAtKill = storefront.inFlight().filter((entry) => entry.server === victim).map((entry) => entry.request)
          await storefront.kill(victim)
          await ordersHeld.query(`commit`)
          figures.killed = victim.name
          figures.killedAfterSeconds = secondsSince(burstStarted)
          figures.inFlightAtKill = inFlightAtKill

          outcomes = await burst
          figures.burstSeconds = secondsSince(burstStarted)
        } finally {
          await ordersHeld.end()
        }
        const survivor = servers.find((server) => server !== victim)!
        const orders = ofKind(outcomes, "order")
        const refusals = ofKind(outcomes, "refused")
        // A shopper whose complete died with its server retries it on the survivor, which waits 30 s for the dead one's lock on the cart
        // and answers 409: the shopper gives up, its seat claimed by a complete that will never finish.
        const blockedCarts = sortedIds(
          storefront.failed.filter((each) => each.answer === 409).flatMap((each) => cartOfComplete(each.request) ?? [])
        )
        const blocked = ofKind(outcomes, "unexpected").filter(
          (outcome) => outcome.step === "complete" && isLockHeld(outcome.answer)
        )
        figures.connectionFailures = storefront.failed
        figures.reroutedAfterKill = storefront.rerouted()
        expect({
          unexpected: ofKind(outcomes, "unexpected")
            .filter((outcome) => !blocked.includes(outcome))
            .map(describeOutcome),
          undocumentedRefusals: refusals
            .filter((refusal) => !isDiscountChangedTo(refusal.answer, code, "USAGE_LIMIT_REACHED"))
            .map(describeOutcome),
          serverErrors,
          everyShopperAccounted: orders.length + refusals.length + blocked.length,
          failedAtTheConnection: storefront.failed.length > 0,
          retriedToAnAnswer: storefront.failed.filter((each) => each.answer === 0).map((each) => each.request),
          blockedShoppers: blocked.length,
        }).toEqual({
          unexpected: [],
          undocumentedRefusals: [],
          serverErrors: [],
          everyShopperAccounted: SHOPPERS,
          failedAtTheConnection: true,
          retriedToAnAnswer: [],
          blockedShoppers: blockedCarts.length,
        })

        // 3. In the database: never past the limit, one seat per session at most, every discounted order has its seat.
        const emails = "s%@crash.test"
        const discounted = await ordersWithAdjustmentsOf(db!, PROVIDER_ID, emails)
        const seats = await couponSeats(db!, couponId)
        const sessionsWithTwoSeats = Object.entries(
          seats.live.reduce<Record<string, number>>((count, seat) => {
            const key = seat.cartSessionId ?? seat.id
            count[key] = (count[key] ?? 0) + 1
            return count
          }, {})
        ).filter(([, count]) => count > 1)
        expect({
          usageCount: seats.usageCount,
          liveSeats: seats.live.length,
          sessionsWithTwoSeats,
          discountedOrders: discounted.length <= USAGE_LIMIT,
          discountedOrdersWithoutSeat: await discountedOrdersWithoutSeat(db!, PROVIDER_ID, emails),
          ordersOfShoppers: sortedIds(orders.map((order) => order.orderId)).every((id) => discounted.some((order) => order.id === id)),
          seatsOfBlockedShoppers: blocked.length,
        }).toEqual({
          usageCount: USAGE_LIMIT,
          liveSeats: USAGE_LIMIT,
          sessionsWithTwoSeats: [],
          discountedOrders: true,
          discountedOrdersWithoutSeat: [],
          ordersOfShoppers: true,
          seatsOfBlockedShoppers: USAGE_LIMIT - orders.length,
        })
        // Every live seat is an order's once order.placed is handled, except those of the completes that died.
        const placedIds = sortedIds(orders.map((order) => order.orderId))
        const recorded = await eventually(
          () => couponSeats(db!, couponId),
          (current: CouponSeats) => placedIds.every((id) => current.live.some((seat) => seat.orderId === id)),
          { timeoutMs: 60_000, intervalMs: 250 }
        )
        const stuck = recorded.live.filter((seat) => !placedIds.includes(seat.orderId))
        // (claimed, or not yet when the complete died waiting for the cart's lock, before the plugin's hook ran).
        expect({
          carts: sortedIds(stuck.map((seat) => seat.cartId)),
          claimedByTheOneThatWasWaitedFor: stuck.some((seat) => seat.claimed),
        }).toEqual({ carts: blockedCarts, claimedByTheOneThatWasWaitedFor: true })
        figures.stuckSeats = stuck.map((seat) => (seat.claimed ? "claimed" : "unclaimed"))

        // 4. The release job with the real clock gives nothing back (the claims are fresh, the seats young); with the
        // clock past the session's lifetime and the claims' timeout, the dead completes' seats come back.
        const releasing = Date.now()
        const [notYet, later] = await releaseAbandonedSeatsAt(new Date(), new Date(Date.now() + PAST_EVERY_TIMEOUT_MS))
        figures.release = { released: later.released.length, keptByOrders: later.kept_by_orders.length, execSeconds: secondsSince(releasing) }
        expect({ released: notYet.released, kept: notYet.kept_by_orders }).toEqual({ released: [], kept: [] })
        expect({ released: sortedIds(later.released), kept: later.kept_by_orders }).toEqual({
          released: sortedIds(stuck.map((seat) => seat.id)),
          kept: [],
        })
        const afterRelease = await couponSeats(db!, couponId)
        expect({
          usageCount: afterRelease.usageCount,
          live: afterRelease.live.length,
          everyLiveSeatAnOrders: afterRelease.live.every((seat) => seat.orderId !== null),
          discountedOrdersWithoutSeat: await discountedOrdersWithoutSeat(db!, PROVIDER_ID, emails),
        }).toEqual({
          usageCount: USAGE_LIMIT - later.released.length,
          live: USAGE_LIMIT - later.released.length,
          everyLiveSeatAnOrders: true,
          discountedOrdersWithoutSeat: [],
        })

        // 5. New shoppers on the survivor take the seats that came back, and no more.
        const freed = later.released.length
        const lateOutcomes = await Promise.all(
          Array.from({ length: LATE_SHOPPERS }, (_, index) => shopWithCode(shopper(index, "late", survivor.url)))
        )
        const lateOrders = ofKind(lateOutcomes, "order")
        expect({
          unexpected: ofKind(lateOutcomes, "unexpected").map(describeOutcome),
          serverErrors,
          orders: lateOrders.length,
          refused: ofKind(lateOutcomes, "refused").length,
        }).toEqual({ unexpected: [], serverErrors: [], orders: freed, refused: LATE_SHOPPERS - freed })
        const everyone = "%@crash.test"
        const finalSeats = await eventually(
          () => couponSeats(db!, couponId),
          (current: CouponSeats) => lateOrders.every((order) => current.live.some((seat) => seat.orderId === order.orderId)),
          { timeoutMs: 60_000, intervalMs: 250 }
        )
        const finalDiscounted = await ordersWithAdjustmentsOf(db!, PROVIDER_ID, everyone)
        expect({
          usageCount: finalSeats.usageCount,
          live: finalSeats.live.length,
          discountedOrders: finalDiscounted.length,
          discountedOrdersWithoutSeat: await discountedOrdersWithoutSeat(db!, PROVIDER_ID, everyone),
        }).toEqual({ usageCount: USAGE_LIMIT, live: USAGE_LIMIT, discountedOrders: USAGE_LIMIT, discountedOrdersWithoutSeat: [] })

        figures.totalSeconds = secondsSince(started)
        console.log(
          `[crash] ${victim.name} killed ${figures.killedAfterSeconds} s into the burst with ${(figures.inFlightAtKill as string[]).length} requests in flight ` +
            `(${storefront.failed.length} failed at the connection and were retried on ${survivor.name}); ${orders.length} orders with ${code}, ` +
            `${refusals.length} refused, ${blocked.length} completes blocked by the dead server's lock; release: ${later.released.length} seats back, ` +
            `${later.kept_by_orders.length} kept by orders; ${lateOrders.length} of ${LATE_SHOPPERS} late shoppers got them; ` +
            `orders with the code: ${finalDiscounted.length} of ${(await countOrders(db!, everyone))} (${figures.totalSeconds} s)`
        )
      })
  )
}
