import { createHook, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { CartHook, CHECKOUT_DISCOUNTS_HOOKS, takeFreeCartHooks } from "../take-free-cart-hooks"

const COMPLETE = "completeCartWorkflow.hooks.validate"
const REFRESH = "refreshCartItemsWorkflow.hooks.setPricingContext"
const KEEP_SHIPPING = "refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection"

/** Three workflows with a hook each, made with the host's own workflow tools (one handler per hook, as in the core flows). */
function storeWorkflows(name: string) {
  const made = ["complete", "refresh", "payment"].map((kind) =>
    createWorkflow(`${name}-${kind}`, (input: { id: string }) => {
      const hook = createHook("check", { input })
      return new WorkflowResponse(input, { hooks: [hook] })
    })
  )
  const [complete, refresh] = made
  const pluginHooks: CartHook[] = CHECKOUT_DISCOUNTS_HOOKS.map((hook, index) => ({
    ...hook,
    hooks: made[index].hooks,
    register: () => made[index].hooks.check(async () => new StepResponse(undefined)),
  }))
  const storeHandles = (workflow: typeof complete) => workflow.hooks.check(async () => new StepResponse(undefined))
  return { complete, refresh, pluginHooks, storeHandles }
}

describe("takeFreeCartHooks", () => {
  it("registers the plugin's handler on every host hook of a store that has none, once however often it runs", () => {
    const logger = { warn: jest.fn() }
    const all = [COMPLETE, REFRESH, KEEP_SHIPPING]
    expect(takeFreeCartHooks(logger)).toEqual({ taken: all, already_taken: [], left_to_store: [] })
    expect(takeFreeCartHooks(logger)).toEqual({ taken: [], already_taken: all, left_to_store: [] })
    expect(logger.warn).not.toHaveBeenCalled()
    // The plugin's handler is the hook's one now: another would not be taken.
    expect(() => completeCartWorkflow.hooks.validate(async () => new StepResponse(undefined))).toThrow(
      "Cannot define multiple hook handlers for the validate hook"
    )
  })

  it("leaves a hook the store handles to the store, warning once with the line its handler must call, and takes the others", () => {
    const store = storeWorkflows("store-handles-complete")
    store.storeHandles(store.complete)
    const logger = { warn: jest.fn() }
    const others = [REFRESH, KEEP_SHIPPING]
    expect(takeFreeCartHooks(logger, store.pluginHooks)).toEqual({ taken: others, already_taken: [], left_to_store: [COMPLETE] })
    expect(takeFreeCartHooks(logger, store.pluginHooks)).toEqual({ taken: [], already_taken: others, left_to_store: [COMPLETE] })
    expect(logger.warn).toHaveBeenCalledTimes(1)
    const [warning] = logger.warn.mock.calls[0]
    expect(warning).toContain(`the store has its own handler for ${COMPLETE}`)
    expect(warning).toContain('import { checkoutDiscountsHooks } from "medusa-plugin-checkout-discounts/hooks"')
    expect(warning).toContain("return checkoutDiscountsHooks.completeCartValidate(input, context)")
    expect(warning).toContain('README "Hooks: one handler each"')
  })

  it("leaves the hooks a store handles to it, warning once for each", () => {
    const store = storeWorkflows("store-handles-both")
    store.storeHandles(store.complete)
    store.storeHandles(store.refresh)
    const logger = { warn: jest.fn() }
    expect(takeFreeCartHooks(logger, store.pluginHooks)).toEqual({ taken: [KEEP_SHIPPING], already_taken: [], left_to_store: [COMPLETE, REFRESH] })
    expect(logger.warn.mock.calls.map(([warning]) => warning.match(/own handler for (\S+)/)[1])).toEqual([COMPLETE, REFRESH])
    expect(logger.warn.mock.calls[1][0]).toContain("await checkoutDiscountsHooks.refreshCartSetPricingContext(input, context)")
  })

  it("lets any other error of the host through", () => {
    const [hook] = CHECKOUT_DISCOUNTS_HOOKS
    const broken: CartHook = { ...hook, hooks: {}, register: () => { throw new Error("the host is broken") } }
    expect(() => takeFreeCartHooks({ warn: jest.fn() }, [broken])).toThrow("the host is broken")
  })
})
