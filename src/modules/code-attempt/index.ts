import { Module } from "@medusajs/framework/utils"
import { validatePluginOptionsLoader } from "../../lib/plugin-options"
import CodeAttemptModuleService from "./service"

export const CODE_ATTEMPT_MODULE = "code_attempt"

export default Module(CODE_ATTEMPT_MODULE, {
  service: CodeAttemptModuleService,
  loaders: [validatePluginOptionsLoader],
})

export { CodeAttemptModuleService }
export type { CodeAttemptReservation, CodeAttemptVerdict } from "./service"
