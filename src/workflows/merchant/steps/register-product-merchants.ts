import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MERCHANT_MODULE, MerchantModuleService } from "../../../modules/merchant"

export type RegisterProductMerchantsInput = { product_ids: string[] }

/** Registers the merchants named by the given products that are not known yet. */
export const registerProductMerchantsStep = createStep(
  "register-product-merchants",
  async (input: RegisterProductMerchantsInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const merchants = container.resolve<MerchantModuleService>(MERCHANT_MODULE)
    const { data: products } = await query.graph({
      entity: "product",
      fields: ["id", "metadata"],
      filters: { id: input.product_ids },
    })
    const handles = products.map((product) => merchants.merchantHandleForProduct(product))
    const created = await merchants.registerMissingMerchants(handles)
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
