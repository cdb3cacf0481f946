/**
 * Every copy of the PostgreSQL driver the host may load (knex's and MikroORM's): the host boots in the
 * test's module registry, so counting at their `Client#query` counts every connection of every pool.
 */
const DRIVER_PATHS = [require.resolve("pg"), require.resolve("pg", { paths: [require.resolve("@mikro-orm/postgresql")] })]

/** Every SQL statement any connection of the host sends while `action` runs, in order. */
export async function countStatements(action: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = []
  const clients = [...new Set(DRIVER_PATHS.map((path) => require(path).Client.prototype))]
  const originals = clients.map((prototype) => prototype.query)
  clients.forEach((prototype, index) => {
    prototype.query = function (this: unknown, config: unknown, ...rest: unknown[]) {
      const text = typeof config === "string" ? config : (config as { text?: string } | null)?.text
      if (text) {
        statements.push(text)
      }
      return originals[index].call(this, config, ...rest)
    }
  })
  try {
    await action()
  } finally {
    clients.forEach((prototype, index) => (prototype.query = originals[index]))
  }
  return statements
}
