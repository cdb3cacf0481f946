// Six projects, one run: pure unit tests, module integration tests
// (moduleIntegrationTestRunner), HTTP tests that boot the host with the
// built plugin (medusaIntegrationTestRunner), tests of the test tooling in
// scripts/, browser tests of the admin screens (a real store under
// `medusa develop`, driven by headless Chromium) and concurrency tests
// (several `medusa start` processes of the host on one database).
// The database comes from scripts/test.js, which starts an embedded
// PostgreSQL when none is reachable.
const path = require("path")

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true } } },
  ],
}

const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: [
    "<rootDir>/.medusa/",
    "<rootDir>/host/.medusa/",
    "<rootDir>/integration-tests/hosts/[^/]+/.medusa/",
    "<rootDir>/.data/",
  ],
}

// `npm run bench:rules` adds the benchmarks' project (bench/*.bench.spec.ts): they print figures and
// are never part of `npm test`.
const benchProjects = process.env.CHECKOUT_DISCOUNTS_BENCH_LOG
  ? [{ ...common, displayName: "bench", testMatch: ["<rootDir>/bench/**/*.bench.spec.[jt]s"], setupFiles: ["<rootDir>/integration-tests/setup.js"] }]
  : []

module.exports = {
  // Every HTTP spec boots a host in the process that runs it, and not all of a host's memory comes back
  // when it stops: a run of every spec outgrew a 4 GB heap. Past this much after a spec file, the
  // worker is replaced by a fresh one (and jest always runs specs in a worker, even with one CPU).
  workerIdleMemoryLimit: "1536MB",
  // jest's default is one worker less than the CPUs: one worker on the 2 CPUs of CI, so the run was
  // serial while a spec waited on PostgreSQL or on the server processes it started. Two workers keep
  // both CPUs busy; a worker holds one booted host at a time (under the limit above), so memory
  // stays near 2 × 1.5 GB. `npm test -- --maxWorkers=N` overrides it.
  maxWorkers: 2,
  // The longest spec files first (scripts/test-durations.json), so that the end of the run is short files
  // on both workers: see scripts/jest-sequencer.js.
  testSequencer: path.join(__dirname, "scripts/jest-sequencer.js"),
  // The counts .ci/run closes with, written by a reporter of ours (see jest-count-reporter.js).
  reporters: [
    "default",
    [path.join(__dirname, "scripts/jest-count-reporter.js"), { outputFile: ".cache/jest-results.json" }],
  ],
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s"],
    },
    {
      ...common,
      displayName: "modules",
      testMatch: ["<rootDir>/src/modules/*/__tests__/**/*.spec.[jt]s"],
      testPathIgnorePatterns: ["\\.unit\\.spec\\.[jt]s$"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
    },
    {
      ...common,
      displayName: "http",
      testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
    },
    {
      // The test tooling itself (scripts/), e.g. the embedded PostgreSQL started as root.
      ...common,
      displayName: "scripts",
      testMatch: ["<rootDir>/scripts/**/__tests__/**/*.spec.js"],
    },
    {
      // Headless Chromium against `medusa develop` in ./host; skipped when there is no Chromium.
      ...common,
      displayName: "browser",
      testMatch: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s"],
    },
    {
      // Checkouts at once against two server processes and a worker (Redis), or two shared processes.
      ...common,
      displayName: "concurrency",
      testMatch: ["<rootDir>/integration-tests/concurrency/**/*.spec.ts"],
    },
    ...benchProjects,
  ],
}
