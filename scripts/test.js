#!/usr/bin/env node
// `npm test`: finds or starts PostgreSQL, builds the plugin for the host the
// HTTP tests boot, and runs every jest project once; the reporter named in
// jest.config.js writes the counts to .cache/jest-results.json. Extra
// arguments go to jest.
const fs = require("fs")
const path = require("path")
const { findTestDatabase, projectRoot } = require("./lib/database")
const { buildPlugin, linkPluginIntoHost } = require("./lib/plugin")
const { jestEnvironment, runJest } = require("./lib/jest")

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
    exitCode = await runJest(jestArgs, jestEnvironment(database.connection))
  } finally {
    await database.stop()
  }
  process.exit(exitCode)
}

main().catch((error) => {
  console.error(`[test] ${error?.stack ?? error}`)
  process.exit(1)
})
