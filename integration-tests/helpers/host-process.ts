import { ChildProcess, spawn } from "child_process"
import http from "http"
import { Client } from "pg"
import { hostDirectory } from "./host"

// Real server processes of the host in ./host (which loads the built plugin by
// package name), for tests that cannot run inside jest's process: the admin
// in a browser, several servers on one database.

export type Connection = { host: string; port: number; user: string; password: string }

// The scripts' own helpers (plain JS): the medusa binary and the database URL format.
const { ensureDatabaseExists, urlFor } = require("../../scripts/lib/database") as {
  ensureDatabaseExists: (connection: Connection, database: string) => Promise<void>
  urlFor: (connection: Connection, database: string) => string
}
const { medusaBin } = require("../../scripts/lib/plugin") as { medusaBin: string }
const { freePort } = require("../../scripts/lib/network") as { freePort: () => Promise<number> }
const { RUN_VARIABLE, runDatabasePrefixOf } = require("../runner/migrated-template") as {
  RUN_VARIABLE: string
  runDatabasePrefixOf: (run: string) => string
}

/** Variables for a host process; `undefined` removes one inherited from the test run. */
export type EnvOverrides = Record<string, string | undefined>

const LOG_LINES = 400

/** Seconds since `since` (a Date.now()), to one decimal. */
export const secondsSince = (since: number) => Math.round((Date.now() - since) / 100) / 10

/** The PostgreSQL scripts/test.js found (or started), from the variables it sets. */
export function testConnection(): Connection {
  return {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "",
  }
}

function withOverrides(base: NodeJS.ProcessEnv, overrides: EnvOverrides = {}): NodeJS.ProcessEnv {
  const env = { ...base }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete env[name]
    } else {
      env[name] = value
    }
  }
  return env
}

export type HostDatabase = {
  name: string
  /** What every medusa command and server on this database runs with. */
  env: NodeJS.ProcessEnv
  /** Seconds it took to make: `medusa db:migrate`, or copying a migrated database. */
  setupSeconds: number
  drop: () => Promise<void>
}

function hostDatabase(
  connection: Connection,
  name: string,
  setupSeconds: number,
  overrides: EnvOverrides = {}
): HostDatabase {
  const env = withOverrides(process.env, {
    DATABASE_URL: urlFor(connection, name),
    // jest runs with NODE_ENV=test; the host runs as it would for a developer.
    NODE_ENV: "development",
    // jest's flag for the tests' ESM imports; the host does not need it.
    NODE_OPTIONS: (process.env.NODE_OPTIONS ?? "").replace("--experimental-vm-modules", "").trim(),
    MEDUSA_DISABLE_TELEMETRY: "true",
    ...overrides,
  })
  return { name, env, setupSeconds, drop: () => dropDatabase(connection, name) }
}

