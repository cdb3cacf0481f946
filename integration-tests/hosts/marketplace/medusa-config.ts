import path from "path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

// A marketplace: its sellers live in a module of its own (src/modules/seller), each product is linked to
// its seller (src/links/seller-product.ts, a seller has many products, as in the Mercur marketplace), and
// the plugin reads a line's merchant through that link (`merchantLink`) instead of a product metadata key.
// Products without a seller are the house's. The HTTP tests boot it; it runs in one process (no Redis).
// Self-contained like every test host (a test may copy a host elsewhere), so its projectConfig is its own.
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
  // By its path: the tests boot this store with the plugin project as the working directory.
  modules: [{ resolve: path.resolve(__dirname, "src/modules/seller") }],
  plugins: [
    {
      resolve: "medusa-plugin-checkout-discounts",
      options: {
        merchantLink: { entity: "seller", idField: "id", nameField: "name" },
        defaultMerchantId: "house",
      },
    },
  ],
})
