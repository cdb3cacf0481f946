export * from "./steps"
export * from "./workflows"
export * from "./helpers/merchant-directory"
