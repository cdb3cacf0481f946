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
 * Whether two values are the same JSON whatever their keys' order (canonicalJson(left) ===
 * canonicalJson(right)), compared in place: it stops at the first difference and builds no string of
 * either side. A change compares the session before and after it (and each of its rows); at 200 lines,
 * writing both out in canonical form was a few milliseconds of every change that changed something.
 */
export function sameJson(left: unknown, right: unknown): boolean {
  if (left === right) {
    return true
  }
  const l = jsonOf(left)
  const r = jsonOf(right)
  if (l === null || r === null || typeof l !== "object" || typeof r !== "object") {
    // What JSON makes of a value that is not an object: undefined, a function or a symbol in an array is null.
    return (JSON.stringify(l) ?? "null") === (JSON.stringify(r) ?? "null")
  }
  if (Array.isArray(l) || Array.isArray(r)) {
    if (!Array.isArray(l) || !Array.isArray(r) || l.length !== r.length) {
      return false
    }
    for (let index = 0; index < l.length; index++) {
      if (!sameJson(l[index], r[index])) {
        return false
      }
    }
    return true
  }
  const leftObject = l as Record<string, unknown>
  const rightObject = r as Record<string, unknown>
  let leftKeys = 0
  for (const name of Object.keys(leftObject)) {
    const value = leftObject[name]
    if (value === undefined) {
      continue
    }
    leftKeys++
    if (rightObject[name] === undefined || !Object.prototype.hasOwnProperty.call(rightObject, name) || !sameJson(value, rightObject[name])) {
      return false
    }
  }
  let rightKeys = 0
  for (const name of Object.keys(rightObject)) {
    if (rightObject[name] !== undefined) {
      rightKeys++
    }
  }
  return leftKeys === rightKeys
}

/** A value as JSON.stringify sees it first: through its toJSON (a Date is its ISO string). */
function jsonOf(value: unknown): unknown {
  return value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function"
    ? (value as { toJSON: () => unknown }).toJSON()
    : value
}
