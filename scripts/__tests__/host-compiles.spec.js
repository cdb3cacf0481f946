// The demo host (host/) compiles as `medusa build` compiles it, so a production store is one `medusa build`
// away (bench:http builds it so; a type error there once stopped the build while every test passed: the
// tests load the host's files through swc, which checks no types). Its routes, scripts and storefront API
// are type-checked with host/tsconfig.json.
const { spawnSync } = require("child_process")
const path = require("path")

const projectRoot = path.resolve(__dirname, "../..")

jest.setTimeout(120_000)

test("host/ type-checks with its tsconfig (what medusa build compiles)", () => {
  const tsc = path.join(projectRoot, "node_modules", ".bin", "tsc")
  const result = spawnSync(tsc, ["--noEmit", "-p", path.join(projectRoot, "host", "tsconfig.json")], {
    cwd: projectRoot,
    encoding: "utf-8",
  })
  expect({ status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({ status: 0, output: "" })
})
