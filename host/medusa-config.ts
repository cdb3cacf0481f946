import fs from "fs"
import path from "path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { firstOrderRule } from "./src/lib/first-order-rule"

// A stock Medusa store with the plugin installed the way a store owner does:
// one `plugins` entry naming the package. The demo runs this store and the
// HTTP tests boot it (with a database of their own).
loadEnv(process.env.NODE_ENV || "development", process.cwd())

const redisUrl = process.env.REDIS_URL
// Several stores (or test runs) may share one Redis: REDIS_NAMESPACE keeps their queues and locks apart.
// BullMQ refuses a queue name with ":", so queue names take the namespace with "-".
const namespace = process.env.REDIS_NAMESPACE ?? ""
const queuePrefix = namespace ? `${namespace}-` : ""
const lockPrefix = namespace ? `${namespace}:` : ""

/**
 * With REDIS_URL, what several server processes and a worker of one store
 * must share: the event bus, the workflow engine and the locking provider.
 * Without it, the host's in-memory defaults (one process).
 */
const crossProcessModules = redisUrl
  ? [
      {
        resolve: "@medusajs/medusa/event-bus-redis",
        options: { redisUrl, queueName: `${queuePrefix}events-queue` },
      },
      {
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: {
          redis: { redisUrl, queueName: `${queuePrefix}medusa-workflows`, jobQueueName: `${queuePrefix}medusa-workflows-jobs` },
        },
      },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl, namespace: `${lockPrefix}medusa_lock:` },
            },
          ],
        },
      },
    ]
  : []

/**
 * The HTTP tests boot this store inside jest (NODE_ENV=test): there it also has a
 * fulfillment provider that calculates prices (integration-tests/hosts/per-item-fulfillment,
 * provider id "per-item_test") beside the stock manual one, for calculated shipping
 * options. The demo and the tests' separate server processes (NODE_ENV=development)
 * run the stock module.
 */
const perItemProvider = path.resolve(__dirname, "../integration-tests/hosts/per-item-fulfillment")
// A copy of this store elsewhere (the options startup test's) has no such folder: it runs the stock module.
const testFulfillment =
  process.env.NODE_ENV === "test" && fs.existsSync(perItemProvider)
    ? [
        {
          resolve: "@medusajs/medusa/fulfillment",
          options: {
            providers: [
              { resolve: "@medusajs/medusa/fulfillment-manual", id: "manual" },
              { resolve: perItemProvider, id: "test" },
            ],
          },
        },
      ]
    : []

/**
 * The plugin's `codeAttempts` option (README "Code guessing") as JSON, for the tests that boot this
 * store with it (integration-tests/http/code-attempts.spec.ts); absent, the option is not given.
 */
const codeAttempts = process.env.CHECKOUT_DISCOUNTS_CODE_ATTEMPTS
  ? { codeAttempts: JSON.parse(process.env.CHECKOUT_DISCOUNTS_CODE_ATTEMPTS) }
  : {}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server" | undefined) ?? "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000,http://localhost:9000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "demo-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "demo-cookie-secret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  modules: [...crossProcessModules, ...testFulfillment],
  plugins: [
    {
      resolve: "medusa-plugin-checkout-discounts",
      options: {
        merchantMetadataKey: "merchant_id",
        defaultMerchantId: "house",
        maxCodesPerSession: 5,
        // The store's own coupon rule attribute, used like the built-ins (docs/coupon-rules.md).
        ruleAttributes: [firstOrderRule],
        ...codeAttempts,
      },
    },
  ],
})
