const { EventEmitter } = require("events")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { groupMembers, supervise } = require("../supervisor")

jest.setTimeout(30_000)

// Small node processes standing in for the store's.
// Like `medusa develop`: forks a server and exits on SIGINT without stopping it.
const FORKS_A_SERVER = `
const { spawn } = require("child_process")
const server = spawn(process.execPath, ["-e", "process.on('SIGINT', () => process.exit(0)); setInterval(() => {}, 1000)"], { stdio: "ignore" })
console.log(JSON.stringify({ parent: process.pid, server: server.pid }))
process.on("SIGINT", () => process.exit(0))
setInterval(() => {}, 1000)
`
const IGNORES_SIGINT = `process.on("SIGINT", () => {}); console.log(JSON.stringify({ parent: process.pid })); setInterval(() => {}, 1000)`
const FAILS_SOON = `setTimeout(() => process.exit(3), 300)`

const hasProc = fs.existsSync("/proc/self/stat")

/** Whether `pid` still runs (a zombie does not, where /proc tells). */
function running(pid) {
  try {
    if (!hasProc) return process.kill(pid, 0)
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf-8")
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z"
  } catch {
    return false
  }
}

/** Starts `script` under the supervisor and resolves with the pids it prints. */
function startAndReadPids(supervisor, name, script) {
  const child = supervisor.start(name, process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] })
  return new Promise((resolve) => child.stdout.once("data", (chunk) => resolve(JSON.parse(String(chunk)))))
}

/** Supervises `main` with a fake exit and signal source; what it logged, exited with and its events. */
function superviseForTest(main, options = {}) {
  const events = new EventEmitter()
  const logs = []
  let exitedWith
  const exitCode = supervise(main, {
    stopTimeoutMs: 2_000,
    exit: (code) => (exitedWith = code),
    events,
    log: (message) => logs.push(message),
    ...options,
  })
  return { events, logs, exitCode, exited: () => exitedWith }
}


