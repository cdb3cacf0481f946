import os from "node:os"
import { quantile } from "../lib/changes"
import { machine, markdownTable, writeBenchmarkSection } from "../lib/report-file"
import { OPERATIONS } from "./sides"

// The figures of `npm run bench:http`: summarised, checked against the targets of issue 21, printed,
// and written to docs/benchmarks.md (section "http") and docs/benchmarks.json (key "http").

export type HttpFigures = {
  taken_at: string
  duration_s: number
  config: { clients: number; clientsLarge: number; lineCounts: number[]; [name: string]: unknown }
  database: { description: string; version: string }
  medusa: string
  server_pid: number
  rss_after_seed_mb: number | null
  convert_meaning: Record<string, string>
  latency: Record<string, number[]>
  busy: Record<string, { requests: number; ms: number }>
  rss: { lines: number; clients: number; side: string; mb: number }[]
  /** Each side's memory in a server process of its own (measureMemory in run.ts); absent in older figures. */
  memory?: { run: number; side: string; idle_mb: number | null; after_mb: number | null; peak_mb: number | null }[]
  statements: Record<string, number[]>
  errors: { where: string; status?: number; message: string }[]
  [name: string]: unknown
}

const key = (...parts: (string | number)[]) => parts.join("|")
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits
const fmt = (value: number | null | undefined, digits = 1) => (value === null || value === undefined || !Number.isFinite(value) ? "–" : String(round(value, digits)))
const median = (values: number[] | undefined) => (values?.length ? quantile(values, 0.5) : null)

const OPERATION_WORDS: Record<string, string> = {
  create: "create with all lines but one",
  add_line: "add a line",
  apply: "apply the code",
  get: "GET",
  quantity: "change a quantity",
  remove: "remove the code",
  apply_key: "apply the code + Idempotency-Key",
  convert: "convert",
  get_region: "GET /store/regions/:id",
}

export function summarise(figures: HttpFigures) {
  const latency = (lines: number, clients: number | string, side: string, operation: string) => {
    const values = figures.latency[key(lines, clients, side, operation)]
    return values?.length ? { p50: quantile(values, 0.5), p99: quantile(values, 0.99), n: values.length } : null
  }
  const throughput = (lines: number, clients: number, side: string) => {
    const busy = figures.busy[key(lines, clients, side)]
    return busy && busy.ms > 0 ? busy.requests / (busy.ms / 1000) : null
  }
  const statements = (lines: number, side: string, operation: string) => median(figures.statements[key(lines, side, operation)])
  const rss = (side: string) => median(figures.rss.filter((each) => each.side === side && each.clients === figures.config.clients).map((each) => each.mb))
  /** The median of a memory figure over the side's own server processes. */
  const ownProcess = (side: string, figure: "idle_mb" | "after_mb" | "peak_mb") =>
    median((figures.memory ?? []).filter((each) => each.side === side && each[figure] !== null).map((each) => each[figure]!))
  /** The number of concurrent clients the many-clients turns of `lines`-line carts ran with. */
  const many = (lines: number) => (lines > 100 ? figures.config.clientsLarge : figures.config.clients)
  return { latency, throughput, statements, rss, ownProcess, many }
}

type Target = { target: string; measured: string; value: number | null; limit: number; met: boolean | null }

