import fs from "fs"
import path from "path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isPluginErrorCode, PLUGIN_ERROR_STATUS } from "../../src/lib/errors"
import { AdminHeaders, createAdminUser } from "./admin"
import type { RawAnswer } from "./http"
import { CART_SESSIONS, createProducts, createStorefront, registerCustomer, StoreHeaders, Storefront } from "./store"

/**
 * The host's own refusals on the plugin's routes, as docs/errors.md ("The host's own refusals") lists
 * them: its validators and body parser, its publishable-key and admin-auth checks. They carry no
 * plugin code; `type` (and, for 401, the message alone) is their machine-readable part.
 */
export const HOST_REFUSALS: { status: number; type: string | null }[] = [
  { status: 400, type: "invalid_data" },
  { status: 400, type: "not_allowed" },
  { status: 401, type: null },
  { status: 413, type: "unknown_error" },
  { status: 415, type: "unknown_error" },
]

const ERRORS_DOC = fs.readFileSync(path.resolve(__dirname, "../../docs/errors.md"), "utf8")

/** docs/errors.md names the code: whole, or as `_SUFFIX` after a sibling (`MANUAL_DISCOUNT_AMOUNT_INVALID` / `_TOO_HIGH`). */
export function codeIsDocumented(code: string): boolean {
  const parts = code.split("_")
  return parts.some((_, index) => ERRORS_DOC.includes("`" + (index ? "_" : "") + parts.slice(index).join("_") + "`"))
}

/**
 * What is wrong with an answer, or null: never a 5xx; always JSON (never the router's HTML page);
 * a refusal carries a message and either a plugin code with that code's status, documented in
 * docs/errors.md, or is one of the host's documented refusals.
 */
export function answerProblem(answer: RawAnswer): string | null {
  if (answer.status >= 500) return `a ${answer.status}`
  const contentType = String(answer.headers["content-type"] ?? "")
  if (!contentType.startsWith("application/json")) return `content-type "${contentType}", not JSON`
  let body: any
  try {
    body = JSON.parse(answer.text)
  } catch {
    return "a body that is not JSON"
  }
  if (answer.status < 400) return null
  if (body === null || typeof body !== "object" || typeof body.message !== "string" || !body.message) {
    return "a refusal without a message"
  }
  if (isPluginErrorCode(body.code)) {
    if (PLUGIN_ERROR_STATUS[body.code] !== answer.status) {
      return `code ${body.code} with status ${answer.status}, not its ${PLUGIN_ERROR_STATUS[body.code]}`
    }
    return codeIsDocumented(body.code) ? null : `code ${body.code} is not in docs/errors.md`
  }
  if (body.code !== undefined) return `code ${JSON.stringify(body.code)}, which is not documented`
  const type = body.type ?? null
  return HOST_REFUSALS.some((refusal) => refusal.status === answer.status && refusal.type === type)
    ? null
    : `an undocumented refusal: ${answer.status} type ${JSON.stringify(type)}`
}

/** The plugin's tables (its modules' models). */
export const PLUGIN_TABLES = [
  "cart_session",
  "cart_session_line_item",
  "cart_session_discount",
  "cart_session_manual_discount",
  "coupon",
  "coupon_redemption",
  "merchant",
  "idempotency_key",
]

/**
 * Per plugin table, its row count and a digest of every row, and each session's version, read from
 * the database: two equal snapshots mean nothing was written.
 */
export async function pluginTablesSnapshot(container: MedusaContainer) {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await knex.raw(
    PLUGIN_TABLES.map(
      (table) => `select '${table}' as "table", count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${table}" t`
    ).join(" union all ")
  )
  const versions = await knex.raw(`select id, version from cart_session order by id`)
  return {
    tables: Object.fromEntries(rows.map((row: any) => [row.table, { rows: row.rows, digest: row.digest }])) as Record<
      string,
      { rows: number; digest: string }
    >,
    versions: Object.fromEntries(versions.rows.map((row: any) => [row.id, row.version])) as Record<string, number>,
  }
}

export type PluginTablesSnapshot = Awaited<ReturnType<typeof pluginTablesSnapshot>>

/** A store with two merchants, an add-on, three shoppers' sessions, coupons of each kind, and an admin. */
export type HardeningStore = {
  shop: Storefront
  admin: AdminHeaders
  variants: { tent: string; lamp: string; addOn: string }
  customers: { a: { customerId: string; headers: StoreHeaders }; b: { customerId: string; headers: StoreHeaders } }
  /** Sessions of the anonymous shopper, customer A and customer B, each with a line of each merchant and a code. */
  sessions: { anonymous: any; a: any; b: any }
  coupons: { storeWide: any; merchant: any; onlyForA: any }
}

export async function createHardeningStore(api: any, container: MedusaContainer): Promise<HardeningStore> {
  const admin = await createAdminUser(container)
  const shop = await createStorefront(container, { currencies: ["usd"] })
  const [tent, lamp, addOn] = await createProducts(container, [
    { title: "Trail tent", merchant: "acme", prices: { usd: 299.97 }, salesChannelIds: [shop.salesChannelId] },
    { title: "Desk lamp", merchant: "globex", prices: { usd: 22.5 }, salesChannelIds: [shop.salesChannelId] },
    { title: "Tent pegs", merchant: "acme", addOn: true, prices: { usd: 4.99 }, salesChannelIds: [shop.salesChannelId] },
  ])
  const customers = {
    a: await registerCustomer(api, shop.publishableKey, "a@hardening.test"),
    b: await registerCustomer(api, shop.publishableKey, "b@hardening.test"),
  }
  const coupon = async (body: Record<string, unknown>) => (await api.post("/admin/coupons", body, admin)).data.coupon
  const coupons = {
    storeWide: await coupon({ code: "SAVE10", value_type: "percentage", value: 10 }),
    merchant: await coupon({ code: "ACME5", value_type: "percentage", value: 5, merchant_id: "acme" }),
    onlyForA: await coupon({
      code: "ONLYA",
      value_type: "percentage",
      value: 15,
      rules: [{ attribute: "customer.id", operator: "in", values: [customers.a.customerId] }],
    }),
  }
  const session = async (headers: StoreHeaders) =>
    (
      await api.post(
        CART_SESSIONS,
        {
          items: [
            { variant_id: tent.variantId, quantity: 1 },
            { variant_id: lamp.variantId, quantity: 2 },
          ],
          discounts: [{ code: "SAVE10" }],
        },
        headers
      )
    ).data.cart_session
  const sessions = {
    anonymous: await session(shop.anonymous),
    a: await session(customers.a.headers),
    b: await session(customers.b.headers),
  }
  return {
    shop,
    admin,
    variants: { tent: tent.variantId, lamp: lamp.variantId, addOn: addOn.variantId },
    customers,
    sessions,
    coupons,
  }
}

/** A session's line ids and code discount ids. */
export const lineIdsOf = (session: any): string[] => session.bags.flatMap((bag: any) => bag.items.map((line: any) => line.id))
export const discountIdsOf = (session: any): string[] => session.discounts.map((discount: any) => discount.id)
