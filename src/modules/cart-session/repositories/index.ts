export { CartSessionStateRepository } from "./cart-session-state"
