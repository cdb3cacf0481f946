export * from "./steps"
export * from "./workflows"
export type { CartSessionActor } from "./utils/session-rules"
export type { CartSessionChangeInput } from "./utils/compose"
