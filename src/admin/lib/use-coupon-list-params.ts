import { useEffect, useState } from "react"
import { useSearchParams } from "react-router-dom"
import type { CouponListParams } from "./coupon-api"

export const COUPON_PAGE_SIZE = 20

export type CouponStatusFilter = "all" | "active" | "inactive"

type ListState = { q: string; merchant: string; status: CouponStatusFilter; offset: number }

function readState(params: URLSearchParams): ListState {
  const status = params.get("status")
  return {
    q: params.get("q") ?? "",
    merchant: params.get("merchant") ?? "",
    status: status === "active" || status === "inactive" ? status : "all",
    offset: Math.max(0, Number(params.get("offset")) || 0),
  }
}

function writeState(state: ListState): URLSearchParams {
  const params = new URLSearchParams()
  if (state.q) params.set("q", state.q)
  if (state.merchant) params.set("merchant", state.merchant)
  if (state.status !== "all") params.set("status", state.status)
  if (state.offset) params.set("offset", String(state.offset))
  return params
}

/**
 * The list's search, filters and page. Kept in React state (several can change
 * in one tick, e.g. a search also going back to the first page) and mirrored
 * into the address (`?q=&merchant=&status=&offset=`), which a reload or a
 * shared link starts from.
 */
export function useCouponListParams() {
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

  const query: CouponListParams = {
    q: state.q || undefined,
    merchant_id: state.merchant || undefined,
    is_active: state.status === "all" ? undefined : state.status === "active",
    limit: COUPON_PAGE_SIZE,
    offset: state.offset,
  }

  return {
    ...state,
    pageIndex: Math.floor(state.offset / COUPON_PAGE_SIZE),
    query,
    setSearch: (q: string) => filter({ q }),
    setMerchant: (merchant: string) => filter({ merchant }),
    setStatus: (status: CouponStatusFilter) => filter({ status }),
    setPage: (pageIndex: number) =>
      setState((previous) => ({ ...previous, offset: pageIndex * COUPON_PAGE_SIZE })),
  }
}
