import { z } from "@medusajs/framework/zod"
import type { StorePricingContextFunction } from "./cart-session/pricing-context"
import { codeAttemptsOptionSchema } from "./code-attempts"
import { ruleRegistryOf, type StoreRuleAttribute } from "./coupon-rules"
import { merchantLinkOptionSchema } from "./merchant-source"

const DEFAULT_MERCHANT_METADATA_KEY = "merchant_id"

/**
 * Options a store owner passes in `plugins: [{ resolve, options }]`.
 * Every module of the plugin receives them and validates them at load, so a
 * typo or a wrong type stops the host at startup instead of misbehaving later.
 */
export const pluginOptionsSchema = z
  .object({
    /** Product metadata key that names a product's merchant (default "merchant_id"; not with merchantLink). */
    merchantMetadataKey: z.string().min(1).optional(),
    /**
     * The merchant through a module link instead (a marketplace's `seller` <-> `product` link):
     * `{ entity, idField = "id", nameField = "name" }`, the linked entity as `query.graph` reaches it from a
     * product. Read for all lines of a change in the same query as the products.
     */
    merchantLink: merchantLinkOptionSchema.optional(),
    /** Merchant of products that name none (no metadata key, or no linked entity). */
    defaultMerchantId: z.string().min(1).default("default"),
    /** How many codes one cart session may carry. */
    maxCodesPerSession: z.number().int().min(1).max(100).default(5),
    /** Largest quantity one cart session line may have. */
    maxLineQuantity: z.number().int().min(1).max(1_000_000).default(1000),
    /**
     * How long the prices and product facts a session's lines were read with are relied on, in seconds: a
     * change reads from the host only the lines it touches until then, unless the host said the catalogue
     * changed (product and variant events) or the pricing context did (docs/data-model.md). A convert always
     * reads every line. 0: every change reads every line.
     */
    linePricesMaxAgeSeconds: z.number().int().min(0).max(86_400).default(600),
    /** How long a cart session stays open after its last change, in minutes (default 7 days). */
    sessionLifetimeMinutes: z.number().int().min(1).max(525_600).default(10_080),
    /**
     * Whether the plugin registers its handlers on the host hooks the store left
     * free (README "Hooks: one handler each"); false: the store calls them itself.
     */
    registerHooks: z.boolean().default(true),
    /**
     * The store's own pricing context (what its `setPricingContext` hook handlers
     * add to its carts'), added to every price a session asks for, so that a
     * session prices as its cart will.
     */
    pricingContext: z
      .custom<StorePricingContextFunction>((value) => typeof value === "function", {
        message: "must be a function ({ session, customer, container }) => context object",
      })
      .optional(),
    /**
     * The store's own coupon rule attributes (docs/coupon-rules.md), each declared once: `name` (`custom.…`),
     * `kind` (`shopper` or `line`), `value_type`, `label` and the other words, and `resolve`, reading the
     * value from the container. Validated, offered in the admin form and evaluated like the built-ins.
     */
    ruleAttributes: z
      .array(
        z.custom<StoreRuleAttribute>(
          (value) => typeof value === "object" && value !== null && typeof (value as { resolve?: unknown }).resolve === "function",
          { message: "must be an attribute declaration with a resolve function" }
        )
      )
      .default([]),
    /**
     * Bounds on failed code attempts (README "Code guessing"): `{ perSession, perClient, windowSeconds,
     * clientAddress }`. Absent: nothing is counted and no statement runs for it.
     */
    codeAttempts: codeAttemptsOptionSchema.optional(),
  })
  .strict()
  .superRefine((options, context) => {
    if (options.merchantLink && options.merchantMetadataKey !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["merchantLink"],
        message: "give merchantLink or merchantMetadataKey, not both (a product's merchant comes from one of them)",
      })
    }
    try {
      ruleRegistryOf(options.ruleAttributes)
    } catch (error) {
      context.addIssue({ code: "custom", path: ["ruleAttributes"], message: (error as Error).message })
    }
  })
  .transform((options) => ({
    ...options,
    merchantMetadataKey: options.merchantMetadataKey ?? DEFAULT_MERCHANT_METADATA_KEY,
  }))

export type PluginOptions = z.output<typeof pluginOptionsSchema>

export class PluginOptionsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "PluginOptionsError"
  }
}

/** Keys the host itself adds to a module's options (not the store owner's). */
const HOST_MODULE_OPTION_KEYS = ["database"]

/** Validates raw options, naming every wrong or unknown option in one error. */
export function parsePluginOptions(raw: unknown): PluginOptions {
  const options = { ...((raw ?? {}) as Record<string, unknown>) }
  for (const key of HOST_MODULE_OPTION_KEYS) {
    delete options[key]
  }
  const result = pluginOptionsSchema.safeParse(options)
  if (result.success) {
    return result.data
  }
  const problems = result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const within = issue.path.length ? ` in "${issue.path.join(".")}"` : ""
      return `unknown option(s) ${issue.keys.map((key) => `"${key}"`).join(", ")}${within}`
    }
    const field = issue.path.join(".") || "(options)"
    return `"${field}": ${issue.message}`
  })
  throw new PluginOptionsError(
    `Invalid options for medusa-plugin-checkout-discounts: ${problems.join("; ")}`
  )
}

/**
 * Module loader shared by every module of the plugin: each receives the
 * plugin options and fails the host's startup when they are wrong.
 */
export async function validatePluginOptionsLoader({ options }: { options?: unknown }) {
  parsePluginOptions(options)
}
