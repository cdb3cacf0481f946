import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { listCartSessionShippingOptionsWorkflow } from "../../../../../workflows/cart-session"
import { withPluginErrors } from "../../../../utils/plugin-error-response"
import { actorOf } from "../../helpers"

/** Per bag, the shipping options the host offers it at the session's address, each priced for that bag alone. */
export const GET = withPluginErrors(async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const { result: bags } = await listCartSessionShippingOptionsWorkflow(req.scope).run({
    input: { cart_session_id: req.params.id, actor: actorOf(req) },
  })
  res.json({ bags })
})
