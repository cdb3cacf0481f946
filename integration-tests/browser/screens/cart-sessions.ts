import type { Page } from "playwright-core"
import { screenshot, withFailureScreenshot } from "../helpers/browser"
import { demoShopper } from "../helpers/storefront"
import { openScreenPage, type SharedStore } from "./shared"

// The first admin page under `medusa develop` may wait for vite to compile the dashboard.
const FIRST_LOAD_TIMEOUT = 240_000
const PREFIX = "admin-cart-sessions"

/** The Cart sessions admin screens (admin.spec.ts), in a browser context of their own on the shared store. */
export function cartSessionScreens(shared: SharedStore) {
  let page: Page
  let session: any
  let shipped: any
  const store = () => shared.store

  beforeAll(async () => {
    page = await openScreenPage(shared, PREFIX, { width: 1440, height: 1000 })
    // A shopper's session through the store API: two of acme's items with acme's code, one of globex's.
    const shopper = await demoShopper(store()!)
    session = await shopper.createSession({
      email: "shopper@example.com",
      items: ["Trail tent", "Camp mug", "Pour-over kettle"].map((title) => ({
        variant_id: shopper.variantOf(title),
        quantity: 1,
      })),
      discounts: [{ code: "ACME5" }],
    })
    // A second session that ships: an address in the US (8.875% tax in the demo), each merchant's own
    // standard option (acme 6.95, globex 4.99 USD) and the demo's FREESHIP (globex's free shipping).
    shipped = await shopper.createSession({
      email: "shipper@example.com",
      items: ["Camp mug", "Pour-over kettle"].map((title) => ({ variant_id: shopper.variantOf(title), quantity: 1 })),
    })
    await shopper.updateSession(shipped.id, {
      shipping_address: {
        first_name: "Ada",
        last_name: "Lovelace",
        address_1: "1 Main street",
        postal_code: "97201",
        city: "Portland",
        province: "us-or",
        country_code: "us",
      },
    })
    for (const bag of await shopper.shippingOptions(shipped.id)) {
      const standard = bag.shipping_options.find((option) => option.name.endsWith(" standard"))!
      await shopper.setShippingMethod(shipped.id, { merchant_id: bag.merchant_id, option_id: standard.id })
    }
    shipped = await shopper.addCoupon(shipped.id, "FREESHIP")
  }, 300_000)

  afterAll(async () => {
    await page?.context().close().catch(() => {})
  })

  const step = (name: string, steps: () => Promise<void>) =>
    withFailureScreenshot(page, name, steps, () => store()?.logs() ?? "", PREFIX)
  const bagTotal = (merchant: string) => page.getByTestId(`bag-total-${merchant}`).innerText()
  const drawer = () => page.getByRole("dialog", { name: "Manual discounts" })

  it(
    "logs in and opens the Cart sessions page from the sidebar",
    async () => {
      await step("login", async () => {
        await page.goto(`${store()!.url}/app/login`, { timeout: FIRST_LOAD_TIMEOUT })
        await page.locator('input[name="email"]').waitFor({ timeout: FIRST_LOAD_TIMEOUT })
        await page.locator('input[name="email"]').fill(store()!.admin.email)
        await page.locator('input[name="password"]').fill(store()!.admin.password)
        await page.getByRole("button", { name: "Continue with Email" }).click()
        await page.waitForURL((url) => url.pathname.startsWith("/app") && !url.pathname.includes("login"), {
          timeout: 60_000,
        })
        await page.getByRole("link", { name: "Cart sessions" }).click()
        await page.waitForURL(/\/app\/cart-sessions$/)
        await page.getByRole("heading", { name: "Cart sessions", level: 1 }).waitFor()
      })
    },
    FIRST_LOAD_TIMEOUT + 60_000
  )

  it("lists the shopper's session with its code, and filters it out without codes", async () => {
    await step("list", async () => {
      const row = page.getByRole("row", { name: new RegExp(session.id) })
      await row.waitFor()
      const cells = await row.getByRole("cell").allInnerTexts()
      expect(cells.slice(0, 7)).toEqual([
        session.id,
        "shopper@example.com",
        "Open",
        "3 lines, 2 merchants",
        "ACME5 (applied)",
        "—",
        "365.46 USD",
      ])
      await page.getByRole("combobox", { name: "Filter by codes" }).click()
      await page.getByRole("option", { name: "Without codes", exact: true }).click()
      await page.waitForURL(/codes=without/)
      await row.waitFor({ state: "detached" })
      await page.getByRole("combobox", { name: "Filter by codes" }).click()
      await page.getByRole("option", { name: "With codes", exact: true }).click()
      await row.waitFor()
    })
  })

  it("opens the session and shows its bags and code", async () => {
    await step("detail", async () => {
      await page.getByRole("row", { name: new RegExp(session.id) }).click()
      await page.getByRole("heading", { name: session.id, level: 1 }).waitFor()
      expect(await bagTotal("acme")).toBe("319.96 USD")
      expect(await bagTotal("globex")).toBe("45.50 USD")
      const code = await page.getByTestId("code-ACME5").innerText()
      expect(code).toContain("Code ACME5 applied: you saved 5.00")
      expect(code).not.toContain("Shipping") // it discounts items
      expect(await page.getByTestId("session-shipping-address").innerText()).toBe("No shipping address yet")
      expect(await page.getByTestId("bag-shipping-method-acme").innerText()).toBe("Shipping method: No shipping method")
      expect(await page.getByTestId("session-shipping-total").innerText()).toBe("0.00 USD")
    })
  })

  it("applies a cart-level manual discount and shows the bag totals change", async () => {
    await step("cart-level", async () => {
      await page.getByRole("button", { name: "Set manual discounts" }).click()
      await drawer().waitFor()
      await page.locator("#manual-0-amount").fill("10")
      await page.locator("#manual-0-name").fill("Goodwill")
      await page.locator("#manual-0-reason").fill("Parcel arrived late")
      await drawer().getByRole("button", { name: "Save" }).click()
      await drawer().waitFor({ state: "hidden" })

      // 10.00 shared by value over 299.97, 24.99 and 45.50 (8.10, 0.67, 1.23), before acme's 5.00.
      await page.getByTestId("bag-total-acme").getByText("311.19 USD").waitFor()
      expect(await bagTotal("globex")).toBe("44.27 USD")
      expect(await page.getByTestId("session-total").innerText()).toBe("355.46 USD")
      const manual = await page.getByTestId("manual-discount").innerText()
      expect(manual).toContain("Goodwill")
      expect(manual).toContain(`10.00 USD off the cart, by ${store()!.admin.email}`)
      expect(manual).toContain("Reason: Parcel arrived late")
    })
  })

  it("shows the conflict when an item-level discount goes on a line the code discounts", async () => {
    await step("conflict", async () => {
      await page.getByRole("button", { name: "Set manual discounts" }).click()
      await drawer().waitFor()
      expect(await page.locator("#manual-0-amount").inputValue()).toBe("10")
      await drawer().getByRole("button", { name: "Add item discount" }).click()
      await page.locator("#manual-1-line_item_id").click()
      await page.getByRole("option", { name: "Camp mug (acme)" }).click()
      await page.locator("#manual-1-amount").fill("2")
      await page.locator("#manual-1-name").fill("Scratched mug")
      await drawer().getByRole("button", { name: "Save" }).click()

      const conflict = page.getByTestId("form-error")
      await conflict.waitFor()
      const mugLine = session.bags[0].items.find((line: any) => line.title === "Camp mug").id
      expect(await conflict.innerText()).toBe(
        `Line "Camp mug" (${mugLine}) already has a discount from code ACME5: an item-level manual discount ` +
          "cannot go on it. Remove the code first, or give a cart-level manual discount"
      )
      expect(await drawer().isVisible()).toBe(true)
      await screenshot(page, "admin-cart-sessions.png")

      await drawer().getByRole("button", { name: "Cancel" }).click()
      await drawer().waitFor({ state: "hidden" })
      expect(await bagTotal("acme")).toBe("311.19 USD") // nothing changed
    })
  })

  it("clears the manual discounts after confirmation", async () => {
    await step("clear", async () => {
      await page.getByRole("button", { name: "Clear", exact: true }).click()
      const prompt = page.getByRole("alertdialog")
      await prompt.getByText("Clear the manual discounts?").waitFor()
      await prompt.getByRole("button", { name: "Clear" }).click()
      await prompt.waitFor({ state: "hidden" })
      await page.getByTestId("bag-total-acme").getByText("319.96 USD").waitFor()
      expect(await bagTotal("globex")).toBe("45.50 USD")
      expect(await page.getByTestId("manual-discount").count()).toBe(0)
    })
  })

  it("shows a shipped session's address, each bag's method and the free-shipping code's share of each bag", async () => {
    await step("shipping", async () => {
      // What the store API answered, so that a wrong set-up fails here and not in the page.
      expect(shipped.bags.map((bag: any) => [bag.merchant_id, bag.shipping_method?.amount, bag.shipping_discount_total])).toEqual([
        ["acme", 6.95, 0],
        ["globex", 4.99, 4.99],
      ])
      // 8.875% of 24.99 + 6.95 + 45.50 (globex ships free) is 6.8728: 6.87, shared 2.83 and 4.04.
      expect([shipped.tax_total, shipped.total]).toEqual([6.87, 84.31])

      await page.goto(`${store()!.url}/app/cart-sessions/${shipped.id}`)
      await page.getByRole("heading", { name: shipped.id, level: 1 }).waitFor()
      const address = await page.getByTestId("session-shipping-address").innerText()
      for (const line of ["Ada Lovelace", "1 Main street", "97201 Portland, US-OR", "United States"]) {
        expect(address).toContain(line)
      }
      expect(await page.getByTestId("bag-shipping-method-acme").innerText()).toBe("Shipping method: Acme standard · 6.95 USD")
      expect(await page.getByTestId("bag-shipping-total-acme").innerText()).toBe("6.95 USD")
      expect(await page.getByTestId("bag-shipping-method-globex").innerText()).toBe("Shipping method: Globex standard · 4.99 USD")
      expect(await page.getByTestId("bag-shipping-total-globex").innerText()).toBe("4.99 USD")
      expect(await page.getByTestId("bag-shipping-discount-total-globex").innerText()).toBe("−4.99 USD")
      expect(await page.getByTestId("bag-globex").innerText()).toContain("FREESHIP on shipping: −4.99 USD")
      expect(await page.getByTestId("bag-acme").innerText()).not.toContain("FREESHIP")
      expect(await bagTotal("acme")).toBe("34.77 USD")
      expect(await bagTotal("globex")).toBe("49.54 USD")
      expect(await page.getByTestId("session-shipping-total").innerText()).toBe("11.94 USD")
      expect(await page.getByTestId("session-shipping-discount-total").innerText()).toBe("4.99 USD")
      expect(await page.getByTestId("session-tax-total").innerText()).toBe("6.87 USD")
      expect(await page.getByTestId("session-total").innerText()).toBe("84.31 USD")

      const code = page.getByTestId("code-FREESHIP")
      expect(await code.getByText("Shipping", { exact: true }).count()).toBe(1)
      expect(await page.getByTestId("code-FREESHIP-shipping-share").allInnerTexts()).toEqual(["Merchant globex: −4.99 USD"])
    })
  })
}
