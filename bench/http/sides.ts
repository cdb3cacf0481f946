import { randomUUID } from "node:crypto"
import type { Answer, Client } from "./client"
import { NATIVE_CODE, PLUGIN_CODE, type BenchStore } from "./store"

// The two sides of the benchmark, the same shopper's steps on each: the host's own carts with its
// promotion NATIVE10, and the plugin's cart sessions with its coupon PLUGIN10.

/** The operations measured, in the order of a cycle (convert comes once, at the end of a cart's life). */
export const OPERATIONS = ["create", "add_line", "apply", "get", "quantity", "remove", "apply_key", "convert"] as const
export type Operation = (typeof OPERATIONS)[number]

export type SideName = "native" | "plugin"

/** A cart (or session) of one client: its id, its lines and their quantities. */
export type BenchCart = { id: string; variants: string[]; lines: { id: string; quantity: number }[]; turn: number }

/** Called with each measured answer; setup requests are not reported. */
export type Record = (operation: Operation, answer: Answer) => void

export type Side = {
  name: SideName
  /** What the side's "convert" is, for the report. */
  convertMeaning: string
  /** A cart of `variants` (quantities 1–3): all but the last line on creation, the last one added. */
  prepare(variants: string[], record?: Record): Promise<BenchCart>
  /**
   * One cycle of changes: apply the code, GET, change a quantity, remove the code, apply it again, remove it; one of
   * the two applies sends an Idempotency-Key (the first or the second, in turn: `applyOrder`).
   */
  cycle(cart: BenchCart, record?: Record): Promise<number>
  /** The code applied (not measured), then the convert (measured). */
  convert(cart: BenchCart, record?: Record): Promise<void>
}

/** Requests in a cycle, for requests per second. */
export const CYCLE_REQUESTS = 6

/** Quantities 1–3, the same for both sides (from the line's place in the cart). */
const quantityAt = (index: number) => 1 + (index % 3)

const noRecord: Record = () => {}

/** A cart's lines in the order of `variants`, so a quantity change hits the same line on both sides. */
function inVariantOrder(variants: string[], lines: { id: string; variant: string; quantity: number }[]) {
  const byVariant = new Map(lines.map((line) => [line.variant, { id: line.id, quantity: line.quantity }]))
  return variants.map((variant) => {
    const line = byVariant.get(variant)
    if (!line) throw new Error(`the cart has no line of variant ${variant}`)
    return line
  })
}

/** The next quantity of a cycle's line: another of 1–3 than it has, so every change changes something. */
function nextQuantity(cart: BenchCart): { line: BenchCart["lines"][number]; quantity: number } {
  const line = cart.lines[(cart.turn * 7) % cart.lines.length]
  cart.turn++
  return { line, quantity: (line.quantity % 3) + 1 }
}

type ApplyKind = "apply" | "apply_key"

/**
 * Which of a cycle's two applies (its first request, and its fifth, right after a removal) sends an
 * `Idempotency-Key`: it alternates between a cart's cycles, so that neither kind always comes in the same
 * place (the fifth follows a removal of the same cart at once; the first, the other sides' turns).
 */
function applyOrder(cart: BenchCart): [ApplyKind, ApplyKind] {
  return cart.turn % 2 === 0 ? ["apply", "apply_key"] : ["apply_key", "apply"]
}

const headersOf = (kind: ApplyKind) => (kind === "apply_key" ? { "Idempotency-Key": randomUUID() } : undefined)

