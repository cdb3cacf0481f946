// Between the tests of an HTTP spec file, medusaIntegrationTestRunner (@medusajs/test-utils 2.21.2)
// brings the database back to how it was before the first test: it copies the database once into a
// template database (`create database … template …`) and, before every later test, drops the database
// and creates it again from that template, ending every connection of the booted host. On 2 CPUs that
// is 1–2 s a test (most of an HTTP file's time). This keeps the copy inside the test database
// instead, in a schema of its own, and restores it in place in one transaction: delete every row of
// every table, insert the copied rows back, set the sequences back. The host keeps its connections,
// and a restore takes tens of milliseconds. What a test sees is the same: every table holds exactly
// what it held when the runner took its snapshot (after the suite's own beforeAll hooks), sequences
// included.
//
// It replaces the runner's three template functions (snapshot, restore, drop of the template) for the
// test file's copy of test-utils (setupFiles run in the spec's module registry). Foreign keys are not
// checked while the rows go back (session_replication_role = replica), which takes a superuser, as
// creating the runner's databases takes a role allowed to; with any other role, the runner's own
// template databases are kept.
const crypto = require("crypto")
const path = require("path")
const { Client } = require("pg")

const SNAPSHOT_SCHEMA_PREFIX = "test_snapshot_"
// A test that left a transaction open holding row locks would block the restore: past this, the
// restore ends the database's other connections (as the runner's own restore always does) and retries.
const LOCK_TIMEOUT = "5s"

const quote = (identifier) => `"${String(identifier).replace(/"/g, '""')}"`
const literal = (text) => `'${String(text).replace(/'/g, "''")}'`

function connectionSettings(database) {
  return {
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database,
  }
}

/** One client per test database, opened on first use. */
const clients = new Map()

function clientFor(database) {
  let client = clients.get(database)
  if (!client) {
    client = (async () => {
      const connection = new Client(connectionSettings(database))
      // The runner drops the database at the end with this client still open: that is not an error.
      connection.on("error", () => clients.delete(database))
      connection.on("end", () => clients.delete(database))
      await connection.connect()
      return connection
    })()
    clients.set(database, client)
    client.catch(() => clients.delete(database))
  }
  return client
}

async function closeClient(database) {
  const client = clients.get(database)
  clients.delete(database)
  const connection = await client?.catch(() => null)
  await connection?.end().catch(() => {})
}

/** The schema a template name's copy lives in (identifiers are at most 63 bytes). */
const snapshotSchemaOf = (templateName) =>
  SNAPSHOT_SCHEMA_PREFIX + crypto.createHash("sha1").update(templateName).digest("hex").slice(0, 16)

const userTablesQuery = `
  select schemaname as schema, tablename as name from pg_tables
  where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like '${SNAPSHOT_SCHEMA_PREFIX}%'
  order by 1, 2`

/** Copies every table's rows and every sequence's position into the template's schema. */
async function takeSnapshot(database, templateName) {
  const client = await clientFor(database)
  const schema = snapshotSchemaOf(templateName)
  // One view of the data for the check and the copies.
  await client.query("begin isolation level repeatable read")
  try {
    const restore = await copyTables(client, schema)
    await client.query("commit")
    snapshots.set(snapshotKey(database, templateName), restore)
  } catch (error) {
    await client.query("rollback").catch(() => {})
    throw error
  }
}

