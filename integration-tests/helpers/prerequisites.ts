// "Skip, or fail under CI" for tests that need Chromium or Redis (plain JS in scripts/lib, shared with
// the scripts' own tests).
type Needs = {
  describe: jest.Describe
  it: jest.It
  /** What is missing and why, or null. */
  missing: string | null
}

const prerequisites = require("../../scripts/lib/prerequisites") as {
  inCi: () => boolean
  needs: (
    what: string,
    missing: string | null,
    options?: { label?: string; otherwise?: "skip" | "run" }
  ) => Needs
}

/** Whether this is a CI run (CI=true): a missing prerequisite then fails the tests that need it. */
export const inCi = prerequisites.inCi

/**
 * jest's `describe` and `it` for tests that need `what`, given why it is
 * missing (`missing`, null when it is there): skipped with a printed reason
 * outside CI, failing with that reason under CI=true.
 */
export const needs = prerequisites.needs
