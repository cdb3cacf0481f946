import type { Browser } from "playwright-core"
import type { RunningStore } from "../helpers/store"

/** The store and the browser the admin screens share (admin.spec.ts): each screen opens its own context (its own login). */
export type SharedStore = { store?: RunningStore; browser?: Browser }
