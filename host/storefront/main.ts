// The demo storefront (docs/storefront.md): a plain page on the js-sdk and the plugin's typed client. Products
// of several merchants, the cart session as one bag per merchant, codes with their status and message,
// shipping per bag, and a checkout that converts the session and completes the host cart with the system
// payment provider. No framework: render() draws the whole page from `state` after every answer.
import Medusa from "@medusajs/js-sdk"
import {
  checkoutDiscounts,
  CheckoutDiscountsError,
  type CartSessionBag,
  type CartSessionBagShippingOptions,
  type CodePreview,
  type StoreCartSession,
} from "medusa-plugin-checkout-discounts/client"

const root = document.getElementById("storefront")!
const sdk = new Medusa({
  baseUrl: window.location.origin,
  publishableKey: root.dataset.publishableKey,
})
const discounts = checkoutDiscounts(sdk)
const sessions = discounts.store.cartSessions

type Region = { id: string; name: string; currency_code: string; countries?: { iso_2: string; display_name: string }[] }
type Product = { id: string; title: string; merchant_id: string | null; is_add_on: boolean; variant_id: string; price: number | null }

const SESSION_KEY = "checkout-discounts-demo-session"

const state = {
  regions: [] as Region[],
  region: null as Region | null,
  products: [] as Product[],
  session: null as StoreCartSession | null,
  shipping: [] as CartSessionBagShippingOptions[],
  preview: null as CodePreview | null,
  order: null as { id: string; display_id?: number; total: number; currency_code: string } | null,
  error: null as string | null,
  busy: false,
}

// ---- Talking to the store ------------------------------------------------------------------------

async function loadCatalogue() {
  const { regions } = await sdk.store.region.list({ fields: "id,name,currency_code,*countries" })
  state.regions = regions as Region[]
  state.region = state.regions.find((region) => region.id === state.session?.region_id) ?? state.regions[0] ?? null
  if (!state.region) return
  const { products } = await sdk.store.product.list({
    region_id: state.region.id,
    fields: "id,title,metadata,*variants,*variants.calculated_price",
    limit: 100,
  })
  state.products = products.map((product) => ({
    id: product.id,
    title: product.title,
    merchant_id: (product.metadata?.merchant_id as string | undefined) ?? null,
    is_add_on: product.metadata?.add_on === true,
    variant_id: product.variants![0].id,
    price: product.variants![0].calculated_price?.calculated_amount ?? null,
  }))
}

/** Shows an answer: the session, and per bag the shipping options once it has an address. */
async function show(session: StoreCartSession) {
  state.session = session
  localStorage.setItem(SESSION_KEY, session.id)
  const open = session.status === "open"
  state.shipping = open && session.shipping_address && session.bags.length ? (await sessions.listShippingOptions(session.id)).bags : []
}

/** Runs one action of the shopper; a refusal is shown with its machine code, the page stays usable. */
async function act(action: () => Promise<void>) {
  state.busy = true
  state.error = null
  render()
  try {
    await action()
  } catch (error) {
    state.error = error instanceof CheckoutDiscountsError ? `${error.code ?? error.type ?? error.status}: ${error.message}` : String(error)
    // Another tab changed the session meanwhile: show it as it is now.
    if (error instanceof CheckoutDiscountsError && error.code === "VERSION_CONFLICT" && state.session) {
      await show((await sessions.retrieve(state.session.id)).cart_session)
    }
  } finally {
    state.busy = false
    render()
  }
}

async function currentSession(): Promise<StoreCartSession> {
  if (state.session?.status === "open") return state.session
  const { cart_session } = await sessions.create({ region_id: state.region!.id })
  await show(cart_session)
  return cart_session
}

const addProduct = (variantId: string) =>
  act(async () => {
    const session = await currentSession()
    await show((await sessions.addLine(session.id, { variant_id: variantId, quantity: 1, version: session.version })).cart_session)
  })

const setQuantity = (lineId: string, quantity: number) =>
  act(async () => {
    const session = state.session!
    await show((await sessions.updateLine(session.id, lineId, { quantity, version: session.version })).cart_session)
  })

