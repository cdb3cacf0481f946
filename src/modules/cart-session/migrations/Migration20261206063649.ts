import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206063649 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "cart_session" drop column if exists "ready_for_checkout_at";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "cart_session" add column if not exists "ready_for_checkout_at" timestamptz null;`);
  }

}
