#!/usr/bin/env node
// `npm test`: finds or starts PostgreSQL, builds the plugin for the host the
// HTTP tests boot, and runs every jest project once; the reporter named in
// jest.config.js writes the counts to .cache/jest-results.json. Extra
// arguments go to jest.
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const { findTestDatabase, projectRoot } = require("./lib/database")
const { buildPlugin, linkPluginIntoHost } = require("./lib/plugin")

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
    const { host, port, user, password } = database.connection
    const env = {
      ...process.env,
      // test-utils turns SSL on unless the URL says localhost.
      DB_HOST: host === "127.0.0.1" ? "localhost" : host,
      DB_PORT: String(port),
      DB_USERNAME: user,
      DB_PASSWORD: password,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" "),
      MEDUSA_DISABLE_TELEMETRY: "true",
      // The booted hosts log every migration and event at info: keep errors unless the caller asks for more.
      LOG_LEVEL: process.env.LOG_LEVEL || "error",
      TZ: "UTC",
    }
    const jestBin = path.join(projectRoot, "node_modules", "jest", "bin", "jest.js")
    exitCode = await new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        // --forceExit: the booted hosts leave timers (scheduled jobs, pools) behind.
        [jestBin, "--forceExit", ...jestArgs],
        { stdio: "inherit", cwd: projectRoot, env }
      )
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
    })
  } finally {
    await database.stop()
  }
  process.exit(exitCode)
}

main().catch((error) => {
  console.error(`[test] ${error?.stack ?? error}`)
  process.exit(1)
})
