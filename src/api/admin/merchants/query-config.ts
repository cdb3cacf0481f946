export const defaultAdminMerchantFields = ["id", "handle", "name", "metadata", "created_at", "updated_at"]

export const listMerchantsQueryConfig = {
  defaults: defaultAdminMerchantFields,
  isList: true,
}
