import { StatementLog } from "./statement-log"

/** How many timed runs of each change (BENCH_RUNS, default 60), after how many warm-up runs. */
export const RUNS = Number(process.env.BENCH_RUNS || 60)
export const WARMUP = 10

/** The statement log of the benchmark's own PostgreSQL (bench/with-statement-log.js sets where it is). */
export async function openBenchStatementLog(): Promise<StatementLog> {
  return await StatementLog.open(process.env.CHECKOUT_DISCOUNTS_BENCH_LOG!, {
    host: process.env.DB_HOST!,
    port: Number(process.env.DB_PORT),
    user: process.env.DB_USERNAME!,
    password: process.env.DB_PASSWORD!,
  })
}

export type ChangeFigures = { p50: number; p95: number; statements: number }

/** The value at quantile `at` (0–1) of `values` (nearest rank, below). */
export const quantile = (values: number[], at: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(at * values.length))]

/**
 * Runs every change WARMUP + RUNS times in turn (each given its run number), timing it and counting the
 * statements every connection ran for it in the database's log; the warm-up runs are left out. By change:
 * p50 and p95 in ms, and the median number of statements.
 */
export async function measureChanges(
  log: StatementLog,
  changes: Record<string, (run: number) => Promise<unknown>>
): Promise<Record<string, ChangeFigures>> {
  const times: Record<string, number[]> = {}
  const statements: Record<string, number[]> = {}
  for (let run = 0; run < WARMUP + RUNS; run++) {
    for (const [name, change] of Object.entries(changes)) {
      let elapsed = 0
      const counted = await log.count(async () => {
        const started = performance.now()
        await change(run)
        elapsed = performance.now() - started
      })
      if (run >= WARMUP) {
        ;(times[name] ??= []).push(elapsed)
        ;(statements[name] ??= []).push(counted)
      }
    }
  }
  return Object.fromEntries(
    Object.keys(changes).map((name) => [
      name,
      { p50: quantile(times[name], 0.5), p95: quantile(times[name], 0.95), statements: quantile(statements[name], 0.5) },
    ])
  )
}

/** Prints a table of figures under a line saying how they were measured, columns padded. */
export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((name, column) => Math.max(name.length, ...rows.map((row) => row[column].length)))
  const format = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")
  console.log([title, format(header), ...rows.map(format)].join("\n"))
}

/** Prints the table of `measureChanges`' figures. */
export function printFigures(header: string[], rows: string[][]): void {
  printTable(`[bench] ${RUNS} runs each after ${WARMUP} warm-up, statements counted in the database's log (median)`, header, rows)
}
