import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Written by hand (the DML cannot say an index's directions): the admin session list's default order,
 * newest first with ties by id ascending (utils/session-list-query.ts), read from an index so its first
 * page reads 50 entries instead of sorting every session.
 */
export class Migration20261206164500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_created_at_id" ON "cart_session" ("created_at" DESC, "id" ASC) WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_cart_session_created_at_id";`);
  }

}
