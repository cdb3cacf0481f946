const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

// Module runners register entities globally; start every test file clean.
MetadataStorage.clear()

// When a runner drops its test database at teardown, knex warns "Connection
// Error: Connection ended unexpectedly" through console.log for every idle
// pool connection it loses: nothing failed, so only that line is dropped.
const POOL_TEARDOWN_WARNING = /Connection Error: .*Connection ended unexpectedly/
const log = console.log
console.log = (...args) => {
  if (typeof args[0] === "string" && POOL_TEARDOWN_WARNING.test(args[0])) {
    return
  }
  log(...args)
}
