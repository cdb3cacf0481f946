import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * One page of `entity` as the host's admin list routes answer it:
 * `{ [key]: rows, count, offset, limit }`, from the validated query
 * (fields, filters, pagination, with_deleted).
 */
export async function listEntities(req: AuthenticatedMedusaRequest<unknown, any>, entity: string, key: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity,
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
    withDeleted: req.queryConfig.withDeleted,
  })
  return {
    [key]: data,
    count: metadata?.count ?? data.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? data.length,
  }
}
