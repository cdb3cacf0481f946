import type { SubscriberArgs } from "@medusajs/framework"
import { limitConcurrency } from "./concurrency"

/**
 * Handlers of the plugin's subscribers running at once in this process. The
 * host's event bus starts every handler as soon as its event is emitted; a
 * burst of events (an import, a bulk edit) must leave most of the database
 * pool (10 connections unless configured) to the requests.
 */
export const MAX_RUNNING_SUBSCRIBER_HANDLERS = 4

const runLimited = limitConcurrency(MAX_RUNNING_SUBSCRIBER_HANDLERS)

/** The handler, run through the limit every plugin subscriber shares. */
export function limitedSubscriber<T>(handler: (args: SubscriberArgs<T>) => Promise<void>) {
  return (args: SubscriberArgs<T>) => runLimited(() => handler(args))
}
