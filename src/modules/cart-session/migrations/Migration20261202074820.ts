import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202074820 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_converted_cart_id" ON "cart_session" ("converted_cart_id") WHERE converted_cart_id IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_cart_session_converted_cart_id";`);
  }

}
