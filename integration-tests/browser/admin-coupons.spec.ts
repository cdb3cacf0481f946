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

// The first admin page under `medusa develop` waits for vite to compile the dashboard.
const FIRST_LOAD_TIMEOUT = 240_000
jest.setTimeout(120_000)

const { describe: describeInBrowser } = needs("Chromium", chromiumMissing, { label: "admin-coupons.spec.ts" })

describeInBrowser("the Coupons admin screens, in Chromium against a running store", () => {
  let store: RunningStore | undefined
  let browser: Browser | undefined
  let page: Page

  beforeAll(async () => {
    clearFailureScreenshots()
    store = await startStore()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    page.setDefaultTimeout(30_000)
  }, 600_000)

  afterAll(async () => {
    if (store) {
      console.log(`[browser] store start-up (s): ${JSON.stringify(store.timings)}`)
    }
    await browser?.close().catch(() => {})
    await store?.stop()
  }, 120_000)

  const step = (name: string, steps: () => Promise<void>) =>
    withFailureScreenshot(page, name, steps, () => store?.logs() ?? "")
  const dialogNamed = (title: string) => page.getByRole("dialog", { name: title })
  const couponRow = (code: string) => page.getByRole("row", { name: new RegExp(`\\b${code}\\b`) })

  it(
    "lets the admin created with `medusa user` log in",
    async () => {
      await step("login", async () => {
        const started = Date.now()
        await page.goto(`${store!.url}/app/login`, { timeout: FIRST_LOAD_TIMEOUT })
        await page.locator('input[name="email"]').waitFor({ timeout: FIRST_LOAD_TIMEOUT })
        store!.timings.firstAdminLoad = Math.round((Date.now() - started) / 100) / 10

        await page.locator('input[name="email"]').fill(store!.admin.email)
        await page.locator('input[name="password"]').fill(store!.admin.password)
        await page.getByRole("button", { name: "Continue with Email" }).click()
        await page.waitForURL((url) => url.pathname.startsWith("/app") && !url.pathname.includes("login"), {
          timeout: 60_000,
        })
      })
    },
    FIRST_LOAD_TIMEOUT + 60_000
  )

  it("opens the Coupons page from the sidebar", async () => {
    await step("sidebar", async () => {
      await page.getByRole("link", { name: "Coupons" }).click()
      await page.waitForURL(/\/app\/coupons$/)
      await page.getByRole("heading", { name: "Coupons", level: 1 }).waitFor()
      await page.getByText("No coupons", { exact: true }).waitFor()
    })
  })

  it("creates a 10% coupon through the form and lists it", async () => {
    await step("create", async () => {
      await page.getByRole("button", { name: "Create", exact: true }).click()
      const form = dialogNamed("Create coupon")
      await form.waitFor()

      // Obvious mistakes are caught before any request.
      await form.getByRole("button", { name: "Create", exact: true }).click()
      expect(await page.locator("#coupon-code-error").innerText()).toBe("Enter a code.")
      expect(await page.locator("#coupon-value-error").innerText()).toBe("Enter a value.")

      await page.locator("#coupon-code").fill("BROWSER10")
      await page.locator("#coupon-name").fill("Browser test")
      await page.locator("#coupon-value").fill("10")
      await form.getByRole("button", { name: "Create", exact: true }).click()
      await form.waitFor({ state: "hidden" })

      const row = couponRow("BROWSER10")
      await row.waitFor()
      const cells = await row.getByRole("cell").allInnerTexts()
      expect(cells.slice(0, 7)).toEqual(["BROWSER10", "Browser test", "Store-wide", "10%", "Active", "Always", "0 / ∞"])
    })
  })

  it("shows the server's COUPON_CODE_TAKEN under the code field for a duplicate code", async () => {
    await step("duplicate", async () => {
      await page.getByRole("button", { name: "Create", exact: true }).click()
      const form = dialogNamed("Create coupon")
      await form.waitFor()
      await page.locator("#coupon-code").fill("browser10")
      await page.locator("#coupon-value").fill("15")
      await form.getByRole("button", { name: "Create", exact: true }).click()

      const codeError = page.locator("#coupon-code-error")
      await codeError.waitFor()
      expect(await codeError.innerText()).toBe(
        'Coupon code "browser10" is already taken store-wide (codes are compared ignoring case)'
      )
      expect(await page.locator("#coupon-code").getAttribute("aria-invalid")).toBe("true")
      expect(await form.isVisible()).toBe(true)
      await screenshot(page, "admin-coupons.png")

      await form.getByRole("button", { name: "Cancel" }).click()
      await form.waitFor({ state: "hidden" })
      expect(await couponRow("BROWSER10").count()).toBe(1)
    })
  })

  it("generates codes in bulk and shows them to copy", async () => {
    await step("generate", async () => {
      await page.getByRole("button", { name: "Generate codes" }).click()
      const dialog = dialogNamed("Generate coupon codes")
      await dialog.waitFor()
      await page.locator("#generate-prefix").fill("BULK-")
      await page.locator("#generate-count").fill("3")
      await page.locator("#generate-value").fill("5")
      await dialog.getByRole("button", { name: "Generate", exact: true }).click()

      await dialog.getByRole("heading", { name: "3 codes created" }).waitFor()
      const codes = (await dialog.getByLabel("Generated codes").inputValue()).split("\n")
      expect(codes).toHaveLength(3)
      codes.forEach((code) => expect(code).toMatch(/^BULK-[A-Z0-9]{8}$/))
      await dialog.getByRole("button", { name: "Copy codes" }).waitFor()

      await dialog.getByRole("button", { name: "Done" }).click()
      await dialog.waitFor({ state: "hidden" })
      await page.getByPlaceholder("Search code or name").fill("BULK-")
      await page.waitForURL(/q=BULK-/)
      // The unfiltered page stays on screen until the search has answered.
      await couponRow("BROWSER10").waitFor({ state: "detached" })
      for (const code of codes) {
        await couponRow(code).waitFor()
      }
      expect(await page.getByRole("row", { name: /BULK-/ }).count()).toBe(3)
      await page.getByPlaceholder("Search code or name").fill("")
      await couponRow("BROWSER10").waitFor()
    })
  })

  it("shows a coupon's usage on its page and deletes it after confirmation", async () => {
    await step("delete", async () => {
      await couponRow("BROWSER10").click()
      await page.getByRole("heading", { name: "BROWSER10", level: 1 }).waitFor()
      expect(await page.getByTestId("coupon-usage").innerText()).toBe("0 / ∞")

      await page.getByRole("button", { name: "Delete" }).click()
      const prompt = page.getByRole("alertdialog")
      await prompt.getByText("Delete coupon BROWSER10?").waitFor()
      await prompt.getByRole("button", { name: "Delete" }).click()

      await page.waitForURL(/\/app\/coupons$/)
      await page.getByRole("row", { name: /BULK-/ }).first().waitFor()
      await couponRow("BROWSER10").waitFor({ state: "detached", timeout: 10_000 })
    })
  })
})
