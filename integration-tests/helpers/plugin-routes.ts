import fs from "fs"
import path from "path"
import middlewares from "../../src/api/middlewares"

const API_DIRECTORY = path.resolve(__dirname, "../../src/api")
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const

export type PluginRoute = {
  method: (typeof HTTP_METHODS)[number]
  /** As the host matches it: `/store/cart-sessions/:id/coupons/:code`. */
  path: string
  area: "store" | "admin"
}

/** `METHOD /path`, the key the tests list routes by. */
export const routeKey = (route: Pick<PluginRoute, "method" | "path">) => `${route.method} ${route.path}`

function routeFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name)
    if (entry.isDirectory()) return routeFiles(full)
    return entry.name === "route.ts" ? [full] : []
  })
}

/**
 * Every route the plugin serves, read from its files as the host reads them: each
 * src/api/**\/route.ts and the methods it exports, `[id]` folders as `:id`.
 */
export function pluginRoutes(): PluginRoute[] {
  return routeFiles(API_DIRECTORY)
    .flatMap((file) => {
      const folders = path.relative(API_DIRECTORY, path.dirname(file)).split(path.sep)
      const routePath = "/" + folders.map((folder) => folder.replace(/^\[(.+)\]$/, ":$1")).join("/")
      const source = fs.readFileSync(file, "utf8")
      return HTTP_METHODS.filter((method) =>
        new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source)
      ).map((method) => ({ method, path: routePath, area: folders[0] as PluginRoute["area"] }))
    })
    .sort((a, b) => routeKey(a).localeCompare(routeKey(b)))
}

/** The method-bound entries of src/api/middlewares.ts (validators, authentication), as route keys. */
export function middlewareRouteKeys(): string[] {
  return (middlewares.routes ?? []).flatMap((entry) => {
    const methods = entry.method === undefined ? [] : Array.isArray(entry.method) ? entry.method : [entry.method]
    return methods.map((method) => `${method} ${String(entry.matcher)}`)
  })
}

/** The prefixes src/api/middlewares.ts guards with no method (every request below them). */
export function middlewarePrefixes(): string[] {
  return (middlewares.routes ?? []).filter((entry) => entry.method === undefined).map((entry) => String(entry.matcher))
}
