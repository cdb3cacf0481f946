export * from "./key"
