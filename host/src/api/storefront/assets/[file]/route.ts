import fs from "fs"
import path from "path"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { STOREFRONT_DIST } from "../../page"

/** The storefront's bundle; nothing else of the folder. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const file = path.join(STOREFRONT_DIST, "storefront.js")
  if (req.params.file !== "storefront.js" || !fs.existsSync(file)) {
    res.status(404).json({ type: "not_found", message: `No storefront asset ${req.params.file}` })
    return
  }
  res.setHeader("Content-Type", "text/javascript; charset=utf-8")
  res.setHeader("Cache-Control", "no-cache")
  res.send(fs.readFileSync(file))
}
