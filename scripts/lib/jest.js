// Runs jest the way the project's tests need it: against a given PostgreSQL, with the booted hosts
// quiet, and --forceExit (the booted hosts leave timers behind: scheduled jobs, pools).
const path = require("path")
const { spawn } = require("child_process")
const { projectRoot } = require("./database")

/** The environment of a jest run against `connection`, plus `extra`. */
function jestEnvironment(connection, extra = {}) {
  const { host, port, user, password } = connection
  return {
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
    ...extra,
  }
}

/** Runs jest with `args` in `env`; resolves with its exit code. */
function runJest(args, env) {
  const jestBin = path.join(projectRoot, "node_modules", "jest", "bin", "jest.js")
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [jestBin, "--forceExit", ...args], { stdio: "inherit", cwd: projectRoot, env })
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

module.exports = { jestEnvironment, runJest }
