import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { STOREFRONT_PRICING_CONTEXT } from "./src/lib/storefront-pricing"

// A store that installs the plugin as ./host does (one `plugins` entry naming
// the package) and handles all three host hooks the plugin needs itself
// (src/workflows/hooks), calling the plugin's handlers from its own, as the
// README shows. Its carts are priced with its own context, so its sessions
// are given the same one through the plugin's `pricingContext` option. The
// HTTP tests boot it; it runs in one process (no Redis).
loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000,http://localhost:9000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "demo-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "demo-cookie-secret",
    },
  },
  admin: { disable: true },
  plugins: [
    {
      resolve: "medusa-plugin-checkout-discounts",
      options: {
        merchantMetadataKey: "merchant_id",
        defaultMerchantId: "house",
        maxCodesPerSession: 5,
        // Sessions price as this store's carts do. SESSIONS_WITHOUT_STORE_PRICING=true (read at
        // each call) is a switch for the tests: sessions then price as if the option were not set.
        pricingContext: () =>
          process.env.SESSIONS_WITHOUT_STORE_PRICING === "true" ? {} : STOREFRONT_PRICING_CONTEXT,
      },
    },
  ],
})
