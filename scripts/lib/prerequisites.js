// Tests that need what a machine may lack (Chromium, Redis, running as root).
// Outside CI they are skipped with a printed reason. Under CI=true a missing
// prerequisite fails them, naming what is missing, so a CI run never passes
// with part of the suite quietly left out.

/** Whether this is a CI run: CI set to anything but "", "0" or "false" (CI services set CI=true). */
function inCi(env = process.env) {
  const value = String(env.CI ?? "").trim().toLowerCase()
  return value !== "" && value !== "0" && value !== "false"
}

/**
 * Written past jest's console, which shows nothing of a file whose tests were
 * all skipped unless run with --verbose.
 */
const printed = (line) => process.stderr.write(`${line}\n`)

/**
 * jest's `describe` and `it` for tests that need `what` (e.g. "Chromium").
 * `missing` says why it is missing, or is null when it is there: then they
 * are jest's own. When it is missing:
 * - under CI, a block is replaced by one failing test and each test fails,
 *   with an error naming `what` and `missing`;
 * - outside CI, they are `describe.skip` / `it.skip` and the reason is
 *   printed (`label` names the spec or part), unless `otherwise: "run"`: then they
 *   are jest's own, for a spec that runs a reduced form of itself and says so.
 */
function needs(
  what,
  missing,
  { label = "this spec", otherwise = "skip", env = process.env, log = printed, jest = { describe, it } } = {}
) {
  if (!missing) {
    return { describe: jest.describe, it: jest.it, missing: null }
  }
  const reason = `${label} needs ${what}: ${missing}`
  if (!inCi(env)) {
    if (otherwise === "run") {
      return { describe: jest.describe, it: jest.it, missing: reason }
    }
    log(`[skipped] ${reason} (under CI=true this is a failure)`)
    return { describe: jest.describe.skip, it: jest.it.skip, missing: reason }
  }
  const fail = () => {
    const error = new Error(`${reason}. Under CI=true a missing prerequisite fails the tests that need it instead of skipping them.`)
    error.stack = `Error: ${error.message}` // the message says it all: no code frame of this file
    throw error
  }
  return {
    describe: (name) => jest.describe(name, () => jest.it(`has what it needs: ${what}`, fail)),
    it: (name) => jest.it(name, fail),
    missing: reason,
  }
}

module.exports = { inCi, needs }
