import { MedusaError } from "@medusajs/framework/utils"
import { PLUGIN_ERROR_STATUS, type PluginErrorCode } from "./error-codes"

export { PLUGIN_ERROR_STATUS, type PluginErrorCode }

const MEDUSA_TYPE_FOR_STATUS: Record<number, string> = {
  400: MedusaError.Types.INVALID_DATA,
  404: MedusaError.Types.NOT_FOUND,
  409: MedusaError.Types.CONFLICT,
  // The host has no type of its own for 429; should one escape the mapper, the host answers it 400, never a 500.
  429: MedusaError.Types.NOT_ALLOWED,
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
