import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { readKnex, transactionKnex } from "../../lib/knex"
import { parsePluginOptions, PluginOptions } from "../../lib/plugin-options"
import { CartSession, CartSessionDiscount, CartSessionLineItem, CartSessionManualDiscount } from "./models"
import type { CartSessionCommit, CartSessionListFilters, CartSessionListPage, CartSessionState } from "./types"
import { selectSessionIds } from "./utils/list-sql"
import {
  expireOverdueSessions,
  markSessionsUnpriced,
  selectSessionState,
  selectSessionStates,
  writeSessionChange,
} from "./utils/sql"

/**
 * Cart sessions, their lines and discounts. Business rules live in the
 * cart-session workflows; this adds the plugin options they read and the
 * reads and writes that must be atomic: a session loaded from one snapshot,
 * a change committed in one transaction guarded by the version.
 */
class CartSessionModuleService extends MedusaService({
  CartSession,
  CartSessionLineItem,
  CartSessionDiscount,
  CartSessionManualDiscount,
}) {
  protected readonly options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  /** The plugin options (limits, session lifetime) as validated at load. */
  getOptions(): PluginOptions {
    return this.options_
  }

  /** The session with its live lines and discounts, read in one statement; null when there is none. */
  @InjectManager()
  async loadSessionState(id: string, @MedusaContext() sharedContext: Context = {}): Promise<CartSessionState | null> {
    return await selectSessionState(readKnex(sharedContext), id)
  }

  /** The session a host cart was made from at convert, with its lines and discounts; null for other carts. */
  @InjectManager()
  async loadSessionStateOfCart(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<CartSessionState | null> {
    const knex = readKnex(sharedContext)
    const row = await knex("cart_session").select("id").where("converted_cart_id", cartId).whereNull("deleted_at").first()
    return row ? await selectSessionState(knex, row.id) : null
  }

  /**
   * A page of sessions matching the filters, each read as `loadSessionState`
   * reads one (all of them in one statement), and how many match.
   */
  @InjectManager()
  async listSessionStates(
    filters: CartSessionListFilters,
    page: CartSessionListPage,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ sessions: CartSessionState[]; count: number }> {
    const knex = readKnex(sharedContext)
    const { ids, count } = await selectSessionIds(knex, filters, page, new Date())
    return { sessions: await selectSessionStates(knex, ids), count }
  }

  /**
   * Writes a change in one transaction if the session is still at
   * `expected_version`; false (nothing written) when it is not.
   */
  @InjectTransactionManager()
  async commitSessionChange(change: CartSessionCommit, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    return await writeSessionChange(transactionKnex(sharedContext, "commitSessionChange"), change)
  }

  /** Open sessions among `ids` back to unpriced, their codes PENDING; returns the ids marked. */
  @InjectTransactionManager()
  async markSessionsUnpriced(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (!ids.length) {
      return []
    }
    return await markSessionsUnpriced(transactionKnex(sharedContext, "markSessionsUnpriced"), ids, new Date())
  }

  /** Expires up to `limit` open sessions whose expiry is at or before `now`; returns their ids. */
  @InjectManager()
  async expireOverdueSessions(now: Date, limit: number, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return await expireOverdueSessions(readKnex(sharedContext), now, limit)
  }
}

export default CartSessionModuleService
