import { ChildProcess, spawn } from "child_process"
import http from "http"
import net from "net"
import { Client } from "pg"
import { hostDirectory } from "../../helpers/host"

type Connection = { host: string; port: number; user: string; password: string }

// The scripts' own helpers (plain JS): the medusa binary and the database URL format.
const { ensureDatabaseExists, urlFor } = require("../../../scripts/lib/database") as {
  ensureDatabaseExists: (connection: Connection, database: string) => Promise<void>
  urlFor: (connection: Connection, database: string) => string
}
const { medusaBin } = require("../../../scripts/lib/plugin") as { medusaBin: string }

export type RunningStore = {
  url: string
  admin: { email: string; password: string }
  /** Seconds each start-up phase took. */
  timings: Record<string, number>
  /** The last lines the server printed, for failure messages. */
  logs: () => string
  stop: () => Promise<void>
}

const ADMIN = { email: "browser-admin@checkout-discounts.test", password: "browser-secret" }
const LOG_LINES = 400

/** The PostgreSQL scripts/test.js found (or started), from the variables it sets. */
function testConnection(): Connection {
  return {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "",
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Runs a medusa command to its end; its output is only shown when it fails. */
function medusa(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(medusaBin, args, { cwd: hostDirectory, env, stdio: ["ignore", "pipe", "pipe"] })
    const output: string[] = []
    child.stdout!.on("data", (chunk) => output.push(String(chunk)))
    child.stderr!.on("data", (chunk) => output.push(String(chunk)))
    child.on("error", reject)
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`medusa ${args.join(" ")} failed (exit ${code}):\n${output.join("").slice(-4000)}`))
    )
  })
}

function isHealthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/health`, { timeout: 2000 }, (response) => {
      response.resume()
      resolve(response.statusCode === 200)
    })
    request.on("error", () => resolve(false))
    request.on("timeout", () => request.destroy())
  })
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number, logs: () => string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`the store exited (code ${server.exitCode}) before answering /health:\n${logs()}`)
    }
    if (await isHealthy(url)) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error(`the store did not answer ${url}/health within ${timeoutMs / 1000}s:\n${logs()}`)
}

/** Stops the server and everything it started (its process group): TERM, then KILL. */
async function stopProcessGroup(server: ChildProcess) {
  const group = -server.pid!
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(group, name)
      return true
    } catch {
      return false // the group is gone
    }
  }
  if (!signal("SIGTERM")) {
    return
  }
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline && signal(0)) {
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  signal("SIGKILL")
}

async function dropDatabase(connection: Connection, database: string) {
  const client = new Client({ ...connection, database: "postgres" })
  await client.connect()
  try {
    await client.query(`drop database if exists "${database}" with (force)`)
  } finally {
    await client.end()
  }
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10

/**
 * A real store for the browser: a fresh database on the tests' PostgreSQL,
 * `medusa db:migrate`, an admin from `medusa user`, the demo's data when
 * `seed` is set, then `medusa develop` in
 * ./host (which loads the built plugin by package name) on a free port.
 */
export async function startStore(options: { seed?: boolean } = {}): Promise<RunningStore> {
  const connection = testConnection()
  const database = `cd_browser_${Date.now().toString(36)}_${process.pid}`
  const port = await freePort()
  const url = `http://localhost:${port}`
  const origin = url
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: urlFor(connection, database),
    PORT: String(port),
    // jest runs with NODE_ENV=test; the store runs as `medusa develop` would for a developer.
    NODE_ENV: "development",
    NODE_OPTIONS: (process.env.NODE_OPTIONS ?? "").replace("--experimental-vm-modules", "").trim(),
    ADMIN_CORS: origin,
    AUTH_CORS: origin,
    STORE_CORS: origin,
    MEDUSA_DISABLE_TELEMETRY: "true",
  }
  const timings: Record<string, number> = {}
  const lines: string[] = []
  const logs = () => lines.join("").split("\n").slice(-80).join("\n")
  let server: ChildProcess | undefined

  const stop = async () => {
    if (server) {
      await stopProcessGroup(server)
    }
    await dropDatabase(connection, database)
  }

  try {
    let started = Date.now()
    await ensureDatabaseExists(connection, database)
    await medusa(["db:migrate"], env)
    timings.migrate = seconds(started)

    started = Date.now()
    await medusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], env)
    timings.createAdmin = seconds(started)

    if (options.seed) {
      // The demo's data: regions, a publishable key, three merchants' products and coupons.
      started = Date.now()
      await medusa(["exec", "./src/scripts/seed-demo.ts"], env)
      timings.seed = seconds(started)
    }

    started = Date.now()
    // Its own process group, so stopping it also stops the server process it forks.
    server = spawn(medusaBin, ["develop"], { cwd: hostDirectory, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    const keep = (chunk: Buffer) => {
      lines.push(String(chunk))
      if (lines.length > LOG_LINES) lines.shift()
    }
    server.stdout!.on("data", keep)
    server.stderr!.on("data", keep)
    await waitForHealth(url, server, 240_000, logs)
    timings.serverReady = seconds(started)
  } catch (error) {
    await stop().catch(() => {})
    throw error
  }

  return { url, admin: ADMIN, timings, logs, stop }
}
