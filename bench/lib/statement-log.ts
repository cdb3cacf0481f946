import fs from "node:fs"
import { Client } from "pg"

/** One entry of PostgreSQL's log: the server process, its database (when the log says) and the message. */
type LogEntry = { pid: string; database?: string; message: string }

/** How the server writes its log: `csvlog`, or plain `stderr` lines (the `log_line_prefix` must hold `[%p]`). */
export type LogFormat = "csv" | "stderr"

/** Parses PostgreSQL's csvlog (RFC 4180: quoted fields, doubled quotes, newlines inside quotes). */
function parseCsvLog(text: string): LogEntry[] {
  const entries: LogEntry[] = []
  let field = ""
  let fields: string[] = []
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index++
      } else if (char === '"') {
        quoted = false
      } else {
        field += char
      }
    } else if (char === '"') {
      quoted = true
    } else if (char === ",") {
      fields.push(field)
      field = ""
    } else if (char === "\n") {
      fields.push(field)
      // log_time, user_name, database_name, process_id, …, message is the 14th column.
      entries.push({ pid: fields[3], database: fields[2], message: fields[13] ?? "" })
      fields = []
      field = ""
    } else {
      field += char
    }
  }
  return entries
}

/**
 * An entry's first line in a stderr log with Debian's prefix `%m [%p] %q%u@%d ` (or any prefix holding
 * `[%p]`, optionally followed by `user@database`): the pid, the database and, after `LOG:  `, the message.
 */
const STDERR_LINE = /^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[(\d+)\] (?:(\S*)@(\S*) )?[A-Z]+:  (.*)$/

/** Parses a stderr log: a line that does not start an entry continues the one before (a statement's next line). */
function parseStderrLog(text: string): LogEntry[] {
  const entries: LogEntry[] = []
  for (const line of text.split("\n")) {
    const match = STDERR_LINE.exec(line)
    if (match) {
      entries.push({ pid: match[1], database: match[3], message: match[4] })
    } else if (entries.length) {
      entries[entries.length - 1].message += `\n${line}`
    }
  }
  return entries
}

export type StatementLogOptions = {
  format?: LogFormat
  /** Count only the statements of this database (a shared server's log holds every database's). */
  database?: string
}

/**
 * Counts the statements every connection runs while `action` runs, as the database logs them
 * (`log_statement = all`): a marker statement on a connection of its own before and after, and the
 * statements between them in the server's log, the markers' connection left out. The log is read from
 * where it ended when opened (and after each capture, from the last end marker on).
 */
export class StatementLog {
  private marks = 0

  private constructor(
    private readonly file: string,
    private readonly client: Client,
    private readonly pid: string,
    private readonly options: StatementLogOptions,
    private offset: number
  ) {}

  static async open(
    file: string,
    connection: { host: string; port: number; user: string; password: string },
    options: StatementLogOptions = {}
  ) {
    const client = new Client({ ...connection, database: "postgres" })
    await client.connect()
    // The markers are logged whatever the server's own setting (a superuser's setting).
    await client.query("set log_statement = 'all'")
    const { rows } = await client.query("select pg_backend_pid() as pid")
    return new StatementLog(file, client, String(rows[0].pid), options, fs.statSync(file).size)
  }

  async close() {
    await this.client.end()
  }

  async count(action: () => Promise<unknown>): Promise<number> {
    return (await this.capture(action)).length
  }

  /** The statements (as logged) every other connection ran while `action` ran, in log order. */
  async capture(action: () => Promise<unknown>): Promise<string[]> {
    const id = `${process.pid}-${++this.marks}`
    const endMarker = `bench-mark-end-${id}'`
    await this.client.query(`select 'bench-mark-start-${id}'`)
    await action()
    await this.client.query(`select '${endMarker.slice(0, -1)}'`)
    const parse = this.options.format === "stderr" ? parseStderrLog : parseCsvLog
    // The server writes asynchronously: wait until the end marker is in the file.
    for (let attempt = 0; ; attempt++) {
      const text = this.readFromOffset()
      const entries = parse(text)
      const start = entries.findIndex((entry) => entry.message.includes(`bench-mark-start-${id}'`))
      const end = entries.findIndex((entry) => entry.message.includes(endMarker))
      if (start >= 0 && end > start) {
        // The next capture reads from the line after this end marker (a whole line: the parser's state is clean there).
        const lineEnd = text.indexOf("\n", text.indexOf(endMarker))
        if (lineEnd >= 0) this.offset += Buffer.byteLength(text.slice(0, lineEnd + 1))
        return entries
          .slice(start + 1, end)
          .filter((entry) => entry.pid !== this.pid && /^(statement|execute [^:]*):/.test(entry.message))
          .filter((entry) => !this.options.database || entry.database === this.options.database)
          .map((entry) => entry.message)
      }
      if (attempt > 250) {
        throw new Error(`The statement log ${this.file} never showed marker ${id}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  private readFromOffset(): string {
    const descriptor = fs.openSync(this.file, "r")
    try {
      const length = fs.fstatSync(descriptor).size - this.offset
      const buffer = Buffer.alloc(Math.max(0, length))
      fs.readSync(descriptor, buffer, 0, buffer.length, this.offset)
      return buffer.toString("utf-8")
    } finally {
      fs.closeSync(descriptor)
    }
  }
}
