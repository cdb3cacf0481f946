// Every HTTP spec file gets a new database from medusaIntegrationTestRunner (@medusajs/test-utils
// 2.21.2), which then runs every module's migrations and the link sync on it: 10–20 s a file on 2 CPUs,
// the same work each time. Within one `npm test` run, the first file to boot a given host does that
// work as usual and its database, just migrated, is copied into a template database
// (`create database … template …`); every later file booting the same host, in whichever jest worker,
// gets its database as a copy of that template (about a second) and the runner's module migrations
// are skipped (the link sync still runs; it finds nothing to do). Files of other hosts or with other
// environment variables get a template of their own: the key is the host's directory and the whole
// environment the runner boots it with.
//
// The templates are named after the run (CHECKOUT_DISCOUNTS_TEST_RUN, set by scripts/test.js) and
// dropped by scripts/test.js when the run ends. Without that variable (jest started by hand), nothing
// changes: every file migrates its own database.
const crypto = require("crypto")
const path = require("path")
const { Client } = require("pg")

const RUN_VARIABLE = "CHECKOUT_DISCOUNTS_TEST_RUN"
const RUN_PREFIX = "cd-test-"
// Variables that differ between files or workers of one run without changing the host.
const VOLATILE = new Set(["JEST_WORKER_ID"])

const quote = (identifier) => `"${String(identifier).replace(/"/g, '""')}"`

function maintenanceSettings() {
  return {
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database: process.env.DB_WAITINGROOM_DATABASE ?? "postgres",
  }
}

/** The databases of a run (templates, module test databases) share this prefix; scripts/test.js drops them. */
const runDatabasePrefixOf = (run) => `${RUN_PREFIX}${run}-`

function templateNameFor(run, cwd) {
  const environment = Object.entries(process.env)
    .filter(([name]) => !VOLATILE.has(name))
    .sort(([a], [b]) => (a < b ? -1 : 1))
  const key = crypto.createHash("sha1").update(JSON.stringify([path.resolve(cwd), environment])).digest("hex")
  return `${runDatabasePrefixOf(run)}template-${key.slice(0, 16)}`
}

function installMigratedTemplates() {
  const run = process.env[RUN_VARIABLE]
  if (!run) {
    return
  }
  const utilsDirectory = path.join(path.dirname(require.resolve("@medusajs/test-utils/package.json")), "dist", "medusa-test-runner-utils")
  const config = require(path.join(utilsDirectory, "config"))
  const templates = require(path.join(utilsDirectory, "postgres-template"))
  const database = require(path.join(utilsDirectory, "use-db"))
  const needed = [
    [config, "configLoaderOverride"],
    [templates, "createDatabase"],
    [templates, "dropDatabase"],
    [database, "migrateDatabase"],
    [database, "syncLinks"],
  ]
  for (const [module, name] of needed) {
    if (typeof module[name] !== "function") {
      throw new Error(`@medusajs/test-utils has no ${name} any more: integration-tests/runner/migrated-template.js needs updating`)
    }
  }
  const original = {
    configLoaderOverride: config.configLoaderOverride,
    createDatabase: templates.createDatabase,
    dropDatabase: templates.dropDatabase,
    migrateDatabase: database.migrateDatabase,
    syncLinks: database.syncLinks,
  }

  // The file's one runner: its host directory, its database, and what became of it.
  let cwd = null
  let current = null // { databaseName, templateName, copied, lock: Client | null }

  const releaseLock = async () => {
    const lock = current?.lock
    if (lock) {
      current.lock = null
      await lock.end().catch(() => {})
    }
  }

  config.configLoaderOverride = async (entryDirectory, override) => {
    cwd = entryDirectory
    return original.configLoaderOverride(entryDirectory, override)
  }

  templates.createDatabase = async (options, credentials) => {
    if (!cwd) {
      return original.createDatabase(options, credentials)
    }
    const templateName = templateNameFor(run, cwd)
    // One file of the run migrates; the others wait for its template (a session lock, released when
    // the template exists or, if that file fails, when its connection ends).
    const lock = new Client(maintenanceSettings())
    lock.on("error", () => {})
    await lock.connect()
    await lock.query("select pg_advisory_lock(hashtext($1))", [templateName])
    const { rowCount } = await lock.query("select 1 from pg_database where datname = $1", [templateName])
    if (rowCount) {
      try {
        await lock.query(`create database ${quote(options.databaseName)} template ${quote(templateName)}`)
      } finally {
        await lock.end().catch(() => {})
      }
      current = { databaseName: options.databaseName, templateName, copied: true, lock: null }
      return
    }
    current = { databaseName: options.databaseName, templateName, copied: false, lock }
    try {
      await original.createDatabase(options, credentials)
    } catch (error) {
      await releaseLock()
      throw error
    }
  }

  database.migrateDatabase = async (appLoader) => {
    if (current?.copied) {
      return // the template was migrated by this run, with the same host and environment
    }
    try {
      return await original.migrateDatabase(appLoader)
    } catch (error) {
      await releaseLock()
      throw error
    }
  }

  database.syncLinks = async (...args) => {
    try {
      await original.syncLinks(...args)
      if (current && !current.copied && current.lock) {
        await saveTemplate(current.lock, current.databaseName, current.templateName)
      }
    } finally {
      await releaseLock()
    }
  }

  templates.dropDatabase = async (options, credentials) => {
    if (current?.databaseName === options.databaseName) {
      await releaseLock()
      current = null
    }
    return original.dropDatabase(options, credentials)
  }
}

/**
 * Copies the just-migrated database into the template. The copy needs the source to have no other
 * connection for a moment: the runner's connections are ended (as its own snapshot does; its pool
 * opens new ones).
 */
async function saveTemplate(client, databaseName, templateName) {
  await client.query(`alter database ${quote(databaseName)} with allow_connections false`)
  try {
    for (let attempt = 0; ; attempt++) {
      await client.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [databaseName])
      try {
        await client.query(`create database ${quote(templateName)} template ${quote(databaseName)}`)
        return
      } catch (error) {
        // "source database … is being accessed by other users": a connection not ended yet.
        if (error?.code !== "55006" || attempt >= 20) {
          throw error
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  } finally {
    await client.query(`alter database ${quote(databaseName)} with allow_connections true`)
  }
}

/**
 * moduleIntegrationTestRunner names its database after the module and the jest worker only
 * (medusa-<module>-integration-<worker>), so two runs on one PostgreSQL (two checkouts, two CI jobs)
 * share it and undo each other's schema mid-test. Within a run, the name gets the run's prefix
 * (scripts/test.js drops these databases at the end; the runner never drops them itself).
 */
function installRunModuleDatabases() {
  const run = process.env[RUN_VARIABLE]
  if (!run) {
    return
  }
  const runnerModule = require(path.join(path.dirname(require.resolve("@medusajs/test-utils/package.json")), "dist", "module-test-runner"))
  const original = runnerModule.moduleIntegrationTestRunner
  if (typeof original !== "function") {
    throw new Error("@medusajs/test-utils has no moduleIntegrationTestRunner any more: integration-tests/runner/migrated-template.js needs updating")
  }
  runnerModule.moduleIntegrationTestRunner = (options) => {
    if (options.dbName || !options.moduleName) {
      return original(options)
    }
    const worker = process.env.JEST_WORKER_ID || "1"
    return original({ ...options, dbName: `${runDatabasePrefixOf(run)}module-${options.moduleName.toLowerCase()}-${worker}` })
  }
}

module.exports = { installMigratedTemplates, installRunModuleDatabases, runDatabasePrefixOf, RUN_VARIABLE }
