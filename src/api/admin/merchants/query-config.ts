export const defaultAdminMerchantFields = ["id", "handle", "name", "metadata", "created_at", "updated_at"]

export const listMerchantsQueryConfig = {
  defaults: defaultAdminMerchantFields,
  /** What `fields` may ask for and `order` may sort by. */
  allowed: [...defaultAdminMerchantFields, "deleted_at"],
  isList: true,
}
