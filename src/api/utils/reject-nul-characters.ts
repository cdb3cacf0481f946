import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/** Where in a JSON value the first NUL character sits ("items.0.variant_id"), if any. */
export function findNulCharacter(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === "string") {
    return value.includes("\u0000") ? path : undefined
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes("\u0000")) {
        return [...path, key]
      }
      const found = findNulCharacter(child, [...path, key])
      if (found) {
        return found
      }
    }
  }
  return undefined
}

function decodedOrRaw(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * PostgreSQL cannot store a NUL character in text, so one in an id, a query
 * parameter or a body field would fail deep in a query (a 500). Refuse it up
 * front with a 400 naming where it was.
 */
export function rejectNulCharacters(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const [pathPart, queryPart = ""] = req.originalUrl.split("?")
  let field: string | undefined
  if (decodedOrRaw(pathPart).includes("\u0000")) {
    field = "path"
  } else if (decodedOrRaw(queryPart).includes("\u0000")) {
    field = "query"
  } else {
    field = findNulCharacter(req.body)?.join(".")
  }
  if (field === undefined) {
    return next()
  }
  res.status(400).json({
    type: "invalid_data",
    code: "INVALID_CHARACTERS",
    message: `Field '${field || "body"}' must not contain NUL characters (\\u0000)`,
  })
}
