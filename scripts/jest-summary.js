#!/usr/bin/env node
// Prints "N passed, N failed" from the counts jest-count-reporter.js wrote
// (npm test), after the names of what failed and a line "skipped: N" (with
// the files the skipped tests are in), so a run that executed no test or
// left tests out is visible. Exits 1 on failures, on no tests, or when there
// are no counts.
// With --require-project NAME (repeatable) a project that ran no test fails
// the run too: .ci/run requires `concurrency`, the suite of npm run test:concurrency.
const fs = require("fs")
const path = require("path")

const args = process.argv.slice(2)
const required = args.flatMap((arg, index) => (args[index - 1] === "--require-project" ? [arg] : []))
const file =
  args.find((arg, index) => !arg.startsWith("--") && args[index - 1] !== "--require-project") ||
  path.resolve(__dirname, "../.cache/jest-results.json")
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
let missing = false
for (const name of required) {
  const project = counts.projects?.[name]
  if (!project || project.passed + project.failed === 0) {
    console.log(`project ${name} ran no test`)
    missing = true
  } else {
    console.log(`${name}: ${project.passed} passed, ${project.failed} failed, ${project.skipped ?? 0} skipped`)
  }
}
const skippedFiles = Object.entries(counts.skippedByFile ?? {}).map(([name, count]) => `${name}: ${count}`)
console.log(`skipped: ${skipped}${skippedFiles.length ? ` (${skippedFiles.join(", ")})` : ""}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 || missing ? 1 : 0)
