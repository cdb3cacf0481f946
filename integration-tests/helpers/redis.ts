// The Redis check the demo uses too (plain JS in scripts/lib).
const network = require("../../scripts/lib/network") as {
  redactedRedisUrl: (url: string) => string
  redisProblem: (url: string) => string | null
}

/** The URL without its password, for messages. */
export const redactedRedisUrl = network.redactedRedisUrl

/** Why no Redis answers PING at `url` (redis://…), or null when one does. */
export const redisProblem = network.redisProblem

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
