export * from "./key"
export * from "./completed-in-change"
