import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { isPluginErrorCode, PLUGIN_ERROR_STATUS, PluginErrorCode } from "../../lib/errors"

type RouteHandler = (req: MedusaRequest<any>, res: MedusaResponse) => Promise<unknown> | unknown

/**
 * An error answer as sent: the status, the exact bytes of the body, in the host's `{ type, code, message }` shape,
 * and the headers the error carries (`Retry-After` of a 429).
 */
export type PluginErrorResponse = { status: number; body: string; headers?: Record<string, string> }

const PRICING_ERROR_CODES: Record<string, PluginErrorCode> = {
  AMOUNT_OUT_OF_RANGE: "AMOUNT_OUT_OF_RANGE",
  INVALID_AMOUNT: "AMOUNT_OUT_OF_RANGE",
  UNKNOWN_CURRENCY: "CURRENCY_NOT_SUPPORTED",
}

/**
 * The one error mapper of the plugin's routes (docs/errors.md): the plugin's own
 * errors answer their machine code and message (the host would rewrite its
 * 409s), and the pricing core's errors get a stable code too. Anything else is null: the host answers it.
 */
export function pluginErrorResponse(error: any): PluginErrorResponse | null {
  let code: PluginErrorCode
  let type: string = error?.type
  if (isPluginErrorCode(error?.code)) {
    code = error.code
  } else if (error?.name === "PricingError") {
    code = PRICING_ERROR_CODES[error.code] ?? "PRICING_FAILED"
    type = "invalid_data"
  } else {
    return null
  }
  const body = JSON.stringify({ type, code, message: error.message })
  const headers = error?.headers && Object.keys(error.headers).length ? { headers: { ...error.headers } } : {}
  return { status: PLUGIN_ERROR_STATUS[code], body, ...headers }
}

/**
 * Wraps a route that answers itself (reads): errors the mapper knows are
 * answered with their code; anything else goes to the host.
 */
export function withPluginErrors(handler: RouteHandler) {
  return async (req: MedusaRequest<any>, res: MedusaResponse, next?: MedusaNextFunction) => {
    try {
      await handler(req, res)
    } catch (error: any) {
      const response = res.headersSent ? null : pluginErrorResponse(error)
      if (!response) {
        throw error
      }
      Object.entries(response.headers ?? {}).forEach(([name, value]) => res.setHeader(name, value))
      res.status(response.status).setHeader("Content-Type", "application/json; charset=utf-8")
      res.send(response.body)
    }
  }
}