describe("the demo's supervisor", () => {
  const leftovers = []
  afterAll(() => {
    for (const pid of leftovers) {
      try {
        process.kill(pid, "SIGKILL")
      } catch {
        // gone
      }
    }
  })

  it("stops every other process group, forks included, then the cleanups, when one process fails", async () => {
    let pids
    const order = []
    const { exitCode, logs, exited } = superviseForTest(async (supervisor) => {
      supervisor.onStop(() => order.push(`database stopped; server running: ${running(pids.server)}`))
      pids = await startAndReadPids(supervisor, "store", FORKS_A_SERVER)
      leftovers.push(pids.parent, pids.server)
      expect(running(pids.server)).toBe(true)
      supervisor.start("worker", process.execPath, ["-e", FAILS_SOON], { stdio: "ignore" })
    })

    expect(await exitCode).toBe(3)
    expect(exited()).toBe(3)
    expect(logs[0]).toBe("worker ended (exit code 3); stopping everything")
    expect(running(pids.parent)).toBe(false)
    expect(running(pids.server)).toBe(false)
    expect(order).toEqual(["database stopped; server running: false"])
  })

  it("finish stops every process group, forks included, then the cleanups, and exits 0 (1 when a cleanup fails)", async () => {
    for (const [failingCleanup, code] of [[false, 0], [true, 1]]) {
      let pids
      const order = []
      const { exitCode, logs } = superviseForTest(async (supervisor) => {
        supervisor.onStop(() => order.push(`database dropped; server running: ${running(pids.server)}`))
        if (failingCleanup) supervisor.onStop(() => Promise.reject(new Error("drop failed")))
        pids = await startAndReadPids(supervisor, "store", FORKS_A_SERVER)
        leftovers.push(pids.parent, pids.server)
        supervisor.finish()
      })

      expect(await exitCode).toBe(code)
      expect(running(pids.parent)).toBe(false)
      expect(running(pids.server)).toBe(false)
      expect(order).toEqual(["database dropped; server running: false"])
      expect(logs.some((line) => line.includes("ended"))).toBe(false)
    }
  })

  it("stops one process group on purpose, forks included, while the others run on, and that is no failure", async () => {
    let stopped
    let kept
    let runningAfterStop
    const { exitCode, logs } = superviseForTest(async (supervisor) => {
      const child = supervisor.start("first store", process.execPath, ["-e", FORKS_A_SERVER], { stdio: ["ignore", "pipe", "inherit"] })
      stopped = await new Promise((resolve) => child.stdout.once("data", (chunk) => resolve(JSON.parse(String(chunk)))))
      kept = await startAndReadPids(supervisor, "second store", FORKS_A_SERVER)
      leftovers.push(stopped.parent, stopped.server, kept.parent, kept.server)
      await supervisor.stop(child)
      runningAfterStop = [running(stopped.parent), running(stopped.server), running(kept.parent), running(kept.server)]
      await new Promise((resolve) => setTimeout(resolve, 300)) // the first group's exit events come and go
      supervisor.finish()
    })

    expect(await exitCode).toBe(0)
    expect(runningAfterStop).toEqual([false, false, true, true])
    expect(running(kept.parent)).toBe(false)
    expect(logs.some((line) => line.includes("ended"))).toBe(false)
  })

  it("stops every process group and exits 1 when a step fails after they started", async () => {
    let pids
    const { exitCode, logs } = superviseForTest(async (supervisor) => {
      pids = await startAndReadPids(supervisor, "store", FORKS_A_SERVER)
      leftovers.push(pids.parent, pids.server)
      throw new Error("nothing answered /health")
    })

    expect(await exitCode).toBe(1)
    expect(logs[0]).toMatch(/^Error: nothing answered \/health/)
    expect(running(pids.parent)).toBe(false)
    expect(running(pids.server)).toBe(false)
  })

  it("stops everything on SIGTERM and exits 143, and on SIGINT with 130", async () => {
    for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]]) {
      let cleanedUp = false
      const started = {}
      const { events, exitCode } = superviseForTest(async (supervisor) => {
        supervisor.onStop(() => (cleanedUp = true))
        Object.assign(started, await startAndReadPids(supervisor, "store", FORKS_A_SERVER))
        leftovers.push(started.parent, started.server)
      })
      while (!started.server) await new Promise((resolve) => setTimeout(resolve, 20))

      events.emit(signal)

      expect(await exitCode).toBe(code)
      expect(cleanedUp).toBe(true)
      expect(running(started.parent)).toBe(false)
      expect(running(started.server)).toBe(false)
    }
  })

  it("stops a set-up step that is running when a signal comes, and exits once", async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "supervisor-")), "pid")
    const writesItsPid = `require("fs").writeFileSync(process.argv[1], String(process.pid)); setInterval(() => {}, 1000)`
    let step
    const exits = []
    const { events, exitCode } = superviseForTest(
      async (supervisor) => {
        step = supervisor.step("medusa db:migrate", process.execPath, ["-e", writesItsPid, pidFile], { stdio: "ignore" })
        await step
      },
      { exit: (code) => exits.push(code) }
    )
    while (!fs.existsSync(pidFile) || !fs.readFileSync(pidFile, "utf-8")) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const pid = Number(fs.readFileSync(pidFile, "utf-8"))
    leftovers.push(pid)

    events.emit("SIGTERM")

    expect(await exitCode).toBe(143)
    await expect(step).rejects.toThrow("medusa db:migrate failed (signal SIGINT)")
    expect(running(pid)).toBe(false)
    expect(exits).toEqual([143])
    fs.rmSync(path.dirname(pidFile), { recursive: true, force: true })
  })

  it("starts nothing once stopping has begun (a step awaited when the signal came)", async () => {
    let release
    let finished
    const refusals = new Promise((resolve) => (finished = resolve))
    const { events, exitCode } = superviseForTest(async (supervisor) => {
      await new Promise((resolve) => (release = resolve)) // e.g. a database query
      const step = await supervisor.step("medusa db:migrate", process.execPath, ["-e", ""]).catch((error) => error.message)
      let start
      try {
        supervisor.start("medusa develop", process.execPath, ["-e", ""])
      } catch (error) {
        start = error.message
      }
      finished({ step, start })
    })
    while (!release) await new Promise((resolve) => setTimeout(resolve, 10))

    events.emit("SIGINT")
    release()

    expect(await exitCode).toBe(130)
    expect(await refusals).toEqual({
      step: "not running medusa db:migrate: stopping",
      start: "not starting medusa develop: stopping",
    })
  })

  it("rejects a failing set-up step with its output", async () => {
    let failure
    const { exitCode } = superviseForTest(async (supervisor) => {
      failure = await supervisor
        .step("medusa plugin:build", process.execPath, ["-e", "console.error('error TS2322'); process.exit(2)"], {
          stdio: ["ignore", "pipe", "pipe"],
        })
        .catch((error) => error)
      throw failure
    })
    expect(await exitCode).toBe(1)
    expect(failure.message).toBe("medusa plugin:build failed (exit code 2)")
    expect(failure.output).toBe("error TS2322\n")
  })

  it("exits non-zero when a process ends with code 0 on its own (the store is meant to run until stopped)", async () => {
    const { exitCode, logs } = superviseForTest(async (supervisor) => {
      supervisor.start("store", process.execPath, ["-e", ""], { stdio: "ignore" })
    })
    expect(await exitCode).toBe(1)
    expect(logs[0]).toBe("store ended (exit code 0); stopping everything")
  })

  it("kills a group that ignores SIGINT once the stop timeout has passed", async () => {
    let pids
    const started = Date.now()
    const { exitCode } = superviseForTest(
      async (supervisor) => {
        pids = await startAndReadPids(supervisor, "stubborn", IGNORES_SIGINT)
        leftovers.push(pids.parent)
        throw new Error("step failed")
      },
      { stopTimeoutMs: 500 }
    )
    expect(await exitCode).toBe(1)
    expect(running(pids.parent)).toBe(false)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it("lists the live processes of a group, forks included", async () => {
    let pids
    let members
    const { exitCode } = superviseForTest(async (supervisor) => {
      pids = await startAndReadPids(supervisor, "store", FORKS_A_SERVER)
      leftovers.push(pids.parent, pids.server)
      members = groupMembers(pids.parent)
      throw new Error("done")
    })
    await exitCode
    expect(members.sort()).toEqual([pids.parent, pids.server].sort())
    expect(groupMembers(pids.parent)).toEqual([])
  })
})
