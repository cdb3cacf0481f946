import { z } from "@medusajs/framework/zod"
import { openApiMetadata } from "../lib/openapi-metadata"
import { PLUGIN_ERROR_STATUS, pluginErrorType, type PluginErrorCode } from "../lib/errors"
import { IDEMPOTENCY_KEY_MAX_LENGTH } from "../modules/idempotency/utils/key"
import { OPERATIONS, type Operation } from "./operations"

type JsonSchema = Record<string, any>

/** The host's own refusals on the plugin's routes (docs/errors.md, "The host's own refusals"). */
const HOST_REFUSALS = {
  invalid_data: {
    id: "HostInvalidData",
    when: "the route's validator (the message names the field) or the body parser refused the request",
  },
  not_allowed: { id: "HostNotAllowed", when: "a store route without a publishable key, or with one that does not exist" },
  unknown_error: {
    id: "HostBodyRefused",
    when: "a body over the host's size limit (413) or in a charset or encoding it does not take (415)",
  },
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Not authenticated",
  404: "Not found",
  409: "Conflict",
  413: "Body too large",
  415: "Unsupported body encoding",
  422: "Unprocessable",
  429: "Too many attempts",
}

/**
 * docs/openapi.yaml as an object: every operation of OPERATIONS with its parameters, body, answer and
 * refusals, the JSON Schemas made from the zod schemas by zod's own `toJSONSchema` (draft 2020-12, the
 * dialect of OpenAPI 3.1). Pure and deterministic: the same sources give the same document.
 */
export function buildOpenApiDocument(version: string, meanings: ErrorMeanings = {}): JsonSchema {
  const components = new ComponentSchemas()
  const paths: Record<string, Record<string, JsonSchema>> = {}
  for (const operation of OPERATIONS) {
    const path = operation.path.replace(/:(\w+)/g, "{$1}")
    paths[path] ??= {}
    paths[path][operation.method] = operationObject(operation, components, meanings)
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Checkout discounts for Medusa",
      version,
      description:
        "The store and admin routes of medusa-plugin-checkout-discounts. Amounts are numbers in the currency's major " +
        "unit, always whole minor units. Refusals carry the host's error shape `{ type, code, message }` with the " +
        "plugin's machine codes (docs/errors.md); the host's own refusals carry no `code`. Generated from the routes' " +
        "zod schemas by `npm run openapi` (docs/openapi.md).",
      license: { name: "MIT", identifier: "MIT" },
    },
    tags: [...new Set(OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
    paths: sortedKeys(paths),
    components: {
      schemas: components.sorted(),
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description:
            "Makes a retry safe: the first answer for the key is stored for 24 hours and replayed byte for byte for the " +
            "same request (`Idempotent-Replayed: true`); the key with another request is 409 IDEMPOTENCY_KEY_REUSED. A " +
            "retry while the first runs waits for it and gets its answer on a session change, and is 409 " +
            "IDEMPOTENCY_REQUEST_IN_PROGRESS on the other routes (convert, the admin's) or while the key is held by one of " +
            "them. Use a new UUID per request.",
          schema: { type: "string", minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH, pattern: "^[\\x20-\\x7e]+$" },
        },
      },
      headers: {
        IdempotentReplayed: {
          description: "`true` on an answer replayed from a stored `Idempotency-Key`.",
          schema: { type: "string", const: "true" },
        },
        RetryAfter: {
          description: "Seconds until the request may be sent again.",
          required: true,
          schema: { type: "string", pattern: "^[0-9]+$" },
        },
      },
      securitySchemes: {
        publishableKey: { type: "apiKey", in: "header", name: "x-publishable-api-key", description: "The storefront's publishable key." },
        customerBearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A logged-in customer: their sessions are theirs alone." },
        adminBearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "An admin user's token." },
        session: { type: "apiKey", in: "cookie", name: "connect.sid", description: "The host's session cookie (a customer's or an admin's)." },
        adminApiKey: { type: "http", scheme: "basic", description: "A secret API key as the user name." },
      },
    },
  }
}

/** When each plugin code is answered, in words (docs/errors.md's table), for the refusals' descriptions. */
export type ErrorMeanings = Partial<Record<PluginErrorCode, string>>

