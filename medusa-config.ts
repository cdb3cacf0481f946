import { defineConfig, loadEnv } from "@medusajs/framework/utils"

// The plugin project's own config, read by the Medusa CLI's plugin commands
// (plugin:build, plugin:develop, plugin:db:generate). The store that runs the
// plugin (demo and HTTP tests) is the host in ./host.
loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
})
