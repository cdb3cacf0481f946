// Run: npm run bench (npx ts-node --transpile-only bench/pricing.bench.ts)
// Prices a 10,000-line session and a 20-line one with the pure core, printing median and p95 times and
// the bytes one pricing allocates, and rewrites the "pricing" section of docs/benchmarks.md and its key
// of docs/benchmarks.json. Targets (issue 21): 10,000 lines in ≤ 5 ms with ≤ 10 MB allocated.
//
// Allocation is measured in a child process (`--allocation`) whose young generation is large enough
// (256 MB semi-spaces) that no collection runs during one pricing: heap used after it, less heap used
// after a full collection just before it, with every collection during it counted (it must be 0).
import { execFileSync } from "node:child_process"
import { PerformanceObserver, performance } from "node:perf_hooks"
import v8 from "node:v8"
import vm from "node:vm"
import { priceSession, type PriceSessionInput } from "../src/lib/pricing"
import { machine, markdownTable, writeBenchmarkSection } from "./lib/report-file"

const TARGET_MS = 5
const TARGET_MB = 10

function session(lineCount: number, merchantCount: number): PriceSessionInput {
  let seed = 42
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const lines = Array.from({ length: lineCount }, (_, index) => ({
    id: `line_${index}`,
    merchant_id: `merchant_${index % merchantCount}`,
    unit_price: 100 + Math.floor(random() * 50000),
    quantity: 1 + Math.floor(random() * 4),
  }))
  return {
    currency_code: "USD",
    lines,
    codes: [
      { id: "c1", code: "STORE10", merchant_id: null, value_type: "percentage", value: 10, combinable: true },
      { id: "c2", code: "STORE5OFF", merchant_id: null, value_type: "fixed", value: 500, combinable: true },
      { id: "c3", code: "M0PCT", merchant_id: "merchant_0", value_type: "percentage", value: 12.5, combinable: true },
      { id: "c4", code: "M1FIX", merchant_id: "merchant_1", value_type: "fixed", value: 2000, combinable: true },
      { id: "c5", code: "M2SOLO", merchant_id: "merchant_2", value_type: "percentage", value: 5, combinable: false },
    ],
    manual: [{ id: "manual_1", scope: "cart", amount: 12345, name: "Goodwill" }],
  }
}

const SESSIONS = {
  big: { name: "10,000 lines, 50 merchants, 5 codes + cart manual", input: () => session(10000, 50), warmup: 20, runs: 200 },
  small: { name: "20 lines, 3 merchants, 5 codes + cart manual", input: () => session(20, 3), warmup: 500, runs: 5000 },
}
type SessionName = keyof typeof SESSIONS

function time(input: PriceSessionInput, warmup: number, runs: number) {
  for (let run = 0; run < warmup; run++) priceSession(input)
  const times: number[] = []
  const cpuTimes: number[] = []
  for (let run = 0; run < runs; run++) {
    const cpuStarted = process.cpuUsage()
    const started = performance.now()
    priceSession(input)
    times.push(performance.now() - started)
    const cpu = process.cpuUsage(cpuStarted)
    cpuTimes.push((cpu.user + cpu.system) / 1000)
  }
  const at = (values: number[], quantile: number) => {
    const sorted = [...values].sort((a, b) => a - b)
    return sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))]
  }
  const median = at(times, 0.5)
  // CPU time (the process's, microsecond clock): on a shared machine, wall time also counts waiting for a core.
  return { runs, median_ms: median, p95_ms: at(times, 0.95), cpu_median_ms: at(cpuTimes, 0.5), lines_per_s: Math.round(input.lines.length / (median / 1000)) }
}

/** In the child: the bytes one pricing allocates (median of 31), after warm-up, and the collections seen meanwhile. */
function allocationChild() {
  v8.setFlagsFromString("--expose-gc")
  const gc = vm.runInNewContext("gc") as () => void
  let collections = 0
  const observer = new PerformanceObserver((list) => (collections += list.getEntries().length))
  observer.observe({ entryTypes: ["gc"] })
  const result: Record<string, { allocated_mb: number; collections_during: number }> = {}
  for (const [name, spec] of Object.entries(SESSIONS)) {
    const input = spec.input()
    // Warmed up until its code is optimised (compiled code is on the heap too), then 31 measured.
    for (let run = 0; run < 100; run++) priceSession(input)
    const bytes: number[] = []
    let during = 0
    for (let run = 0; run < 31; run++) {
      gc()
      const seen = collections
      const before = process.memoryUsage().heapUsed
      const output = priceSession(input)
      const after = process.memoryUsage().heapUsed
      during += collections - seen
      bytes.push(after - before)
      if (!output) throw new Error("no output")
    }
    bytes.sort((a, b) => a - b)
    result[name] = { allocated_mb: Math.round((bytes[15] / 1024 ** 2) * 100) / 100, collections_during: during }
  }
  observer.disconnect()
  process.stdout.write(JSON.stringify(result))
}

// The young generation a server can give the pricing (NODE_OPTIONS=--max-semi-space-size=64): one
// 10,000-line pricing allocates ~9 MB, so Node's default semi-spaces (16 MB at most) are collected during
// nearly every pricing, copying what it has built so far.
const YOUNG_GENERATION_MB = 64

