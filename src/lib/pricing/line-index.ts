/** What the pricing needs of the line positions by id: a lookup. */
export type LineLookup = { get(id: string): number | undefined }

// A Map's hash table grows with it: at 10,000 lines it is about half a megabyte, which V8 allocates
// outside its young generation, on pages taken from the system afresh for every pricing; on the
// benchmark machine filling that one Map took 3 ms of a 13 ms pricing (docs/benchmarks.md). Maps of at
// most this many entries stay small enough for the young generation, which reuses its pages.
const ENTRIES_PER_SHARD = 512
const MAX_SHARDS = 64

/**
 * The position of each line by its id, kept in one Map for up to 512 lines and in up to 64 Maps (chosen
 * by two characters and the length of the id) above that. Ids are the host's (prefixed ULIDs) or the
 * caller's; a poor spread only makes some shards larger, never a lookup wrong.
 */
export class LineIndexById implements LineLookup {
  private readonly shards: Map<string, number>[]
  private readonly mask: number

  constructor(lineCount: number) {
    let shardCount = 1
    while (shardCount * ENTRIES_PER_SHARD < lineCount && shardCount < MAX_SHARDS) shardCount *= 2
    this.shards = Array.from({ length: shardCount }, () => new Map<string, number>())
    this.mask = shardCount - 1
  }

  /**
   * Adds a line's id at `index`, in one lookup; false when the id was already there (it then points at
   * `index`: the caller refuses the input).
   */
  add(id: string, index: number): boolean {
    const shard = this.shardOf(id)
    const size = shard.size
    return shard.set(id, index).size !== size
  }

  get(id: string): number | undefined {
    return this.shardOf(id).get(id)
  }

  private shardOf(id: string): Map<string, number> {
    if (this.mask === 0) return this.shards[0]
    const length = id.length
    return this.shards[(id.charCodeAt(length - 1) * 31 + id.charCodeAt(length >> 1) + length) & this.mask]
  }
}
