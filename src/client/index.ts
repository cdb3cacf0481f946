// The typed client of the plugin's API (docs/client.md), on a `@medusajs/js-sdk` instance:
//
//   const sdk = new Medusa({ baseUrl, publishableKey })
//   const discounts = checkoutDiscounts(sdk)
//   const { cart_session } = await discounts.store.cartSessions.create({ items: [...] })
//
// It runs in a browser and in Node: nothing of the server is imported at run time.
import type {
  AddCodeBody,
  AddLineBody,
  AdminCartSession,
  AdminCartSessionRow,
  CartSessionBagShippingOptions,
  CartSessionCodeInput,
  CartSessionListParams,
  CodePreview,
  Coupon,
  CouponBody,
  CouponListParams,
  CreateCartSessionBody,
  CreateCouponBody,
  GenerateCouponsBody,
  ManualDiscountsBody,
  Merchant,
  MerchantListParams,
  Paginated,
  RuleAttributeInfo,
  SetPrimaryCodeBody,
  SetShippingMethodBody,
  StoreCartSession,
  ToggleAddOnBody,
  UpdateCartSessionBody,
  UpdateLineBody,
  Versioned,
} from "./types"
import { type SdkClient, sdkTransport, type Transport } from "./transport"

export * from "./types"
export {
  CHECKOUT_DISCOUNTS_ERROR_STATUS,
  CheckoutDiscountsError,
  type CheckoutDiscountsErrorCode,
  isCheckoutDiscountsError,
  isCheckoutDiscountsErrorCode,
} from "./errors"

/** Options of one call. */
export type RequestOptions = {
  /** Headers of this call only (they win over the sdk's). */
  headers?: Record<string, string>
  signal?: AbortSignal
}

/**
 * Options of a mutating call. Every one is sent with an `Idempotency-Key`: the one given, else a new random
 * one. Send the same call again with the same key (e.g. after a network failure, from the error's
 * `idempotencyKey`) and the server answers what it answered the first time, without applying it twice.
 */
export type MutationOptions = RequestOptions & { idempotencyKey?: string }

export type ClientOptions = {
  /** Makes the key of a mutating call given none; a random UUID by default. */
  idempotencyKey?: () => string
}

export type CartSessionResponse = { cart_session: StoreCartSession }
export type AdminCartSessionResponse = { cart_session: AdminCartSession }
export type CodePreviewResponse = { preview: CodePreview; cart_session: StoreCartSession }
export type ShippingOptionsResponse = { bags: CartSessionBagShippingOptions[] }
export type CouponResponse = { coupon: Coupon }
export type CouponListResponse = Paginated & { coupons: Coupon[] }
export type GenerateCouponsResponse = { coupons: Coupon[]; count: number }
export type CouponDeleteResponse = { id: string; object: "coupon"; deleted: true }
export type MerchantListResponse = Paginated & { merchants: Merchant[] }
export type RuleAttributeListResponse = { attributes: RuleAttributeInfo[]; count: number }
export type AdminCartSessionListResponse = Paginated & { cart_sessions: AdminCartSessionRow[] }

/** A random key: a UUID where the platform has one, else 128 random bits in hex. */
export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")
}

const segment = encodeURIComponent

function storeCartSessions(read: Reader, change: Changer) {
  const path = (id: string, rest = "") => `/store/cart-sessions/${segment(id)}${rest}`
  return {
    /** Creates a session (201), with items and codes if given. */
    create: (body: CreateCartSessionBody = {}, options?: MutationOptions) =>
      change<CartSessionResponse>("POST", "/store/cart-sessions", body, options),
    retrieve: (id: string, options?: RequestOptions) => read<CartSessionResponse>(path(id), undefined, options),
    /** Sets the shopper's email and shipping address (the bags' shipping methods are checked again for it). */
    update: (id: string, body: UpdateCartSessionBody, options?: MutationOptions) =>
      change<CartSessionResponse>("POST", path(id), body, options),
    /** Adds a variant at the host's price; a variant already in the session adds to its quantity. */
    addLine: (id: string, body: AddLineBody, options?: MutationOptions) =>
      change<CartSessionResponse>("POST", path(id, "/line-items"), body, options),
    /** Sets a line's quantity; 0 removes it. */
    updateLine: (id: string, lineId: string, body: UpdateLineBody, options?: MutationOptions) =>
      change<CartSessionResponse>("PATCH", path(id, `/line-items/${segment(lineId)}`), body, options),
    removeLine: (id: string, lineId: string, body: Versioned = {}, options?: MutationOptions) =>
      change<CartSessionResponse>("DELETE", path(id, `/line-items/${segment(lineId)}`), body, options),
    /** Selects or deselects an add-on of a merchant the session buys from. */
    setAddOn: (id: string, body: ToggleAddOnBody, options?: MutationOptions) =>
      change<CartSessionResponse>("POST", path(id, "/add-ons"), body, options),
    /** Adds a code; `merchant_id` chooses between coupons sharing it. Its status and message are in the answer. */
    addCode: (id: string, body: AddCodeBody, options?: MutationOptions) =>
      change<CartSessionResponse>("POST", path(id, "/coupons"), body, options),
    /** What a code would do in the session (`validate_only`): nothing changes, not even the version. */
    validateCode: (id: string, body: CartSessionCodeInput, options?: MutationOptions) =>
      change<CodePreviewResponse>("POST", path(id, "/coupons"), { ...body, validate_only: true }, options),
    /** Removes a code, compared ignoring case. */
    removeCode: (id: string, code: string, body: Versioned = {}, options?: MutationOptions) =>
      change<CartSessionResponse>("DELETE", path(id, `/coupons/${segment(code)}`), body, options),
    /** Removes one discount by id. */
    removeDiscount: (id: string, discountId: string, body: Versioned = {}, options?: MutationOptions) =>
      change<CartSessionResponse>("DELETE", path(id, `/discounts/${segment(discountId)}`), body, options),
    /** Sets (`{ code }`) or clears (`{ code: null }`) the session's primary code. */
    setPrimaryCode: (id: string, body: SetPrimaryCodeBody, options?: MutationOptions) =>
      change<CartSessionResponse>("POST", path(id, "/discount-code"), body, options),
    /** Prices every bag again at the host's current prices (needed before convert while `priced` is false). */
    price: (id: string, body: Versioned = {}, options?: MutationOptions) =>
      change<CartSessionResponse>("POST", path(id, "/price"), body, options),
    /** Per bag, the shipping options the host offers it at the session's address, each priced for that bag. */
    listShippingOptions: (id: string, options?: RequestOptions) =>
      read<ShippingOptionsResponse>(path(id, "/shipping-options"), undefined, options),
    /** Sets a bag's shipping method, replacing its earlier one. */
    setShippingMethod: (id: string, body: SetShippingMethodBody, options?: MutationOptions) =>
      change<CartSessionResponse>("POST", path(id, "/shipping-methods"), body, options),
    /**
     * Makes the host cart of the session with its discounts and shipping: the session answers `converted`
     * with `converted_cart_id`, to pay and complete as any host cart.
     */
    convert: (id: string, body: Versioned = {}, options?: MutationOptions) =>
      change<CartSessionResponse>("POST", path(id, "/convert"), body, options),
  }
}