const setAddOn = (addOnId: string, selected: boolean) =>
  act(async () => {
    const session = state.session!
    await show((await sessions.setAddOn(session.id, { add_on_id: addOnId, selected, version: session.version })).cart_session)
  })

const applyCode = (code: string) =>
  act(async () => {
    const session = await currentSession()
    state.preview = null
    await show((await sessions.addCode(session.id, { code, version: session.version })).cart_session)
  })

const checkCode = (code: string) =>
  act(async () => {
    const session = await currentSession()
    state.preview = (await sessions.validateCode(session.id, { code })).preview
  })

const removeCode = (code: string) =>
  act(async () => {
    const session = state.session!
    await show((await sessions.removeCode(session.id, code, { version: session.version })).cart_session)
  })

const saveAddress = (email: string, address: { country_code: string; city: string; address_1: string; postal_code: string }) =>
  act(async () => {
    const session = await currentSession()
    await show((await sessions.update(session.id, { email, shipping_address: address, version: session.version })).cart_session)
  })

const chooseShipping = (merchantId: string, optionId: string) =>
  act(async () => {
    const session = state.session!
    await show(
      (await sessions.setShippingMethod(session.id, { merchant_id: merchantId, option_id: optionId, version: session.version })).cart_session
    )
  })

/** Convert (pricing first when a code waits), then pay the host cart with the system provider and complete it. */
const checkout = () =>
  act(async () => {
    let session = state.session!
    if (!session.priced) session = (await sessions.price(session.id, { version: session.version })).cart_session
    session = (await sessions.convert(session.id, { version: session.version })).cart_session
    await show(session)
    const { cart } = await sdk.store.cart.retrieve(session.converted_cart_id!)
    await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
    const completed = await sdk.store.cart.complete(cart.id)
    if (completed.type !== "order") throw new Error(`The cart was not completed: ${completed.error?.message ?? "unknown error"}`)
    const { id, display_id, total, currency_code } = completed.order
    state.order = { id, display_id, total, currency_code }
    localStorage.removeItem(SESSION_KEY)
  })

const startOver = () =>
  act(async () => {
    localStorage.removeItem(SESSION_KEY)
    Object.assign(state, { session: null, shipping: [], preview: null, order: null })
    await show((await sessions.create({ region_id: state.region?.id })).cart_session)
  })

// ---- Drawing the page ----------------------------------------------------------------------------

type Child = Node | string | null | false
function h(tag: string, attributes: Record<string, unknown> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value as EventListener)
    else if (value === true) element.setAttribute(name, "")
    else if (value !== false && value !== undefined && value !== null) element.setAttribute(name, String(value))
  }
  element.append(...children.filter((child): child is Node | string => child !== null && child !== false))
  return element
}

const money = (amount: number, currency = state.session?.currency_code ?? state.region?.currency_code ?? "usd") =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount)
/** A discount shown as taken off: -$5.00, and $0.00 (not -$0.00) when there is none. */
const negative = (amount: number) => (amount ? -amount : 0)
const merchantName = (merchantId: string | null) => (merchantId ? merchantId[0].toUpperCase() + merchantId.slice(1) : "House")
const disabled = () => state.busy

function productsView() {
  const forSale = state.products.filter((product) => !product.is_add_on && product.price !== null)
  const merchants = [...new Set(forSale.map((product) => product.merchant_id))]
  return h(
    "section",
    { class: "products", "aria-label": "Products" },
    h("h2", {}, "Products"),
    ...merchants.map((merchant) =>
      h(
        "div",
        { class: "merchant" },
        h("h3", {}, merchantName(merchant)),
        ...forSale
          .filter((product) => product.merchant_id === merchant)
          .map((product) =>
            h(
              "div",
              { class: "product", "data-product": product.title },
              h("span", {}, product.title),
              h("span", { class: "price" }, money(product.price!)),
              h("button", { onclick: () => addProduct(product.variant_id), disabled: disabled(), "aria-label": `Add ${product.title}` }, "Add")
            )
          )
      )
    )
  )
}

