declare const sealedValue: unique symbol

/**
 * A session (or its answer, or the rows of a change) handed from step to step as its JSON text.
 *
 * The workflow engine copies every step's input twice, walking it object by object (it resolves the
 * input, then deep-copies it), and reading one property of a step's result (`loaded.draft`) copies the
 * whole result first. A 200-line session crossed a change's steps some fifteen times that way, two thirds
 * of what a 200-line change cost (docs/benchmarks.md). Text is handed on as it is: a step unseals what it
 * takes (one `JSON.parse`) and seals what it returns (one `JSON.stringify`). What survives is what the
 * engine's own copy keeps: JSON values (no `undefined` properties; a `Date` becomes its ISO string).
 */
export type Sealed<T> = string & { readonly [sealedValue]?: T }

export function seal<T>(value: T): Sealed<T> {
  return JSON.stringify(value) as Sealed<T>
}

/** The value again; no session (null, or absent) stays as it is. */
export function unseal<T>(sealed: Sealed<T>): T
export function unseal<T, Absent extends null | undefined>(sealed: Sealed<T> | Absent): T | Absent
export function unseal<T>(sealed: Sealed<T> | null | undefined): T | null | undefined {
  return sealed == null ? sealed : (JSON.parse(sealed) as T)
}
