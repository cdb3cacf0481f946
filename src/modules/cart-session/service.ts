import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { transactionKnex } from "../../lib/knex"
import { parsePluginOptions, PluginOptions } from "../../lib/plugin-options"
import { CartSession, CartSessionDiscount, CartSessionLineItem, CartSessionManualDiscount } from "./models"
import type { CartSessionStateRepository } from "./repositories"
import type { CartSessionCommit, CartSessionListFilters, CartSessionListPage, CartSessionState } from "./types"

type InjectedDependencies = { cartSessionStateRepository: CartSessionStateRepository }

/** A change's session was changed by someone else first (commitSessionChange answers false). */
class SessionNotAtVersion extends Error {
  constructor(id: string) {
    super(`Cart session ${id} is no longer at the version the change was decided on`)
  }
}

/**
 * Cart sessions, their lines and discounts. Business rules live in the
 * cart-session workflows; this adds the plugin options they read and the
 * reads and writes that must be atomic (the repository's SQL): a session
 * loaded from one snapshot, a change committed in one transaction guarded by
 * the version. That commit is the only way a session row changes: the
 * generated update and upsert of sessions are refused.
 */
class CartSessionModuleService extends MedusaService({
  CartSession,
  CartSessionLineItem,
  CartSessionDiscount,
  CartSessionManualDiscount,
}) {
  protected readonly options_: PluginOptions
  protected readonly states_: CartSessionStateRepository

  constructor(container: InjectedDependencies, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parsePluginOptions(options)
    this.states_ = container.cartSessionStateRepository
  }

  /** The plugin options (limits, session lifetime) as validated at load. */
  getOptions(): PluginOptions {
    return this.options_
  }

  /** The session with its live lines and discounts, read in one statement; null when there is none. */
  @InjectManager()
  async loadSessionState(id: string, @MedusaContext() sharedContext: Context = {}): Promise<CartSessionState | null> {
    return await this.states_.load(id, sharedContext)
  }

  /** The session a host cart was made from at convert, with its lines and discounts; null for other carts. */
  @InjectManager()
  async loadSessionStateOfCart(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<CartSessionState | null> {
    return await this.states_.loadOfCart(cartId, sharedContext)
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
    return await this.states_.list(filters, page, new Date(), sharedContext)
  }

  /**
   * Writes a change in one transaction if the session is still at
   * `expected_version`; false when it is not, and then nothing is written,
   * not even what `first` wrote. `first`, when given, runs on the same
   * transaction's query builder (its one connection) before the change's
   * rows (the change's idempotency key is taken with its response); what it
   * throws rolls the change back.
   */
  async commitSessionChange(
    change: CartSessionCommit,
    first?: ((transaction: Knex.Transaction) => Promise<void>) | null,
    sharedContext: Context = {}
  ): Promise<boolean> {
    try {
      await this.commitSessionChangeOrThrow_(change, first ?? null, sharedContext)
      return true
    } catch (error) {
      if (error instanceof SessionNotAtVersion) {
        return false
      }
      throw error
    }
  }

  /**
   * The transaction of commitSessionChange: a session no longer at the version throws, so that the
   * transaction rolls back what `first` wrote before the version was checked (a key taken for a change
   * that was not made would replay an answer nobody committed).
   */
  @InjectTransactionManager()
  protected async commitSessionChangeOrThrow_(
    change: CartSessionCommit,
    first: ((transaction: Knex.Transaction) => Promise<void>) | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (first) {
      await first(transactionKnex(sharedContext, "commitSessionChange"))
    }
    if (!(await this.states_.write(change, sharedContext))) {
      throw new SessionNotAtVersion(change.id)
    }
  }

  /** Open sessions among `ids` back to unpriced, their codes PENDING; returns the ids marked. */
  @InjectTransactionManager()
  async markSessionsUnpriced(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (!ids.length) {
      return []
    }
    return await this.states_.markUnpriced(ids, new Date(), sharedContext)
  }

  /**
   * Which of the given coupons (by id, or by code ignoring case) a live session discount holds: the
   * rows' coupon ids and codes, each pair once.
   */
  @InjectManager()
  async listHeldCoupons(
    couponIds: string[],
    codes: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ coupon_id: string | null; code: string | null }[]> {
    if (!couponIds.length && !codes.length) {
      return []
    }
    return await this.states_.heldCoupons(couponIds, codes, sharedContext)
  }

  /** Expires up to `limit` open sessions whose expiry is at or before `now`; returns their ids. */
  @InjectManager()
  async expireOverdueSessions(now: Date, limit: number, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return await this.states_.expireOverdue(now, limit, sharedContext)
  }

  // @ts-expect-error the generated CRUD types updateCartSessions as a property; refusing it is intended
  async updateCartSessions(..._ignored: unknown[]): Promise<never> {
    throw unguardedWrite("updateCartSessions")
  }

  async upsertCartSessions(..._ignored: unknown[]): Promise<never> {
    throw unguardedWrite("upsertCartSessions")
  }
}

/** A session row written outside the version guard would race every change decided on it. */
function unguardedWrite(method: string): MedusaError {
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `${method} is not available: a cart session changes only through commitSessionChange (guarded by its version)`
  )
}

export default CartSessionModuleService