function bagView(bag: CartSessionBag) {
  const session = state.session!
  const offered = state.shipping.find((entry) => entry.merchant_id === bag.merchant_id)?.shipping_options ?? []
  const addOns = session.add_ons_offered.filter((addOn) => addOn.merchant_id === bag.merchant_id)
  const row = (label: string, amount: number, name: string) =>
    h("tr", { "data-total": name }, h("th", {}, label), h("td", {}, money(amount)))
  return h(
    "section",
    { class: "bag", "data-merchant": bag.merchant_id, "aria-label": `Bag of ${merchantName(bag.merchant_id)}` },
    h("h3", {}, `${merchantName(bag.merchant_id)}'s bag`),
    h(
      "ul",
      { class: "lines" },
      ...bag.items.map((line) =>
        h(
          "li",
          { "data-line": line.title },
          h("span", {}, `${line.title} × ${line.quantity}`),
          h("span", { class: "price" }, money(line.total)),
          !line.is_add_on && h("button", { onclick: () => setQuantity(line.id, line.quantity + 1), disabled: disabled(), "aria-label": `One more ${line.title}` }, "+"),
          h("button", { onclick: () => setQuantity(line.id, line.quantity - 1), disabled: disabled(), "aria-label": `One less ${line.title}` }, "−")
        )
      )
    ),
    ...addOns.map((addOn) =>
      h(
        "label",
        { class: "add-on" },
        h("input", { type: "checkbox", checked: addOn.selected, disabled: disabled(), onchange: () => setAddOn(addOn.id, !addOn.selected) }),
        ` ${addOn.title} (${money(addOn.unit_price)})`
      )
    ),
    h(
      "label",
      { class: "shipping" },
      "Shipping ",
      session.shipping_address
        ? h(
            "select",
            {
              "aria-label": `Shipping for ${merchantName(bag.merchant_id)}`,
              disabled: disabled(),
              onchange: (event: Event) => chooseShipping(bag.merchant_id, (event.target as HTMLSelectElement).value),
            },
            h("option", { value: "", disabled: true, selected: !bag.shipping_method }, "Choose…"),
            ...offered.map((option) =>
              h("option", { value: option.id, selected: option.selected }, `${option.name} (${money(option.amount)})`)
            )
          )
        : h("em", {}, "enter your address first")
    ),
    bag.shipping_message && h("p", { class: "notice" }, bag.shipping_message),
    h(
      "table",
      { class: "totals" },
      row("Subtotal", bag.subtotal, "subtotal"),
      row("Discounts", negative(bag.discount_total), "discount_total"),
      row("Shipping", bag.shipping_total - bag.shipping_discount_total, "shipping"),
      row("Tax", bag.tax_total, "tax_total"),
      row("Bag total", bag.total, "total")
    )
  )
}

function codesView() {
  const session = state.session
  const input = h("input", { name: "code", placeholder: "Discount code", "aria-label": "Discount code", disabled: disabled() }) as HTMLInputElement
  const code = () => input.value.trim()
  return h(
    "section",
    { class: "codes", "aria-label": "Discount codes" },
    h("h2", {}, "Discount codes"),
    h(
      "form",
      { onsubmit: (event: Event) => (event.preventDefault(), applyCode(code())) },
      input,
      h("button", { type: "submit", disabled: disabled() }, "Apply"),
      h("button", { type: "button", disabled: disabled(), onclick: () => checkCode(code()) }, "Check")
    ),
    state.preview &&
      h("p", { class: "preview", "data-status": state.preview.status }, `${state.preview.code}: ${state.preview.status}, saves ${money(state.preview.saving)}. ${state.preview.message}`),
    h(
      "ul",
      {},
      ...(session?.discounts ?? []).map((discount) =>
        h(
          "li",
          { "data-code": discount.code ?? discount.name ?? "", "data-status": discount.status, class: discount.status === "APPLIED" ? "applied" : "refused" },
          h("strong", {}, discount.code ?? discount.name ?? ""),
          ` ${discount.status} `,
          h("span", { class: "message" }, discount.message ?? ""),
          discount.code && h("button", { onclick: () => removeCode(discount.code!), disabled: disabled(), "aria-label": `Remove ${discount.code}` }, "Remove")
        )
      )
    )
  )
}

