import fs from "fs"
import path from "path"
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020"
import addFormats from "ajv-formats"
import { parse } from "yaml"

export const OPENAPI_PATH = path.resolve(__dirname, "../../docs/openapi.yaml")

type JsonSchema = Record<string, any>
export type OpenApiDocument = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, JsonSchema> } }

export function readOpenApiDocument(file = OPENAPI_PATH): OpenApiDocument {
  return parse(fs.readFileSync(file, "utf8"))
}

/** Answer headers the document speaks of: present on an answer, the document must declare them for it. */
const DOCUMENTED_HEADERS = ["idempotent-replayed", "retry-after"]

export type CheckedAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: unknown }

/**
 * Checks answers against docs/openapi.yaml with Ajv in its JSON Schema 2020-12 mode, the dialect of
 * OpenAPI 3.1 (openapi-response-validator and its kin speak OpenAPI 3.0's dialect: no `type: "null"`,
 * `const` or `prefixItems`). Strict: a schema with a keyword Ajv does not know fails to compile. The
 * component schemas are one schema (`components.json`) the operations' schemas refer to.
 */
export class OpenApiResponseValidator {
  private readonly ajv: Ajv2020
  private readonly compiled = new Map<string, ValidateFunction>()
  private readonly routes: { method: string; template: string; pattern: RegExp }[]

  constructor(readonly document: OpenApiDocument = readOpenApiDocument()) {
    this.ajv = new Ajv2020({ strict: true, allErrors: true })
    addFormats(this.ajv)
    this.ajv.addSchema({ $id: "components.json", $defs: toLocalRefs(document.components.schemas) })
    this.routes = Object.entries(document.paths).flatMap(([template, operations]) =>
      Object.keys(operations).map((method) => ({
        method,
        template,
        pattern: new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+") + "$"),
      }))
    )
  }

  /** The operation `METHOD path` (a real path: `/store/cart-sessions/cs_1/price`) answers, or undefined. */
  operationOf(method: string, requestPath: string): { template: string; operation: any } | undefined {
    const pathOnly = requestPath.split("?")[0]
    // A static segment wins over a parameter, as in the host's router (`/admin/coupons/generate`).
    const matches = this.routes
      .filter((route) => route.method === method.toLowerCase() && route.pattern.test(pathOnly))
      .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0))
    const route = matches[0]
    return route && { template: route.template, operation: this.document.paths[route.template][route.method] }
  }

  /** Every way the answer departs from the document; empty when it is as documented. */
  problemsOf(method: string, requestPath: string, answer: CheckedAnswer): string[] {
    const found = this.operationOf(method, requestPath)
    if (!found) return [`${method} ${requestPath} is not in the document`]
    const where = `${method.toUpperCase()} ${found.template} ${answer.status}`
    const response = found.operation.responses[String(answer.status)]
    if (!response) return [`${where}: the status is not documented`]
    const problems: string[] = []
    const declared = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase())
    for (const header of DOCUMENTED_HEADERS) {
      if (answer.headers[header] !== undefined && !declared.includes(header)) problems.push(`${where}: header ${header} is not documented`)
    }
    for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
      const value = answer.headers[name.toLowerCase()]
      const schema = header.$ref ? this.resolve(header.$ref) : header
      if (value === undefined) {
        if (schema.required) problems.push(`${where}: header ${name} is missing`)
      } else if (!this.validator(`${where} ${name}`, schema.schema)(value)) {
        problems.push(`${where}: header ${name} ${JSON.stringify(value)} is not as documented`)
      }
    }
    const contentType = String(answer.headers["content-type"] ?? "")
    const media = response.content?.["application/json"]
    if (!media) return [...problems, `${where}: no JSON body is documented`]
    if (!contentType.startsWith("application/json")) problems.push(`${where}: content-type ${contentType}`)
    const validate = this.validator(where, media.schema)
    if (!validate(answer.body)) problems.push(`${where}: ${describe(validate.errors ?? [])}`)
    return problems
  }

  /** Compiles every schema of the document (components, parameters, bodies, answers): throws on an invalid one. */
  compileAll(): number {
    let count = 0
    for (const [template, operations] of Object.entries(this.document.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        const schemas = [
          ...(operation.parameters ?? []).filter((parameter: any) => parameter.schema).map((parameter: any) => parameter.schema),
          ...Object.values<any>(operation.requestBody?.content ?? {}).map((media) => media.schema),
          ...Object.values<any>(operation.responses).flatMap((response) => Object.values<any>(response.content ?? {}).map((media) => media.schema)),
        ]
        schemas.forEach((schema, index) => this.validator(`${method} ${template} #${index}`, schema))
        count += schemas.length
      }
    }
    for (const name of Object.keys(this.document.components.schemas)) {
      this.ajv.getSchema(`components.json#/$defs/${name}`)
      count++
    }
    return count
  }

  private validator(key: string, schema: JsonSchema): ValidateFunction {
    let validate = this.compiled.get(key)
    if (!validate) {
      validate = this.ajv.compile(toLocalRefs(schema))
      this.compiled.set(key, validate)
    }
    return validate
  }

  private resolve(ref: string): any {
    return ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((node: any, part) => node[part.replace(/~1/g, "/").replace(/~0/g, "~")], this.document)
  }
}

/** `#/components/schemas/X` as the component bundle names it. */
function toLocalRefs(schema: unknown): any {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"components.json#/$defs/'))
}

function describe(errors: ErrorObject[]): string {
  return errors
    .slice(0, 8)
    .map((error) => `${error.instancePath || "(body)"} ${error.message}${error.params ? " " + JSON.stringify(error.params) : ""}`)
    .join("; ")
}