function operationObject(operation: Operation, components: ComponentSchemas, meanings: ErrorMeanings): JsonSchema {
  const store = operation.path.startsWith("/store/")
  const parameters = [
    ...[...operation.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } })),
    ...queryParameters(operation, components),
    ...(operation.idempotent ? [{ $ref: "#/components/parameters/IdempotencyKey" }] : []),
  ]
  const successHeaders = operation.idempotent ? { headers: { "Idempotent-Replayed": { $ref: "#/components/headers/IdempotentReplayed" } } } : {}
  return {
    operationId: operationId(operation),
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    security: store
      ? [{ publishableKey: [] }, { publishableKey: [], customerBearer: [] }, { publishableKey: [], session: [] }]
      : [{ adminBearer: [] }, { session: [] }, { adminApiKey: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: !operation.bodyOptional,
            content: { "application/json": { schema: components.inline(operation.body, "input") } },
          },
        }
      : {}),
    responses: {
      [operation.response.status]: {
        description: operation.response.description,
        ...successHeaders,
        content: { "application/json": { schema: components.inline(operation.response.schema, "output") } },
      },
      ...errorResponses(operation, store, components, meanings),
    },
  }
}

/** One parameter a field of the query schema; required when the field refuses to be absent. */
function queryParameters(operation: Operation, components: ComponentSchemas): JsonSchema[] {
  return Object.entries(operation.query?.shape ?? {}).map(([name, field]) => {
    const schema = components.inline(field as z.ZodType, "input")
    const isObject = schema.type === "object"
    return {
      name,
      in: "query",
      required: !(field as z.ZodType).safeParse(undefined).success,
      ...(isObject ? { style: "deepObject", explode: true } : {}),
      schema,
    }
  })
}

/** Per status, the plugin's codes the operation can answer and the host's refusals on such a route. */
function errorResponses(
  operation: Operation,
  store: boolean,
  components: ComponentSchemas,
  meanings: ErrorMeanings
): Record<string, JsonSchema> {
  const codes: PluginErrorCode[] = [
    "INVALID_CHARACTERS",
    ...(operation.idempotent ? (["IDEMPOTENCY_KEY_INVALID", "IDEMPOTENCY_KEY_REUSED", "IDEMPOTENCY_REQUEST_IN_PROGRESS"] as const) : []),
    ...operation.errors,
  ]
  const byStatus = new Map<number, z.ZodType[]>()
  const said = new Map<number, string[]>()
  const add = (status: number, schema: z.ZodType, words: string) => {
    byStatus.set(status, [...(byStatus.get(status) ?? []), schema])
    said.set(status, [...(said.get(status) ?? []), words])
  }
  const codesByType = new Map<string, PluginErrorCode[]>()
  for (const code of [...new Set(codes)].sort()) {
    const key = `${PLUGIN_ERROR_STATUS[code]} ${pluginErrorType(code)}`
    codesByType.set(key, [...(codesByType.get(key) ?? []), code])
  }
  for (const [key, grouped] of [...codesByType].sort()) {
    const [status, type] = key.split(" ")
    const words = grouped.map((code) => `\`${code}\`${meanings[code] ? `: ${meanings[code]}` : ""}`)
    add(Number(status), pluginError(type, grouped), words.map((line) => `- ${line}`).join("\n"))
  }
  add(400, hostRefusal("invalid_data"), `- no \`code\`, \`type: invalid_data\`: ${HOST_REFUSALS.invalid_data.when}`)
  if (store) add(400, hostRefusal("not_allowed"), `- no \`code\`, \`type: not_allowed\`: ${HOST_REFUSALS.not_allowed.when}`)
  if (!store) add(401, ADMIN_UNAUTHORIZED, "- no token, or not an admin user's")
  if (operation.body) {
    add(413, hostRefusal("unknown_error"), "- the body is over the host's size limit (100 KB by default)")
    add(415, hostRefusal("unknown_error"), "- a body in a charset or content encoding the host's parser does not take")
  }
  return Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, schemas]) => [
        String(status),
        {
          description: `${STATUS_TEXT[status]}.\n\n${said.get(status)!.join("\n")}`,
          ...(status === 429 ? { headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } } } : {}),
          content: {
            "application/json": {
              schema: components.inline(schemas.length === 1 ? schemas[0] : z.union(schemas as [z.ZodType, z.ZodType]), "output"),
            },
          },
        },
      ])
  )
}

