// Run: npx ts-node --transpile-only bench/pricing.bench.ts
import { performance } from "node:perf_hooks"
import { priceSession, type PriceSessionInput } from "../src/lib/pricing"

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

function measure(name: string, input: PriceSessionInput, warmup: number, runs: number) {
  for (let run = 0; run < warmup; run++) priceSession(input)
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    priceSession(input)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const at = (quantile: number) => times[Math.min(times.length - 1, Math.floor(quantile * times.length))]
  const median = at(0.5)
  return [
    name,
    String(runs),
    median.toFixed(3),
    at(0.95).toFixed(3),
    Math.round(input.lines.length / (median / 1000)).toLocaleString("en-US"),
  ]
}

function printTable(rows: string[][]) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  const format = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ")
  console.log(format(rows[0]))
  console.log(widths.map((width) => "-".repeat(width)).join("  "))
  for (const row of rows.slice(1)) console.log(format(row))
}

const big = session(10000, 50)
const small = session(20, 3)
const statuses = (input: PriceSessionInput) =>
  priceSession(input)
    .discounts.map((discount) => `${discount.code ?? discount.id}=${discount.status}`)
    .join(" ")

console.log(`node ${process.version}`)
console.log(`big:   ${statuses(big)}`)
console.log(`small: ${statuses(small)}`)
printTable([
  ["session", "runs", "median ms", "p95 ms", "lines/s (median)"],
  measure("10,000 lines, 50 merchants, 5 codes + cart manual", big, 20, 200),
  measure("20 lines, 3 merchants, 5 codes + cart manual", small, 500, 5000),
])
