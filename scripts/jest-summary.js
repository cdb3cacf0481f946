#!/usr/bin/env node
// Prints "N passed, N failed" from the counts jest-count-reporter.js wrote
// (npm test), after the names of what failed, so a run that executed no test
// is visible. Exits 1 on failures, on no tests, or when there are no counts.
const fs = require("fs")
const path = require("path")

const file = process.argv[2] || path.resolve(__dirname, "../.cache/jest-results.json")
let counts
try {
  counts = JSON.parse(fs.readFileSync(file, "utf-8"))
} catch (error) {
  console.log(`no test counts: ${error.message} (jest did not finish its run)`)
  process.exit(1)
}
const passed = counts.passed ?? 0
// Suites that failed without a failing test (e.g. a host that did not boot) count as failures too.
const failed = (counts.failed ?? 0) + (counts.suitesFailedToRun ?? 0)
const skipped = (counts.skipped ?? 0) + (counts.todo ?? 0)
for (const name of counts.failures ?? []) {
  console.log(`failed: ${name}`)
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
