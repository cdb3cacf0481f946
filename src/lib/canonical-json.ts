/** JSON with object keys sorted at every depth, so key order never matters. */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === "object" && typeof (value as any).toJSON === "function") {
    return canonicalJson((value as any).toJSON())
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .filter((name) => (value as Record<string, unknown>)[name] !== undefined)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson((value as Record<string, unknown>)[name])}`)
    return `{${entries.join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

/**
 * Whether two values are the same JSON whatever their keys' order: JSON.stringify's (native) answer when
 * the keys come in the same order, which is the common case, else canonicalJson's.
 */
export function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right) || canonicalJson(left) === canonicalJson(right)
}