function addressView() {
  const session = state.session
  const address = session?.shipping_address
  const countries = state.region?.countries ?? []
  const field = (name: string, label: string, value: string) =>
    h("label", {}, `${label} `, h("input", { name, value, "aria-label": label, disabled: disabled() }))
  const form = h(
    "form",
    {
      class: "address",
      "aria-label": "Shipping address",
      onsubmit: (event: Event) => {
        event.preventDefault()
        const data = new FormData(event.target as HTMLFormElement)
        const text = (name: string) => String(data.get(name) ?? "")
        saveAddress(text("email"), { country_code: text("country_code"), city: text("city"), address_1: text("address_1"), postal_code: text("postal_code") })
      },
    },
    h("h2", {}, "Shipping address"),
    field("email", "Email", session?.email ?? "shopper@example.com"),
    field("address_1", "Street", address?.address_1 ?? "1 Main street"),
    field("city", "City", address?.city ?? "Springfield"),
    field("postal_code", "Postal code", address?.postal_code ?? "12345"),
    h(
      "label",
      {},
      "Country ",
      h(
        "select",
        { name: "country_code", "aria-label": "Country", disabled: disabled() },
        ...countries.map((country) => h("option", { value: country.iso_2, selected: country.iso_2 === address?.country_code }, country.display_name))
      )
    ),
    h("button", { type: "submit", disabled: disabled() }, "Save address")
  )
  return form
}

function sessionView() {
  const session = state.session
  if (!session || !session.bags.length) return h("section", { class: "session" }, h("h2", {}, "Your bags"), h("p", {}, "Your bags are empty."))
  const ready = session.status === "open" && session.bags.every((bag) => bag.shipping_method)
  return h(
    "section",
    { class: "session", "aria-label": "Your bags" },
    h("h2", {}, "Your bags"),
    ...session.bags.map(bagView),
    h(
      "table",
      { class: "totals grand" },
      h("tr", {}, h("th", {}, "Discounts"), h("td", {}, money(negative(session.discount_total + session.shipping_discount_total)))),
      h("tr", {}, h("th", {}, "Tax"), h("td", {}, money(session.tax_total))),
      h("tr", { "data-total": "session" }, h("th", {}, "Total"), h("td", {}, money(session.total)))
    ),
    h("button", { class: "checkout", onclick: checkout, disabled: disabled() || !ready }, "Checkout"),
    !ready && session.status === "open" && h("p", { class: "hint" }, "Choose shipping for every bag to check out.")
  )
}

function render() {
  const header = h(
    "header",
    {},
    h("h1", {}, "Checkout discounts demo"),
    h("p", {}, `Region: ${state.region?.name ?? "none"}`),
    h("button", { onclick: startOver, disabled: disabled() }, "Start over")
  )
  const error = state.error && h("p", { role: "alert", class: "error" }, state.error)
  if (state.order) {
    const order = state.order
    root.replaceChildren(
      header,
      h("section", { class: "order", "aria-label": "Order placed" }, h("h2", {}, "Order placed"), h("p", { "data-order-id": order.id }, `Order #${order.display_id} (${order.id}), total ${money(order.total, order.currency_code)}.`))
    )
    return
  }
  root.replaceChildren(header, error || "", h("div", { class: "columns" }, productsView(), h("div", {}, codesView(), addressView(), sessionView())))
  root.dataset.busy = String(state.busy)
}

async function start() {
  const saved = localStorage.getItem(SESSION_KEY)
  if (saved) {
    try {
      await show((await sessions.retrieve(saved)).cart_session)
    } catch {
      localStorage.removeItem(SESSION_KEY)
    }
  }
  // A new shopper gets a session in the store's default region, whose products and prices the page shows.
  if (state.session?.status !== "open") await show((await sessions.create({})).cart_session)
  await loadCatalogue()
  render()
}

start().catch((error) => {
  state.error = String(error)
  render()
})
