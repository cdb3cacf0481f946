import { spawnSync } from "child_process"
import fs from "fs"
import os from "os"
import type { z } from "@medusajs/framework/zod"
import { OPENAPI_PATH, OpenApiResponseValidator, readOpenApiDocument } from "../../../integration-tests/helpers/openapi"
import path from "path"
import { PluginRoute, pluginRoutes, routeKey } from "../../../integration-tests/helpers/plugin-routes"
import { errorMeaningsFromDocs, renderOpenApiYaml } from "../../../scripts/openapi"
import { OPERATIONS } from "../operations"

/** The schemas src/api/middlewares.ts hands the host's validators, by `METHOD /path`. */
const validated: { body: Map<string, z.ZodType>; query: Map<string, z.ZodType> } = { body: new Map(), query: new Map() }

jest.mock("@medusajs/framework/http", () => {
  const actual = jest.requireActual("@medusajs/framework/http")
  const recorder = (kind: "body" | "query", real: (...args: any[]) => unknown) =>
    (schema: z.ZodType, ...rest: unknown[]) => {
      const middleware = real(schema, ...rest) as object
      return Object.assign(middleware, { [`openapi_${kind}`]: schema })
    }
  return {
    ...actual,
    validateAndTransformBody: recorder("body", actual.validateAndTransformBody),
    validateAndTransformQuery: recorder("query", actual.validateAndTransformQuery),
  }
})

beforeAll(() => {
  const middlewares = require("../../api/middlewares").default
  for (const entry of middlewares.routes ?? []) {
    // defineMiddlewares names them `methods`.
    const methods: string[] = [].concat(entry.methods ?? entry.method ?? [])
    for (const method of methods) {
      const key = `${method} ${entry.matcher}`
      for (const middleware of entry.middlewares ?? []) {
        if (middleware.openapi_body) validated.body.set(key, middleware.openapi_body)
        if (middleware.openapi_query) validated.query.set(key, middleware.openapi_query)
      }
    }
  }
})

/**
 * @seriousme/openapi-schema-validator's own command (the package is ES modules only, which this
 * CommonJS test cannot import): its verdict as JSON.
 */
function validateApi(file: string): { valid: boolean; errors?: unknown[] } {
  const command = require.resolve("@seriousme/openapi-schema-validator/bin/validate-api-cli.js")
  const run = spawnSync(process.execPath, [command, file], { encoding: "utf8" })
  return JSON.parse(run.stdout)
}

const API_DIRECTORY = path.resolve(__dirname, "../../api")

const documentedKeys = () => OPERATIONS.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`).sort()

describe("docs/openapi.yaml", () => {
  it("is what `npm run openapi` generates from the routes' schemas today", () => {
    const current = fs.existsSync(OPENAPI_PATH) ? fs.readFileSync(OPENAPI_PATH, "utf8") : ""
    const fresh = renderOpenApiYaml()
    if (current !== fresh) {
      throw new Error("docs/openapi.yaml is out of date with the routes' zod schemas: run `npm run openapi` and commit the file")
    }
  })

  it("is a valid OpenAPI 3.1 document, by the OpenAPI 3.1 schema (which refuses a broken one)", () => {
    expect(readOpenApiDocument()).toMatchObject({ openapi: "3.1.0" })
    expect(validateApi(OPENAPI_PATH)).toEqual({ valid: true })

    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "openapi-")), "broken.yaml")
    fs.writeFileSync(broken, fs.readFileSync(OPENAPI_PATH, "utf8").replace("\n      responses:\n", "\n      answers:\n"))
    expect(validateApi(broken)).toMatchObject({ valid: false })
  })

  it("holds only JSON Schemas 2020-12 that compile in strict mode", () => {
    expect(new OpenApiResponseValidator().compileAll()).toBeGreaterThan(100)
  })

  it("says when each machine code it lists is answered, in docs/errors.md's words", () => {
    const meanings = errorMeaningsFromDocs()
    const listed = new Set(OPERATIONS.flatMap((operation) => operation.errors))
    expect([...listed].filter((code) => !meanings[code])).toEqual([])
  })

  it("describes every route a route.ts exports, and no other", () => {
    expect(documentedKeys()).toEqual(pluginRoutes().map(routeKey).sort())
  })

  it("documents each route with the very body and query schemas its middleware validates", () => {
    const mismatches: string[] = []
    for (const operation of OPERATIONS) {
      const key = `${operation.method.toUpperCase()} ${operation.path}`
      if (validated.body.get(key) !== operation.body) mismatches.push(`${key}: body`)
      if (validated.query.get(key) !== operation.query) mismatches.push(`${key}: query`)
    }
    const validatedKeys = [...validated.body.keys(), ...validated.query.keys()]
    const undocumented = validatedKeys.filter((key) => !documentedKeys().includes(key))
    expect({ mismatches, undocumented }).toEqual({ mismatches: [], undocumented: [] })
  })

  it("names the Idempotency-Key header on every route that takes it, and `version` on every change of a session", () => {
    const document = readOpenApiDocument()
    const routeFile = (route: PluginRoute) => `${API_DIRECTORY}${route.path.replace(/:(\w+)/g, "[$1]")}/route.ts`
    const idempotent = pluginRoutes().filter((route) =>
      new RegExp(`export const ${route.method} = (idempotentRoute|sessionChangeRoute)\\(`).test(fs.readFileSync(routeFile(route), "utf8"))
    )
    expect(idempotent.length).toBeGreaterThan(10)
    const problems = idempotent.flatMap((route) => {
      const operation = document.paths[route.path.replace(/:(\w+)/g, "{$1}")][route.method.toLowerCase()]
      const hasKey = operation.parameters.some((parameter: any) => parameter.$ref === "#/components/parameters/IdempotencyKey")
      const version = operation.requestBody?.content["application/json"].schema.properties?.version
      const changesASession = route.path.includes("/:id")
      return [
        ...(hasKey ? [] : [`${routeKey(route)}: no Idempotency-Key`]),
        ...(!changesASession || (version?.type === "integer" && version.minimum === 1) ? [] : [`${routeKey(route)}: no version`]),
      ]
    })
    expect(problems).toEqual([])
  })
})