export function targets(figures: HttpFigures): Target[] {
  const { latency, throughput, statements, ownProcess } = summarise(figures)
  const [small, large] = [20, 200]
  const many = figures.config.clients
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b != null && b > 0 ? a / b : null)
  const p50 = (lines: number, clients: number, side: string, operation: string) => latency(lines, clients, side, operation)?.p50 ?? null
  const codeChange = (lines: number) => {
    const counts = [statements(lines, "plugin", "apply"), statements(lines, "plugin", "remove")]
    return counts.some((count) => count === null) ? null : Math.max(...(counts as number[]))
  }
  const check = (target: string, value: number | null, limit: number, unit: string, atMost = true): Target => ({
    target,
    value,
    limit,
    measured: value === null ? "not measured" : `${fmt(value, unit === "×" ? 2 : unit === "%" ? 1 : 0)}${unit === "×" ? "×" : unit === "%" ? " %" : ""}`,
    met: value === null ? null : atMost ? value <= limit : value >= limit,
  })
  const idempotencyCost = ratio(p50(small, 1, "plugin", "apply_key"), p50(small, 1, "plugin", "apply"))
  return [
    check(`a code change (apply, remove) ≤ 12 statements, ${small} lines`, codeChange(small), 12, ""),
    check(`a code change (apply, remove) ≤ 12 statements, ${large} lines`, codeChange(large), 12, ""),
    check(`a GET ≤ 5 statements, ${small} lines`, statements(small, "plugin", "get"), 5, ""),
    check(`apply p50 ≤ 0.25× native, ${small} lines, 1 client`, ratio(p50(small, 1, "plugin", "apply"), p50(small, 1, "native", "apply")), 0.25, "×"),
    check(`apply p50 ≤ 0.15× native, ${large} lines, 1 client`, ratio(p50(large, 1, "plugin", "apply"), p50(large, 1, "native", "apply")), 0.15, "×"),
    check(`apply p50 at ${large} lines ≤ 1.5× its own at ${small}, 1 client`, ratio(p50(large, 1, "plugin", "apply"), p50(small, 1, "plugin", "apply")), 1.5, "×"),
    check(`throughput ≥ 4× native, ${many} clients, ${small} lines`, ratio(throughput(small, many, "plugin"), throughput(small, many, "native")), 4, "×", false),
    check(`a code change (apply) p50 ≤ 3× the floor's p50, ${small} lines, 1 client`, ratio(p50(small, 1, "plugin", "apply"), p50(small, 1, "floor", "get_region")), 3, "×"),
    check(`Idempotency-Key adds ≤ 10 % to a change's p50 (apply), ${small} lines, 1 client`, idempotencyCost === null ? null : (idempotencyCost - 1) * 100, 10, "%"),
    check(
      `RSS after the plugin's load ≤ 1.1× the native load's (a server process of its own for each side's load, ${many} clients, ${small} lines; median of the runs)`,
      ratio(ownProcess("plugin", "after_mb"), ownProcess("native", "after_mb")),
      1.1,
      "×"
    ),
  ]
}

