/**
 * An error answered by the admin API, with the plugin's machine `code`
 * (e.g. `COUPON_CODE_TAKEN`) kept. The js-sdk's FetchError keeps only the
 * message and status, not enough to put an error under its field, so the
 * admin extensions call the API with this small client instead.
 */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly type?: string
  ) {
    super(message)
    this.name = "AdminApiError"
  }
}

type RequestOptions = {
  method?: "GET" | "POST" | "DELETE"
  body?: unknown
  /** A list is sent as `key[]=a&key[]=b`, which the host reads as an array. */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>
}

/**
 * Calls the admin API on the dashboard's origin with the dashboard's session
 * cookie (the dashboard's own login; its default `session` auth).
 */
export async function adminRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin)
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (Array.isArray(value)) {
      value.forEach((entry) => url.searchParams.append(`${key}[]`, entry))
    } else if (value !== undefined && value !== "") {
      url.searchParams.set(key, String(value))
    }
  }
  const response = await fetch(url, {
    method: options.method ?? "GET",
    credentials: "include",
    headers: {
      accept: "application/json",
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  })
  const payload = await response.json().catch(() => undefined)
  if (!response.ok) {
    throw new AdminApiError(
      payload?.message ?? response.statusText ?? `Request failed (${response.status})`,
      response.status,
      payload?.code,
      payload?.type
    )
  }
  return payload as T
}
