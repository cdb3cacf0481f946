const { inCi, needs } = require("../prerequisites")

/** Stand-ins for jest's describe / it that record what a spec would declare. */
function fakeJest() {
  const declared = []
  const describe = (name, body) => {
    declared.push(["describe", name])
    body?.()
  }
  const it = (name, test) => declared.push(["it", name, test])
  describe.skip = (name) => declared.push(["describe.skip", name])
  it.skip = (name) => declared.push(["it.skip", name])
  return { jest: { describe, it }, declared }
}

describe("a test's prerequisite", () => {
  it("counts as CI when CI is set to anything but empty, 0 or false", () => {
    expect([undefined, "", "0", "false", "FALSE", "true", "1", "yes"].map((CI) => inCi({ CI }))).toEqual([
      false, false, false, false, false, true, true, true,
    ])
  })

  it("changes nothing when it is there", () => {
    const { jest, declared } = fakeJest()
    const tests = needs("Chromium", null, { env: { CI: "true" }, jest })
    tests.describe("admin screens", () => tests.it("shows coupons", () => {}))
    expect(declared.map(([kind, name]) => [kind, name])).toEqual([["describe", "admin screens"], ["it", "shows coupons"]])
    expect(tests.missing).toBeNull()
  })

  it("is skipped with a printed reason outside CI", () => {
    const { jest, declared } = fakeJest()
    const logs = []
    const tests = needs("Chromium", "no Chromium at /usr/bin/chromium", {
      label: "admin-coupons.spec.ts",
      env: {},
      jest,
      log: (line) => logs.push(line),
    })
    tests.describe("admin screens", () => tests.it("shows coupons", () => {}))
    expect(declared).toEqual([["describe.skip", "admin screens"]])
    expect(logs).toEqual([
      "[skipped] admin-coupons.spec.ts needs Chromium: no Chromium at /usr/bin/chromium (under CI=true this is a failure)",
    ])
  })

  it("fails under CI=true, the error naming what is missing, in place of a block or of each test", () => {
    const { jest, declared } = fakeJest()
    const tests = needs("Redis", "no Redis answered PING at redis://127.0.0.1:6379/", {
      label: "coupon-usage-limit.spec.ts",
      env: { CI: "true" },
      jest,
      log: () => {
        throw new Error("nothing is printed: it fails")
      },
    })
    tests.describe("usage limits", () => {
      throw new Error("the block's own tests are not declared")
    })
    tests.it("converts once", () => {})

    expect(declared.map(([kind, name]) => [kind, name])).toEqual([
      ["describe", "usage limits"],
      ["it", "has what it needs: Redis"],
      ["it", "converts once"],
    ])
    for (const [, , test] of declared.filter(([kind]) => kind === "it")) {
      expect(test).toThrow(
        "coupon-usage-limit.spec.ts needs Redis: no Redis answered PING at redis://127.0.0.1:6379/. Under CI=true"
      )
    }
  })

  it("runs as usual outside CI when the spec has a reduced form of its own, and still fails under CI", () => {
    const outside = fakeJest()
    needs("Redis", "no Redis", { otherwise: "run", env: {}, jest: outside.jest }).describe("limits", () => {})
    expect(outside.declared).toEqual([["describe", "limits"]])

    const underCi = fakeJest()
    needs("Redis", "no Redis", { otherwise: "run", env: { CI: "true" }, jest: underCi.jest }).describe("limits", () => {})
    expect(underCi.declared.map(([kind, name]) => [kind, name])).toEqual([
      ["describe", "limits"],
      ["it", "has what it needs: Redis"],
    ])
  })
})
