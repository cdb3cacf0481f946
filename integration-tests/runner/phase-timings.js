// CHECKOUT_DISCOUNTS_TEST_TIMINGS=1 npm test -- …: appends one line per step of the HTTP runner
// (create the database, migrate, sync links, boot, snapshot, restore before a test, wait for workflows,
// drop) to .cache/test-timings.tsv: spec file, step, milliseconds. Sum them by file and step with
//   awk -F'\t' '{ms[$1 FS $2] += $3; n[$1 FS $2]++} END {for (k in ms) print k, ms[k], "x" n[k]}' .cache/test-timings.tsv | sort
// It wraps the functions medusaIntegrationTestRunner (@medusajs/test-utils 2.21.2) calls, after
// this project's replacements (integration-tests/runner/), so it times those.
const fs = require("fs")
const path = require("path")

const output = path.resolve(__dirname, "../../.cache/test-timings.tsv")
const testUtils = path.join(path.dirname(require.resolve("@medusajs/test-utils/package.json")), "dist")
const specFile = () => {
  try {
    return path.basename(expect.getState().testPath)
  } catch {
    return "?"
  }
}

function time(module, name, label = name) {
  const original = module?.[name]
  if (typeof original !== "function") {
    return
  }
  module[name] = async function (...args) {
    const started = Date.now()
    try {
      return await original.apply(this, args)
    } finally {
      fs.mkdirSync(path.dirname(output), { recursive: true })
      fs.appendFileSync(output, `${specFile()}\t${label}\t${Date.now() - started}\n`)
    }
  }
}

function installPhaseTimings() {
  const utils = (file) => require(path.join(testUtils, "medusa-test-runner-utils", file))
  const steps = {
    "postgres-template": ["createDatabase", "createPostgresDatabaseTemplate", "restorePostgresDatabaseFromTemplate", "dropPostgresDatabaseTemplate", "dropDatabase"],
    "use-db": ["initDb", "migrateDatabase", "syncLinks", "migrateSearchIndexes"],
    "bootstrap-app": ["startApp"],
    "wait-workflow-executions": ["waitWorkflowExecutions"],
  }
  for (const [file, names] of Object.entries(steps)) {
    names.forEach((name) => time(utils(file), name))
  }
  time(require("@medusajs/framework").MedusaAppLoader.prototype, "load", "MedusaAppLoader.load")
}

module.exports = { installPhaseTimings }
