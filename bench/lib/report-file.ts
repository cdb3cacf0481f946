import fs from "node:fs"
import path from "node:path"

// docs/benchmarks.md and docs/benchmarks.json hold the figures of several benchmarks; each rewrites
// its own part: a section between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->` in the
// markdown, and the key `<name>` of the JSON.

const docs = path.resolve(__dirname, "../../docs")
export const MARKDOWN_FILE = path.join(docs, "benchmarks.md")
export const JSON_FILE = path.join(docs, "benchmarks.json")

const HEADER = `# Benchmarks

Figures written by the benchmarks themselves (each rewrites its own section and its key of
[benchmarks.json](benchmarks.json), the raw figures): \`npm run bench:http\` (the store over HTTP, the
host's carts and the plugin's sessions side by side) and \`npm run bench\` (the pure pricing core).
`

export function writeBenchmarkSection(name: string, markdown: string, json: unknown): void {
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const section = `${start}\n${markdown.trim()}\n${end}`
  let text = fs.existsSync(MARKDOWN_FILE) ? fs.readFileSync(MARKDOWN_FILE, "utf-8") : HEADER
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  text = from >= 0 && to > from ? `${text.slice(0, from)}${section}${text.slice(to + end.length)}` : `${text.trimEnd()}\n\n${section}\n`
  fs.writeFileSync(MARKDOWN_FILE, text)

  const all = fs.existsSync(JSON_FILE) ? JSON.parse(fs.readFileSync(JSON_FILE, "utf-8")) : {}
  all[name] = json
  fs.writeFileSync(JSON_FILE, `${JSON.stringify(all, null, 2)}\n`)
}

/** A markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n")
}

/** The machine, for the reports: cpu model, cores, RAM, Node. */
export function machine() {
  const os = require("node:os") as typeof import("node:os")
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model?.trim() ?? "unknown",
    cores: cpus.length,
    ram_gb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  }
}
