export { CodeAttemptWindow } from "./code-attempt-window"
