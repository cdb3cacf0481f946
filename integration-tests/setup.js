const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
const KnexLogger = require("knex/lib/logger")

// Module runners register entities globally; start every test file clean.
MetadataStorage.clear()

// When a runner drops its test database at teardown, knex warns "Connection
// Error: Connection ended unexpectedly" for every idle pool connection it
// loses: nothing failed, so only that warning is dropped.
const POOL_TEARDOWN_WARNING = /^Connection Error: .*Connection ended unexpectedly/
const warn = KnexLogger.prototype.warn
KnexLogger.prototype.warn = function (message) {
  if (typeof message === "string" && POOL_TEARDOWN_WARNING.test(message)) {
    return
  }
  return warn.call(this, message)
}

// The HTTP runner's databases: one migrated template per host and run, and the copy restored before
// every test kept in place (integration-tests/runner/). CHECKOUT_DISCOUNTS_STOCK_RUNNER=1 leaves the
// runner as test-utils ships it (to compare, or to rule these out).
if (!process.env.CHECKOUT_DISCOUNTS_STOCK_RUNNER) {
  require("./runner/migrated-template").installMigratedTemplates()
  require("./runner/migrated-template").installRunModuleDatabases()
  require("./runner/in-place-snapshot").installInPlaceSnapshots()
}
if (process.env.CHECKOUT_DISCOUNTS_TEST_TIMINGS) {
  require("./runner/phase-timings").installPhaseTimings()
}
