#!/usr/bin/env node
// Prints "N passed, N failed" from jest's JSON result (written by npm test),
// so a run that executed no test is visible. Exits 1 on failures or no tests.
const fs = require("fs")
const path = require("path")

const file = process.argv[2] || path.resolve(__dirname, "../.cache/jest-results.json")
let results
try {
  results = JSON.parse(fs.readFileSync(file, "utf-8"))
} catch (error) {
  console.log("0 passed, 0 failed")
  console.error(`no jest result at ${file}: ${error.message}`)
  process.exit(1)
}
const passed = results.numPassedTests ?? 0
// Suites that failed to run (e.g. a host that did not boot) count as failures too.
const failed = (results.numFailedTests ?? 0) + (results.numRuntimeErrorTestSuites ?? 0)
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0)
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
