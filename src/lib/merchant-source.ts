import { z } from "@medusajs/framework/zod"

/**
 * Where a line's merchant comes from: a product metadata key (the default), or a
 * module link between the product and the store's own seller entity (a
 * marketplace: a `seller` <-> `product` link, as Mercur keeps it). Pure: the
 * fields a product is read with, and the merchant read from what came back.
 */

/** A name `query.graph` accepts as an entity, link alias or field. */
const graphName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a name as query.graph knows it (letters, digits and _)")

export const merchantLinkOptionSchema = z
  .object({
    /** The linked entity as `query.graph` reaches it from a product (`product.<entity>`), e.g. "seller". */
    entity: graphName,
    /** Its field that becomes the merchant id of the product's lines (default "id"). */
    idField: graphName.default("id"),
    /** Its field the admin shows as the merchant's name (default "name"). */
    nameField: graphName.default("name"),
  })
  .strict()

export type MerchantLinkOption = z.infer<typeof merchantLinkOptionSchema>

export type MerchantSourceOptions = {
  merchantMetadataKey: string
  defaultMerchantId: string
  merchantLink?: MerchantLinkOption
}

export type ProductWithMerchant = {
  metadata?: Record<string, unknown> | null
  [linked: string]: unknown
}

/** A merchant as a product names it: its id (the bag's `merchant_id`) and, through a link, its name. */
export type ProductMerchant = { id: string; name: string | null }

/** The product fields (beside `metadata`) the merchant is read from: the link's id and name, if any. */
export function merchantProductFields(options: MerchantSourceOptions): string[] {
  const link = options.merchantLink
  return link ? [`${link.entity}.${link.idField}`, `${link.entity}.${link.nameField}`] : []
}

/**
 * The merchant of a product read with `metadata` and `merchantProductFields`: the linked entity's id
 * field (through a link), else the metadata key (without one), else the fallback merchant.
 */
export function merchantOfProduct(product: ProductWithMerchant, options: MerchantSourceOptions): ProductMerchant {
  const link = options.merchantLink
  if (link) {
    const linked = linkedMerchants(product[link.entity], link)
    return linked[0] ?? { id: options.defaultMerchantId, name: null }
  }
  const id = idValue(product.metadata?.[options.merchantMetadataKey])
  return { id: id ?? options.defaultMerchantId, name: null }
}

/**
 * The merchants a product's link names, by id. Read from the product side a link is one object, or a list
 * when the store defined it so: then the lowest id counts, so that every read gives the same bag.
 */
function linkedMerchants(value: unknown, link: MerchantLinkOption): ProductMerchant[] {
  const entries = (Array.isArray(value) ? value : [value]).filter(
    (entry): entry is Record<string, unknown> => !!entry && typeof entry === "object"
  )
  return entries
    .flatMap((entry) => {
      const id = idValue(entry[link.idField])
      const name = entry[link.nameField]
      return id === null ? [] : [{ id, name: typeof name === "string" && name.trim() !== "" ? name.trim() : null }]
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

function idValue(value: unknown): string | null {
  if (typeof value === "string" && value.trim() !== "") {
    return value.trim()
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    return String(value)
  }
  return null
}
