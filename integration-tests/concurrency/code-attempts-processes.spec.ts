import {
  createHostDatabase,
  EnvOverrides,
  HostDatabase,
  HostProcess,
  startHostProcesses,
  STORE_ADMIN,
  withLogsOf,
} from "../helpers/host-process"
import { JsonResponse, requestJson, seedStorefrontOverHttp, StorefrontOverHttp } from "../helpers/storefront-over-http"

// README "Code guessing": the bounds on failed code attempts hold across
// server processes, because the count is the database's. Two `medusa start`
// processes of ./host, booted with the `codeAttempts` option, share one
// fresh database (no Redis: each process locks in memory, so only the
// database serializes); codes that do not exist are sent to both at once.

jest.setTimeout(300_000)

const PER_SESSION = 4
const PER_CLIENT = 6
const AT_ONCE = 16
const env: EnvOverrides = {
  REDIS_URL: undefined,
  REDIS_NAMESPACE: undefined,
  MEDUSA_WORKER_MODE: "shared",
  CHECKOUT_DISCOUNTS_CODE_ATTEMPTS: JSON.stringify({ perSession: PER_SESSION, perClient: PER_CLIENT, windowSeconds: 900 }),
}

describe("failed code attempts counted by two server processes of the host on one database", () => {
  let database: HostDatabase | undefined
  let servers: HostProcess[] = []
  let shop: StorefrontOverHttp

  beforeAll(async () => {
    database = await createHostDatabase("cd_code_attempts", env)
    servers = await startHostProcesses(database, [
      { name: "process A", command: "start", env },
      { name: "process B", command: "start", env },
    ])
    shop = await seedStorefrontOverHttp(servers[0].url, STORE_ADMIN, {
      products: [{ title: "Trail tent", merchant: "acme", usd: 299.97 }],
      coupons: [],
    })
  }, 600_000)

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()))
    await database?.drop()
  }, 120_000)

  /** A store call to one process, as an anonymous shopper at `address` (behind one proxy). */
  const store = (server: HostProcess, address: string, method: string, path: string, body?: unknown) =>
    requestJson(method, `${server.url}/store/cart-sessions${path}`, {
      body,
      headers: { "x-publishable-api-key": shop.publishableKey, "x-forwarded-for": address },
    })
  const createSession = async (address: string) => {
    const created = await store(servers[0], address, "POST", "", {
      items: [{ variant_id: shop.products[0].variantId, quantity: 1 }],
    })
    expect(created.status).toBe(201)
    return created.body.cart_session.id as string
  }
  const tally = (answers: JsonResponse[]) => {
    answers.forEach((answer) => {
      if (answer.status === 429) {
        expect(answer.body.code).toBe("CART_SESSION_CODE_ATTEMPTS_EXCEEDED")
      }
    })
    return { ok: answers.filter((answer) => answer.status === 200).length, refused: answers.filter((answer) => answer.status === 429).length }
  }

  it(`lets exactly ${PER_SESSION} codes that do not exist through for one session, ${AT_ONCE} sent to both processes at once`, () =>
    withLogsOf(servers, async () => {
      const session = await createSession("203.0.113.1")
      const answers = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, index) =>
          store(servers[index % 2], `203.0.113.${10 + index}`, "POST", `/${session}/coupons`, { code: `NOPE${index}`, validate_only: true })
        )
      )
      expect(tally(answers)).toEqual({ ok: PER_SESSION, refused: AT_ONCE - PER_SESSION })
    }))

  it(`lets exactly ${PER_CLIENT} codes that do not exist through for one address over many sessions, sent to both processes at once`, () =>
    withLogsOf(servers, async () => {
      const address = "198.51.100.77"
      const sessions = await Promise.all(Array.from({ length: AT_ONCE }, () => createSession(address)))
      const answers = await Promise.all(
        sessions.map((session, index) =>
          store(servers[index % 2], address, "POST", `/${session}/coupons`, { code: `GUESS${index}`, validate_only: true })
        )
      )
      expect(tally(answers)).toEqual({ ok: PER_CLIENT, refused: AT_ONCE - PER_CLIENT })
    }))
})
