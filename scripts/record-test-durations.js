#!/usr/bin/env node
// `npm run test:durations`: after `npm test`, records the seconds each spec file took
// (.cache/jest-results.json, from scripts/jest-count-reporter.js) in scripts/test-durations.json, the
// table scripts/jest-sequencer.js orders the files by. Files this run did not run keep their last
// figure; files that no longer exist are dropped.
const fs = require("fs")
const path = require("path")

const root = path.resolve(__dirname, "..")
const resultsFile = path.join(root, ".cache", "jest-results.json")
const durationsFile = path.join(__dirname, "test-durations.json")

const results = JSON.parse(fs.readFileSync(resultsFile, "utf8"))
const measured = results.secondsByFile ?? {}
if (!Object.keys(measured).length) {
  console.error(`${path.relative(root, resultsFile)} has no secondsByFile: run npm test first`)
  process.exit(1)
}
let previous = {}
try {
  previous = JSON.parse(fs.readFileSync(durationsFile, "utf8")).seconds ?? {}
} catch {
  // no table yet
}
const merged = { ...previous, ...measured }
const seconds = Object.fromEntries(
  Object.entries(merged)
    .filter(([file]) => fs.existsSync(path.join(root, file)))
    .map(([file, value]) => [file, Math.round(value)])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
)
const table = {
  note: "Seconds each spec file took in a full `npm test` on 2 cores; jest runs the longest first (scripts/jest-sequencer.js). Rewritten by `npm run test:durations`.",
  seconds,
}
fs.writeFileSync(durationsFile, JSON.stringify(table, null, 2) + "\n")
const total = Object.values(seconds).reduce((sum, value) => sum + value, 0)
console.log(`wrote ${path.relative(root, durationsFile)}: ${Object.keys(seconds).length} files, ${total} s in all (${Object.keys(measured).length} from this run)`)