export function markdown(figures: HttpFigures): string {
  const { latency, throughput, statements, rss, ownProcess, many: manyFor } = summarise(figures)
  const host = machine()
  const many = figures.config.clients
  const out: string[] = []
  out.push("## HTTP: the host's carts and the plugin's sessions, side by side (`npm run bench:http`)")
  out.push("")
  out.push(
    `Taken ${figures.taken_at} in ${figures.duration_s} s on ${host.cpu}, ${host.cores} cores, ${host.ram_gb} GB RAM (${host.os}); ` +
      `Node ${host.node}, PostgreSQL ${figures.database.version} (${figures.database.description.replace(/, database .*/, "")}), Medusa ${figures.medusa}. ` +
      `Load average at the start ${(figures.load_average_start as number[] | undefined)?.map((each) => round(each, 2)).join(" / ") ?? "–"}, at the end ${(figures.load_average_end as number[] | undefined)?.map((each) => round(each, 2)).join(" / ") ?? "–"}.`
  )
  if (figures.machine_note) out.push("", `**${figures.machine_note}**`)
  out.push("")
  out.push(
    `One \`NODE_ENV=production medusa start\` of \`host/\` (built with \`medusa build\`, admin off, one shared process without Redis) on a fresh database, ` +
      `seeded through the admin API: a US region in USD, a sales channel and its publishable key, 20 products of 10 variants over 3 merchants, ` +
      `the host's promotion NATIVE10 (10 % off the order, \`POST /admin/promotions\`) and the plugin's coupon PLUGIN10 (10 %, \`POST /admin/coupons\`). ` +
      `A client's cycle on its cart: apply the code, GET, change a quantity (1–3), remove the code, apply it again, remove it ` +
      `(6 requests; both removals are "remove the code"); one of the two applies sends an \`Idempotency-Key\`, the first in one cycle and the second in the next. Each round runs a cycle of the host's carts, of the plugin's sessions and of the floor ` +
      `(6 × \`GET /store/regions/:id\`) in turn, each round in another order, at 1 client (${figures.config.roundsOne} rounds after ${figures.config.warmupRounds} warm-up) ` +
      `and at ${many} clients at once (${figures.config.clientsLarge === many ? "" : `${figures.config.clientsLarge} with carts of more than 100 lines; `}${figures.config.roundsMany} rounds, every client a cycle of its own cart). Carts are made beforehand (${figures.config.setupConcurrency} at once: ` +
      `"create" and "add a line" below come from there); converts come last, ${figures.config.convertsOne} a side at 1 client, then one a client a side at once. ` +
      `Statements are counted at the database (\`log_statement = all\` on the bench database, switched on only while counting; every connection of the server, ` +
      `bench/lib/statement-log.ts), one request at a time on the otherwise idle server, median of ${figures.config.countSamples}.`
  )
  out.push("")
  out.push(`Convert, native side: ${figures.convert_meaning.native}. Plugin side: ${figures.convert_meaning.plugin}.`)
  out.push("")
  out.push("### Targets (issue 21)")
  out.push("")
  out.push(
    markdownTable(
      ["target", "measured", ""],
      targets(figures).map((each) => [each.target, each.measured, each.met === null ? "not measured" : each.met ? "met" : "**missed**"])
    )
  )
  for (const lines of figures.config.lineCounts) {
    out.push("", `### ${lines}-line carts: p50 / p99 in ms, plugin/native p50`, "")
    const many = manyFor(lines)
    const rows: string[][] = []
    for (const operation of OPERATIONS) {
      const clientsList: (number | string)[] = operation === "create" || operation === "add_line" ? ["setup"] : [...new Set([1, many])]
      for (const clients of clientsList) {
        const native = latency(lines, clients, "native", operation)
        const plugin = latency(lines, clients, "plugin", operation)
        if (!native && !plugin) continue
        rows.push([
          OPERATION_WORDS[operation],
          clients === "setup" ? `${figures.config.setupConcurrency} (setup)` : String(clients),
          native ? `${fmt(native.p50)} / ${fmt(native.p99)}` : "–",
          plugin ? `${fmt(plugin.p50)} / ${fmt(plugin.p99)}` : "–",
          native && plugin ? `${fmt(plugin.p50 / native.p50, 2)}×` : "–",
          `${native?.n ?? 0} / ${plugin?.n ?? 0}`,
          `${fmt(statements(lines, "native", operation), 0)} / ${fmt(statements(lines, "plugin", operation), 0)}`,
        ])
      }
    }
    for (const clients of [...new Set([1, many])]) {
      const floor = latency(lines, clients, "floor", "get_region")
      if (floor) rows.push([OPERATION_WORDS.get_region, String(clients), "", `${fmt(floor.p50)} / ${fmt(floor.p99)} (floor)`, "", String(floor.n), fmt(statements(lines, "floor", "get_region"), 0)])
    }
    out.push(markdownTable(["request", "clients", "native p50 / p99", "plugin p50 / p99", "plugin/native", "samples", "statements native / plugin"], rows))
  }
  out.push("", "### Requests per second (cycles only, converts left out)", "")
  const throughputRows: string[][] = []
  for (const lines of figures.config.lineCounts) {
    for (const clients of [...new Set([1, manyFor(lines)])]) {
      const native = throughput(lines, clients, "native")
      const plugin = throughput(lines, clients, "plugin")
      throughputRows.push([
        String(lines),
        String(clients),
        fmt(native),
        fmt(plugin),
        native && plugin ? `${fmt(plugin / native, 2)}×` : "–",
        fmt(throughput(lines, clients, "floor")),
      ])
    }
  }
  out.push(markdownTable(["lines", "clients", "native req/s", "plugin req/s", "plugin/native", "floor req/s"], throughputRows))
  out.push("", "### Server memory (VmRSS of the server process)", "")
  const memory = figures.memory ?? []
  const runs = Math.max(0, ...memory.map((each) => each.run))
  out.push(
    `Each side's load in a server process of its own (${runs} run${runs === 1 ? "" : "s"} a side, sides alternating): a fresh ` +
      `\`medusa start\`, ${many} carts of 20 lines made, then ${figures.config.roundsMany} rounds of ${many} clients at once; ` +
      "medians of the runs. The target is read here.",
    ""
  )
  out.push(
    markdownTable(
      ["", "native", "plugin", "plugin/native"],
      (
        [
          ["idle, after start (MB)", "idle_mb"],
          ["after the side's load (MB)", "after_mb"],
          ["the most resident during it (VmHWM, MB)", "peak_mb"],
        ] as const
      ).map(([label, figure]) => {
        const [native, plugin] = [ownProcess("native", figure), ownProcess("plugin", figure)]
        return [label, fmt(native), fmt(plugin), native && plugin ? `${fmt(plugin / native, 2)}×` : "–"]
      })
    )
  )
  out.push(
    "",
    "In the one process that serves both sides (the timings above), read after each side's turn: the process's high-water " +
      "mark of both sides' loads so far, whichever side ran last (two readings a turn apart differ by less than a megabyte).",
    ""
  )
  const rssOf = (side: string) => figures.rss.filter((each) => each.side === side && each.clients === many).map((each) => each.mb)
  out.push(
    markdownTable(
      ["", "native", "plugin"],
      [
        [`median after each side's turns at ${many} clients (MB)`, fmt(rss("native")), fmt(rss("plugin"))],
        [`largest after a side's turn at ${many} clients (MB)`, fmt(Math.max(...rssOf("native"))), fmt(Math.max(...rssOf("plugin")))],
        ["after seeding, before any load (MB)", fmt(figures.rss_after_seed_mb), ""],
      ]
    )
  )
  const failures = figures.errors.filter((each) => (each.status ?? 500) >= 500)
  out.push("", `### Failed requests: ${figures.errors.length} (${failures.length} of them 5xx or no answer)`)
  if (figures.errors.length) {
    out.push("", ...figures.errors.slice(0, 20).map((each) => `- ${each.where}: ${each.message.replace(/\n/g, " ").slice(0, 300)}`))
  }
  out.push("", `Re-run: \`npm run bench:http\` (variables: ${Object.keys(ENV_NAMES).join(", ")}; see README "Benchmarks").`)
  return out.join("\n")
}

const ENV_NAMES = {
  BENCH_CLIENTS: 1,
  BENCH_CLIENTS_LARGE: 1,
  BENCH_LINES: 1,
  BENCH_SIDES: 1,
  BENCH_MEMORY_RUNS: 1,
  BENCH_ROUNDS_1: 1,
  BENCH_WARMUP: 1,
  BENCH_ROUNDS_MANY: 1,
  BENCH_CONVERTS_1: 1,
  BENCH_COUNT_SAMPLES: 1,
  BENCH_SETUP_CONCURRENCY: 1,
  BENCH_MAX_MINUTES: 1,
  BENCH_MACHINE_NOTE: 1,
  BENCH_CPU_PROF: 1,
}

/** Prints the figures and, unless `write` is false (a profiled run's figures are the profiler's too), keeps them in docs/. */
export function report(figures: HttpFigures, { write = true } = {}): void {
  figures.load_average_end = os.loadavg()
  const text = markdown(figures)
  console.log(`\n${text}\n`)
  if (!write) return
  const { key: _unused, ...json } = figures as HttpFigures & { key?: unknown }
  writeBenchmarkSection("http", text, { machine: machine(), ...json })
}
