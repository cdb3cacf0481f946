import type { RunningStore } from "./store"

/** The demo's publishable key title (host/src/scripts/seed-demo.ts). */
const DEMO_KEY_TITLE = "Checkout discounts demo storefront"

async function call<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
  const body = await response.json().catch(() => undefined)
  if (!response.ok) {
    throw new Error(`${init.method ?? "GET"} ${url} answered ${response.status}: ${JSON.stringify(body)}`)
  }
  return body as T
}

/** The store's admin user's bearer header, from its email and password. */
async function adminHeaders(store: RunningStore) {
  const { token } = await call<{ token: string }>(`${store.url}/auth/user/emailpass`, {
    method: "POST",
    json: { email: store.admin.email, password: store.admin.password },
  })
  return { authorization: `Bearer ${token}` }
}

/**
 * A shopper of the seeded demo store, through the store API as a storefront
 * calls it: the demo's publishable key (looked up with the admin's token)
 * and its products' variants by title.
 */
export async function demoShopper(store: RunningStore) {
  const { api_keys } = await call<{ api_keys: { title: string; token: string }[] }>(
    `${store.url}/admin/api-keys?type=publishable&limit=100`,
    { headers: await adminHeaders(store) }
  )
  const key = api_keys.find((candidate) => candidate.title === DEMO_KEY_TITLE)!.token
  const headers = { "x-publishable-api-key": key }
  const { products } = await call<{ products: { title: string; variants: { id: string }[] }[] }>(
    `${store.url}/store/products?fields=id,title,*variants&limit=100`,
    { headers }
  )
  const variantOf = (title: string) => products.find((product) => product.title === title)!.variants[0].id
  const sessions = `${store.url}/store/cart-sessions`
  /** A change of a session through the store API; answers its view. */
  const change = async (path: string, body: Record<string, unknown>) =>
    (await call<{ cart_session: any }>(`${sessions}${path}`, { method: "POST", headers, json: body })).cart_session
  return {
    variantOf,
    /** Creates a session through the store API; answers its view. */
    createSession: (body: Record<string, unknown>) => change("", body),
    /** Sets the session's email or shipping address (POST /store/cart-sessions/:id). */
    updateSession: (id: string, body: Record<string, unknown>) => change(`/${id}`, body),
    /** Per bag, the options offered to it, each priced for the bag alone. */
    shippingOptions: async (id: string) =>
      (
        await call<{ bags: { merchant_id: string; shipping_options: { id: string; name: string; amount: number }[] }[] }>(
          `${sessions}/${id}/shipping-options`,
          { headers }
        )
      ).bags,
    /** Sets a bag's shipping method. */
    setShippingMethod: (id: string, body: { merchant_id: string; option_id: string }) =>
      change(`/${id}/shipping-methods`, body),
    /** Adds a code to the session. */
    addCoupon: (id: string, code: string) => change(`/${id}/coupons`, { code }),
  }
}
