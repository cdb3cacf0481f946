/**
 * A gate that lets at most `limit` tasks run at once; the others wait in
 * arrival order and start as running ones settle (fulfilled or rejected).
 */
export function limitConcurrency(limit: number) {
  let running = 0
  const waiting: (() => void)[] = []

  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < limit) {
      running++
    } else {
      // The task that finishes hands its place over, so `running` stays counted.
      await new Promise<void>((resolve) => waiting.push(resolve))
    }
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) {
        next()
      } else {
        running--
      }
    }
  }
}

/** `items` in consecutive slices of at most `size`. */
export function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size))
  }
  return chunks
}
