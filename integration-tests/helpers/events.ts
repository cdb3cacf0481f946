import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/** An event heard: its name and its data (`{ id }` unless the event says otherwise). */
export type HeardEvent<Data = { id: string }> = { name: string } & Data

/**
 * Subscribes real handlers on the host's event bus for the given events and
 * collects what they hear, in order.
 */
export function listenToEvents<Data = { id: string }>(container: MedusaContainer, names: string[]) {
  const heard: HeardEvent<Data>[] = []
  const bus = container.resolve(Modules.EVENT_BUS)
  for (const name of names) {
    bus.subscribe(
      name,
      async (event: { name: string; data: Data }) => {
        heard.push({ name: event.name, ...event.data })
      },
      { subscriberId: `admin-coupons-spec-${name}` }
    )
  }
  return heard
}
