import type { Logger } from "@medusajs/framework/types"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow, refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import {
  completeCartValidate,
  completeCartValidateCompensate,
  refreshCartBeforePayment,
  refreshCartSetPricingContext,
} from "./checkout-discounts-hooks"

/** A host hook the plugin needs, how to register its handler there, and the line a store calls from its own handler. */
export type CartHook = {
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
  {
    name: "refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection",
    hooks: refreshCartItemsWorkflow.hooks,
    register: () =>
      refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection(async (input, context) => {
        await refreshCartBeforePayment(input as { input: { cart_id: string } }, context)
      }),
    call: "call `await checkoutDiscountsHooks.refreshCartBeforePayment(input, context)` in your handler",
    lost: "a converted cart's shipping methods take the host's price on the whole cart instead of each bag's price after a refresh",
  },
]

/** What the host says when a hook already has its one handler (workflows-sdk, create-hook.js). */
const HOOK_TAKEN = /Cannot define multiple hook handlers/

/**
 * Who has each hook, as this process found out: the plugin (its handler was
 * registered here) or the store (it was left to the store, with its warning).
 * Kept on the process, so that the plugin's code run twice (a second import, a
 * reload) neither registers twice nor warns twice. Keyed by the workflow's
 * hooks object: another copy of the core flows has hooks of its own.
 */
const HOOK_OWNERS_KEY = Symbol.for("medusa-plugin-checkout-discounts.hook-owners")

type HookOwners = WeakMap<object, Map<string, "plugin" | "store">>

function hookOwners(): HookOwners {
  const holder = globalThis as unknown as Record<symbol, HookOwners | undefined>
  holder[HOOK_OWNERS_KEY] ??= new WeakMap()
  return holder[HOOK_OWNERS_KEY]!
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
export function takeFreeCartHooks(
  logger: Pick<Logger, "warn">,
  hooks: CartHook[] = CHECKOUT_DISCOUNTS_HOOKS
): FreeCartHooksReport {
  const report: FreeCartHooksReport = { taken: [], already_taken: [], left_to_store: [] }
  for (const hook of hooks) {
    const owners = hookOwners().get(hook.hooks) ?? new Map<string, "plugin" | "store">()
    hookOwners().set(hook.hooks, owners)
    const owner = owners.get(hook.name)
    if (owner) {
      ;(owner === "plugin" ? report.already_taken : report.left_to_store).push(hook.name)
      continue
    }
    try {
      hook.register()
    } catch (error) {
      if (!(error instanceof Error) || !HOOK_TAKEN.test(error.message)) {
        throw error
      }
      owners.set(hook.name, "store")
      report.left_to_store.push(hook.name)
      logger.warn(storeHandlesHookWarning(hook))
      continue
    }
    owners.set(hook.name, "plugin")
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
