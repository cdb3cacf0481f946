import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { isPluginErrorCode, PLUGIN_ERROR_STATUS } from "../../lib/errors"

type RouteHandler = (req: MedusaRequest<any>, res: MedusaResponse) => Promise<unknown> | unknown

/**
 * Wraps a route so that errors carrying one of the plugin's machine codes are
 * answered with that code and message (the host would rewrite 409s), in the
 * host's `{ type, code, message }` shape. Anything else goes to the host.
 */
export function withPluginErrors(handler: RouteHandler) {
  return async (req: MedusaRequest<any>, res: MedusaResponse, next?: MedusaNextFunction) => {
    try {
      await handler(req, res)
    } catch (error: any) {
      const code = error?.code
      if (!isPluginErrorCode(code) || res.headersSent) {
        throw error
      }
      res.status(PLUGIN_ERROR_STATUS[code]).json({
        type: error.type,
        code,
        message: error.message,
      })
    }
  }
}
