import { errorHandler } from "@medusajs/framework/http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/** A UTF-16 surrogate without its other half: no UTF-8 text holds it, and PostgreSQL's jsonb refuses its escape. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

type Problem = "nul" | "surrogate"

function problemIn(text: string): Problem | undefined {
  if (text.includes("\u0000")) return "nul"
  return UNPAIRED_SURROGATE.test(text) ? "surrogate" : undefined
}

/** Where in a JSON value the first character the database cannot store sits ("items.0.variant_id"), and which. */
export function findInvalidCharacter(value: unknown, path: string[] = []): { path: string[]; problem: Problem } | undefined {
  if (typeof value === "string") {
    const problem = problemIn(value)
    return problem ? { path, problem } : undefined
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const problem = problemIn(key)
      if (problem) {
        return { path: [...path, key], problem }
      }
      const found = findInvalidCharacter(child, [...path, key])
      if (found) {
        return found
      }
    }
  }
  return undefined
}

/**
 * Where in a parsed body or query an object has its own `toString` or `valueOf` key: such an object
 * cannot be turned into text, and the host's validators do so to word their message (a 500).
 */
export function findUnprintableObject(value: unknown, path: string[] = []): string[] | undefined {
  if (value === null || typeof value !== "object") return undefined
  for (const [key, child] of Object.entries(value)) {
    if (!Array.isArray(value) && (key === "toString" || key === "valueOf")) return [...path, key]
    const found = findUnprintableObject(child, [...path, key])
    if (found) return found
  }
  return undefined
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

const MESSAGES: Record<Problem, string> = {
  nul: "must not contain NUL characters (\\u0000)",
  surrogate: "must not contain an unpaired UTF-16 surrogate (\\ud800-\\udfff)",
}

function refuseInvalidCharacters(res: MedusaResponse, message: string) {
  res.status(400).json({ type: "invalid_data", code: "INVALID_CHARACTERS", message })
}

const undecodablePathMessage = (path: string) =>
  `The path ${JSON.stringify(path.slice(0, 200))} is not valid percent-encoded UTF-8`

/**
 * PostgreSQL cannot store a NUL character in text, nor an unpaired surrogate in
 * jsonb, and the host's router answers a path that is not valid percent-encoding
 * with a 500 when it decodes a route parameter. Each would fail deep in the
 * request; refuse it up front with a 400 INVALID_CHARACTERS naming where it was.
 * An object with its own `toString` or `valueOf` key would fail the host's
 * validators as they word their message: a 400 in their shape.
 */
export function rejectInvalidCharacters(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const [pathPart, queryPart = ""] = req.originalUrl.split("?")
  const path = decoded(pathPart)
  const refuse = (message: string) => refuseInvalidCharacters(res, message)
  if (path === undefined) {
    return refuse(undecodablePathMessage(pathPart))
  }
  let found: { field: string; problem: Problem } | undefined
  const inPath = problemIn(path)
  const inQuery = problemIn(decoded(queryPart) ?? queryPart) ?? findInvalidCharacter(req.query)?.problem
  if (inPath) {
    found = { field: "path", problem: inPath }
  } else if (inQuery) {
    found = { field: "query", problem: inQuery }
  } else {
    const inBody = findInvalidCharacter(req.body)
    found = inBody && { field: inBody.path.join(".") || "body", problem: inBody.problem }
  }
  if (found) {
    return refuse(`Field '${found.field}' ${MESSAGES[found.problem]}`)
  }
  const unprintable = findUnprintableObject(req.query) ?? findUnprintableObject(req.body)
  if (unprintable) {
    // The host's validator shape (docs/errors.md): a field it cannot take.
    return res.status(400).json({
      type: "invalid_data",
      message: `Invalid request: Field '${unprintable.join(".")}' is not accepted (an object may not have its own toString or valueOf)`,
    })
  }
  next()
}

/**
 * The host's error handler, but for a path under `prefixes` that the router could not decode: the
 * host's own middleware on every `/admin*` path decodes it before any of the plugin's middlewares
 * run, and its failure (a URIError the router marks 400) would otherwise answer a 500. Everything
 * else goes to the host's handler unchanged; a store that sets its own `errorHandler` replaces this one.
 */
export function undecodablePathErrorHandler(prefixes: string[]) {
  const hostHandler = errorHandler()
  return (error: any, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const path = req.originalUrl.split("?")[0]
    const underPlugin = prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
    if (underPlugin && error instanceof URIError && (error as { status?: number }).status === 400 && !res.headersSent) {
      return refuseInvalidCharacters(res, undecodablePathMessage(path))
    }
    return hostHandler(error, req, res, next)
  }
}
