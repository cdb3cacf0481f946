import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { DEMO_PUBLISHABLE_KEY_TITLE } from "../../scripts/seed-demo"
import { storefrontPage } from "./page"

/**
 * The demo storefront (docs/storefront.md): a plain page on the plugin's typed client, with the demo's
 * publishable key (STOREFRONT_PUBLISHABLE_KEY, else the key the demo seed made).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  let key = process.env.STOREFRONT_PUBLISHABLE_KEY ?? null
  if (!key) {
    const keys = await req.scope
      .resolve(Modules.API_KEY)
      .listApiKeys({ title: DEMO_PUBLISHABLE_KEY_TITLE, type: "publishable" }, { take: 10 })
    key = keys.find((each) => !each.revoked_at)?.token ?? null
  }
  res.setHeader("Content-Type", "text/html; charset=utf-8")
  res.setHeader("Cache-Control", "no-store")
  res.send(storefrontPage(key))
}
