// The package as a storefront installs it: `npm pack` of the built plugin, installed into a scratch project
// beside the host's js-sdk; `tsc` on a file importing `<package>/client` (types from the package's `exports`),
// and Node requiring and importing it (no server code loaded). No host is booted.
import { execFile, execFileSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { PLUGIN_ERROR_STATUS } from "../../src/lib/error-codes"

jest.setTimeout(120_000)

const projectRoot = path.resolve(__dirname, "../..")
const { name: packageName } = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf-8"))
const tsc = path.join(projectRoot, "node_modules", ".bin", "tsc")

const USAGE = `
import Medusa from "@medusajs/js-sdk"
import {
  checkoutDiscounts,
  CheckoutDiscountsError,
  type CheckoutDiscountsErrorCode,
  type StoreCartSession,
  type Coupon,
} from "${packageName}/client"

const sdk = new Medusa({ baseUrl: "http://localhost:9000", publishableKey: "pk_test" })
const discounts = checkoutDiscounts(sdk)

export async function checkout(variantId: string): Promise<StoreCartSession> {
  const { cart_session } = await discounts.store.cartSessions.create({ items: [{ variant_id: variantId, quantity: 1 }] })
  const { preview } = await discounts.store.cartSessions.validateCode(cart_session.id, { code: "SAVE10" })
  const saving: number = preview.saving
  const { bags } = await discounts.store.cartSessions.listShippingOptions(cart_session.id)
  const optionId: string = bags[0].shipping_options[0].id
  try {
    await discounts.store.cartSessions.addCode(cart_session.id, { code: "SAVE10", version: cart_session.version }, { idempotencyKey: "k-" + saving })
  } catch (error) {
    if (error instanceof CheckoutDiscountsError && error.code === "COUPON_CODE_INVALID_FORMAT") {
      const status: number = error.status
    }
  }
  return (await discounts.store.cartSessions.convert(cart_session.id, { version: cart_session.version })).cart_session
}

export async function adminSide(): Promise<Coupon[]> {
  const known: CheckoutDiscountsErrorCode = "VERSION_CONFLICT"
  // @ts-expect-error not one of the documented codes
  const unknown: CheckoutDiscountsErrorCode = "NOT_A_CODE"
  // @ts-expect-error a quantity is a number
  await discounts.store.cartSessions.addLine("csess_1", { variant_id: "variant_1", quantity: "1" })
  return (await discounts.admin.coupons.list({ q: "SAVE" })).coupons
}
`

function run(command: string, args: string[], cwd: string) {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf-8", stdio: ["ignore", "pipe", "pipe"] })
  } catch (error: any) {
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`)
  }
}

describe(`${packageName}/client from a packed tarball`, () => {
  let scratch: string

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "checkout-discounts-client-"))
    const [{ filename, files }] = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], projectRoot))
    const packed = files.map((file: { path: string }) => file.path)
    expect(packed).toEqual(expect.arrayContaining([".medusa/server/src/client/index.js", ".medusa/server/src/client/index.d.ts"]))

    fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "scratch-storefront", private: true, version: "1.0.0" }))
    // The plugin has no dependencies of its own; its peers (the host's packages) are the store's, not needed here.
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps", path.join(scratch, filename)], scratch)
    // The host's js-sdk, as the storefront has it (its own dependencies resolve beside it).
    fs.mkdirSync(path.join(scratch, "node_modules", "@medusajs"), { recursive: true })
    fs.symlinkSync(path.join(projectRoot, "node_modules", "@medusajs", "js-sdk"), path.join(scratch, "node_modules", "@medusajs", "js-sdk"), "dir")
    fs.writeFileSync(path.join(scratch, "usage.ts"), USAGE)
  })

  afterAll(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true })
  })

  /** tsc on `files` under a module resolution; its error lines (none when it passes). */
  const typeErrors = (name: string, resolution: Record<string, string>, files: string[]) => {
    const config = path.join(scratch, `tsconfig.${name}.json`)
    const compilerOptions = { ...resolution, target: "ES2022", strict: true, noEmit: true, esModuleInterop: true, skipLibCheck: true, lib: ["ES2022", "DOM"] }
    fs.writeFileSync(config, JSON.stringify({ compilerOptions, files }))
    return new Promise<string[]>((resolve) =>
      execFile(tsc, ["-p", config], { cwd: scratch, encoding: "utf-8" }, (_error, stdout, stderr) =>
        resolve(`${stdout}${stderr}`.split("\n").filter((line) => /error TS\d+/.test(line)))
      )
    )
  }

  it("type-checks a storefront's use of it under Node16 and bundler module resolution, and refuses a wrong body", async () => {
    fs.writeFileSync(path.join(scratch, "wrong.ts"), `${USAGE}\ndiscounts.store.cartSessions.addCode("csess_1", { coupon: "SAVE10" })\n`)
    // Both at once (tsc is slow to start); under Node16 the wrong call is the only error.
    const [node16, bundler] = await Promise.all([
      typeErrors("node16", { module: "Node16", moduleResolution: "Node16" }, ["usage.ts", "wrong.ts"]),
      typeErrors("bundler", { module: "ESNext", moduleResolution: "Bundler" }, ["usage.ts"]),
    ])
    expect(node16).toEqual([expect.stringMatching(/^wrong\.ts\(\d+,\d+\): error TS2353: .*'coupon'/)])
    expect(bundler).toEqual([])
  })

  it("is required and imported by Node without loading any server code", () => {
    const script = `
      const client = require("${packageName}/client")
      const Medusa = require("@medusajs/js-sdk").default
      const discounts = client.checkoutDiscounts(new Medusa({ baseUrl: "http://localhost:9000" }))
      const error = new client.CheckoutDiscountsError("m", { status: 409, body: { type: "conflict", code: "VERSION_CONFLICT", message: "m" }, method: "POST", path: "/", idempotencyKey: "k", retryAfter: null })
      const server = Object.keys(require.cache).filter((file) => /@medusajs[\\\\/](framework|medusa)|mikro-orm|awilix/.test(file))
      console.log(JSON.stringify({
        calls: Object.keys(discounts.store.cartSessions).sort(),
        admin: Object.keys(discounts.admin).sort(),
        code: error.code,
        statuses: Object.keys(client.CHECKOUT_DISCOUNTS_ERROR_STATUS).length,
        server,
      }))
    `
    const answer = JSON.parse(run(process.execPath, ["-e", script], scratch))
    expect(answer).toEqual({
      calls: [
        "addCode",
        "addLine",
        "convert",
        "create",
        "listShippingOptions",
        "price",
        "removeCode",
        "removeDiscount",
        "removeLine",
        "retrieve",
        "setAddOn",
        "setPrimaryCode",
        "setShippingMethod",
        "update",
        "updateLine",
        "validateCode",
      ],
      admin: ["cartSessions", "couponRuleAttributes", "coupons", "merchants"],
      code: "VERSION_CONFLICT",
      statuses: Object.keys(PLUGIN_ERROR_STATUS).length,
      server: [],
    })

    const imported = run(
      process.execPath,
      ["--input-type=module", "-e", `import { checkoutDiscounts, newIdempotencyKey } from "${packageName}/client"; console.log(typeof checkoutDiscounts, newIdempotencyKey().length)`],
      scratch
    )
    expect(imported.trim()).toBe("function 36")
  })
})
