/** A code as an exact, case-insensitive LIKE pattern (codes may hold "_", a LIKE wildcard). */
export function escapeLikePattern(code: string): string {
  return code.replace(/[\\%_]/g, (character) => `\\${character}`)
}
