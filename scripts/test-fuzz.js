#!/usr/bin/env node
// `npm run test:fuzz`: the fuzz spec (integration-tests/http/fuzz.spec.ts) alone, with 1,000 generated
// requests unless CHECKOUT_DISCOUNTS_FUZZ_RUNS says otherwise; CHECKOUT_DISCOUNTS_FUZZ_SEED replays a
// failure's seed. `npm test` (and so .ci/run) runs the same spec with a bounded count (135).
process.env.CHECKOUT_DISCOUNTS_FUZZ_RUNS ||= "1000"
process.argv.push("--selectProjects", "http", "--runTestsByPath", "integration-tests/http/fuzz.spec.ts")
require("./test.js")
