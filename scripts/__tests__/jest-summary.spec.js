const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawnSync } = require("child_process")
const JestCountReporter = require("../jest-count-reporter")

// What .ci/run prints at the end: the reporter's counts, then the summary's lines.

const suite = (file, displayName, counts, tests = []) => ({
  testFilePath: path.join("/project", file),
  displayName,
  numPassingTests: counts.passed ?? 0,
  numFailingTests: counts.failed ?? 0,
  numPendingTests: counts.skipped ?? 0,
  numTodoTests: 0,
  testResults: tests,
})

describe("the closing lines of a test run", () => {
  let directory
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "jest-summary-"))
  })
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }))

  const report = (suites) => {
    const outputFile = path.join(directory, "counts.json")
    new JestCountReporter({ rootDir: "/project" }, { outputFile }).onRunComplete([], {
      testResults: suites,
      numPassedTests: suites.reduce((sum, each) => sum + each.numPassingTests, 0),
      numFailedTests: suites.reduce((sum, each) => sum + each.numFailingTests, 0),
      numPendingTests: suites.reduce((sum, each) => sum + each.numPendingTests, 0),
      numTodoTests: 0,
    })
    return outputFile
  }
  const summary = (file, ...args) =>
    spawnSync(process.execPath, [path.join(__dirname, "../jest-summary.js"), file, ...args], { encoding: "utf-8" })

  it("say how many tests were skipped and where, before the closing line", () => {
    const file = report([
      suite("src/a.unit.spec.ts", "unit", { passed: 12 }),
      suite("integration-tests/browser/admin-coupons.spec.ts", "browser", { skipped: 7 }),
      suite("integration-tests/concurrency/coupon-usage-limit.spec.ts", "concurrency", { passed: 1 }),
      suite("integration-tests/http/cart-session-processes.spec.ts", "http", { passed: 2, skipped: 2 }),
    ])

    const { stdout, status } = summary(file, "--require-project", "concurrency")

    expect(stdout.trim().split("\n")).toEqual([
      "concurrency: 1 passed, 0 failed, 0 skipped",
      "skipped: 9 (integration-tests/browser/admin-coupons.spec.ts: 7, integration-tests/http/cart-session-processes.spec.ts: 2)",
      "15 passed, 0 failed",
    ])
    expect(status).toBe(0)
  })

  it("say skipped: 0 when nothing was skipped, and fail the run on a failure", () => {
    const file = report([
      suite("src/a.unit.spec.ts", "unit", { passed: 3, failed: 1 }, [
        { status: "failed", ancestorTitles: ["pricing"], title: "rounds half away from zero" },
      ]),
    ])

    const { stdout, status } = summary(file)

    expect(stdout.trim().split("\n")).toEqual([
      "failed: src/a.unit.spec.ts › pricing › rounds half away from zero",
      "skipped: 0",
      "3 passed, 1 failed",
    ])
    expect(status).toBe(1)
  })

  it("fail the run when a required project only skipped its tests", () => {
    const file = report([
      suite("src/a.unit.spec.ts", "unit", { passed: 3 }),
      suite("integration-tests/concurrency/coupon-usage-limit.spec.ts", "concurrency", { skipped: 1 }),
    ])

    const { stdout, status } = summary(file, "--require-project", "concurrency")

    expect(stdout).toContain("project concurrency ran no test\n")
    expect(status).toBe(1)
  })
})
