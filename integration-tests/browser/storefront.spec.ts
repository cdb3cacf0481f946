import type { Browser, Page } from "playwright-core"
import {
  chromiumMissing,
  clearFailureScreenshots,
  launchChromium,
  screenshot,
  withFailureScreenshot,
} from "./helpers/browser"
import { RunningStore, startStore } from "./helpers/store"
import { needs } from "../helpers/prerequisites"
import type { StoreCartSession } from "../../src/client"

const { buildStorefront } = require("../../scripts/lib/storefront") as { buildStorefront: () => void }

jest.setTimeout(120_000)

const PREFIX = "storefront"
const { describe: describeInBrowser } = needs("Chromium", chromiumMissing, { label: "storefront.spec.ts" })

const usd = (amount: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amount)

describeInBrowser("the demo storefront page, in Chromium against the seeded demo store", () => {
  let store: RunningStore | undefined
  let browser: Browser | undefined
  let page: Page

  beforeAll(async () => {
    clearFailureScreenshots(PREFIX)
    // The page's bundle, on the typed client as the built package exports it.
    buildStorefront()
    store = await startStore({ seed: true })
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
    page.setDefaultTimeout(30_000)
  }, 600_000)

  afterAll(async () => {
    await browser?.close().catch(() => {})
    await store?.stop()
  }, 120_000)

  const step = (name: string, steps: () => Promise<void>) =>
    withFailureScreenshot(page, name, steps, () => store?.logs() ?? "", PREFIX)
  /** Waits for the page to be done with the last answer. */
  const settled = () => page.locator('#storefront[data-busy="false"]').waitFor()
  const bag = (merchant: string) => page.locator(`section.bag[data-merchant="${merchant}"]`)
  const code = (value: string, status?: string) =>
    page.locator(`.codes li[data-code="${value}"]${status ? `[data-status="${status}"]` : ""}`)
  /** The session the page shows, read from the store API with the page's own key. */
  const sessionOfPage = () =>
    page.evaluate(async () => {
      const id = localStorage.getItem("checkout-discounts-demo-session")!
      const key = document.getElementById("storefront")!.dataset.publishableKey!
      const response = await fetch(`/store/cart-sessions/${id}`, { headers: { "x-publishable-api-key": key } })
      return ((await response.json()) as { cart_session: StoreCartSession }).cart_session
    })
  const applyCode = async (value: string) => {
    await page.getByRole("textbox", { name: "Discount code" }).fill(value)
    await page.getByRole("button", { name: "Apply", exact: true }).click()
    await settled()
  }

  it("shows the products of the demo's merchants", async () => {
    await step("products", async () => {
      await page.goto(`${store!.url}/storefront`)
      await page.getByRole("button", { name: "Add Trail tent" }).waitFor()
      for (const merchant of ["Acme", "Globex", "Initech"]) {
        await page.locator(".merchant h3", { hasText: merchant }).waitFor()
      }
      // An add-on is offered in its merchant's bag, not sold alone.
      expect(await page.getByRole("button", { name: "Add Gift wrap" }).count()).toBe(0)
    })
  })

  it("puts lines of two merchants in a bag each", async () => {
    await step("lines", async () => {
      await page.getByRole("button", { name: "Add Trail tent" }).click()
      await settled()
      await page.getByRole("button", { name: "Add Pour-over kettle" }).click()
      await settled()
      await page.getByRole("button", { name: "One more Pour-over kettle" }).click()
      await settled()
      await bag("acme").locator('li[data-line="Trail tent"]', { hasText: "× 1" }).waitFor()
      await bag("globex").locator('li[data-line="Pour-over kettle"]', { hasText: "× 2" }).waitFor()
      expect(await page.locator("section.bag").count()).toBe(2)
    })
  })

  it("shows each code's status and message: a merchant's code, a store-wide code and one that does not exist", async () => {
    await step("codes", async () => {
      await page.getByRole("textbox", { name: "Discount code" }).fill("FREESHIP")
      await page.getByRole("button", { name: "Check", exact: true }).click()
      await settled()
      await page.locator(".preview", { hasText: "FREESHIP" }).waitFor()

      await applyCode("ACME5")
      await code("ACME5", "APPLIED").waitFor()
      await applyCode("SAVE10")
      await code("SAVE10", "APPLIED").waitFor()
      await applyCode("NOSUCHCODE")
      await code("NOSUCHCODE", "INVALID").waitFor()
      expect(await code("NOSUCHCODE").locator(".message").innerText()).not.toBe("")
      await code("NOSUCHCODE").getByRole("button", { name: "Remove NOSUCHCODE" }).click()
      await settled()
      expect(await code("NOSUCHCODE").count()).toBe(0)

      // A code the API refuses outright shows its machine code and leaves the page working.
      await applyCode("not a code!")
      await page.getByRole("alert").filter({ hasText: "COUPON_CODE_INVALID_FORMAT" }).waitFor()
    })
  })

  it("takes the address and a shipping method per bag, and shows the bags' totals as the session has them", async () => {
    await step("shipping", async () => {
      await page.getByRole("button", { name: "Save address" }).click()
      await settled()
      for (const merchant of ["Acme", "Globex"]) {
        const select = page.getByLabel(`Shipping for ${merchant}`)
        await select.locator("option:not([disabled])").first().waitFor({ state: "attached" })
        const value = await select.locator("option:not([disabled])").first().getAttribute("value")
        await select.selectOption(value!)
        await settled()
      }
      await page.locator("button.checkout:not([disabled])").waitFor()

      const session = await sessionOfPage()
      expect(session.bags.map((entry) => [entry.merchant_id, !!entry.shipping_method])).toEqual([
        ["acme", true],
        ["globex", true],
      ])
      expect(session.discounts.map((discount) => [discount.code, discount.status])).toEqual([
        ["ACME5", "APPLIED"],
        ["SAVE10", "APPLIED"],
      ])
      for (const entry of session.bags) {
        expect(entry.discount_total).toBeGreaterThan(0)
        const totals = bag(entry.merchant_id).locator(".totals")
        expect(await totals.locator('[data-total="subtotal"] td').innerText()).toBe(usd(entry.subtotal))
        expect(await totals.locator('[data-total="discount_total"] td').innerText()).toBe(usd(-entry.discount_total))
        expect(await totals.locator('[data-total="tax_total"] td').innerText()).toBe(usd(entry.tax_total))
        expect(await totals.locator('[data-total="total"] td').innerText()).toBe(usd(entry.total))
      }
      expect(await page.locator('[data-total="session"] td').innerText()).toBe(usd(session.total))
      await screenshot(page, `${PREFIX}-bags.png`)
    })
  })

  it("converts the session and completes the order with the system payment provider", async () => {
    await step("checkout", async () => {
      const session = await sessionOfPage()
      await page.getByRole("button", { name: "Checkout" }).click()
      const placed = page.locator("[data-order-id]")
      await placed.waitFor({ timeout: 60_000 })
      const orderId = await placed.getAttribute("data-order-id")
      expect(orderId).toMatch(/^order_/)
      expect(await placed.innerText()).toContain(usd(session.total))
      await screenshot(page, `${PREFIX}-order.png`)

      // The order in the admin API: the session's total, from the converted cart.
      const login = await fetch(`${store!.url}/auth/user/emailpass`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(store!.admin),
      })
      const { token } = (await login.json()) as { token: string }
      const answer = await fetch(`${store!.url}/admin/orders/${orderId}?fields=id,total,currency_code,email`, {
        headers: { authorization: `Bearer ${token}` },
      })
      const { order } = (await answer.json()) as { order: { total: number; currency_code: string; email: string } }
      expect(order).toMatchObject({ currency_code: "usd", email: "shopper@example.com" })
      expect(order.total).toBeCloseTo(session.total, 2)
    })
  })
})