/** Copies the tables with rows into `schema`; returns the statements that put them back. */
async function copyTables(client, schema) {
  const { rows: tables } = await client.query(userTablesQuery)
  // Only tables with rows are copied (after the migrations a dozen of the host's 150).
  const { rows: counts } = tables.length
    ? await client.query(
        tables.map((table, index) => `select ${index} as index where exists (select from ${quote(table.schema)}.${quote(table.name)})`).join(" union all ")
      )
    : { rows: [] }
  const filled = new Set(counts.map((row) => Number(row.index)))
  const statements = [`drop schema if exists ${quote(schema)} cascade`, `create schema ${quote(schema)}`]
  tables.forEach((table, index) => {
    if (filled.has(index)) {
      statements.push(`create table ${quote(schema)}.${quote(`t${index}`)} as table ${quote(table.schema)}.${quote(table.name)}`)
    }
  })
  await client.query(statements.join(";\n"))
  const { rows: sequences } = await client.query(
    `select schemaname as schema, sequencename as name, start_value, last_value from pg_sequences
     where schemaname not like '${SNAPSHOT_SCHEMA_PREFIX}%'`
  )
  // One transaction, sent at once: delete everything (tables created since included), put the copied rows back.
  return [
    "begin",
    "set local session_replication_role = replica",
    `set local lock_timeout = ${literal(LOCK_TIMEOUT)}`,
    `do $$ declare t record; begin
       for t in ${userTablesQuery} loop execute format('delete from %I.%I', t.schema, t.name); end loop;
     end $$`,
    ...tables.flatMap((table, index) =>
      filled.has(index) ? [`insert into ${quote(table.schema)}.${quote(table.name)} table ${quote(schema)}.${quote(`t${index}`)}`] : []
    ),
    ...sequences.map((sequence) => {
      const name = literal(`${quote(sequence.schema)}.${quote(sequence.name)}`)
      return sequence.last_value === null
        ? `select setval(${name}, ${sequence.start_value}, false)`
        : `select setval(${name}, ${sequence.last_value}, true)`
    }),
    "commit",
  ].join(";\n")
}

const snapshots = new Map()
const snapshotKey = (database, templateName) => `${database}\u0000${templateName}`

async function restoreSnapshot(database, templateName) {
  const restore = snapshots.get(snapshotKey(database, templateName))
  if (!restore) {
    throw new Error(`no snapshot ${templateName} of ${database} was taken`)
  }
  const client = await clientFor(database)
  try {
    await client.query(restore)
  } catch (error) {
    await client.query("rollback").catch(() => {})
    if (error?.code !== "55P03") {
      throw error
    }
    // lock_not_available: end whatever holds the locks, as the runner's own restore would, and retry.
    await client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
    )
    await client.query(restore)
  }
}

async function isSuperuser(database) {
  const client = await clientFor(database)
  const { rows } = await client.query("select rolsuper from pg_roles where rolname = current_user")
  return rows[0]?.rolsuper === true
}

/**
 * Replaces the runner's template functions in this module registry's copy of test-utils. The runner
 * reads them through the index module's getters at call time, so replacing the exports is enough.
 */
function installInPlaceSnapshots() {
  const utilsDirectory = path.join(path.dirname(require.resolve("@medusajs/test-utils/package.json")), "dist", "medusa-test-runner-utils")
  const templates = require(path.join(utilsDirectory, "postgres-template"))
  const names = ["createPostgresDatabaseTemplate", "restorePostgresDatabaseFromTemplate", "dropPostgresDatabaseTemplate", "dropDatabase"]
  for (const name of names) {
    if (typeof templates[name] !== "function") {
      throw new Error(
        `@medusajs/test-utils has no ${name} any more: integration-tests/runner/in-place-snapshot.js needs updating`
      )
    }
  }
  const original = Object.fromEntries(names.map((name) => [name, templates[name]]))
  // Templates this file keeps in place (any other goes to the runner's own functions).
  const inPlace = new Set()

  templates.createPostgresDatabaseTemplate = async ({ databaseName, templateName }) => {
    if (!(await isSuperuser(databaseName))) {
      return original.createPostgresDatabaseTemplate({ databaseName, templateName })
    }
    await takeSnapshot(databaseName, templateName)
    inPlace.add(templateName)
  }
  templates.restorePostgresDatabaseFromTemplate = async ({ databaseName, templateName }) => {
    if (!inPlace.has(templateName)) {
      return original.restorePostgresDatabaseFromTemplate({ databaseName, templateName })
    }
    await restoreSnapshot(databaseName, templateName)
  }
  templates.dropPostgresDatabaseTemplate = async (templateName) => {
    if (!inPlace.delete(templateName)) {
      return original.dropPostgresDatabaseTemplate(templateName)
    }
    // The copy lives in the test database, which the runner drops next.
  }
  templates.dropDatabase = async (options, credentials) => {
    await closeClient(options.databaseName)
    for (const key of snapshots.keys()) {
      if (key.startsWith(`${options.databaseName}\u0000`)) {
        snapshots.delete(key)
      }
    }
    return original.dropDatabase(options, credentials)
  }
}

module.exports = { installInPlaceSnapshots, snapshotSchemaOf }
