// The cart session's pure rules: drafts of a change, codes, manual discounts,
// what the pricing core is given, and what a host cart should carry. No I/O:
// the workflows read the host and the database, then decide here.
export * from "./code-plan"
export * from "./host-cart"
export * from "./manual-discounts"
export * from "./price-draft"
export * from "./pricing-context"
export * from "./pricing-input"
export * from "./session-draft"
export * from "./session-rules"
export * from "./rule-facts"
