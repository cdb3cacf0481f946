export * from "./merchant"
