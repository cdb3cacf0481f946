export * from "./code"
export * from "./terms"
export * from "./rule-fields"
