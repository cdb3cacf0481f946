import {
  createDataTableColumnHelper,
  DataTable,
  DataTablePaginationState,
  Select,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { useMemo } from "react"
import { useNavigate } from "react-router-dom"
import { CartSessionRow, useCartSessions } from "../lib/cart-session-api"
import { formatAmount, formatDateTime } from "../lib/coupon-format"
import {
  CART_SESSION_PAGE_SIZE,
  CodesFilter,
  CreatedFilter,
  SESSION_STATUSES,
  SessionStatusFilter,
  useCartSessionListParams,
} from "../lib/use-cart-session-list-params"
import { CartSessionStatusBadge } from "./cart-session-badges"

const column = createDataTableColumnHelper<CartSessionRow>()

/** "3 lines, 2 merchants". */
const contents = (row: CartSessionRow) =>
  `${row.line_count} ${row.line_count === 1 ? "line" : "lines"}, ${row.merchant_count} ${row.merchant_count === 1 ? "merchant" : "merchants"}`

/** The sessions, newest first: searchable by email or id, filtered by status, codes and age, a page at a time. */
export const CartSessionTable = () => {
  const navigate = useNavigate()
  const params = useCartSessionListParams()
  const { data, isLoading, error } = useCartSessions(params.query)

  const columns = useMemo(
    () => [
      column.accessor("id", {
        header: "Session",
        cell: ({ getValue }) => <span className="font-mono txt-compact-small">{getValue()}</span>,
      }),
      column.display({
        id: "shopper",
        header: "Shopper",
        cell: ({ row }) => row.original.email || (row.original.customer_id ? "Customer" : "Guest"),
      }),
      column.display({
        id: "status",
        header: "Status",
        cell: ({ row }) => <CartSessionStatusBadge status={row.original.status} />,
      }),
      column.display({ id: "contents", header: "Contents", cell: ({ row }) => contents(row.original) }),
      column.display({
        id: "codes",
        header: "Codes",
        cell: ({ row }) =>
          row.original.codes.map(codeWords).join(", ") || "—",
      }),
      column.display({
        id: "manual",
        header: "Manual",
        cell: ({ row }) => row.original.manual_discount_count || "—",
      }),
      column.display({
        id: "total",
        header: "Total",
        cell: ({ row }) => formatAmount(row.original.total, row.original.currency_code),
      }),
      column.accessor("created_at", { header: "Created", cell: ({ getValue }) => formatDateTime(getValue()) }),
    ],
    []
  )

  const table = useDataTable({
    data: data?.cart_sessions ?? [],
    columns,
    rowCount: data?.count ?? 0,
    getRowId: (session) => session.id,
    isLoading,
    search: { state: params.q, onSearchChange: params.setSearch },
    pagination: {
      state: { pageIndex: params.pageIndex, pageSize: CART_SESSION_PAGE_SIZE },
      onPaginationChange: (state: DataTablePaginationState) => params.setPage(state.pageIndex),
    },
    onRowClick: (_event, session) => navigate(`/cart-sessions/${session.id}`),
  })

  return (
    <DataTable instance={table}>
      <DataTable.Toolbar className="flex flex-wrap items-center justify-end gap-2">
        <Select size="small" value={params.status} onValueChange={(value) => params.setStatus(value as SessionStatusFilter)}>
          <Select.Trigger className="w-36" aria-label="Filter by status">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="all">Any status</Select.Item>
            {SESSION_STATUSES.map((status) => (
              <Select.Item key={status} value={status}>
                {status.charAt(0).toUpperCase() + status.slice(1)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        <Select size="small" value={params.codes} onValueChange={(value) => params.setCodes(value as CodesFilter)}>
          <Select.Trigger className="w-36" aria-label="Filter by codes">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="all">Any codes</Select.Item>
            <Select.Item value="with">With codes</Select.Item>
            <Select.Item value="without">Without codes</Select.Item>
          </Select.Content>
        </Select>
        <Select size="small" value={params.created} onValueChange={(value) => params.setCreated(value as CreatedFilter)}>
          <Select.Trigger className="w-40" aria-label="Filter by creation date">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="any">Created any time</Select.Item>
            <Select.Item value="day">In the last 24 hours</Select.Item>
            <Select.Item value="week">In the last 7 days</Select.Item>
            <Select.Item value="month">In the last 30 days</Select.Item>
          </Select.Content>
        </Select>
        <DataTable.Search placeholder="Search email or session id" />
      </DataTable.Toolbar>
      {error && (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          Could not load cart sessions: {error.message}
        </Text>
      )}
      <DataTable.Table
        emptyState={{
          empty: { heading: "No cart sessions", description: "Sessions appear here once shoppers start them." },
          filtered: { heading: "No matching cart sessions", description: "Try another search or filter." },
        }}
      />
      <DataTable.Pagination />
    </DataTable>
  )
}

/** "ACME5 (applied)", "WELCOME (automatic, not eligible)". */
const codeWords = (code: CartSessionRow["codes"][number]) => {
  const status = code.status.toLowerCase().replace(/_/g, " ")
  return `${code.code} (${code.type === "AUTOMATIC" ? `automatic, ${status}` : status})`
}
