export { IdempotencyKey } from "./idempotency-key"
