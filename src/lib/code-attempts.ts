import { isIP } from "net"
import { z } from "@medusajs/framework/zod"

/**
 * Bounds on failed code attempts (README "Code guessing", docs/errors.md):
 * the pure part — the option, what counts as a failed attempt, the client's
 * key and the words of the refusal. The counting itself is the code-attempt
 * module's (one conditional upsert per request, in the database).
 */

/** What a store may give to find a shopper's address itself (behind a CDN that names it in a header). */
export type ClientAddressFunction = (req: { ip?: string; headers: Record<string, string | string[] | undefined> }) =>
  string | string[] | null | undefined

export const codeAttemptsOptionSchema = z
  .object({
    /** Failed attempts one cart session may make in a window. */
    perSession: z.number().int().min(1).max(1_000_000).optional(),
    /** Failed attempts one client address may make in a window, over all its sessions. */
    perClient: z.number().int().min(1).max(1_000_000).optional(),
    /** How long a window lasts from its first counted failure, in seconds (default 15 minutes). */
    windowSeconds: z.number().int().min(1).max(7 * 24 * 60 * 60).default(900),
    /** The client's address from a request; default the host's `req.ip`. */
    clientAddress: z
      .custom<ClientAddressFunction>((value) => typeof value === "function", {
        message: "must be a function (req) => the client's address as a string",
      })
      .optional(),
  })
  .strict()
  .refine((option) => option.perSession !== undefined || option.perClient !== undefined, {
    message: "give perSession, perClient or both (leave codeAttempts out to count nothing)",
  })

export type CodeAttemptsOption = z.infer<typeof codeAttemptsOptionSchema>

export type CodeAttemptScope = "session" | "client"

/** One counter a request is counted on: a session or a client address, and its limit. */
export type CodeAttemptSubject = { scope: CodeAttemptScope; subject: string; limit: number }

/** A code's status after the request, as the session (or preview) answers it. */
export type CodeOutcome = { code: string | null; status: string }

/**
 * How many of the codes a request named failed: a code fails when it is
 * `INVALID` — no such code (or a deactivated one, or one several merchants
 * share given without a merchant), the answer a guesser learns from. A code
 * that exists answers another status (not started, expired, not eligible…):
 * the code is real, so it is a hit, not a miss, and an honest shopper meets
 * those every day. A code counts as failed when every row of it in the answer
 * is INVALID (compared ignoring case); a code the answer does not carry is not counted.
 */
export function failedCodeCount(requested: string[], outcomes: CodeOutcome[]): number {
  return requested.filter((code) => {
    const rows = outcomes.filter((outcome) => outcome.code !== null && outcome.code.toLowerCase() === code.trim().toLowerCase())
    return rows.length > 0 && rows.every((row) => row.status === "INVALID")
  }).length
}

/**
 * The key a client address is counted under: an IPv4 address as it is (an
 * IPv4-mapped IPv6 address as its IPv4), an IPv6 address by its /64 (a single
 * host is usually given a whole /64, so rotating within it changes nothing).
 * Null when there is no usable address: the request is then counted per session only.
 */
export function clientKeyOf(given: string | string[] | null | undefined): string | null {
  // A header given twice arrives as a list: its first value.
  const address = Array.isArray(given) ? given[0] : given
  if (typeof address !== "string") {
    return null
  }
  const trimmed = address.trim()
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed)
  if (mapped && isIP(mapped[1]) === 4) {
    return mapped[1]
  }
  const version = isIP(trimmed.replace(/%.*$/, ""))
  if (version === 4) {
    return trimmed
  }
  if (version === 6) {
    return `${expandIpv6(trimmed.replace(/%.*$/, "")).slice(0, 4).join(":")}::/64`
  }
  // Not an IP (a store's own clientAddress may answer anything): counted as given, bounded.
  return trimmed ? trimmed.slice(0, 200) : null
}

/** The eight hextets of an IPv6 address, lower case without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase()
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number)
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null]
  const left = head ? head.split(":") : []
  const right = tail ? tail.split(":") : []
  const middle = tail === null ? [] : Array(8 - left.length - right.length).fill("0")
  return [...left, ...middle, ...right].map((part) => parseInt(part, 16).toString(16))
}

/** Whole seconds until a window that started at `windowStart` ends; at least 1. */
export function retryAfterSeconds(windowStart: Date, windowSeconds: number, now: Date): number {
  const left = (windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000
  return Math.max(1, Math.ceil(left))
}

/** The refusal's sentence: which limit, and when to try again. */
export function attemptsExceededMessage(scope: CodeAttemptScope, limit: number, windowSeconds: number, retryAfter: number): string {
  const who = scope === "session" ? "this cart session" : "this client address"
  return (
    `Too many codes that do not exist were tried from ${who} (at most ${limit} in ${describeSeconds(windowSeconds)}); ` +
    `try again in ${describeWait(retryAfter)}`
  )
}

/** A wait in words: seconds under two minutes, else minutes rounded up (Retry-After has the exact seconds). */
function describeWait(seconds: number): string {
  return seconds < 120 ? plural(seconds, "second") : describeSeconds(Math.ceil(seconds / 60) * 60)
}

function describeSeconds(seconds: number): string {
  if (seconds % 3600 === 0) {
    return plural(seconds / 3600, "hour")
  }
  if (seconds % 60 === 0) {
    return plural(seconds / 60, "minute")
  }
  return plural(seconds, "second")
}

function plural(count: number, unit: string) {
  return `${count} ${unit}${count === 1 ? "" : "s"}`
}
