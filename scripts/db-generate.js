#!/usr/bin/env node
// `npm run db:generate`: generates migrations for every module of the plugin
// (medusa plugin:db:generate) against a scratch database on the PostgreSQL
// the tests would use (DB_* variables, else localhost:5432, else embedded).
const { Client } = require("pg")
const { findTestDatabase, urlFor } = require("./lib/database")
const { medusaBin, run } = require("./lib/plugin")

async function main() {
  const { connection, stop } = await findTestDatabase({ embeddedName: "generate-pg", embeddedPort: 54331 })
  const database = `plugin_migrations_${Date.now()}`
  const admin = new Client({ ...connection, database: "postgres" })
  await admin.connect()
  await admin.query(`create database "${database}"`)
  try {
    run(medusaBin, ["plugin:db:generate"], {
      env: {
        DB_HOST: connection.host,
        DB_PORT: String(connection.port),
        DB_USERNAME: connection.user,
        DB_PASSWORD: connection.password,
        DATABASE_URL: urlFor(connection, database),
      },
    })
  } finally {
    await admin.query(`drop database if exists "${database}"`)
    await admin.end()
    await stop()
  }
}

main().catch((error) => {
  console.error(error?.stack ?? error)
  process.exit(1)
})
