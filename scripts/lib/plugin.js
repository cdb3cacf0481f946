// Builds the plugin with `medusa plugin:build` and makes the host in ./host
// resolve it by its package name, as a store owner's install would
// (node_modules/<name> -> project root, like `npm link`).
const fs = require("fs")
const path = require("path")
const { spawnSync } = require("child_process")
const { projectRoot } = require("./database")

const packageName = require(path.join(projectRoot, "package.json")).name
const medusaBin = path.join(projectRoot, "node_modules", ".bin", "medusa")

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: "inherit",
    cwd: projectRoot,
    ...options,
    env: { MEDUSA_DISABLE_TELEMETRY: "true", ...process.env, ...options.env },
  })
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed (exit ${result.status})`)
  }
}

/** `medusa plugin:build` reports type errors but still exits 0: its log tells. */
const reportsBuildErrors = (log) => /error TS\d+|completed with errors/.test(log)

function buildPlugin() {
  const output = spawnSync(medusaBin, ["plugin:build"], {
    cwd: projectRoot,
    encoding: "utf-8",
    env: { MEDUSA_DISABLE_TELEMETRY: "true", ...process.env },
  })
  const log = `${output.stdout}${output.stderr}`
  if (output.status !== 0 || reportsBuildErrors(log)) {
    process.stderr.write(log)
    throw new Error("medusa plugin:build failed")
  }
  buildClientTypes()
}

/** The typed client's declarations (`./client` export), beside the JavaScript the plugin build emitted. */
function buildClientTypes() {
  run(path.join(projectRoot, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.client.json"])
}

function linkPluginIntoHost() {
  const linkPath = path.join(projectRoot, "node_modules", ...packageName.split("/"))
  fs.mkdirSync(path.dirname(linkPath), { recursive: true })
  try {
    if (fs.realpathSync(linkPath) === fs.realpathSync(projectRoot)) {
      return
    }
    fs.rmSync(linkPath, { recursive: true, force: true })
  } catch {
    // no link yet
  }
  fs.symlinkSync(path.relative(path.dirname(linkPath), projectRoot), linkPath, "dir")
}

module.exports = { buildClientTypes, buildPlugin, linkPluginIntoHost, medusaBin, packageName, reportsBuildErrors, run }
