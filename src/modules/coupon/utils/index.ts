export * from "./code"
export * from "./terms"