function pluginError(type: string, codes: PluginErrorCode[]) {
  return z
    .object({ type: z.literal(type), code: z.enum(codes as [PluginErrorCode, ...PluginErrorCode[]]), message: z.string().min(1) })
    .strict()
    .clone().register(openApiMetadata, { description: "The plugin's refusal: `code` is its stable machine code (docs/errors.md)." })
}

const hostRefusalSchema = (type: keyof typeof HOST_REFUSALS) =>
  z
    .object({ type: z.literal(type), message: z.string().min(1) })
    .strict()
    .clone().register(openApiMetadata, { id: HOST_REFUSALS[type].id, description: `The host's refusal: ${HOST_REFUSALS[type].when}.` })

/** The host's refusals, named once (a registry takes an id once). */
const HOST_REFUSAL_SCHEMAS = {
  invalid_data: hostRefusalSchema("invalid_data"),
  not_allowed: hostRefusalSchema("not_allowed"),
  unknown_error: hostRefusalSchema("unknown_error"),
}

const ADMIN_UNAUTHORIZED = z
  .object({ message: z.string().min(1) })
  .strict()
  .clone().register(openApiMetadata, { id: "AdminUnauthorized", description: "Not an admin: no token, or not a user's." })

function hostRefusal(type: keyof typeof HOST_REFUSALS) {
  return HOST_REFUSAL_SCHEMAS[type]
}

/** `postStoreCartSessionsIdCoupons` from `POST /store/cart-sessions/:id/coupons`. */
function operationId(operation: Operation): string {
  const words = operation.path.split(/[^A-Za-z0-9]+/).filter(Boolean)
  return operation.method + words.map((word) => word[0].toUpperCase() + word.slice(1)).join("")
}

/**
 * The zod schemas of the document as JSON Schema. A schema with a `meta({ id })` becomes
 * `#/components/schemas/<id>`; the same id for two different schemas is an error.
 */
class ComponentSchemas {
  private readonly schemas: Record<string, JsonSchema> = {}

  inline(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const json = z.toJSONSchema(schema, {
      metadata: openApiMetadata,
      io,
      unrepresentable: "any",
      override: ({ zodSchema, jsonSchema }) => {
        // A date in a request is sent as an ISO 8601 string; `dateTime()` takes a string or a Date: over HTTP, the string.
        const def = (zodSchema as any)._zod.def
        const isDateTime =
          def.type === "date" ||
          (def.type === "union" && def.options.map((option: any) => option._zod.def.type).sort().join() === "date,string")
        if (isDateTime) {
          for (const key of Object.keys(jsonSchema)) delete (jsonSchema as JsonSchema)[key]
          Object.assign(jsonSchema, { type: "string", format: "date-time" })
        }
      },
    }) as JsonSchema
    const { $schema: _dialect, $defs = {}, ...rest } = json
    for (const [id, definition] of Object.entries($defs as Record<string, JsonSchema>)) {
      this.add(id, definition)
    }
    // A schema that is itself named is answered by reference too.
    return typeof rest.id === "string" ? this.add(rest.id, rest) : rewriteRefs(rest)
  }

  private add(id: string, definition: JsonSchema): JsonSchema {
    const { id: _id, ...body } = definition
    const component = rewriteRefs(body)
    const known = this.schemas[id]
    if (known && JSON.stringify(known) !== JSON.stringify(component)) {
      throw new Error(`Two different schemas are both named "${id}" (meta id)`)
    }
    this.schemas[id] = component
    return { $ref: `#/components/schemas/${id}` }
  }

  sorted(): Record<string, JsonSchema> {
    return sortedKeys(this.schemas)
  }
}

function rewriteRefs(value: any): any {
  if (Array.isArray(value)) return value.map(rewriteRefs)
  if (value === null || typeof value !== "object") return value
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === "$ref" && typeof child === "string" ? child.replace(/^#\/\$defs\//, "#/components/schemas/") : rewriteRefs(child),
    ])
  )
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)))
}
