export { Merchant } from "./merchant"