/** Each session's timings (`time`), under this process's flags. */
function timeSessions(): Record<SessionName, ReturnType<typeof time>> {
  const timed = (name: SessionName) => time(SESSIONS[name].input(), SESSIONS[name].warmup, SESSIONS[name].runs)
  return { big: timed("big"), small: timed("small") }
}

/** In the child: the timings of every session, under the child's flags. */
function timingChild() {
  process.stdout.write(JSON.stringify(timeSessions()))
}

function measureWithYoungGeneration(): Record<SessionName, ReturnType<typeof time>> {
  const output = execFileSync(
    process.execPath,
    [`--max-semi-space-size=${YOUNG_GENERATION_MB}`, "-r", "ts-node/register/transpile-only", __filename, "--timing"],
    { encoding: "utf-8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } }
  )
  return JSON.parse(output)
}

function measureAllocation(): Record<SessionName, { allocated_mb: number; collections_during: number }> {
  const output = execFileSync(
    process.execPath,
    ["--max-semi-space-size=256", "--min-semi-space-size=256", "-r", "ts-node/register/transpile-only", __filename, "--allocation"],
    { encoding: "utf-8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } }
  )
  return JSON.parse(output)
}

function printTable(rows: string[][]) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  const format = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ")
  console.log(format(rows[0]))
  console.log(widths.map((width) => "-".repeat(width)).join("  "))
  for (const row of rows.slice(1)) console.log(format(row))
}

function main() {
  const statuses = (input: PriceSessionInput) =>
    priceSession(input)
      .discounts.map((discount) => `${discount.code ?? discount.id}=${discount.status}`)
      .join(" ")
  const big = SESSIONS.big.input()
  const small = SESSIONS.small.input()
  console.log(`node ${process.version}`)
  console.log(`big:   ${statuses(big)}`)
  console.log(`small: ${statuses(small)}`)
  const times = timeSessions()
  const young = measureWithYoungGeneration()
  const allocation = measureAllocation()
  const header = ["session", "runs", "median ms", "p95 ms", "CPU ms (median)", "lines/s (median)", "allocated MB (median)"]
  const youngLabel = `--max-semi-space-size=${YOUNG_GENERATION_MB}`
  const rows = [
    ...(Object.keys(SESSIONS) as SessionName[]).map((name) => [name, times[name], "Node's defaults"] as const),
    ...(Object.keys(SESSIONS) as SessionName[]).map((name) => [name, young[name], youngLabel] as const),
  ].map(([name, measured, flags]) => [
    `${SESSIONS[name].name} (${flags})`,
    String(measured.runs),
    measured.median_ms.toFixed(3),
    measured.p95_ms.toFixed(3),
    measured.cpu_median_ms.toFixed(3),
    measured.lines_per_s.toLocaleString("en-US"),
    `${allocation[name].allocated_mb.toFixed(2)}${allocation[name].collections_during ? " (a collection ran: a lower bound)" : ""}`,
  ])
  printTable([header, ...rows])

  const note = process.env.BENCH_MACHINE_NOTE
  const host = machine()
  const met = (value: number, limit: number) => (value <= limit ? "met" : "**missed**")
  const markdown = [
    "## The pure pricing core (`npm run bench`)",
    "",
    `Taken ${new Date().toISOString()} on ${host.cpu}, ${host.cores} cores, ${host.ram_gb} GB RAM; Node ${host.node}. ` +
      "`priceSession` (src/lib/pricing) of one session, timed after warm-up (wall time, and the process's CPU time, which leaves out waiting for a core on a busy machine), " +
      `with Node's default heap and in a child process with a larger young generation (\`${youngLabel}\`, as a store sets it in NODE_OPTIONS); allocation measured in a child process with ` +
      "256 MB semi-spaces (no collection during a pricing): heap used after it less heap used after a full collection before it.",
    ...(note ? ["", `**${note}**`] : []),
    "",
    markdownTable(header, rows),
    "",
    markdownTable(
      ["target (issue 21)", "measured", ""],
      [
        [`10,000 lines priced in ≤ ${TARGET_MS} ms (median), Node's defaults`, `${times.big.median_ms.toFixed(2)} ms`, met(times.big.median_ms, TARGET_MS)],
        [`the same in CPU time (median)`, `${times.big.cpu_median_ms.toFixed(2)} ms`, met(times.big.cpu_median_ms, TARGET_MS)],
        [`10,000 lines priced in ≤ ${TARGET_MS} ms (median), ${youngLabel}`, `${young.big.median_ms.toFixed(2)} ms`, met(young.big.median_ms, TARGET_MS)],
        [`the same in CPU time (median)`, `${young.big.cpu_median_ms.toFixed(2)} ms`, met(young.big.cpu_median_ms, TARGET_MS)],
        [`10,000 lines with ≤ ${TARGET_MB} MB allocated`, `${allocation.big.allocated_mb.toFixed(2)} MB`, met(allocation.big.allocated_mb, TARGET_MB)],
      ]
    ),
  ].join("\n")
  const json = {
    taken_at: new Date().toISOString(),
    machine: host,
    machine_note: note,
    times,
    times_young_generation: { flags: youngLabel, ...young },
    allocation,
    targets: { ms: TARGET_MS, mb: TARGET_MB },
  }
  writeBenchmarkSection("pricing", markdown, json)
}

if (process.argv.includes("--allocation")) allocationChild()
else if (process.argv.includes("--timing")) timingChild()
else main()
