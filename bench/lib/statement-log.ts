import fs from "node:fs"
import { Client } from "pg"

/** One entry of PostgreSQL's csvlog: the server process and the message. */
type LogEntry = { pid: string; message: string }

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
      entries.push({ pid: fields[3], message: fields[13] ?? "" })
      fields = []
      field = ""
    } else {
      field += char
    }
  }
  return entries
}

/**
 * Counts the statements every connection runs while `action` runs, as the database logs them
 * (`log_statement = all`): a marker statement on a connection of its own before and after, and the
 * statements between them in the server's log, the markers' connection left out.
 */
export class StatementLog {
  private marks = 0

  private constructor(private readonly file: string, private readonly client: Client, private readonly pid: string) {}

  static async open(file: string, connection: { host: string; port: number; user: string; password: string }) {
    const client = new Client({ ...connection, database: "postgres" })
    await client.connect()
    const { rows } = await client.query("select pg_backend_pid() as pid")
    return new StatementLog(file, client, String(rows[0].pid))
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
    await this.client.query(`select 'bench-mark-start-${id}'`)
    await action()
    await this.client.query(`select 'bench-mark-end-${id}'`)
    // The collector writes asynchronously: wait until the end marker is in the file.
    for (let attempt = 0; ; attempt++) {
      const entries = parseCsvLog(fs.readFileSync(this.file, "utf-8"))
      const start = entries.findIndex((entry) => entry.message.includes(`bench-mark-start-${id}'`))
      const end = entries.findIndex((entry) => entry.message.includes(`bench-mark-end-${id}'`))
      if (start >= 0 && end > start) {
        return entries
          .slice(start + 1, end)
          .filter((entry) => entry.pid !== this.pid && /^(statement|execute [^:]*):/.test(entry.message))
          .map((entry) => entry.message)
      }
      if (attempt > 100) {
        throw new Error(`The statement log ${this.file} never showed marker ${id}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}
