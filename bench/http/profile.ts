// `ts-node --transpile-only bench/http/profile.ts <file.cpuprofile> [filter]`: what a V8 CPU profile of the
// server (`BENCH_CPU_PROF=<dir> npm run bench:http`) spent its time on. Prints the time by area (the plugin's
// files, each @medusajs package, other packages, node itself, GC, idle), the functions with the most self time,
// and the plugin's functions with the most total time (self and what they called). With a filter (a substring
// of a function's name or file), only samples under a matching frame count: e.g. `addCartSessionCodes`.
import fs from "node:fs"
import path from "node:path"

type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const PLUGIN_MARKS = ["medusa-plugin-checkout-discounts", "/.medusa/server/src/"]

/** Where a frame's code lives, for the time by area. */
function areaOf(url: string, name: string): string {
  if (name === "(garbage collector)") return "GC"
  if (name === "(idle)" || name === "(program)") return name
  if (!url) return "(native)"
  if (PLUGIN_MARKS.some((mark) => url.includes(mark)) && !url.includes("/node_modules/@medusajs/")) {
    const file = url.split("/src/").pop() ?? url
    return `plugin: ${file.split("/").slice(0, 2).join("/")}`
  }
  const medusa = /node_modules\/@medusajs\/([^/]+)/.exec(url)
  if (medusa) return `@medusajs/${medusa[1]}`
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  if (url.startsWith("node:")) return "node"
  return path.basename(url)
}

const isPlugin = (url: string) => PLUGIN_MARKS.some((mark) => url.includes(mark)) && !url.includes("/node_modules/@medusajs/")
const label = (node: ProfileNode) =>
  `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.split("/").slice(-2).join("/")}:${node.callFrame.lineNumber + 1}`

function main() {
  const [file, filter] = process.argv.slice(2)
  if (!file) throw new Error("usage: profile.ts <file.cpuprofile> [filter]")
  const profile: CpuProfile = JSON.parse(fs.readFileSync(file, "utf-8"))
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const stackOf = (id: number) => {
    const stack: ProfileNode[] = []
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!)
    return stack
  }

  const self = new Map<string, number>()
  const total = new Map<string, number>()
  const totalAll = new Map<string, number>()
  const areas = new Map<string, number>()
  let counted = 0
  let all = 0
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000
    all += ms
    const stack = stackOf(id)
    if (filter && !stack.some((node) => label(node).includes(filter))) return
    counted += ms
    const leaf = stack[0]
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms)
    const area = areaOf(leaf.callFrame.url, leaf.callFrame.functionName)
    areas.set(area, (areas.get(area) ?? 0) + ms)
    for (const key of new Set(stack.filter((node) => isPlugin(node.callFrame.url)).map(label))) {
      total.set(key, (total.get(key) ?? 0) + ms)
    }
    for (const key of new Set(stack.filter((node) => node.callFrame.url).map(label))) {
      totalAll.set(key, (totalAll.get(key) ?? 0) + ms)
    }
  })

  const top = (map: Map<string, number>, count: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / counted).toFixed(1).padStart(5)}%  ${key}`)
      .join("\n")
  console.log(`${path.basename(file)}: ${all.toFixed(0)} ms sampled${filter ? `, ${counted.toFixed(0)} ms under "${filter}"` : ""}`)
  console.log(`\nby area (self time):\n${top(areas, 25)}`)
  console.log(`\nfunctions, self time:\n${top(self, 40)}`)
  console.log(`\nplugin functions, total time (self and callees):\n${top(total, 40)}`)
  console.log(`\nall functions, total time (self and callees):\n${top(totalAll, 60)}`)
}

main()
