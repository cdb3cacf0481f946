import { decodeTime, ulid } from "ulid"
import { entityIds } from "../entity-ids"

describe("entityIds", () => {
  it("draws count ids of the host's shape: prefix, 10 characters of time, 16 random, Crockford base 32", () => {
    const ids = entityIds("cpn", 10_000)
    expect(ids).toHaveLength(10_000)
    ids.forEach((id) => expect(id).toMatch(/^cpn_[0-9A-HJKMNP-TV-Z]{26}$/))
    expect(new Set(ids).size).toBe(10_000)
    expect(ulid()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
  })

  it("spells the time as a ULID does, so ids made later sort after", () => {
    const at = Date.UTC(2026, 11, 6, 16, 30, 0, 123)
    const [id] = entityIds("cpn", 1, at)
    expect(decodeTime(id.slice(4))).toBe(at)
    expect(entityIds("cpn", 1, at + 1)[0].slice(4, 14) > id.slice(4, 14)).toBe(true)
  })

  it("uses every character about equally often in the random part", () => {
    const counts = new Map<string, number>()
    for (const id of entityIds("x", 20_000)) {
      for (const character of id.slice(12)) {
        counts.set(character, (counts.get(character) ?? 0) + 1)
      }
    }
    expect(counts.size).toBe(32)
    // 10,000 expected each (standard deviation ~100).
    counts.forEach((count) => expect(Math.abs(count - 10_000)).toBeLessThan(600))
  })
})
