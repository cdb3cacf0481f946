// Bundles the demo storefront (main.ts, on the typed client and the js-sdk) into one ES module for the
// browser: dist/storefront.js, which host/src/api/storefront serves. Built by scripts/lib/storefront.js.
import path from "path"
import { fileURLToPath } from "url"
import { defineConfig } from "vite"

const here = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: here,
  logLevel: "warn",
  // The plugin is linked into node_modules (scripts/lib/plugin.js); kept under that path, its CommonJS build
  // is converted like any installed package's.
  resolve: { preserveSymlinks: true },
  build: {
    outDir: path.join(here, "dist"),
    emptyOutDir: true,
    target: "es2020",
    minify: true,
    lib: { entry: path.join(here, "main.ts"), formats: ["es"], fileName: () => "storefront.js" },
  },
})
