import { chunked, limitConcurrency } from "../concurrency"

/** A task that runs until `finish` is called, recording how many ran at once. */
function controlledTasks() {
  let running = 0
  let mostAtOnce = 0
  const started: number[] = []
  const finishers = new Map<number, (fail?: boolean) => void>()
  const task = (id: number) => () =>
    new Promise<number>((resolve, reject) => {
      running++
      mostAtOnce = Math.max(mostAtOnce, running)
      started.push(id)
      finishers.set(id, (fail) => {
        running--
        fail ? reject(new Error(`task ${id} failed`)) : resolve(id)
      })
    })
  const finish = async (id: number, fail = false) => {
    finishers.get(id)!(fail)
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { task, finish, started, mostAtOnce: () => mostAtOnce }
}

describe("limitConcurrency", () => {
  it("runs at most the limit at once and starts the waiting tasks in arrival order", async () => {
    const run = limitConcurrency(2)
    const { task, finish, started, mostAtOnce } = controlledTasks()
    const results = [1, 2, 3, 4, 5].map((id) => run(task(id)))
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toEqual([1, 2])

    await finish(2)
    expect(started).toEqual([1, 2, 3])
    await finish(1)
    await finish(3)
    expect(started).toEqual([1, 2, 3, 4, 5])
    await finish(4)
    await finish(5)

    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5])
    expect(mostAtOnce()).toBe(2)
  })

  it("frees the place of a task that fails and passes its error to the caller", async () => {
    const run = limitConcurrency(1)
    const { task, finish, started } = controlledTasks()
    const failing = expect(run(task(1))).rejects.toThrow("task 1 failed")
    const next = run(task(2))
    await new Promise((resolve) => setImmediate(resolve))

    await finish(1, true)
    await failing
    expect(started).toEqual([1, 2])
    await finish(2)
    expect(await next).toBe(2)
  })
})

describe("chunked", () => {
  it("slices in order, the last slice holding the rest", () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(chunked([], 3)).toEqual([])
  })
})