export function nativeSide(api: Client, store: BenchStore): Side {
  const lineIds = (cart: any) => cart.items.map((item: any) => ({ id: item.id, variant: item.variant_id, quantity: item.quantity }))
  return {
    name: "native",
    convertMeaning:
      "POST /store/carts with the session's lines and promo_codes [NATIVE10]: the host cart with its lines and the code in one request, what the plugin's convert makes",
    async prepare(variants, record = noRecord) {
      const items = variants.map((variant_id, index) => ({ variant_id, quantity: quantityAt(index) }))
      const created = await api.call("POST", "/store/carts", {
        region_id: store.regionId,
        sales_channel_id: store.salesChannelId,
        items: items.slice(0, -1),
      })
      record("create", created)
      const added = await api.call("POST", `/store/carts/${created.body.cart.id}/line-items`, items[items.length - 1])
      record("add_line", added)
      return { id: added.body.cart.id, variants, lines: inVariantOrder(variants, lineIds(added.body.cart)), turn: 0 }
    },
    async cycle(cart, record = noRecord) {
      const path = `/store/carts/${cart.id}`
      const [first, second] = applyOrder(cart)
      // The host ignores the header; sent so both sides send the same requests.
      record(first, await api.call("POST", `${path}/promotions`, { promo_codes: [NATIVE_CODE] }, headersOf(first)))
      record("get", await api.call("GET", path))
      const { line, quantity } = nextQuantity(cart)
      record("quantity", await api.call("POST", `${path}/line-items/${line.id}`, { quantity }))
      line.quantity = quantity
      record("remove", await api.call("DELETE", `${path}/promotions`, { promo_codes: [NATIVE_CODE] }))
      record(second, await api.call("POST", `${path}/promotions`, { promo_codes: [NATIVE_CODE] }, headersOf(second)))
      record("remove", await api.call("DELETE", `${path}/promotions`, { promo_codes: [NATIVE_CODE] }))
      return CYCLE_REQUESTS
    },
    async convert(cart, record = noRecord) {
      const converted = await api.call("POST", "/store/carts", {
        region_id: store.regionId,
        sales_channel_id: store.salesChannelId,
        items: cart.lines.map((line, index) => ({ variant_id: cart.variants[index], quantity: line.quantity })),
        promo_codes: [NATIVE_CODE],
      })
      record("convert", converted)
    },
  }
}

/** The plugin's create takes at most 100 items; the rest are added one by one (setup, not measured). */
const CREATE_ITEMS_LIMIT = 100

export function pluginSide(api: Client, store: BenchStore): Side {
  const sessionLines = (session: any) =>
    session.bags.flatMap((bag: any) => bag.items.map((item: any) => ({ id: item.id, variant: item.variant_id, quantity: item.quantity })))
  return {
    name: "plugin",
    convertMeaning: "POST /store/cart-sessions/:id/convert (the host cart with the lines and the discounts as adjustments, the coupon's seat)",
    async prepare(variants, record = noRecord) {
      const items = variants.map((variant_id, index) => ({ variant_id, quantity: quantityAt(index) }))
      const first = items.slice(0, Math.min(items.length - 1, CREATE_ITEMS_LIMIT))
      const created = await api.call("POST", "/store/cart-sessions", {
        region_id: store.regionId,
        sales_channel_id: store.salesChannelId,
        items: first,
      })
      if (first.length === items.length - 1) record("create", created)
      const id = created.body.cart_session.id
      for (const item of items.slice(first.length, -1)) {
        await api.call("POST", `/store/cart-sessions/${id}/line-items`, item)
      }
      const added = await api.call("POST", `/store/cart-sessions/${id}/line-items`, items[items.length - 1])
      record("add_line", added)
      return { id, variants, lines: inVariantOrder(variants, sessionLines(added.body.cart_session)), turn: 0 }
    },
    async cycle(cart, record = noRecord) {
      const path = `/store/cart-sessions/${cart.id}`
      const [first, second] = applyOrder(cart)
      record(first, await api.call("POST", `${path}/coupons`, { code: PLUGIN_CODE }, headersOf(first)))
      record("get", await api.call("GET", path))
      const { line, quantity } = nextQuantity(cart)
      record("quantity", await api.call("PATCH", `${path}/line-items/${line.id}`, { quantity }))
      line.quantity = quantity
      record("remove", await api.call("DELETE", `${path}/coupons/${PLUGIN_CODE}`))
      record(second, await api.call("POST", `${path}/coupons`, { code: PLUGIN_CODE }, headersOf(second)))
      record("remove", await api.call("DELETE", `${path}/coupons/${PLUGIN_CODE}`))
      return CYCLE_REQUESTS
    },
    async convert(cart, record = noRecord) {
      const path = `/store/cart-sessions/${cart.id}`
      await api.call("POST", `${path}/coupons`, { code: PLUGIN_CODE })
      record("convert", await api.call("POST", `${path}/convert`, {}))
    },
  }
}
