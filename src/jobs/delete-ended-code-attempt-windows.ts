import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CODE_ATTEMPT_MODULE, CodeAttemptModuleService } from "../modules/code-attempt"

/**
 * Deletes the code attempt windows that are over (README "Code guessing"):
 * a new attempt starts a new window anyway; this keeps the table to the
 * sessions and addresses of the last `windowSeconds`. Without the
 * `codeAttempts` option it does nothing (no statement).
 */
export default async function deleteEndedCodeAttemptWindowsJob(container: MedusaContainer) {
  const counter = container.resolve<CodeAttemptModuleService>(CODE_ATTEMPT_MODULE)
  const limits = counter.getLimits()
  if (!limits) {
    return
  }
  const deleted = await counter.deleteEnded(limits.windowSeconds)
  if (deleted) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`Deleted ${deleted} ended code attempt window(s)`)
  }
}

export const config = {
  name: "delete-ended-code-attempt-windows",
  schedule: "*/15 * * * *",
}