const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${process.pid}`

/** The admin user every database of `createHostDatabase` has, as a store owner makes one (`medusa user`). */
export const STORE_ADMIN = { email: "store-admin@checkout-discounts.test", password: "store-admin-secret" }

// Neither the schema nor the admin depends on how the processes on a database run (with Redis or not,
// their worker mode, the plugin's options): every database is set up with these, and `env` goes to the
// processes only.
const SETUP_ENV: EnvOverrides = { REDIS_URL: undefined, REDIS_NAMESPACE: undefined, MEDUSA_WORKER_MODE: undefined }

/**
 * A fresh database on the tests' PostgreSQL with the host's and the plugin's migrations applied
 * (`medusa db:migrate`, once, whatever number of servers run on it later) and the admin user
 * `STORE_ADMIN`; with `demo`, the demo store's data too (host/src/scripts/seed-demo.ts: regions, a
 * publishable key, three merchants' products and coupons). `env` applies to every command and server on it.
 *
 * Within one `npm test` run (CHECKOUT_DISCOUNTS_TEST_RUN, set by scripts/test.js), the first such
 * database (with or without the demo) is set up and then kept as a template; later ones, in any jest
 * worker and for any `env`, are copies of it (`create database … template …`, about a second instead of a migration and a
 * `medusa user`, 20–45 s on 2 CPUs). scripts/test.js drops the run's templates at the end.
 */
export async function createHostDatabase(
  prefix: string,
  env: EnvOverrides = {},
  { demo = false }: { demo?: boolean } = {}
): Promise<HostDatabase> {
  const connection = testConnection()
  const started = Date.now()
  const database = hostDatabase(connection, uniqueName(prefix), 0, env)
  const run = process.env[RUN_VARIABLE]
  const setupEnv = hostDatabase(connection, database.name, 0, SETUP_ENV).env
  const migrateWithAdmin = async () => {
    await ensureDatabaseExists(connection, database.name)
    await runMedusa(["db:migrate"], setupEnv)
    await runMedusa(["user", "-e", STORE_ADMIN.email, "-p", STORE_ADMIN.password], setupEnv)
  }
  const seedDemo = () => runMedusa(["exec", "./src/scripts/seed-demo.ts"], setupEnv)
  try {
    if (run) {
      const withAdmin = `${runDatabasePrefixOf(run)}host-with-admin`
      const migrated = () => withRunTemplate(connection, withAdmin, database.name, migrateWithAdmin)
      // The demo's template starts as a copy of the plain one: only the seeding runs again.
      await (demo
        ? withRunTemplate(connection, `${withAdmin}-and-demo`, database.name, async () => {
            await migrated()
            await seedDemo()
          })
        : migrated())
    } else {
      await migrateWithAdmin()
      if (demo) {
        await seedDemo()
      }
    }
  } catch (error) {
    await database.drop().catch(() => {})
    throw error
  }
  return { ...database, setupSeconds: secondsSince(started) }
}

/**
 * `name` as a copy of the template, or, when the template does not exist yet, made by `make` and
 * then copied into the template. A session lock on the template's name makes the other workers
 * wait for the one making it.
 */
async function withRunTemplate(connection: Connection, template: string, name: string, make: () => Promise<void>) {
  const client = new Client({ ...connection, database: "postgres" })
  client.on("error", () => {})
  await client.connect()
  try {
    await client.query("select pg_advisory_lock(hashtext($1))", [template])
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [template])
    if (rowCount) {
      await client.query(`create database "${name}" template "${template}"`)
      return
    }
    await make()
    // Nothing is connected to it any more: `medusa db:migrate` has ended.
    await client.query(`create database "${template}" template "${name}"`)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * A copy of a migrated database that nothing has used yet (PostgreSQL's
 * `create database … template …`): a second fresh database in a second
 * instead of a second `medusa db:migrate`. Nothing may be connected to `source`.
 */
export async function copyHostDatabase(
  source: HostDatabase,
  prefix: string,
  env: EnvOverrides = {}
): Promise<HostDatabase> {
  const connection = testConnection()
  const started = Date.now()
  const name = uniqueName(prefix)
  const client = new Client({ ...connection, database: "postgres" })
  await client.connect()
  try {
    await client.query(`create database "${name}" template "${source.name}"`)
  } finally {
    await client.end()
  }
  return hostDatabase(connection, name, secondsSince(started), env)
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

/** Runs a medusa command in ./host to its end; resolves with its output (shown in the error when it fails). */
export function runMedusa(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(medusaBin, args, { cwd: hostDirectory, env, stdio: ["ignore", "pipe", "pipe"] })
    const output: string[] = []
    child.stdout!.on("data", (chunk) => output.push(String(chunk)))
    child.stderr!.on("data", (chunk) => output.push(String(chunk)))
    child.on("error", reject)
    child.on("exit", (code) =>
      code === 0
        ? resolve(output.join(""))
        : reject(new Error(`medusa ${args.join(" ")} failed (exit ${code}):\n${output.join("").slice(-4000)}`))
    )
  })
}

export type HostProcessOptions = {
  /** A name for logs and failure messages. */
  name: string
  /**
   * `start` runs the host from source without the admin (fast); `develop`
   * serves the admin dashboard too (vite compiles it on the first page load).
   */
  command: "start" | "develop"
  /** Its variables, or a function of the URL it will answer at (for CORS settings). */
  env?: EnvOverrides | ((url: string) => EnvOverrides)
  readyTimeoutMs?: number
}

export type HostProcess = {
  name: string
  url: string
  /** Seconds from spawning it to its first 200 on /health. */
  readySeconds: number
  /** The last lines the server printed, for failure messages. */
  logs: () => string
  stop: () => Promise<void>
  /**
   * A crash: SIGKILL to the server and everything it started (no shutdown
   * hooks, no compensation, its connections cut), resolved once it is gone.
   */
  kill: () => Promise<void>
}

// Process groups still running, killed if the test run exits without stopping them.
const running = new Set<number>()
process.once("exit", () => {
  for (const group of running) {
    signalGroup(group, "SIGKILL")
  }
})

/**
 * Starts one server of the host on `database`, on a free port, and waits for
 * /health. It runs in a process group of its own, so stop() also ends what
 * it forks (`medusa develop` forks the server).
 */
export async function startHostProcess(database: HostDatabase, options: HostProcessOptions): Promise<HostProcess> {
  const port = await freePort()
  const url = `http://localhost:${port}`
  const env = withOverrides(database.env, {
    PORT: String(port),
    ...(options.command === "start" ? { MEDUSA_ADMIN_DISABLED: "true" } : {}),
    ...(typeof options.env === "function" ? options.env(url) : options.env),
  })
  const lines: string[] = []
  const logs = () => lines.join("").split("\n").slice(-80).join("\n")
  const started = Date.now()
  const server = spawn(medusaBin, [options.command], {
    cwd: hostDirectory,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  running.add(server.pid!)
  const keep = (chunk: Buffer) => {
    lines.push(String(chunk))
    if (lines.length > LOG_LINES) lines.shift()
  }
  server.stdout!.on("data", keep)
  server.stderr!.on("data", keep)
  const stop = async () => {
    await stopProcessGroup(server)
    running.delete(server.pid!)
  }
  const kill = async () => {
    const exited = server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : new Promise((resolve) => server.once("exit", resolve))
    signalGroup(server.pid!, "SIGKILL")
    await exited
    running.delete(server.pid!)
  }
  try {
    await waitForHealth(options.name, url, server, options.readyTimeoutMs ?? 240_000, logs)
  } catch (error) {
    await stop()
    throw error
  }
  return { name: options.name, url, readySeconds: secondsSince(started), logs, stop, kill }
}

/** Starts several servers on one database at once; if one fails, stops the others. */
export async function startHostProcesses(
  database: HostDatabase,
  options: HostProcessOptions[]
): Promise<HostProcess[]> {
  const results = await Promise.allSettled(options.map((each) => startHostProcess(database, each)))
  const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected")
  if (failed) {
    await Promise.all(
      results.map((result) => (result.status === "fulfilled" ? result.value.stop() : undefined))
    )
    throw failed.reason
  }
  return results.map((result) => (result as PromiseFulfilledResult<HostProcess>).value)
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

async function waitForHealth(name: string, url: string, server: ChildProcess, timeoutMs: number, logs: () => string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`${name} exited (code ${server.exitCode}) before answering /health:\n${logs()}`)
    }
    if (await isHealthy(url)) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${name} did not answer ${url}/health within ${timeoutMs / 1000}s:\n${logs()}`)
}

function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal)
    return true
  } catch {
    return false // the group is gone
  }
}

/** Stops the server and everything it started (its process group): TERM, then KILL. */
async function stopProcessGroup(server: ChildProcess) {
  const group = server.pid!
  if (!signalGroup(group, "SIGTERM")) {
    return
  }
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline && signalGroup(group, 0)) {
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  signalGroup(group, "SIGKILL")
}

/** Runs `body`; a failure gets the end of every process's log added, where the cause of a 500 would be. */
export async function withLogsOf(processes: HostProcess[], body: () => Promise<void>, lines = 30) {
  try {
    await body()
  } catch (error: any) {
    const logs = processes.map((each) => `--- ${each.name}:\n${each.logs().split("\n").slice(-lines).join("\n")}`)
    error.message = `${error.message}\n\nEnd of the processes' logs:\n${logs.join("\n")}`
    throw error
  }
}
