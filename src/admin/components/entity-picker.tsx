import { CheckMini, XMarkMini } from "@medusajs/icons"
import { Badge, Input, Text, clx } from "@medusajs/ui"
import { KeyboardEvent, useEffect, useMemo, useState } from "react"
import { EntityOption, useEntitiesByIds, useEntitySearch } from "../lib/host-entities"
import type { HostEntity } from "../lib/rule-attributes-api"

type EntityPickerProps = {
  /** The search field's id (the rule row's field, for errors and focus). */
  id: string
  entity: HostEntity
  /** A noun for the placeholder and messages: "collection". */
  label: string
  value: string[]
  onChange: (ids: string[]) => void
  /** One record only: picking another replaces it. */
  single?: boolean
  invalid?: boolean
}

/**
 * For the dialog around pickers (its `onEscapeKeyDown`): Escape in a picker whose list is open closes the
 * list only, not the dialog (the dialog hears Escape first).
 */
export function keepDialogOpenWhileListing(event: globalThis.KeyboardEvent) {
  const target = event.target as HTMLElement | null
  if (target?.getAttribute("role") === "combobox" && target.getAttribute("aria-expanded") === "true") {
    event.preventDefault()
  }
}

/** "collections", "categories". */
export const plural = (noun: string) => (/[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`)

/** Waits until typing pauses before searching the host. */
function useDebounced<Value>(value: Value, milliseconds = 250): Value {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), milliseconds)
    return () => clearTimeout(timer)
  }, [value, milliseconds])
  return settled
}

/**
 * Chooses records of the host (products, collections, customer groups…) by searching its admin API:
 * the chosen ones as removable badges named by the host, then a search field with its matches below.
 */
export const EntityPicker = ({ id, entity, label, value, onChange, single, invalid }: EntityPickerProps) => {
  const [query, setQuery] = useState("")
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  // Names of records seen in searches, so a choice is named at once without another request.
  const [seen, setSeen] = useState<Record<string, EntityOption>>({})
  const search = useDebounced(query.trim())
  const results = useEntitySearch(entity, search, open)
  const unnamed = value.filter((recordId) => !seen[recordId])
  const stored = useEntitiesByIds(entity, unnamed)

  const options = results.data ?? []
  const listId = `${id}-options`
  const named = useMemo(() => {
    const names: Record<string, EntityOption> = { ...seen }
    for (const option of stored.data ?? []) names[option.id] = option
    return names
  }, [seen, stored.data])

  useEffect(() => setActive(0), [search, entity])

  const toggle = (option: EntityOption) => {
    setSeen((previous) => ({ ...previous, [option.id]: option }))
    if (value.includes(option.id)) {
      onChange(value.filter((chosen) => chosen !== option.id))
    } else {
      onChange(single ? [option.id] : [...value, option.id])
    }
    // The list closes so it no longer covers the form; typing, a click or an arrow key opens it again.
    setQuery("")
    setOpen(false)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault()
      setOpen(true)
      const step = event.key === "ArrowDown" ? 1 : -1
      setActive((current) => (options.length ? (current + step + options.length) % options.length : 0))
    } else if (event.key === "Enter") {
      // Enter picks; it never submits the coupon form from here.
      event.preventDefault()
      if (open && options[active]) toggle(options[active])
    } else if (event.key === "Escape" && open) {
      event.stopPropagation()
      setOpen(false)
    }
  }

  const nameOf = (recordId: string) => {
    if (named[recordId]) return named[recordId].label
    return stored.isFetched ? `${recordId} (not found)` : recordId
  }

  return (
    <div className="flex flex-col gap-y-2">
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label={`Chosen ${plural(label)}`}>
          {value.map((recordId) => (
            <li key={recordId}>
              <Badge size="small" className="gap-x-1 pr-1">
                <span>{nameOf(recordId)}</span>
                <button
                  type="button"
                  className="text-ui-fg-muted hover:text-ui-fg-subtle rounded-sm"
                  aria-label={`Remove ${nameOf(recordId)}`}
                  onClick={() => onChange(value.filter((chosen) => chosen !== recordId))}
                >
                  <XMarkMini />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <div className="relative">
        <Input
          id={id}
          type="text"
          size="small"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-label={`Search ${plural(label)}`}
          aria-invalid={invalid || undefined}
          aria-activedescendant={open && options[active] ? `${listId}-${options[active].id}` : undefined}
          autoComplete="off"
          placeholder={`Search ${plural(label)}`}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value)
            setOpen(true)
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {open && (
          <div
            id={listId}
            role="listbox"
            aria-label={`Matching ${plural(label)}`}
            aria-multiselectable={!single || undefined}
            className="bg-ui-bg-base shadow-elevation-flyout absolute left-0 right-0 top-full z-10 mt-1 max-h-64 overflow-y-auto rounded-lg p-1"
          >
            {options.map((option, index) => {
              const chosen = value.includes(option.id)
              return (
                <div
                  key={option.id}
                  id={`${listId}-${option.id}`}
                  role="option"
                  aria-selected={chosen}
                  // The search field keeps the focus: the list closes on its blur.
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => toggle(option)}
                  className={clx(
                    "flex cursor-pointer items-center justify-between gap-x-2 rounded-md px-2 py-1.5",
                    index === active && "bg-ui-bg-base-hover"
                  )}
                >
                  <div className="flex min-w-0 flex-col">
                    <Text size="small" leading="compact" className="truncate">
                      {option.label}
                    </Text>
                    {option.description && (
                      <Text size="xsmall" leading="compact" className="text-ui-fg-muted truncate">
                        {option.description}
                      </Text>
                    )}
                  </div>
                  {chosen && <CheckMini className="text-ui-fg-interactive shrink-0" />}
                </div>
              )
            })}
            <PickerStatus
              loading={results.isFetching && !options.length}
              error={results.error?.message}
              empty={results.isFetched && !results.isFetching && !options.length}
              label={label}
              query={search}
            />
          </div>
        )}
      </div>
    </div>
  )
}

type PickerStatusProps = { loading: boolean; error?: string; empty: boolean; label: string; query: string }

const PickerStatus = ({ loading, error, empty, label, query }: PickerStatusProps) => {
  const message = error
    ? `Could not search: ${error}`
    : loading
      ? "Searching…"
      : empty
        ? query
          ? `No ${label} matches “${query}”.`
          : `No ${plural(label)} yet.`
        : null
  return message ? (
    <Text size="small" className={clx("px-2 py-1.5", error ? "text-ui-fg-error" : "text-ui-fg-muted")}>
      {message}
    </Text>
  ) : null
}
