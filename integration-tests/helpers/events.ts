import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

export type HeardEvent = { name: string; id: string }

/**
 * Subscribes real handlers on the host's event bus for the given events and
 * collects what they hear, in order.
 */
export function listenToEvents(container: MedusaContainer, names: string[]) {
  const heard: HeardEvent[] = []
  const bus = container.resolve(Modules.EVENT_BUS)
  for (const name of names) {
    bus.subscribe(
      name,
      async (event: { name: string; data: { id: string } }) => {
        heard.push({ name: event.name, id: event.data.id })
      },
      { subscriberId: `admin-coupons-spec-${name}` }
    )
  }
  return heard
}
