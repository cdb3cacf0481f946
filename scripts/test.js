#!/usr/bin/env node
// `npm test`: finds or starts PostgreSQL, builds the plugin for the host the
// HTTP tests boot, and runs every jest project once (the HTTP specs' databases come from one migrated
// template per host and run, dropped at the end: integration-tests/runner/); the reporter named in
// jest.config.js writes the counts to .cache/jest-results.json. Extra
// arguments go to jest.
const fs = require("fs")
const path = require("path")
const { dropDatabasesStartingWith, findTestDatabase, projectRoot } = require("./lib/database")
const { buildPlugin, linkPluginIntoHost } = require("./lib/plugin")
const { jestEnvironment, runJest } = require("./lib/jest")
const { RUN_VARIABLE, runDatabasePrefixOf } = require("../integration-tests/runner/migrated-template")

async function findDatabase() {
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329)
  const database = await findTestDatabase({ embeddedName: "test-pg", embeddedPort: port })
  const { host, port: usedPort } = database.connection
  console.log(
    database.embedded
      ? `[test] no PostgreSQL at ${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || 5432}; started the embedded one on ${usedPort}`
      : `[test] using PostgreSQL at ${host}:${usedPort}`
  )
  return database
}

async function main() {
  const jestArgs = process.argv.slice(2)
  const database = await findDatabase()
  let exitCode = 1
  try {
    buildPlugin()
    linkPluginIntoHost()
    const resultsFile = path.join(projectRoot, ".cache", "jest-results.json")
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true })
    fs.rmSync(resultsFile, { force: true })
    // Names this run's databases: migrated templates, module test databases (integration-tests/runner/migrated-template.js).
    // CHECKOUT_DISCOUNTS_STOCK_RUNNER=1: none (every database migrated by itself, as test-utils does).
    const run = `${Date.now().toString(36)}${process.pid.toString(36)}`
    const runEnvironment = process.env.CHECKOUT_DISCOUNTS_STOCK_RUNNER ? {} : { [RUN_VARIABLE]: run }
    const dropTemplates = () =>
      dropDatabasesStartingWith(database.connection, runDatabasePrefixOf(run)).catch((error) =>
        console.error(`[test] could not drop this run's databases: ${error?.message ?? error}`)
      )
    // Interrupted (Ctrl-C reaches jest too): the templates still go.
    const interrupted = (signal) => dropTemplates().finally(() => process.exit(signal === "SIGINT" ? 130 : 143))
    process.once("SIGINT", interrupted)
    process.once("SIGTERM", interrupted)
    try {
      exitCode = await runJest(jestArgs, jestEnvironment(database.connection, runEnvironment))
    } finally {
      process.off("SIGINT", interrupted)
      process.off("SIGTERM", interrupted)
      await dropTemplates()
    }
  } finally {
    await database.stop()
  }
  process.exit(exitCode)
}

main().catch((error) => {
  console.error(`[test] ${error?.stack ?? error}`)
  process.exit(1)
})
