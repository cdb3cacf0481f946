import { spawnSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { hostDirectory } from "../helpers/host"
import { createHostDatabase, type HostDatabase } from "../helpers/host-process"

const { projectRoot } = require("../../scripts/lib/database") as { projectRoot: string }
const { medusaBin } = require("../../scripts/lib/plugin") as { medusaBin: string }

jest.setTimeout(180_000)

/** A copy of the host store (./host) whose plugin entry carries `options`. */
function hostCopyWith(options: string) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "checkout-discounts-host-"))
  const config = fs
    .readFileSync(path.join(hostDirectory, "medusa-config.ts"), "utf-8")
    .replace(/(resolve: "medusa-plugin-checkout-discounts",\s*)options: \{[\s\S]*?\n      \},/, `$1options: ${options},`)
  expect(config).toContain(options)
  fs.writeFileSync(path.join(directory, "medusa-config.ts"), config)
  fs.copyFileSync(path.join(hostDirectory, "package.json"), path.join(directory, "package.json"))
  fs.copyFileSync(path.join(hostDirectory, "tsconfig.json"), path.join(directory, "tsconfig.json"))
  fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(directory, "node_modules"), "dir")
  fs.mkdirSync(path.join(directory, "src", "scripts"), { recursive: true })
  fs.writeFileSync(
    path.join(directory, "src", "scripts", "booted.ts"),
    'export default async function booted() { console.log("HOST BOOTED") }\n'
  )
  return directory
}

function runMedusa(directory: string, args: string[], database: HostDatabase) {
  const result = spawnSync(medusaBin, args, {
    cwd: directory,
    encoding: "utf-8",
    env: database.env,
    timeout: 150_000,
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

describe("plugin options in a host store's medusa-config", () => {
  let database: HostDatabase
  const copies: string[] = []
  const copyWith = (options: string) => {
    const directory = hostCopyWith(options)
    copies.push(directory)
    return directory
  }

  beforeAll(async () => {
    // Migrated as ./host migrates (the options change no table): a copy of the run's template.
    database = await createHostDatabase("checkout_discounts_options")
  })

  afterAll(async () => {
    copies.forEach((directory) => fs.rmSync(directory, { recursive: true, force: true }))
    await database?.drop()
  })

  // `medusa exec` loads every module of the store, as a start does.
  it("stop the store at startup with a message naming each wrong or unknown option", () => {
    const directory = copyWith('{ maxCodesPerSession: "five", maxCodesPerSesion: 3, codeAttempts: { windowSeconds: 60 } }')
    const { status, output } = runMedusa(directory, ["exec", "./src/scripts/booted.ts"], database)
    expect(status).not.toBe(0)
    expect(output).not.toContain("HOST BOOTED")
    expect(output).toContain("Invalid options for medusa-plugin-checkout-discounts")
    expect(output).toMatch(/"maxCodesPerSession": [^;]*expected number/)
    expect(output).toContain('unknown option(s) "maxCodesPerSesion"')
    expect(output).toContain('"codeAttempts": give perSession, perClient or both')
  })

  it("stop the store at startup when a merchant link is given beside a metadata key, or names no entity", () => {
    const both = runMedusa(
      copyWith('{ merchantMetadataKey: "vendor", merchantLink: { entity: "seller" } }'),
      ["exec", "./src/scripts/booted.ts"],
      database
    )
    expect(both.status).not.toBe(0)
    expect(both.output).not.toContain("HOST BOOTED")
    expect(both.output).toContain('"merchantLink": give merchantLink or merchantMetadataKey, not both')
    const nameless = runMedusa(copyWith('{ merchantLink: { nameField: "title" } }'), ["exec", "./src/scripts/booted.ts"], database)
    expect(nameless.status).not.toBe(0)
    expect(nameless.output).toMatch(/"merchantLink\.entity": [^;]*expected string/)
  })

  it("let the store start when they are valid", () => {
    const directory = copyWith('{ defaultMerchantId: "house", maxCodesPerSession: 3 }')
    const { status, output } = runMedusa(directory, ["exec", "./src/scripts/booted.ts"], database)
    expect(output).toContain("HOST BOOTED")
    expect(status).toBe(0)
  })
})
