import { chromiumMissing, launchChromium } from "./helpers/browser"
import { startStore } from "./helpers/store"
import { needs } from "../helpers/prerequisites"
import { cartSessionScreens } from "./screens/cart-sessions"
import { couponScreens } from "./screens/coupons"
import type { SharedStore } from "./screens/shared"

jest.setTimeout(120_000)

const { describe: describeInBrowser } = needs("Chromium", chromiumMissing, { label: "admin.spec.ts" })

// The plugin's admin screens in headless Chromium against one running store with the demo's data
// (`medusa develop` in ./host, on a copy of the run's seeded template): one store start and one compile
// of the dashboard by vite for both screens, each in a browser context of its own (its own login).
describeInBrowser("the admin screens, in Chromium against a running store with the demo's data", () => {
  const shared: SharedStore = {}

  beforeAll(async () => {
    shared.store = await startStore({ seed: true })
    shared.browser = await launchChromium()
  }, 600_000)

  afterAll(async () => {
    if (shared.store) {
      console.log(`[browser] store start-up (s): ${JSON.stringify(shared.store.timings)}`)
    }
    await shared.browser?.close().catch(() => {})
    await shared.store?.stop()
  }, 120_000)

  describe("Coupons", () => couponScreens(shared))
  describe("Cart sessions", () => cartSessionScreens(shared))
})
