import { PencilSquare, Trash } from "@medusajs/icons"
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
import { Coupon, Merchant, useCoupons } from "../lib/coupon-api"
import { formatCouponValue, formatUsage, formatValidity, merchantLabel } from "../lib/coupon-format"
import { COUPON_PAGE_SIZE, CouponStatusFilter, useCouponListParams } from "../lib/use-coupon-list-params"
import { CouponStatusBadge } from "./coupon-status-badge"

const ALL = "__all__"
const column = createDataTableColumnHelper<Coupon>()

type CouponTableProps = {
  merchants: Merchant[]
  onEdit: (coupon: Coupon) => void
  onDelete: (coupon: Coupon) => void
}

/** The coupons, searchable by code and name, filtered by merchant and status, a page at a time. */
export const CouponTable = ({ merchants, onEdit, onDelete }: CouponTableProps) => {
  const navigate = useNavigate()
  const params = useCouponListParams()
  const { data, isLoading, error } = useCoupons(params.query)

  const columns = useMemo(
    () => [
      column.accessor("code", {
        header: "Code",
        cell: ({ getValue }) => <span className="font-mono txt-compact-small-plus">{getValue()}</span>,
      }),
      column.accessor("name", { header: "Name", cell: ({ getValue }) => getValue() || "—" }),
      column.accessor("merchant_id", {
        header: "Merchant",
        cell: ({ getValue }) => merchantLabel(getValue(), merchants),
      }),
      column.display({ id: "value", header: "Value", cell: ({ row }) => formatCouponValue(row.original) }),
      column.display({
        id: "status",
        header: "Status",
        cell: ({ row }) => <CouponStatusBadge coupon={row.original} />,
      }),
      column.display({ id: "validity", header: "Valid", cell: ({ row }) => formatValidity(row.original) }),
      column.display({ id: "usage", header: "Usage", cell: ({ row }) => formatUsage(row.original) }),
      column.action({
        actions: [
          { label: "Edit", icon: <PencilSquare />, onClick: ({ row }) => onEdit(row.original) },
          { label: "Delete", icon: <Trash />, onClick: ({ row }) => onDelete(row.original) },
        ],
      }),
    ],
    [merchants, onEdit, onDelete]
  )

  const table = useDataTable({
    data: data?.coupons ?? [],
    columns,
    rowCount: data?.count ?? 0,
    getRowId: (coupon) => coupon.id,
    isLoading,
    search: { state: params.q, onSearchChange: params.setSearch },
    pagination: {
      state: { pageIndex: params.pageIndex, pageSize: COUPON_PAGE_SIZE },
      onPaginationChange: (state: DataTablePaginationState) => params.setPage(state.pageIndex),
    },
    onRowClick: (_event, coupon) => navigate(`/coupons/${coupon.id}`),
  })

  return (
    <DataTable instance={table}>
      <DataTable.Toolbar className="flex flex-wrap items-center justify-end gap-2">
        <Select
          size="small"
          value={params.merchant || ALL}
          onValueChange={(value) => params.setMerchant(value === ALL ? "" : value)}
        >
          <Select.Trigger className="w-48" aria-label="Filter by merchant">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ALL}>All merchants</Select.Item>
            {merchants.map((merchant) => (
              <Select.Item key={merchant.id} value={merchant.handle}>
                {merchant.name || merchant.handle}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        <Select
          size="small"
          value={params.status}
          onValueChange={(value) => params.setStatus(value as CouponStatusFilter)}
        >
          <Select.Trigger className="w-36" aria-label="Filter by status">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="all">Any status</Select.Item>
            <Select.Item value="active">Active</Select.Item>
            <Select.Item value="inactive">Inactive</Select.Item>
          </Select.Content>
        </Select>
        <DataTable.Search placeholder="Search code or name" />
      </DataTable.Toolbar>
      {error && (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          Could not load coupons: {error.message}
        </Text>
      )}
      <DataTable.Table
        emptyState={{
          empty: { heading: "No coupons", description: "Create a coupon or generate codes to see them here." },
          filtered: { heading: "No matching coupons", description: "Try another search or filter." },
        }}
      />
      <DataTable.Pagination />
    </DataTable>
  )
}
