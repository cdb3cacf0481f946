import type { Page } from "playwright-core"
import { screenshot, withFailureScreenshot } from "../helpers/browser"
import { adminOverHttp } from "../../helpers/storefront-over-http"
import { openScreenPage, type SharedStore } from "./shared"

// The first admin page under `medusa develop` may wait for vite to compile the dashboard.
const FIRST_LOAD_TIMEOUT = 240_000
const PREFIX = "admin-coupons"

/** The Coupons admin screens (admin.spec.ts), in a browser context of their own on the shared store. */
export function couponScreens(shared: SharedStore) {
  let page: Page
  const store = () => shared.store

  beforeAll(async () => {
    page = await openScreenPage(shared, PREFIX, { width: 1440, height: 900 })
  })

  afterAll(async () => {
    await page?.context().close().catch(() => {})
  })

  const step = (name: string, steps: () => Promise<void>) =>
    withFailureScreenshot(page, name, steps, () => store()?.logs() ?? "", PREFIX)
  const dialogNamed = (title: string) => page.getByRole("dialog", { name: title })
  const couponRow = (code: string) => page.getByRole("row", { name: new RegExp(`\\b${code}\\b`) })

  it(
    "lets the admin created with `medusa user` log in",
    async () => {
      await step("login", async () => {
        const started = Date.now()
        await page.goto(`${store()!.url}/app/login`, { timeout: FIRST_LOAD_TIMEOUT })
        await page.locator('input[name="email"]').waitFor({ timeout: FIRST_LOAD_TIMEOUT })
        store()!.timings.firstAdminLoad = Math.round((Date.now() - started) / 100) / 10

        await page.locator('input[name="email"]').fill(store()!.admin.email)
        await page.locator('input[name="password"]').fill(store()!.admin.password)
        await page.getByRole("button", { name: "Continue with Email" }).click()
        await page.waitForURL((url) => url.pathname.startsWith("/app") && !url.pathname.includes("login"), {
          timeout: 60_000,
        })
      })
    },
    FIRST_LOAD_TIMEOUT + 60_000
  )

  it("opens the Coupons page from the sidebar, listing the demo's coupons", async () => {
    await step("sidebar", async () => {
      await page.getByRole("link", { name: "Coupons" }).click()
      await page.waitForURL(/\/app\/coupons$/)
      await page.getByRole("heading", { name: "Coupons", level: 1 }).waitFor()
      const acme = couponRow("ACME5")
      await acme.waitFor()
      const [code, name, merchant, value] = await acme.getByRole("cell").allInnerTexts()
      expect({ code, name, value }).toEqual({ code: "ACME5", name: "5 USD off at Acme", value: "5.00 USD" })
      expect(merchant).toMatch(/acme/i)
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

  it("creates a coupon for one customer group on one collection with the pickers, and shows its rules in words", async () => {
    await step("rules", async () => {
      // The records the rules name, made through the host's admin API; a second collection and group the search must leave out.
      const admin = await adminOverHttp(store()!.url, store()!.admin)
      const { collection } = await admin.post("/admin/collections", { title: "Summer caps" })
      await admin.post("/admin/collections", { title: "Winter boots" })
      const { customer_group: group } = await admin.post("/admin/customer-groups", { name: "Wholesale" })
      await admin.post("/admin/customer-groups", { name: "Staff" })

      await page.getByRole("button", { name: "Create", exact: true }).click()
      const form = dialogNamed("Create coupon")
      await form.waitFor()
      await page.locator("#coupon-code").fill("WHOLESALE-CAPS")
      await page.locator("#coupon-value").fill("15")
      const whoMay = form.getByRole("group", { name: "Who may use it" })
      const whichItems = form.getByRole("group", { name: "Which items" })
      const chooseAttribute = async (list: typeof whoMay, label: string) => {
        await list.getByRole("button", { name: "Add rule" }).click()
        await list.getByRole("combobox", { name: "Rule on" }).last().click()
        await page.getByRole("option", { name: label, exact: true }).click()
      }

      // A value only the server can judge: its message lands under the rule's row.
      await chooseAttribute(whoMay, "Shipping country")
      await whoMay.getByLabel("Shipping country values, separated by commas").fill("USA")
      await form.getByRole("button", { name: "Create", exact: true }).click()
      const rowError = page.locator('[id="coupon-rules.0-error"]')
      await rowError.waitFor()
      expect(await rowError.innerText()).toContain("rules.0.values.0")
      expect(await page.getByTestId("form-error").count()).toBe(0)
      await whoMay.getByRole("button", { name: "Remove rule" }).click()

      await chooseAttribute(whoMay, "Customer group")
      const groupSearch = whoMay.getByRole("combobox", { name: "Search customer groups" })
      await groupSearch.fill("Whole")
      await page.getByRole("listbox", { name: "Matching customer groups" }).getByRole("option", { name: "Staff" }).waitFor({ state: "detached" })
      await page.getByRole("option", { name: "Wholesale" }).click()
      await whoMay.getByRole("list", { name: "Chosen customer groups" }).getByText("Wholesale").waitFor()

      await chooseAttribute(whichItems, "Collection")
      await whichItems.getByRole("combobox", { name: "Search collections" }).fill("Summer")
      await page.getByRole("listbox", { name: "Matching collections" }).getByRole("option", { name: "Winter boots" }).waitFor({ state: "detached" })
      await page.getByRole("option", { name: "Summer caps" }).click()
      await whichItems.getByRole("list", { name: "Chosen collections" }).getByText("Summer caps").waitFor()

      await form.getByRole("button", { name: "Create", exact: true }).click()
      await form.waitFor({ state: "hidden" })

      // Saved with the ids the pickers stood for.
      const { coupons } = await admin.get("/admin/coupons?q=WHOLESALE-CAPS")
      expect(coupons).toHaveLength(1)
      expect(coupons[0].rules).toEqual([{ attribute: "customer.groups.id", operator: "in", values: [group.id] }])
      expect(coupons[0].target_rules).toEqual([{ attribute: "items.product.collection_id", operator: "in", values: [collection.id] }])

      await couponRow("WHOLESALE-CAPS").click()
      await page.getByRole("heading", { name: "WHOLESALE-CAPS", level: 1 }).waitFor()
      const rules = page.getByTestId("coupon-rules")
      await rules.waitFor()
      const sentences = await rules.innerText()
      expect(sentences).toContain("customers whose customer group is Wholesale")
      expect(sentences).toContain("items whose collection is Summer caps")
      await screenshot(page, "admin-coupon-rules.png")

      // Editing names the stored ids again.
      await page.getByRole("button", { name: "Edit" }).click()
      const edit = dialogNamed("Edit WHOLESALE-CAPS")
      await edit.getByRole("list", { name: "Chosen customer groups" }).getByText("Wholesale").waitFor()
      await edit.getByRole("list", { name: "Chosen collections" }).getByText("Summer caps").waitFor()
      await edit.getByRole("button", { name: "Cancel" }).click()
      await edit.waitFor({ state: "hidden" })
    })
  })
}
