import { InferTypeOf } from "@medusajs/framework/types"
import { MedusaService } from "@medusajs/framework/utils"
import { merchantOfProduct, merchantProductFields, type ProductMerchant, type ProductWithMerchant } from "../../lib/merchant-source"
import { parsePluginOptions, PluginOptions } from "../../lib/plugin-options"
import { Merchant } from "./models"

type MerchantDTO = InferTypeOf<typeof Merchant>
/** A merchant to register: its handle (a line's `merchant_id`) and, when its source names it, its name. */
export type MerchantEntry = { handle: string; name: string | null }

class MerchantModuleService extends MedusaService({ Merchant }) {
  protected readonly options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  /** Where merchants come from: `merchantLink` (a module link) or the metadata key. */
  merchantLink() {
    return this.options_.merchantLink ?? null
  }

  /** The merchant of products that name none (`defaultMerchantId`). */
  fallbackMerchantId(): string {
    return this.options_.defaultMerchantId
  }

  /** The product fields, beside `metadata`, a product's merchant is read from (the link's, if any). */
  merchantProductFields(): string[] {
    return merchantProductFields(this.options_)
  }

  /** The merchant a product belongs to: its linked entity or metadata key, else the fallback. */
  merchantOfProduct(product: ProductWithMerchant): ProductMerchant {
    return merchantOfProduct(product, this.options_)
  }

  /** The id of the merchant a product belongs to (a line's `merchant_id`). */
  merchantHandleForProduct(product: ProductWithMerchant): string {
    return this.merchantOfProduct(product).id
  }

  /** Creates the merchants among `handles` not known yet; returns the new ones. */
  async registerMissingMerchants(handles: string[]) {
    return await this.registerMerchants(handles.map((handle) => ({ handle, name: null })))
  }

  /**
   * Creates the merchants not known yet and renames known ones whose source now gives another name (a
   * null name changes nothing); returns the new ones.
   */
  async registerMerchants(entries: MerchantEntry[]) {
    const wanted = new Map<string, string | null>()
    for (const { handle, name } of entries) {
      wanted.set(handle, name ?? wanted.get(handle) ?? null)
    }
    if (!wanted.size) {
      return []
    }
    const known = await this.listMerchants({ handle: [...wanted.keys()] }, { select: ["id", "handle", "name"] })
    const renamed = known.flatMap((merchant) => {
      const name = wanted.get(merchant.handle)
      return name && name !== merchant.name ? [{ id: merchant.id, name }] : []
    })
    if (renamed.length) {
      await this.updateMerchants(renamed)
    }
    const knownHandles = new Set(known.map((merchant) => merchant.handle))
    const missing = [...wanted].filter(([handle]) => !knownHandles.has(handle)).map(([handle, name]) => ({ handle, name }))
    if (!missing.length) {
      return []
    }
    try {
      return await this.createMerchants(missing)
    } catch (error) {
      // Another process registered one of them meanwhile (unique handle):
      // register the rest one by one and skip the ones that now exist.
      const created: MerchantDTO[] = []
      for (const merchant of missing) {
        const [existing] = await this.listMerchants({ handle: merchant.handle }, { select: ["id"] })
        if (!existing) {
          created.push(await this.createMerchants(merchant))
        }
      }
      return created
    }
  }
}

export default MerchantModuleService
