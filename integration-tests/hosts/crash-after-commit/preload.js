// Preloaded into a host process (`NODE_OPTIONS=--require <this file>`) by the idempotency crash test: the
// process kills itself with SIGKILL the moment PostgreSQL answers the COMMIT of a transaction that wrote
// to the table CRASH_AFTER_COMMIT_TABLE, once the file CRASH_AFTER_COMMIT_ARMED exists. So the change is
// committed and nothing the process meant to do after that commit (answer, store anything) happens: a
// crash at the worst moment, at a point the test chooses. It patches every copy of the `pg` driver the
// process loads (knex's, MikroORM's); nothing of the host or the plugin is changed.
const fs = require("fs")
const Module = require("module")

const table = process.env.CRASH_AFTER_COMMIT_TABLE
const armedFile = process.env.CRASH_AFTER_COMMIT_ARMED
const patched = new WeakSet()
const writes = new RegExp(`^\\s*(insert\\s+into|update)\\s+"?${table}"?[\\s(]`, "i")

function die() {
  process.kill(process.pid, "SIGKILL")
}

function patch(prototype) {
  patched.add(prototype)
  const query = prototype.query
  prototype.query = function (config, values, callback) {
    const text = typeof config === "string" ? config : config && config.text
    if (typeof text === "string") {
      if (/^\s*BEGIN/i.test(text)) {
        this.__crashTestWrote = false
      } else if (writes.test(text)) {
        this.__crashTestWrote = true
      } else if (/^\s*COMMIT/i.test(text) && this.__crashTestWrote && fs.existsSync(armedFile)) {
        const done = typeof values === "function" ? values : typeof callback === "function" ? callback : null
        if (done) {
          const after = (error, result) => {
            if (!error) die()
            return done(error, result)
          }
          return typeof values === "function" ? query.call(this, config, after) : query.call(this, config, values, after)
        }
        return query.apply(this, arguments).then((result) => {
          die()
          return result
        })
      }
    }
    return query.apply(this, arguments)
  }
}

if (table && armedFile) {
  const load = Module._load
  Module._load = function (request) {
    const loaded = load.apply(this, arguments)
    if (request === "pg" && loaded && loaded.Client && !patched.has(loaded.Client.prototype)) {
      patch(loaded.Client.prototype)
    }
    return loaded
  }
}
