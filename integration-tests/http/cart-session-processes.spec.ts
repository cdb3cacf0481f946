import {
  copyHostDatabase,
  createHostDatabase,
  EnvOverrides,
  HostDatabase,
  HostProcess,
  secondsSince,
  startHostProcesses,
  STORE_ADMIN,
  withLogsOf,
} from "../helpers/host-process"
import { needs } from "../helpers/prerequisites"
import { deleteRedisKeysContaining, redactedRedisUrl, redisProblem } from "../helpers/redis"
import {
  JsonResponse,
  requestJson,
  SeededProduct,
  seedStorefrontOverHttp,
  StorefrontOverHttp,
} from "../helpers/storefront-over-http"

// SPEC §6: `version` holds across server processes, and a change is applied
// once. Two real servers of ./host (`medusa start`) share one fresh database;
// each round sends its requests to both at the same moment.

jest.setTimeout(300_000)

const ROUNDS = 20
const CONCURRENT_ADDS = 20

const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379"
const redisMissing = redisProblem(redisUrl)
const redisNamespace = `cd-processes-${Date.now().toString(36)}-${process.pid}`

type Configuration = {
  label: string
  /** Why Redis, which it needs, is missing (null when it needs none or Redis answers). */
  redisMissing: string | null
  /** The processes share a locking provider, so a change waits for the one before it instead of racing it. */
  sharedLocks: boolean
  /** Keys of this run in Redis, deleted afterwards. */
  redisNamespace?: string
  /** One entry a server process: what it runs with beyond the database. */
  processes: EnvOverrides[]
}

const withoutRedis: EnvOverrides = { REDIS_URL: undefined, REDIS_NAMESPACE: undefined }
const inMemory: EnvOverrides = { ...withoutRedis, MEDUSA_WORKER_MODE: "shared" }
const withRedis = (workerMode: string): EnvOverrides => ({
  REDIS_URL: redisUrl,
  REDIS_NAMESPACE: redisNamespace,
  MEDUSA_WORKER_MODE: workerMode,
})

const configurations: Configuration[] = [
  {
    label: "without Redis (each process locks in memory: only the database serializes)",
    redisMissing: null,
    sharedLocks: false,
    processes: [inMemory, inMemory],
  },
  {
    label: `with Redis at ${redactedRedisUrl(redisUrl)} (shared locks, event bus and workflow engine)`,
    redisMissing,
    sharedLocks: true,
    redisNamespace,
    processes: [withRedis("server"), withRedis("shared")],
  },
]

const PRODUCTS = [
  { title: "Trail tent", merchant: "acme", usd: 299.97 },
  { title: "Camp mug", merchant: "acme", usd: 24.99 },
  { title: "Espresso beans", merchant: "globex", usd: 11.37 },
]
// Created before the products, so that its coupon.created event is handled
// long before any session holds the code.
const COUPONS = [{ code: "SAVE10", name: "10% off everything", value_type: "percentage", value: 10 }]

const linesOf = (session: any, variantId: string) =>
  session.bags.flatMap((bag: any) => bag.items).filter((line: any) => line.variant_id === variantId)

// Migrated (with the admin user) once, then copied for each configuration: each runs on a fresh
// database of its own (within `npm test`, the first is itself a copy of the run's template).
let migrated: HostDatabase | undefined
const migratedDatabase = async () => {
  if (!migrated) {
    // Set up without Redis, whatever the environment says: each configuration chooses its own.
    migrated = await createHostDatabase("cd_processes_migrated", withoutRedis)
  }
  return migrated
}
afterAll(async () => {
  await migrated?.drop()
}, 60_000)

