import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MerchantLinkOption } from "../../../lib/merchant-source"
import { MERCHANT_MODULE, MerchantModuleService } from "../../../modules/merchant"

/** A merchant as the admin lists it: `handle` is what lines and coupons carry as `merchant_id`. */
export type MerchantRow = { id: string; handle: string; name: string | null }

export type MerchantPage = { skip: number; take: number; order?: Record<string, string> }

const merchantService = (container: MedusaContainer) => container.resolve<MerchantModuleService>(MERCHANT_MODULE)

/**
 * The names of the merchants `handles` names, for the admin: through `merchantLink`, the linked entity's
 * name as it is now (one query); otherwise, and for merchants the link does not name (the fallback
 * merchant), the merchant directory's. Unknown or unnamed: null.
 */
export async function readMerchantNames(container: MedusaContainer, handles: string[]): Promise<Map<string, string | null>> {
  const wanted = [...new Set(handles)]
  const names = new Map<string, string | null>()
  if (!wanted.length) {
    return names
  }
  const merchants = merchantService(container)
  const link = merchants.merchantLink()
  if (link) {
    for (const row of await readLinked(container, link, { [link.idField]: wanted })) {
      names.set(row.handle, row.name)
    }
  }
  const rest = wanted.filter((handle) => !names.has(handle))
  if (rest.length) {
    for (const merchant of await merchants.listMerchants({ handle: rest }, { select: ["handle", "name"] })) {
      names.set(merchant.handle, merchant.name ?? null)
    }
  }
  return new Map(wanted.map((handle) => [handle, names.get(handle) ?? null]))
}

/**
 * The admin's list of merchants under `merchantLink`: every entity of the link (a marketplace's sellers,
 * named as they are now), after the fallback merchant of products that name none, which comes first.
 * `q` matches the name (any case), or the fallback merchant's handle. Sorted by `handle` (the id field) or
 * `name`, or a date of the entity.
 */
export async function listLinkedMerchants(
  container: MedusaContainer,
  q: string | undefined,
  page: MerchantPage
): Promise<{ merchants: MerchantRow[]; count: number; offset: number; limit: number }> {
  const merchants = merchantService(container)
  const link = merchants.merchantLink()!
  const fallbackHandle = merchants.fallbackMerchantId()
  const [fallbackEntry] = await merchants.listMerchants({ handle: fallbackHandle }, { select: ["handle", "name"] })
  const fallback: MerchantRow = { id: fallbackHandle, handle: fallbackHandle, name: fallbackEntry?.name ?? null }
  const needle = q?.trim().toLowerCase()
  const fallbackListed =
    !needle || fallback.handle.toLowerCase().includes(needle) || !!fallback.name?.toLowerCase().includes(needle)
  const filters = needle ? { [link.nameField]: { $ilike: `%${escapeLike(needle)}%` } } : {}
  // The fallback merchant is row 0 of the list when it is listed: the linked rows start after it.
  const shift = fallbackListed ? 1 : 0
  const skip = Math.max(page.skip - shift, 0)
  const take = page.skip < shift ? Math.max(page.take - shift, 1) : page.take
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: link.entity,
    fields: [...new Set([link.idField, link.nameField])],
    filters,
    pagination: { skip, take, order: linkedOrder(page.order, link) },
  })
  const linked = data.flatMap((entity: Record<string, unknown>) => rowOf(entity, link) ?? [])
  const rows = page.skip < shift ? [fallback, ...linked].slice(0, page.take) : linked
  return {
    merchants: rows,
    count: (metadata?.count ?? linked.length) + shift,
    offset: page.skip,
    limit: page.take,
  }
}

async function readLinked(container: MedusaContainer, link: MerchantLinkOption, filters: Record<string, unknown>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: link.entity, fields: [...new Set([link.idField, link.nameField])], filters })
  return data.flatMap((entity: Record<string, unknown>) => rowOf(entity, link) ?? [])
}

function rowOf(entity: Record<string, unknown>, link: MerchantLinkOption): MerchantRow | null {
  const id = entity[link.idField]
  if ((typeof id !== "string" || id === "") && typeof id !== "number") {
    return null
  }
  const name = entity[link.nameField]
  return { id: String(id), handle: String(id), name: typeof name === "string" && name.trim() !== "" ? name.trim() : null }
}

/** The admin's `order` on merchants, on the linked entity's fields. */
function linkedOrder(order: Record<string, string> | undefined, link: MerchantLinkOption): Record<string, string> {
  const field: Record<string, string> = { id: link.idField, handle: link.idField, name: link.nameField }
  const mapped = Object.entries(order ?? { handle: "ASC" }).map(([key, direction]) => [
    field[key] ?? (key === "created_at" || key === "updated_at" ? key : link.idField),
    direction,
  ])
  return Object.fromEntries(mapped.length ? mapped : [[link.idField, "ASC"]])
}

/** `%` and `_` match themselves in the name searched for. */
function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`)
}
