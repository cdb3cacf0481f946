import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { IDEMPOTENCY_MODULE, IdempotencyModuleService } from "../modules/idempotency"

/**
 * Deletes the stored Idempotency-Keys whose 24 hours are over. Expired rows
 * are already treated as absent when a request arrives; this keeps the table
 * small.
 */
export default async function deleteExpiredIdempotencyKeysJob(container: MedusaContainer) {
  const idempotency = container.resolve<IdempotencyModuleService>(IDEMPOTENCY_MODULE)
  const deleted = await idempotency.deleteExpired(new Date())
  if (deleted) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`Deleted ${deleted} expired idempotency key(s)`)
  }
}

export const config = {
  name: "delete-expired-idempotency-keys",
  schedule: "0 * * * *",
}
