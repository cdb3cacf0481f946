import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { hostDirectory } from "../helpers/host"
import { cartSessionConvertSuite } from "../suites/cart-session-convert"

jest.setTimeout(180_000)

// The plain host: no hook handler of its own, so the plugin registers its own (completeCartWorkflow's
// validate claims the seats, refreshCartItemsWorkflow's setPricingContext drops changed carts' discounts).
medusaIntegrationTestRunner({
  cwd: hostDirectory,
  testSuite: (runner) => cartSessionConvertSuite(runner),
})
