import Medusa from "@medusajs/js-sdk"

// The admin runs on the same origin as the store's API; session auth is the
// dashboard's own login.
export const sdk = new Medusa({
  baseUrl: "/",
  auth: { type: "session" },
})
