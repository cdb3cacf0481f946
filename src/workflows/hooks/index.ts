// The public entry `medusa-plugin-checkout-discounts/hooks`: the plugin's
// handlers of the host hooks it needs, for a store whose own handler of one of
// those hooks must call the plugin's (README "Hooks: one handler each").
export {
  checkoutDiscountsHooks,
  completeCartValidate,
  completeCartValidateCompensate,
  refreshCartBeforePayment,
  refreshCartSetPricingContext,
  type CheckoutDiscountsHookContext,
  type CompleteCartValidateInput,
  type RefreshCartBeforePaymentInput,
  type RefreshCartSetPricingContextInput,
} from "./checkout-discounts-hooks"
