// Ports, health and Redis for the demo and the tests that start host processes.
const http = require("http")
const net = require("net")
const { spawnSync } = require("child_process")

/** A TCP port nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// A child node process answers synchronously, so a test file can decide
// while jest collects its tests whether a Redis configuration runs.
const PING_SCRIPT = `
const http = require("http")
const net = require("net")
const url = new URL(process.argv[1])
const command = (...words) => "*" + words.length + "\\r\\n" + words.map((w) => "$" + Buffer.byteLength(w) + "\\r\\n" + w + "\\r\\n").join("")
const socket = net.connect(Number(url.port || 6379), url.hostname)
let answer = ""
socket.setTimeout(2000, () => { console.log("no answer within 2s"); process.exit(1) })
socket.on("error", (error) => { console.log(error.message); process.exit(1) })
socket.on("connect", () => {
  const password = decodeURIComponent(url.password)
  const auth = password ? (url.username ? command("AUTH", decodeURIComponent(url.username), password) : command("AUTH", password)) : ""
  socket.write(auth + command("PING"))
})
socket.on("data", (chunk) => {
  answer += chunk
  if (answer.startsWith("-")) { console.log("answered " + answer.trim()); process.exit(1) }
  if (answer.includes("+PONG")) process.exit(0)
})
`

/** The URL without its password, for messages. */
function redactedRedisUrl(url) {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = "***"
    return parsed.toString()
  } catch {
    return "(an unparsable URL)"
  }
}

/** Why no Redis answers PING at `url` (redis://…), or null when one does. */
function redisProblem(url) {
  const shown = redactedRedisUrl(url)
  if (!url.startsWith("redis://")) {
    return `${shown} is not a redis:// URL this check can reach`
  }
  const result = spawnSync(process.execPath, ["-e", PING_SCRIPT, url], { encoding: "utf-8", timeout: 5000 })
  const detail = (result.stdout || result.error?.message || "").trim()
  return result.status === 0 ? null : `no Redis answered PING at ${shown} (${detail})`
}

/**
 * Resolves once `/health` answers 200 on `port`. Rejects after `timeoutMs`, or
 * as soon as `gone()` names why nothing will answer.
 */
function waitForHealth(port, timeoutMs, gone = () => null) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const request = http.get({ host: "localhost", port, path: "/health", timeout: 2000 }, (res) => {
        res.resume()
        if (res.statusCode === 200) return resolve()
        retry()
      })
      request.on("error", retry)
      request.on("timeout", () => request.destroy())
    }
    const retry = () => {
      const reason = gone()
      if (reason) return reject(new Error(reason))
      if (Date.now() > deadline) return reject(new Error(`nothing answered /health on port ${port} within ${timeoutMs / 1000} s`))
      setTimeout(attempt, 1000)
    }
    attempt()
  })
}

module.exports = { freePort, redactedRedisUrl, redisProblem, waitForHealth }
