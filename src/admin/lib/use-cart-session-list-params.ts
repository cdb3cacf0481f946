import { useEffect, useMemo, useState } from "react"
import { useSearchParams } from "react-router-dom"
import type { CartSessionListParams } from "./cart-session-api"

export const CART_SESSION_PAGE_SIZE = 20

export const SESSION_STATUSES = ["open", "converted", "expired", "cancelled"] as const
export type SessionStatusFilter = "all" | (typeof SESSION_STATUSES)[number]
export type CodesFilter = "all" | "with" | "without"
/** How far back the sessions were created. */
export type CreatedFilter = "any" | "day" | "week" | "month"

const CREATED_DAYS: Record<Exclude<CreatedFilter, "any">, number> = { day: 1, week: 7, month: 30 }

type ListState = { q: string; status: SessionStatusFilter; codes: CodesFilter; created: CreatedFilter; offset: number }

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback
}

function readState(params: URLSearchParams): ListState {
  return {
    q: params.get("q") ?? "",
    status: oneOf(params.get("status"), ["all", ...SESSION_STATUSES], "all"),
    codes: oneOf(params.get("codes"), ["all", "with", "without"], "all"),
    created: oneOf(params.get("created"), ["any", "day", "week", "month"], "any"),
    offset: Math.max(0, Number(params.get("offset")) || 0),
  }
}

function writeState(state: ListState): URLSearchParams {
  const params = new URLSearchParams()
  if (state.q) params.set("q", state.q)
  if (state.status !== "all") params.set("status", state.status)
  if (state.codes !== "all") params.set("codes", state.codes)
  if (state.created !== "any") params.set("created", state.created)
  if (state.offset) params.set("offset", String(state.offset))
  return params
}

/** The API's query for the list state; `now` fixes the start of a "created within" window. */
export function cartSessionListQuery(state: ListState, now: number): CartSessionListParams {
  return {
    q: state.q || undefined,
    status: state.status === "all" ? undefined : state.status,
    has_codes: state.codes === "all" ? undefined : state.codes === "with",
    "created_at[$gte]":
      state.created === "any" ? undefined : new Date(now - CREATED_DAYS[state.created] * 86_400_000).toISOString(),
    limit: CART_SESSION_PAGE_SIZE,
    offset: state.offset,
  }
}

/**
 * The session list's search, filters and page, kept in React state and
 * mirrored into the address (`?q=&status=&codes=&created=&offset=`), which a
 * reload or a shared link starts from.
 */
export function useCartSessionListParams() {
  const [searchParams, setSearchParams] = useSearchParams()
  const [state, setState] = useState(() => readState(searchParams))

  useEffect(() => {
    setSearchParams(writeState(state), { replace: true })
    // Only the state drives the address; the address is read once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state])

  /** Any change but the page's goes back to the first page. */
  const filter = (changes: Partial<Omit<ListState, "offset">>) =>
    setState((previous) => ({ ...previous, ...changes, offset: 0 }))

  // The window's start moves only when the filter changes, so the query (and its cache key) stays put.
  const query = useMemo(() => cartSessionListQuery(state, Date.now()), [state])

  return {
    ...state,
    pageIndex: Math.floor(state.offset / CART_SESSION_PAGE_SIZE),
    query,
    setSearch: (q: string) => filter({ q }),
    setStatus: (status: SessionStatusFilter) => filter({ status }),
    setCodes: (codes: CodesFilter) => filter({ codes }),
    setCreated: (created: CreatedFilter) => filter({ created }),
    setPage: (pageIndex: number) =>
      setState((previous) => ({ ...previous, offset: pageIndex * CART_SESSION_PAGE_SIZE })),
  }
}
