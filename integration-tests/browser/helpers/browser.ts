import fs from "fs"
import path from "path"
import { Browser, chromium, Page } from "playwright-core"

export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium"

/** Why there is no Chromium to drive here, or null when there is. */
export const chromiumMissing = fs.existsSync(chromiumPath)
  ? null
  : `no Chromium at ${chromiumPath} (install Debian's chromium or set CHROMIUM_PATH)`

export const resultsDirectory = path.resolve(__dirname, "../../../test-results")

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(resultsDirectory, { recursive: true })
  const file = path.join(resultsDirectory, name)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** Removes failure screenshots of an earlier run of a spec (by its prefix), so the folder shows this run only. */
export function clearFailureScreenshots(prefix = "admin-coupons") {
  for (const file of fs.existsSync(resultsDirectory) ? fs.readdirSync(resultsDirectory) : []) {
    if (file.startsWith(`${prefix}-failure-`)) {
      fs.rmSync(path.join(resultsDirectory, file))
    }
  }
}

/**
 * Runs a test's steps; when one fails, keeps a screenshot of the page as it
 * was and adds the server's last log lines to the error.
 */
export async function withFailureScreenshot(
  page: Page,
  name: string,
  steps: () => Promise<void>,
  serverLogs?: () => string,
  prefix = "admin-coupons"
) {
  try {
    await steps()
  } catch (error) {
    const file = await screenshot(page, `${prefix}-failure-${name}.png`).catch(() => undefined)
    if (error instanceof Error) {
      error.message += file ? `\n(screenshot: ${file})` : ""
      error.message += serverLogs ? `\n--- last lines of the store's log ---\n${serverLogs()}` : ""
    }
    throw error
  }
}
