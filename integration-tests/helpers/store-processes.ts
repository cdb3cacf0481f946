import { Client } from "pg"
import { connectToHostDatabase } from "./checkout-in-database"
import {
  createHostDatabase,
  type EnvOverrides,
  type HostDatabase,
  type HostProcess,
  secondsSince,
  startHostProcesses,
  STORE_ADMIN,
} from "./host-process"
import { inCi, needs } from "./prerequisites"
import { deleteRedisKeysContaining, redactedRedisUrl, redisProblem } from "./redis"
import { seedStorefrontOverHttp, type StorefrontOverHttp } from "./storefront-over-http"

/** A store running on its processes: its database, the processes, the servers among them, its storefront and a client of the database. */
export type RunningStore = {
  database: HostDatabase
  all: HostProcess[]
  servers: HostProcess[]
  shop: StorefrontOverHttp
  db: Client
  /** Seconds each part of the start took. */
  figures: Record<string, unknown>
}

/**
 * The processes of one store for the concurrency tests. With Redis (at
 * REDIS_URL, or 127.0.0.1:6379): two server processes and a worker sharing
 * the event bus, the workflow engine and the locks under a namespace of this
 * test run's own. Without Redis: two shared processes instead (each handles
 * the events it emits itself with the local event bus, which is enough: every
 * process runs the plugin's subscribers), said so once, or under CI=true a
 * failure naming what is missing. `tag` names the log lines and the namespace.
 */
export function storeProcesses(label: string, tag: string) {
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379"
  const noRedis = redisProblem(redisUrl)
  const redisNamespace = `cd-${tag}-${Date.now().toString(36)}-${process.pid}`
  const withRedis = (mode: string): EnvOverrides => ({ REDIS_URL: redisUrl, REDIS_NAMESPACE: redisNamespace, MEDUSA_WORKER_MODE: mode })
  const sharedWithoutRedis: EnvOverrides = { REDIS_URL: undefined, REDIS_NAMESPACE: undefined, MEDUSA_WORKER_MODE: "shared" }
  const processes = noRedis
    ? [
        { name: "process A (shared)", env: sharedWithoutRedis },
        { name: "process B (shared)", env: sharedWithoutRedis },
      ]
    : [
        { name: "server A", env: withRedis("server") },
        { name: "server B", env: withRedis("server") },
        // Its own port (every process gets a free one); it answers /health but serves no routes.
        { name: "worker", env: withRedis("worker") },
      ]
  const { describe } = needs("Redis", noRedis, { label, otherwise: "run" })
  if (noRedis && !inCi()) {
    console.log(`[${tag}] ${noRedis}: running with two shared processes and no worker instead`)
  }
  return {
    noRedis,
    redisUrl,
    redisNamespace,
    processes,
    /** The setup in words, for test names and logs. */
    setup: noRedis ? "two shared processes, no worker" : `two server processes and a worker, Redis at ${redactedRedisUrl(redisUrl)}`,
    /** jest's describe: without Redis it runs the tests on the shared processes, or under CI=true fails them. */
    describe,
    /** What a `medusa` command beside them runs with: a server's setup (with Redis it handles no events and schedules no jobs). */
    commandEnv: noRedis ? sharedWithoutRedis : withRedis("server"),
  }
}

/**
 * Starts a store on `processes`: a fresh database migrated without Redis
 * (the processes choose their own) with the admin user `STORE_ADMIN`, the processes on it,
 * one product of merchant "acme" with shipping seeded through the first
 * server's admin API, and a client of the database. `stop()` ends whatever
 * of it was started and deletes this run's Redis keys (its queues and locks
 * outlive the processes).
 */
export function storeOnProcesses(
  { processes, noRedis, redisUrl, redisNamespace }: ReturnType<typeof storeProcesses>,
  databasePrefix: string
) {
  let database: HostDatabase | undefined
  let all: HostProcess[] = []
  let db: Client | undefined
  return {
    start: async (): Promise<RunningStore> => {
      database = await createHostDatabase(databasePrefix, { REDIS_URL: undefined, REDIS_NAMESPACE: undefined })
      all = await startHostProcesses(
        database,
        processes.map(({ name, env }) => ({ name, command: "start" as const, env }))
      )
      const servers = all.filter((each) => each.name !== "worker")
      const seeding = Date.now()
      const shop = await seedStorefrontOverHttp(servers[0].url, STORE_ADMIN, {
        products: [{ title: "Trail tent", merchant: "acme", usd: 49.99 }],
        coupons: [],
        shipping: true,
      })
      const figures = {
        databaseSeconds: database.setupSeconds,
        startupSeconds: Object.fromEntries(all.map((each) => [each.name, each.readySeconds])),
        seedSeconds: secondsSince(seeding),
      }
      db = await connectToHostDatabase(database)
      return { database, all, servers, shop, db, figures }
    },
    stop: async () => {
      await db?.end()
      await Promise.all(all.map((each) => each.stop()))
      await database?.drop()
      if (!noRedis) {
        await deleteRedisKeysContaining(redisUrl, redisNamespace)
      }
    },
  }
}
