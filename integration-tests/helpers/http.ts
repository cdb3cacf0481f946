import http from "http"

/** The error body of a refused request (axios throws on 4xx). */
export async function refused(request: Promise<unknown>) {
  try {
    await request
  } catch (error: any) {
    if (error?.response) {
      return { status: error.response.status as number, body: error.response.data }
    }
    throw error
  }
  throw new Error("expected the request to be refused")
}

export type RawRequest = {
  method: string
  /** Sent as written, percent-encoding and all (the host's router decodes it). */
  path: string
  headers?: Record<string, string>
  /** Sent as these bytes; no `content-type` is added. */
  body?: string | Buffer
}

export type RawAnswer = { status: number; headers: Record<string, string | string[] | undefined>; text: string }

/**
 * One request as bytes on the wire, through Node's own client against the booted
 * host (`api.defaults.baseURL`): no client library re-encodes the path or the
 * body, and every status comes back as an answer.
 */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl)
  const body = request.body === undefined ? undefined : Buffer.from(request.body)
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        hostname,
        port,
        method: request.method,
        path: request.path,
        headers: { ...(body ? { "content-length": String(body.length) } : {}), ...request.headers },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("end", () =>
          resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") })
        )
        response.on("error", reject)
      }
    )
    outgoing.on("error", reject)
    outgoing.end(body)
  })
}
