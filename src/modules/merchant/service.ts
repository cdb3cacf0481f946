import { InferTypeOf } from "@medusajs/framework/types"
import { MedusaService } from "@medusajs/framework/utils"
import { parsePluginOptions, PluginOptions } from "../../lib/plugin-options"
import { Merchant } from "./models"

type MerchantDTO = InferTypeOf<typeof Merchant>
type ProductLike = { metadata?: Record<string, unknown> | null }

class MerchantModuleService extends MedusaService({ Merchant }) {
  protected readonly options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  /** The merchant a product belongs to: its metadata key, else the fallback. */
  merchantHandleForProduct(product: ProductLike): string {
    const value = product.metadata?.[this.options_.merchantMetadataKey]
    if (typeof value === "string" && value.trim() !== "") {
      return value.trim()
    }
    if (typeof value === "number" && Number.isFinite(value)) {
      return String(value)
    }
    return this.options_.defaultMerchantId
  }

  /** Creates the merchants among `handles` not known yet; returns the new ones. */
  async registerMissingMerchants(handles: string[]) {
    const unique = [...new Set(handles)]
    if (!unique.length) {
      return []
    }
    const known = await this.listMerchants({ handle: unique }, { select: ["handle"] })
    const knownHandles = new Set(known.map((merchant) => merchant.handle))
    const missing = unique.filter((handle) => !knownHandles.has(handle))
    if (!missing.length) {
      return []
    }
    try {
      return await this.createMerchants(missing.map((handle) => ({ handle })))
    } catch (error) {
      // Another process registered one of them meanwhile (unique handle):
      // register the rest one by one and skip the ones that now exist.
      const created: MerchantDTO[] = []
      for (const handle of missing) {
        const [existing] = await this.listMerchants({ handle }, { select: ["id"] })
        if (!existing) {
          created.push(await this.createMerchants({ handle }))
        }
      }
      return created
    }
  }
}

export default MerchantModuleService
