import http from "node:http"
import { performance } from "node:perf_hooks"

// A small JSON client over keep-alive connections (one socket per concurrent client at most), timing
// each request from sending it to the end of its answer's body.

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

export type Answer = { status: number; body: any; ms: number }

export class HttpError extends Error {
  constructor(readonly method: string, readonly path: string, readonly answer: Answer) {
    super(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 600)}`)
  }
}

export function request(
  base: URL,
  method: string,
  path: string,
  { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const outgoing = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: {
          accept: "application/json",
          ...(payload === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on("data", (chunk) => chunks.push(chunk))
        incoming.on("end", () => {
          const ms = performance.now() - started
          const text = Buffer.concat(chunks).toString("utf-8")
          let parsed: unknown = text
          try {
            parsed = text ? JSON.parse(text) : null
          } catch {
            // not JSON: kept as text for the error message
          }
          resolve({ status: incoming.statusCode ?? 0, body: parsed, ms })
        })
        incoming.on("error", reject)
      }
    )
    outgoing.on("error", reject)
    outgoing.end(payload)
  })
}

/** A client of one base URL with fixed headers; `call` throws HttpError on anything but 2xx. */
export function client(baseUrl: string, fixedHeaders: Record<string, string>) {
  const base = new URL(baseUrl)
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const answer = await request(base, method, path, { body, headers: { ...fixedHeaders, ...headers } })
    if (answer.status < 200 || answer.status >= 300) throw new HttpError(method, path, answer)
    return answer
  }
  return { call }
}

export type Client = ReturnType<typeof client>

export function destroyConnections() {
  agent.destroy()
}