describe.each(configurations)("two server processes of the host on one database, $label", (configuration) => {
  // Skipped without Redis, or failing under CI=true.
  const { it: itUnlessSkipped, missing } = needs("Redis", configuration.redisMissing, {
    label: "the Redis configuration of cart-session-processes.spec.ts",
  })
  let database: HostDatabase | undefined
  let servers: HostProcess[] = []
  let shop: StorefrontOverHttp
  let tent: SeededProduct
  let mug: SeededProduct
  let beans: SeededProduct
  const figures: Record<string, unknown> = {}

  beforeAll(async () => {
    if (missing) {
      return
    }
    const template = await migratedDatabase()
    database = await copyHostDatabase(template, "cd_processes")
    figures.databaseSeconds = { migrateAndAdmin: template.setupSeconds, copy: database.setupSeconds }
    servers = await startHostProcesses(
      database,
      configuration.processes.map((env, index) => ({
        name: `process ${"AB"[index]} (${env.MEDUSA_WORKER_MODE})`,
        command: "start" as const,
        env,
      }))
    )
    figures.startupSeconds = Object.fromEntries(servers.map((server) => [server.name, server.readySeconds]))
    const started = Date.now()
    shop = await seedStorefrontOverHttp(servers[0].url, STORE_ADMIN, { products: PRODUCTS, coupons: COUPONS })
    figures.seedSeconds = secondsSince(started)
    ;[tent, mug, beans] = shop.products
  }, 600_000)

  afterAll(async () => {
    if (missing) {
      return
    }
    console.log(`[processes] ${configuration.label}: ${JSON.stringify(figures)}`)
    await Promise.all(servers.map((server) => server.stop()))
    await database?.drop()
    if (configuration.redisNamespace) {
      await deleteRedisKeysContaining(redisUrl, configuration.redisNamespace)
    }
  }, 120_000)

  /** A store call to one process, as an anonymous shopper of the seeded storefront. */
  const store = (server: HostProcess, method: string, path: string, body?: unknown) =>
    requestJson(method, `${server.url}/store/cart-sessions${path}`, {
      body,
      headers: { "x-publishable-api-key": shop.publishableKey },
    })

  /** Adds the end of every server's log to a failure. */
  const withServerLogs = (body: () => Promise<void>) => () => withLogsOf(servers, body)

  const createSession = async (server: HostProcess, items: { variant_id: string; quantity: number }[]) => {
    const created = await store(server, "POST", "", {
      region_id: shop.regionId,
      items,
      discounts: [{ code: "SAVE10" }],
    })
    expect(created.status).toBe(201)
    return created.body.cart_session
  }

  itUnlessSkipped(
    `of two changes sent with the same version to the two processes at once, one is applied and the other is 409 VERSION_CONFLICT (${ROUNDS} rounds)`,
    withServerLogs(async () => {
      const started = Date.now()
      const session = await createSession(servers[0], [
        { variant_id: tent.variantId, quantity: 1 },
        { variant_id: beans.variantId, quantity: 1 },
      ])
      const tally = {
        wins: Object.fromEntries(servers.map((server) => [server.name, 0])),
        conflictsAtLoad: 0,
        conflictsAtCommit: 0,
      }

      for (let round = 1; round <= ROUNDS; round++) {
        const before = await store(servers[round % 2], "GET", `/${session.id}`)
        expect(before.status).toBe(200)
        const { version } = before.body.cart_session
        const [line] = linesOf(before.body.cart_session, tent.variantId)
        // Different from each other and from the line's quantity now (2r - 2 or 2r - 1): both are real changes.
        const quantities = [2 * round, 2 * round + 1]

        const answers: JsonResponse[] = await Promise.all(
          servers.map((server, index) =>
            store(server, "PATCH", `/${session.id}/line-items/${line.id}`, { quantity: quantities[index], version })
          )
        )

        const statuses = answers.map((answer) => answer.status)
        expect({ round, statuses: [...statuses].sort() }).toEqual({ round, statuses: [200, 409] })
        const winner = statuses.indexOf(200)
        const loser = answers[1 - winner]
        expect(loser.body).toEqual({ type: "conflict", code: "VERSION_CONFLICT", message: expect.any(String) })
        tally.wins[servers[winner].name]++
        // Refused at load (the winner had committed) or by the commit's version guard (both loaded v).
        if (/changed by another request/.test(loser.body.message)) {
          tally.conflictsAtCommit++
        } else {
          tally.conflictsAtLoad++
        }

        const won = answers[winner].body.cart_session
        expect({ round, version: won.version, quantity: linesOf(won, tent.variantId)[0]?.quantity }).toEqual({
          round,
          version: version + 1,
          quantity: quantities[winner],
        })
        for (const server of servers) {
          const stored = await store(server, "GET", `/${session.id}`)
          expect({ round, read_from: server.name, stored: stored.body }).toEqual({
            round,
            read_from: server.name,
            stored: answers[winner].body,
          })
        }
      }
      figures.sameVersionRounds = { rounds: ROUNDS, ...tally, seconds: secondsSince(started) }
    })
  )

  itUnlessSkipped(
    `of ${CONCURRENT_ADDS} adds without a version spread over both processes, every one is applied exactly once`,
    withServerLogs(async () => {
      const started = Date.now()
      const session = await createSession(servers[1], [{ variant_id: tent.variantId, quantity: 1 }])
      const startVersion = session.version

      const answers: JsonResponse[] = await Promise.all(
        Array.from({ length: CONCURRENT_ADDS }, (_, index) =>
          store(servers[index % 2], "POST", `/${session.id}/line-items`, { variant_id: mug.variantId, quantity: 1 })
        )
      )

      const applied = answers.filter((answer) => answer.status === 200)
      const refused = answers.filter((answer) => answer.status !== 200)
      // With shared locks every add waits its turn; with a lock per process, adds of the two processes
      // race and a loser is decided again on the new state: either way every add is applied.
      expect(refused.map((answer) => `${answer.status} ${answer.body?.code}`)).toEqual([])

      // Each applied add answered the session right after itself: versions start+1 … start+k, one
      // each, and the mug's quantity in the answer at start+i is i.
      const seen = applied
        .map((answer) => answer.body.cart_session)
        .map((answered) => ({ version: answered.version, mugs: linesOf(answered, mug.variantId)[0]?.quantity }))
        .sort((a, b) => a.version - b.version)
      expect(seen).toEqual(
        Array.from({ length: applied.length }, (_, index) => ({ version: startVersion + index + 1, mugs: index + 1 }))
      )

      const last = applied.find((answer) => answer.body.cart_session.version === startVersion + applied.length)!
      for (const server of servers) {
        const stored = await store(server, "GET", `/${session.id}`)
        expect({ read_from: server.name, stored: stored.body }).toEqual({ read_from: server.name, stored: last.body })
        const cartSession = stored.body.cart_session
        expect(linesOf(cartSession, mug.variantId).map((line: any) => line.quantity)).toEqual([applied.length])
        expect(linesOf(cartSession, tent.variantId).map((line: any) => line.quantity)).toEqual([1])
      }
      figures.concurrentAdds = { adds: CONCURRENT_ADDS, refused: refused.length, seconds: secondsSince(started) }
    })
  )
})
