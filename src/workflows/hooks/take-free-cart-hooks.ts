import type { Logger } from "@medusajs/framework/types"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow, refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import {
  completeCartValidate,
  completeCartValidateCompensate,
  refreshCartSetPricingContext,
} from "./checkout-discounts-hooks"

/** A host hook the plugin needs, how to register its handler there, and the line a store calls from its own handler. */
type CartHook = {
  /** As a store writes it: `completeCartWorkflow.hooks.validate`. */
  name: string
  /** The workflow's hooks object: the host keeps one handler per hook on it. */
  hooks: object
  register: () => void
  /** What a store's own handler of the hook must call, and what is lost when it does not. */
  call: string
  lost: string
}

export const CHECKOUT_DISCOUNTS_HOOKS: CartHook[] = [
  {
    name: "completeCartWorkflow.hooks.validate",
    hooks: completeCartWorkflow.hooks,
    register: () => completeCartWorkflow.hooks.validate(completeCartValidate, completeCartValidateCompensate),
    call:
      "end your handler with `return checkoutDiscountsHooks.completeCartValidate(input, context)` and pass " +
      "`checkoutDiscountsHooks.completeCartValidateCompensate` as its compensation",
    lost: "carts complete without claiming their coupon seats or being refused when the seats were released",
  },
  {
    name: "refreshCartItemsWorkflow.hooks.setPricingContext",
    hooks: refreshCartItemsWorkflow.hooks,
    register: () =>
      refreshCartItemsWorkflow.hooks.setPricingContext(
        async (input, context) => new StepResponse(await refreshCartSetPricingContext(input, context))
      ),
    call: "call `await checkoutDiscountsHooks.refreshCartSetPricingContext(input, context)` first in your handler",
    lost: "a converted cart whose lines change keeps the session's discounts",
  },
]

/** What the host says when a hook already has its one handler (workflows-sdk, create-hook.js). */
const HOOK_TAKEN = /Cannot define multiple hook handlers/

/**
 * The hooks this copy of the host's core flows already has the plugin's handler on, kept on the
 * process so that the plugin's code loaded twice (a second import, a reload) never registers twice.
 * Keyed by the workflow's hooks object: another copy of the core flows has hooks of its own.
 */
const REGISTERED_KEY = Symbol.for("medusa-plugin-checkout-discounts.registered-hooks")

function registeredHooks(): WeakMap<object, Set<string>> {
  const holder = globalThis as unknown as Record<symbol, WeakMap<object, Set<string>> | undefined>
  holder[REGISTERED_KEY] ??= new WeakMap()
  return holder[REGISTERED_KEY]!
}

export type FreeCartHooksReport = {
  /** Hooks the plugin's handler was registered on now. */
  taken: string[]
  /** Hooks the plugin's handler was already on (registered earlier in this process). */
  already_taken: string[]
  /** Hooks the store handles itself: its handler must call the plugin's. */
  left_to_store: string[]
}

/**
 * Registers the plugin's handler on each hook it needs that the store left
 * free. A hook the store handles itself (the host takes one handler per hook)
 * is left to the store, with one warning naming the hook and the line the
 * store's handler must call. Must run after every workflow and hook file of
 * the store was imported (see subscribers/take-free-cart-hooks.ts).
 */
export function takeFreeCartHooks(logger: Pick<Logger, "warn">): FreeCartHooksReport {
  const report: FreeCartHooksReport = { taken: [], already_taken: [], left_to_store: [] }
  const registered = registeredHooks()
  for (const hook of CHECKOUT_DISCOUNTS_HOOKS) {
    const ours = registered.get(hook.hooks) ?? new Set<string>()
    registered.set(hook.hooks, ours)
    if (ours.has(hook.name)) {
      report.already_taken.push(hook.name)
      continue
    }
    try {
      hook.register()
    } catch (error) {
      if (!(error instanceof Error) || !HOOK_TAKEN.test(error.message)) {
        throw error
      }
      report.left_to_store.push(hook.name)
      logger.warn(storeHandlesHookWarning(hook))
      continue
    }
    ours.add(hook.name)
    report.taken.push(hook.name)
  }
  return report
}

function storeHandlesHookWarning(hook: CartHook): string {
  return (
    `medusa-plugin-checkout-discounts: the store has its own handler for ${hook.name} (the host takes one handler ` +
    `per hook), so the plugin did not register its own there. Unless your handler calls the plugin's, ${hook.lost}: ` +
    `import { checkoutDiscountsHooks } from "medusa-plugin-checkout-discounts/hooks" and ${hook.call} ` +
    `(README "Hooks: one handler each"). Once your handlers call the plugin's, the option registerHooks: false ` +
    `silences this (the plugin then registers no handler at all).`
  )
}
