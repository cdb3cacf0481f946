#!/usr/bin/env node
// `npm run demo`: a Medusa store with the plugin installed, on the database
// DATABASE_URL names when it answers, else on an embedded PostgreSQL kept in
// .data/demo-pg. Migrates, seeds once, creates the admin once, then runs
// `medusa develop` in ./host and prints the URLs. With REDIS_URL (answering),
// that is a server process (MEDUSA_WORKER_MODE=server) and a separate worker
// (MEDUSA_WORKER_MODE=worker: subscribers and scheduled jobs) sharing Redis,
// as host/medusa-config.ts configures them; else one shared process.
const path = require("path")
const http = require("http")
const { spawn } = require("child_process")
const { Client } = require("pg")
const {
  canConnect,
  connectionFromUrl,
  ensureDatabaseExists,
  projectRoot,
  startEmbeddedPostgres,
  urlFor,
} = require("./lib/database")
const { buildPlugin, linkPluginIntoHost, medusaBin, run } = require("./lib/plugin")
const { freePort, redactedRedisUrl, redisProblem } = require("./lib/network")

const hostDirectory = path.join(projectRoot, "host")
const port = Number(process.env.PORT || 9000)
const admin = {
  email: process.env.DEMO_ADMIN_EMAIL || "admin@example.com",
  password: process.env.DEMO_ADMIN_PASSWORD || "supersecret",
}
const publishableKeyTitle = "Checkout discounts demo storefront"

async function findDatabase() {
  const url = process.env.DATABASE_URL
  if (url && (await canConnect({ ...connectionFromUrl(url), database: "postgres" }))) {
    const connection = connectionFromUrl(url)
    console.log(`[demo] using DATABASE_URL (${connection.host}:${connection.port}/${connection.database})`)
    return { connection, database: connection.database || "medusa_demo", stop: async () => {} }
  }
  if (url) {
    console.log("[demo] DATABASE_URL does not answer; using the embedded PostgreSQL instead")
  }
  const embeddedPort = Number(process.env.EMBEDDED_PG_PORT || 54330)
  console.log(`[demo] starting the embedded PostgreSQL (.data/demo-pg, port ${embeddedPort})`)
  const embedded = await startEmbeddedPostgres({ name: "demo-pg", port: embeddedPort, persistent: true })
  return { ...embedded, database: "medusa_demo" }
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

function waitForHealth(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const request = http.get({ host: "localhost", port, path: "/health", timeout: 2000 }, (res) => {
        res.resume()
        if (res.statusCode === 200) return resolve()
        retry()
      })
      request.on("error", retry)
      request.on("timeout", () => request.destroy())
    }
    const retry = () =>
      Date.now() > deadline ? reject(new Error(`nothing answered /health on port ${port}`)) : setTimeout(attempt, 1000)
    attempt()
  })
}

async function main() {
  const database = await findDatabase()
  const stopDatabase = async () => database.stop().catch(() => {})
  try {
    await ensureDatabaseExists(database.connection, database.database)
    const redis = findRedis()
    // Set-up commands run without Redis: their events are handled in their own process, as before.
    const env = { DATABASE_URL: urlFor(database.connection, database.database), PORT: String(port), REDIS_URL: "" }

    console.log("[demo] building the plugin")
    buildPlugin()
    linkPluginIntoHost()

    console.log("[demo] applying migrations")
    run(medusaBin, ["db:migrate"], { cwd: hostDirectory, env })

    if (!(await readPublishableKey(database.connection, database.database))) {
      console.log("[demo] seeding demo data and the admin user")
      run(medusaBin, ["exec", "./src/scripts/seed-demo.ts"], { cwd: hostDirectory, env })
      run(medusaBin, ["user", "-e", admin.email, "-p", admin.password], { cwd: hostDirectory, env })
    } else {
      console.log("[demo] demo data already seeded")
    }
    const publishableKey = await readPublishableKey(database.connection, database.database)

    const workerPort = redis.url ? await freePort() : undefined
    // Each in a process group of its own, stopped as a group: `medusa develop` exits on SIGINT
    // without stopping the server it forked (Ctrl+C reaches that one through the terminal's group).
    const start = (args, processEnv) =>
      spawn(medusaBin, args, {
        cwd: hostDirectory,
        stdio: "inherit",
        detached: true,
        env: { MEDUSA_DISABLE_TELEMETRY: "true", ...process.env, ...env, ...processEnv },
      })
    const signalGroup = (child, signal) => {
      try {
        process.kill(-child.pid, signal)
        return true
      } catch {
        return false // the group is gone
      }
    }
    /** SIGINT to the group, then up to 15 s for it to end (before the database stops), then SIGKILL. */
    const stopGroup = async (child) => {
      const deadline = Date.now() + 15_000
      signalGroup(child, "SIGINT")
      while (Date.now() < deadline && signalGroup(child, 0)) {
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      signalGroup(child, "SIGKILL")
    }
    // The server serves the API and the admin; the worker answers only /health, on a port of its own.
    const processes = redis.url
      ? [
          start(["develop"], { REDIS_URL: redis.url, MEDUSA_WORKER_MODE: "server" }),
          start(["start"], {
            REDIS_URL: redis.url,
            MEDUSA_WORKER_MODE: "worker",
            PORT: String(workerPort),
            MEDUSA_ADMIN_DISABLED: "true",
          }),
        ]
      : [start(["develop"], { MEDUSA_WORKER_MODE: "shared" })]
    let stopping = false
    const shutdown = async (code) => {
      if (stopping) return
      stopping = true
      await Promise.all(processes.map(stopGroup))
      await stopDatabase()
      process.exit(code)
    }
    process.on("SIGINT", () => shutdown(0))
    process.on("SIGTERM", () => shutdown(0))
    // One of them gone (a crash, a port in use) stops the other.
    processes.forEach((child) => child.on("exit", (code) => shutdown(code ?? 0)))

    await Promise.all([waitForHealth(port, 180_000), workerPort && waitForHealth(workerPort, 180_000)])
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
        `   Store API   http://localhost:${port}/store   (health: http://localhost:${port}/health)`,
        `   Admin       http://localhost:${port}/app`,
        `   Admin login ${admin.email} / ${admin.password}`,
        `   Publishable API key (x-publishable-api-key): ${publishableKey}`,
        ...processLines,
        "   Stop with Ctrl+C (the data stays in .data/demo-pg)",
        "============================================================",
        "",
      ].join("\n")
    )
  } catch (error) {
    await stopDatabase()
    throw error
  }
}

main().catch((error) => {
  console.error(`[demo] ${error?.stack ?? error}`)
  process.exit(1)
})
