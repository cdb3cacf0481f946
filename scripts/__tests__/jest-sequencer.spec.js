const fs = require("fs")
const path = require("path")
const { DURATIONS_FILE, longestFirst } = require("../jest-sequencer")

const root = path.resolve(__dirname, "../..")

describe("the spec files' order (scripts/jest-sequencer.js)", () => {
  it("runs the longest first, a file the table does not know before all, and equal ones by path", () => {
    const seconds = { "a.spec.ts": 10, "b.spec.ts": 90, "c.spec.ts": 10, "d.spec.ts": 40 }
    const tests = ["a", "b", "c", "d", "new"].map((name) => ({ path: path.join(root, `${name}.spec.ts`) }))

    const order = longestFirst(tests, seconds, root).map((test) => path.basename(test.path))

    expect(order).toEqual(["new.spec.ts", "b.spec.ts", "d.spec.ts", "a.spec.ts", "c.spec.ts"])
  })

  it("has a table of existing files, each with its seconds (npm run test:durations rewrites it)", () => {
    const { seconds } = JSON.parse(fs.readFileSync(DURATIONS_FILE, "utf8"))
    const entries = Object.entries(seconds)
    expect(entries.length).toBeGreaterThan(50)
    expect(entries.filter(([file]) => !fs.existsSync(path.join(root, file)))).toEqual([])
    expect(entries.filter(([, value]) => !Number.isFinite(value) || value < 0)).toEqual([])
  })
})
