import type { Client } from "@medusajs/js-sdk"
import { CheckoutDiscountsError } from "./errors"

/** The js-sdk client the requests go through: its base URL, publishable key, API key, token and headers. */
export type SdkClient = Client

/**
 * What the requests read of the js-sdk's client at run time. `sdk.client.fetch` answers an error with a
 * `FetchError` that keeps only `status`, `statusText` and `message`: it has read the body and dropped its
 * `code` (js-sdk 2.21, `normalizeResponse`). So the request is sent here with exactly the headers and
 * credentials the sdk's own fetch would send (its publishable key, API key, JWT from its storage, locale
 * and global headers, from the sdk's own methods), and the answer, error or not, is read here.
 */
type SdkInternals = {
  config: {
    baseUrl: string
    globalHeaders?: Record<string, unknown>
    auth?: { type?: "jwt" | "session"; fetchCredentials?: RequestCredentials }
  }
  locale?: string
  getApiKeyHeader_: () => Record<string, string>
  getPublishableKeyHeader_: () => Record<string, string>
  getJwtHeader_: () => Promise<Record<string, string>>
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[] | { [key: string]: QueryValue }

export type RequestInput = {
  method: "GET" | "POST" | "DELETE" | "PATCH"
  path: string
  body?: unknown
  query?: Record<string, QueryValue>
  /** Mutating calls: the key the server stores the answer under (a retry with it is answered the same). */
  idempotencyKey?: string | null
  headers?: Record<string, string>
  signal?: AbortSignal
}

export type Transport = <T>(input: RequestInput) => Promise<T>

/** `a=1&list=x&list=y&created_at[$gte]=…`, as the host's query parser reads arrays and objects. */
export function encodeQuery(query: Record<string, QueryValue>, prefix = ""): string[] {
  return Object.entries(query).flatMap(([name, value]) => {
    const key = prefix ? `${prefix}[${name}]` : name
    if (value === undefined || value === null) return []
    if (Array.isArray(value)) return value.map((item) => `${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`)
    if (typeof value === "object") return encodeQuery(value as Record<string, QueryValue>, key)
    return [`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`]
  })
}

async function headersOf(client: SdkInternals, input: RequestInput): Promise<Headers> {
  // The order of the sdk's own fetch: its defaults and keys, then locale, global headers, the JWT, the call's own.
  const headers = new Headers({
    "content-type": "application/json",
    accept: "application/json",
    ...client.getApiKeyHeader_(),
    ...client.getPublishableKeyHeader_(),
  })
  const own: Record<string, unknown> = {
    ...(client.locale ? { "x-medusa-locale": client.locale } : {}),
    ...client.config.globalHeaders,
    ...(await client.getJwtHeader_()),
    ...(input.idempotencyKey ? { "idempotency-key": input.idempotencyKey } : {}),
    ...input.headers,
  }
  for (const [name, value] of Object.entries(own)) {
    if (value === null) headers.delete(name)
    else if (typeof value === "string") headers.set(name, value)
  }
  return headers
}

function urlOf(client: SdkInternals, input: RequestInput): string {
  const base = new URL(client.config.baseUrl || globalThis.location?.origin)
  const query = input.query ? encodeQuery(input.query).join("&") : ""
  return `${base.origin}${base.pathname.replace(/\/$/, "")}${input.path}${query ? `?${query}` : ""}`
}

function credentialsOf(client: SdkInternals): RequestCredentials | undefined {
  if (!("credentials" in Request.prototype)) return undefined
  return client.config.auth?.type === "session" ? client.config.auth.fetchCredentials ?? "include" : "omit"
}

function retryAfterOf(response: Response): number | null {
  const header = response.headers.get("retry-after")
  const seconds = header === null ? NaN : Number(header)
  return Number.isFinite(seconds) ? seconds : null
}

/** Sends requests as the js-sdk `client` would, and answers the JSON body or throws a CheckoutDiscountsError. */
export function sdkTransport(sdkClient: SdkClient): Transport {
  const client = sdkClient as unknown as SdkInternals
  return async <T>(input: RequestInput): Promise<T> => {
    const details = { method: input.method, path: input.path, idempotencyKey: input.idempotencyKey ?? null }
    let response: Response
    try {
      response = await fetch(urlOf(client, input), {
        method: input.method,
        headers: await headersOf(client, input),
        body: input.body === undefined ? undefined : JSON.stringify(input.body),
        credentials: credentialsOf(client),
        signal: input.signal,
      })
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause)
      throw new CheckoutDiscountsError(`${input.method} ${input.path} got no answer: ${reason}`, {
        ...details,
        status: 0,
        body: null,
        retryAfter: null,
        cause,
      })
    }
    const text = await response.text()
    let body: unknown = null
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      body = null
    }
    if (!response.ok) {
      const message = (body as { message?: unknown } | null)?.message
      throw new CheckoutDiscountsError(typeof message === "string" && message ? message : response.statusText || `HTTP ${response.status}`, {
        ...details,
        status: response.status,
        body,
        retryAfter: retryAfterOf(response),
      })
    }
    return body as T
  }
}
