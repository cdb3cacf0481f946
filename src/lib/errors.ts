import { MedusaError } from "@medusajs/framework/utils"
import { PLUGIN_ERROR_STATUS, type PluginErrorCode } from "./error-codes"

export { PLUGIN_ERROR_STATUS, type PluginErrorCode }

const MEDUSA_TYPE_FOR_STATUS: Record<number, string> = {
  400: MedusaError.Types.INVALID_DATA,
  404: MedusaError.Types.NOT_FOUND,
  409: MedusaError.Types.CONFLICT,
  // The mapper answers the pricing core's refusal (PRICING_FAILED) as invalid data, with its own status.
  422: MedusaError.Types.INVALID_DATA,
  // The host has no type of its own for 429; should one escape the mapper, the host answers it 400, never a 500.
  429: MedusaError.Types.NOT_ALLOWED,
}

/** The error `type` a refusal with `code` answers (the host's type for its status). */
export function pluginErrorType(code: PluginErrorCode): string {
  return MEDUSA_TYPE_FOR_STATUS[PLUGIN_ERROR_STATUS[code]]
}

/** A `MedusaError` carrying one of the plugin's machine codes. */
export class CheckoutDiscountError extends MedusaError {
  readonly status: number
  /** Response headers the answer carries besides its body (e.g. `Retry-After`). */
  readonly headers: Record<string, string>

  constructor(code: PluginErrorCode, message: string, headers: Record<string, string> = {}) {
    const status = PLUGIN_ERROR_STATUS[code]
    super(MEDUSA_TYPE_FOR_STATUS[status], message, code)
    this.status = status
    this.headers = headers
  }
}

export function isPluginErrorCode(code: unknown): code is PluginErrorCode {
  return typeof code === "string" && Object.hasOwn(PLUGIN_ERROR_STATUS, code)
}
