import { spawnSync } from "child_process"

// A child node process answers synchronously, so a test file can decide
// while jest collects its tests whether a Redis configuration runs.
const PING_SCRIPT = `
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
export function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = "***"
    return parsed.toString()
  } catch {
    return "(an unparsable URL)"
  }
}

/** Why no Redis answers PING at `url` (redis://…), or null when one does. */
export function redisProblem(url: string): string | null {
  const shown = redactedRedisUrl(url)
  if (!url.startsWith("redis://")) {
    return `${shown} is not a redis:// URL this check can reach`
  }
  const result = spawnSync(process.execPath, ["-e", PING_SCRIPT, url], { encoding: "utf-8", timeout: 5000 })
  const detail = (result.stdout || result.error?.message || "").trim()
  return result.status === 0 ? null : `no Redis answered PING at ${shown} (${detail})`
}

/**
 * Deletes every key whose name contains `fragment` (a test run's unique
 * REDIS_NAMESPACE: its queues and locks outlive the processes). ioredis comes
 * from the host's Redis event bus, which the Redis configuration loads anyway.
 */
export async function deleteRedisKeysContaining(url: string, fragment: string): Promise<number> {
  const Redis = require(require.resolve("ioredis", { paths: [require.resolve("@medusajs/event-bus-redis")] }))
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  let deleted = 0
  try {
    await redis.connect()
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `*${fragment}*`, "COUNT", 500)
      cursor = next
      if (keys.length) {
        deleted += await redis.del(...keys)
      }
    } while (cursor !== "0")
  } finally {
    redis.disconnect()
  }
  return deleted
}
