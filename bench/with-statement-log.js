#!/usr/bin/env node
// `node bench/with-statement-log.js <bench spec>`: runs one benchmark of bench/*.bench.spec.ts on an
// embedded PostgreSQL of its own that logs every statement of every connection (log_statement = all,
// csvlog), after building the plugin. The spec boots the host on it and prints p50 and statements per
// change, counted in the database's log (bench/lib/statement-log.ts).
//   npm run bench:rules     bench/automatic-coupons.bench.spec.ts (docs/coupon-rules.md)
//   npm run bench:shipping  bench/shipping.bench.spec.ts (docs/shipping-and-tax.md)
//   npm run bench:generate  bench/generate-coupons.bench.spec.ts (docs/benchmarks.md, Scale)
//   npm run bench:scale     bench/scale.bench.spec.ts (docs/benchmarks.md, Scale)
const fs = require("fs")
const path = require("path")
const { startEmbeddedPostgres } = require("../scripts/lib/database")
const { jestEnvironment, runJest } = require("../scripts/lib/jest")
const { buildPlugin, linkPluginIntoHost } = require("../scripts/lib/plugin")

async function main() {
  const port = Number(process.env.BENCH_PG_PORT || 54339)
  const database = await startEmbeddedPostgres({
    name: "bench-pg",
    port,
    persistent: false,
    settings: {
      log_statement: "all",
      logging_collector: "on",
      log_destination: "csvlog",
      log_directory: "log",
      log_filename: "statements",
      log_rotation_size: 0,
    },
  })
  let exitCode = 1
  try {
    buildPlugin()
    linkPluginIntoHost()
    const env = jestEnvironment(database.connection, {
      CHECKOUT_DISCOUNTS_BENCH_LOG: path.join(database.directory, "log", "statements.csv"),
    })
    const specs = process.argv.slice(2)
    exitCode = await runJest([...specs, "--selectProjects", "bench", "--reporters", "default"], env)
    if (!fs.existsSync(env.CHECKOUT_DISCOUNTS_BENCH_LOG)) {
      console.error(`[bench] no statement log at ${env.CHECKOUT_DISCOUNTS_BENCH_LOG}`)
      exitCode = 1
    }
  } finally {
    await database.stop()
  }
  process.exit(exitCode)
}

main().catch((error) => {
  console.error(`[bench] ${error?.stack ?? error}`)
  process.exit(1)
})
