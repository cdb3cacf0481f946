import { randomBytes } from "crypto"

/** Crockford's base 32, as ULIDs spell it. */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/**
 * `count` ids `prefix_<ULID>` (the host's `generateEntityId` shape: 10 characters of time, 16 of
 * randomness), drawn in bulk. The host's draws each random character with a call of its own to the
 * crypto RNG (16 calls an id): 100,000 ids took 13 s on a busy 2-core machine, more than inserting
 * the rows. Here the time is spelled once and the 80 random bits of every id come from one buffer.
 */
export function entityIds(prefix: string, count: number, now = Date.now()): string[] {
  let time = ""
  for (let rest = now, position = 0; position < 10; position++) {
    time = CROCKFORD[rest % 32] + time
    rest = Math.floor(rest / 32)
  }
  const bytes = randomBytes(count * 16)
  const ids: string[] = new Array(count)
  for (let index = 0; index < count; index++) {
    let random = ""
    for (let offset = index * 16; offset < index * 16 + 16; offset++) {
      // 256 is a multiple of 32: every character equally likely.
      random += CROCKFORD[bytes[offset] % 32]
    }
    ids[index] = `${prefix}_${time}${random}`
  }
  return ids
}
