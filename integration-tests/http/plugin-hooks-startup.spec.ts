import { spawnSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { createHostDatabase, HostDatabase } from "../helpers/host-process"
import { hostDirectory, storeWithHooksDirectory } from "../helpers/host"

const { medusaBin } = require("../../scripts/lib/plugin") as { medusaBin: string }
const { projectRoot } = require("../../scripts/lib/database") as { projectRoot: string }

jest.setTimeout(300_000)

const COMPLETE = "completeCartWorkflow.hooks.validate"
const REFRESH = "refreshCartItemsWorkflow.hooks.setPricingContext"
const KEEP_SHIPPING = "refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection"
const BOOTED_SCRIPT = path.resolve(__dirname, "../hosts/booted.js")

/** `medusa exec` of the booted script in a store: it loads all a start loads; its log at info level. */
function bootStore(directory: string, database: HostDatabase) {
  const result = spawnSync(medusaBin, ["exec", BOOTED_SCRIPT], {
    cwd: directory,
    encoding: "utf-8",
    env: { ...database.env, LOG_LEVEL: "info" },
    timeout: 240_000,
  })
  const output = `${result.stdout}${result.stderr}`
  const booted = output.match(/HOST BOOTED (.*)/)
  return {
    status: result.status,
    output,
    report: booted ? JSON.parse(booted[1]) : null,
    warnings: output.match(/the store has its own handler for \S+/g) ?? [],
  }
}

/** The store whose own handler of the payment refresh hook the startup test leaves out, to see the plugin take it. */
const REFRESH_PAYMENT_HANDLER = path.join("src", "workflows", "hooks", "refresh-cart-payment.ts")

/**
 * A copy of the store-with-hooks store: `registerHooks: false` in its plugin entry, or without its own
 * handler of the payment refresh hook (a store that handles two of the three hooks).
 */
function storeWithHooksCopy({ registerHooks = true, ownPaymentRefresh = true } = {}) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "checkout-discounts-store-with-hooks-"))
  fs.cpSync(storeWithHooksDirectory, directory, {
    recursive: true,
    filter: (source) =>
      !source.includes(`${path.sep}.medusa`) && (ownPaymentRefresh || !source.endsWith(REFRESH_PAYMENT_HANDLER)),
  })
  expect(fs.existsSync(path.join(directory, REFRESH_PAYMENT_HANDLER))).toBe(ownPaymentRefresh)
  if (!registerHooks) {
    const configFile = path.join(directory, "medusa-config.ts")
    const config = fs.readFileSync(configFile, "utf-8").replace("maxCodesPerSession: 5,", "maxCodesPerSession: 5,\n        registerHooks: false,")
    expect(config).toContain("registerHooks: false")
    fs.writeFileSync(configFile, config)
  }
  fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(directory, "node_modules"), "dir")
  return directory
}

describe("the plugin's hooks as a store starts", () => {
  let database: HostDatabase
  const copies: string[] = []

  beforeAll(async () => {
    database = await createHostDatabase("checkout_discounts_hooks_startup")
  })

  afterAll(async () => {
    copies.forEach((directory) => fs.rmSync(directory, { recursive: true, force: true }))
    await database?.drop()
  })

  it("takes every hook in a store that handles none, without a word, and never twice", () => {
    const { status, report, warnings } = bootStore(hostDirectory, database)
    expect({ status, warnings }).toEqual({ status: 0, warnings: [] })
    expect(report).toEqual({ taken: [], already_taken: [COMPLETE, REFRESH, KEEP_SHIPPING], left_to_store: [], warnings: 0 })
  })

  it("lets a store with its own handlers of all three hooks start, takes none, and says once per hook what the store's handler must call", () => {
    const { status, report, warnings, output } = bootStore(storeWithHooksDirectory, database)
    expect(status).toBe(0)
    expect(report).toEqual({ taken: [], already_taken: [], left_to_store: [COMPLETE, REFRESH, KEEP_SHIPPING], warnings: 0 })
    expect(warnings).toEqual([
      `the store has its own handler for ${COMPLETE}`,
      `the store has its own handler for ${REFRESH}`,
      `the store has its own handler for ${KEEP_SHIPPING}`,
    ])
    expect(output).toContain("return checkoutDiscountsHooks.completeCartValidate(input, context)")
    expect(output).toContain("await checkoutDiscountsHooks.refreshCartSetPricingContext(input, context)")
    expect(output).toContain("await checkoutDiscountsHooks.refreshCartBeforePayment(input, context)")
  })

  it("takes the one hook a store with its own handlers of the other two leaves free", () => {
    const directory = storeWithHooksCopy({ ownPaymentRefresh: false })
    copies.push(directory)
    const { status, report, warnings } = bootStore(directory, database)
    expect(status).toBe(0)
    expect(report).toEqual({ taken: [], already_taken: [KEEP_SHIPPING], left_to_store: [COMPLETE, REFRESH], warnings: 0 })
    expect(warnings).toEqual([`the store has its own handler for ${COMPLETE}`, `the store has its own handler for ${REFRESH}`])
  })

  it("registers nothing and says nothing with registerHooks: false", () => {
    const directory = storeWithHooksCopy({ registerHooks: false, ownPaymentRefresh: false })
    copies.push(directory)
    const { status, report, warnings } = bootStore(directory, database)
    expect({ status, warnings }).toEqual({ status: 0, warnings: [] })
    // Asked after the start, the plugin finds the store's handlers there: it had not looked before.
    // The hook the store leaves free is taken only now, by the asking script itself.
    expect(report).toEqual({ taken: [KEEP_SHIPPING], already_taken: [], left_to_store: [COMPLETE, REFRESH], warnings: 2 })
  })
})
