import { defineConfig, loadEnv } from "@medusajs/framework/utils"

// A stock Medusa store with the plugin installed the way a store owner does:
// one `plugins` entry naming the package. The demo runs this store and the
// HTTP tests boot it (with a database of their own).
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
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  plugins: [
    {
      resolve: "medusa-plugin-checkout-discounts",
      options: {
        merchantMetadataKey: "merchant_id",
        defaultMerchantId: "house",
        maxCodesPerSession: 5,
      },
    },
  ],
})
