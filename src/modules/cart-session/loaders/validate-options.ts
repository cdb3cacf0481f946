import { LoaderOptions } from "@medusajs/framework/types"
import { parsePluginOptions } from "../../../lib/plugin-options"

/** Fails the host's startup when the plugin options are wrong. */
export default async function validateOptionsLoader({ options }: LoaderOptions) {
  parsePluginOptions(options)
}
