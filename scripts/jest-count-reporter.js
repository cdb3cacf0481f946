// A jest reporter that writes the counts the closing line needs to a JSON file
// of its own. jest's --json output serializes whole errors and crashes on the
// circular request/response of an axios error, leaving no result at all; this
// writes only numbers and names, so it cannot.
const fs = require("fs")
const path = require("path")

class JestCountReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir
    this.outputFile = path.resolve(this.rootDir, options.outputFile || ".cache/jest-results.json")
  }

  onRunComplete(_contexts, results) {
    const failures = []
    const projects = {}
    // Tests skipped (it.skip, describe.skip, todo), by file: a prerequisite missing outside CI shows here.
    const skippedByFile = {}
    // Seconds each file took in its worker, slowest first: where the run's time goes.
    const secondsByFile = {}
    let suitesFailedToRun = 0
    for (const suite of results.testResults) {
      const file = path.relative(this.rootDir, suite.testFilePath)
      const project = (projects[projectOf(suite)] ??= { passed: 0, failed: 0, skipped: 0 })
      project.passed += suite.numPassingTests
      project.failed += suite.numFailingTests
      const skipped = suite.numPendingTests + suite.numTodoTests
      project.skipped += skipped
      if (skipped) {
        skippedByFile[file] = skipped
      }
      const { start, end } = suite.perfStats ?? {}
      if (start && end) {
        secondsByFile[file] = Math.round((end - start) / 100) / 10
      }
      for (const test of suite.testResults) {
        if (test.status === "failed") {
          failures.push([file, ...test.ancestorTitles, test.title].filter(Boolean).join(" › "))
        }
      }
      // A suite that did not run (its host did not boot) or whose hooks failed has no failing test to show for it.
      if ((suite.testExecError || suite.failureMessage) && suite.numFailingTests === 0) {
        suitesFailedToRun++
        project.failed++
        failures.push(`${file} (failed outside its tests)`)
      }
    }
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      suitesFailedToRun,
      skipped: results.numPendingTests,
      todo: results.numTodoTests,
      skippedByFile,
      secondsByFile: Object.fromEntries(Object.entries(secondsByFile).sort((a, b) => b[1] - a[1])),
      projects,
      failures,
    }
    fs.mkdirSync(path.dirname(this.outputFile), { recursive: true })
    fs.writeFileSync(this.outputFile, JSON.stringify(counts, null, 2) + "\n")
  }
}

/** The jest project (displayName) a suite ran in. */
function projectOf(suite) {
  const name = suite.displayName
  return (typeof name === "string" ? name : name?.name) || "default"
}

module.exports = JestCountReporter
