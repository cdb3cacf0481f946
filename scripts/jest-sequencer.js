// jest's order of the spec files: longest first, by the seconds each took in a full run on 2 cores
// (scripts/test-durations.json, written by `npm run test:durations` after `npm test`). The run is two
// workers each taking the next file when it is free, so starting the long files (several host
// processes, a browser store) first leaves only short ones for the end, where one worker would
// otherwise run a long file alone. jest's own order uses the durations of its cache, which a fresh
// clone (CI) does not have: it then goes by file size, and a long spec started last set the run's end.
// A file the table does not know yet (new) goes first: it may be long.
const fs = require("fs")
const path = require("path")

const Sequencer = require(require.resolve("@jest/test-sequencer", { paths: [path.dirname(require.resolve("jest"))] })).default
const DURATIONS_FILE = path.join(__dirname, "test-durations.json")

function readDurations() {
  try {
    return JSON.parse(fs.readFileSync(DURATIONS_FILE, "utf8")).seconds ?? {}
  } catch {
    return {}
  }
}

/** `tests` ({ path }) ordered by `seconds` (paths relative to `root`), longest first; unknown ones before all. */
function longestFirst(tests, seconds, root) {
  const estimate = (test) => seconds[path.relative(root, test.path).split(path.sep).join("/")] ?? Infinity
  return [...tests].sort((a, b) => estimate(b) - estimate(a) || (a.path < b.path ? -1 : 1))
}

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    return longestFirst(tests, readDurations(), path.resolve(__dirname, ".."))
  }
}

module.exports = LongestFirstSequencer
module.exports.longestFirst = longestFirst
module.exports.DURATIONS_FILE = DURATIONS_FILE
