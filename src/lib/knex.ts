import { Context } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { Knex, SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"

/** The query builder of the context's transaction; refuses to run outside one. */
export function transactionKnex(context: Context, method: string): Knex.Transaction {
  const manager = context.transactionManager as SqlEntityManager | undefined
  const knex = manager?.getTransactionContext<Knex.Transaction>()
  if (!knex) {
    // A FOR UPDATE or a version-guarded write outside a transaction serializes nothing.
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `${method} must run in a transaction`)
  }
  return knex
}

/** The query builder for reads: the context's transaction if any, else the pool (each statement commits on its own). */
export function readKnex(context: Context): Knex {
  const manager = (context.transactionManager ?? context.manager) as SqlEntityManager
  return manager.getTransactionContext<Knex.Transaction>() ?? manager.getKnex()
}
