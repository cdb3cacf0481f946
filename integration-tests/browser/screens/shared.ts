import type { Browser, Page } from "playwright-core"
import { clearFailureScreenshots } from "../helpers/browser"
import type { RunningStore } from "../helpers/store"

/** The store and the browser the admin screens share (admin.spec.ts): each screen opens its own context (its own login). */
export type SharedStore = { store?: RunningStore; browser?: Browser }

/**
 * A screen's page, in a browser context of its own on the shared browser (close it with
 * `page.context().close()`); the screen's failure screenshots of an earlier run are cleared first.
 */
export async function openScreenPage(shared: SharedStore, prefix: string, viewport: { width: number; height: number }): Promise<Page> {
  clearFailureScreenshots(prefix)
  const context = await shared.browser!.newContext({ viewport })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  return page
}
