import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MERCHANT_MODULE, MerchantModuleService } from "../../../modules/merchant"

export type RegisterProductMerchantsInput = { product_ids: string[] }

/**
 * Registers the merchants named by the given products that are not known yet (through `merchantLink`: the
 * linked entities, with their names; a known one whose name changed is renamed).
 */
export const registerProductMerchantsStep = createStep(
  "register-product-merchants",
  async (input: RegisterProductMerchantsInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const merchants = container.resolve<MerchantModuleService>(MERCHANT_MODULE)
    const { data: products } = await query.graph({
      entity: "product",
      fields: ["id", "metadata", ...merchants.merchantProductFields()],
      filters: { id: input.product_ids },
    })
    const created = await merchants.registerMerchants(
      products.map((product) => {
        const merchant = merchants.merchantOfProduct(product)
        return { handle: merchant.id, name: merchant.name }
      })
    )
    return new StepResponse(
      created,
      created.map((merchant) => merchant.id)
    )
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) {
      return
    }
    await container.resolve<MerchantModuleService>(MERCHANT_MODULE).deleteMerchants(createdIds)
  }
)
