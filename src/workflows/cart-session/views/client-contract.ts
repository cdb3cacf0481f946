// Compile-time checks that the typed client's types (src/client/types.ts) describe what the routes answer:
// each server view must be assignable to the client type of the same answer. Nothing here runs.
import type * as Client from "../../../client/types"
import type { CodePreview } from "../steps/build-code-preview"
import type { AdminCartSessionView, ManualDiscountAuthor } from "./admin-cart-session-view"
import type { CartSessionListRow } from "./admin-queries"
import type { CartSessionView } from "./cart-session-view"

type Holds<T extends true> = T
type Assignable<From, To> = [From] extends [To] ? true : false

export type ClientContract = [
  Holds<Assignable<CartSessionView, Client.StoreCartSession>>,
  Holds<Assignable<AdminCartSessionView & { manual_discounts: { created_by_user: ManualDiscountAuthor | null }[] }, Client.AdminCartSession>>,
  Holds<Assignable<CartSessionListRow, Client.AdminCartSessionRow>>,
  Holds<Assignable<CodePreview, Client.CodePreview>>,
]