function adminApi(read: Reader, change: Changer) {
  const coupon = (id: string) => `/admin/coupons/${segment(id)}`
  const session = (id: string) => `/admin/cart-sessions/${segment(id)}`
  return {
    coupons: {
      list: (query: CouponListParams = {}, options?: RequestOptions) => read<CouponListResponse>("/admin/coupons", query, options),
      retrieve: (id: string, query: { fields?: string } = {}, options?: RequestOptions) =>
        read<CouponResponse>(coupon(id), query, options),
      create: (body: CreateCouponBody, options?: MutationOptions) => change<CouponResponse>("POST", "/admin/coupons", body, options),
      update: (id: string, body: Partial<CouponBody>, options?: MutationOptions) =>
        change<CouponResponse>("POST", coupon(id), body, options),
      delete: (id: string, options?: MutationOptions) => change<CouponDeleteResponse>("DELETE", coupon(id), undefined, options),
      /** Creates `count` coupons with random codes after `prefix`, all or none. */
      generate: (body: Partial<GenerateCouponsBody> & Pick<GenerateCouponsBody, "count" | "value_type" | "value">, options?: MutationOptions) =>
        change<GenerateCouponsResponse>("POST", "/admin/coupons/generate", body, options),
    },
    couponRuleAttributes: {
      list: (options?: RequestOptions) => read<RuleAttributeListResponse>("/admin/coupon-rule-attributes", undefined, options),
    },
    merchants: {
      list: (query: MerchantListParams = {}, options?: RequestOptions) => read<MerchantListResponse>("/admin/merchants", query, options),
    },
    cartSessions: {
      list: (query: CartSessionListParams = {}, options?: RequestOptions) =>
        read<AdminCartSessionListResponse>("/admin/cart-sessions", query, options),
      retrieve: (id: string, options?: RequestOptions) => read<AdminCartSessionResponse>(session(id), undefined, options),
      /** Replaces every manual discount of the session with those given. */
      setManualDiscounts: (id: string, body: ManualDiscountsBody, options?: MutationOptions) =>
        change<AdminCartSessionResponse>("POST", `${session(id)}/manual-discounts`, body, options),
      clearManualDiscounts: (id: string, body: Versioned = {}, options?: MutationOptions) =>
        change<AdminCartSessionResponse>("DELETE", `${session(id)}/manual-discounts`, body, options),
    },
  }
}

type Reader = <T>(path: string, query?: object, options?: RequestOptions) => Promise<T>
type Changer = <T>(method: "POST" | "DELETE" | "PATCH", path: string, body: unknown, options?: MutationOptions) => Promise<T>

/** The plugin's store and admin API over a js-sdk instance (or its `client`), which sends and authenticates. */
export function checkoutDiscounts(sdk: { client: SdkClient } | SdkClient, options: ClientOptions = {}) {
  const transport: Transport = sdkTransport("client" in sdk ? sdk.client : sdk)
  const makeKey = options.idempotencyKey ?? newIdempotencyKey
  const read: Reader = (path, query, callOptions) =>
    transport({ method: "GET", path, query: query as Record<string, never>, headers: callOptions?.headers, signal: callOptions?.signal })
  const change: Changer = (method, path, body, callOptions) =>
    transport({
      method,
      path,
      body,
      idempotencyKey: callOptions?.idempotencyKey ?? makeKey(),
      headers: callOptions?.headers,
      signal: callOptions?.signal,
    })
  return {
    store: { cartSessions: storeCartSessions(read, change) },
    admin: adminApi(read, change),
  }
}

export type CheckoutDiscountsClient = ReturnType<typeof checkoutDiscounts>
