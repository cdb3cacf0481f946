import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206160100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "cart_session" add column if not exists "catalogue_read_at" timestamptz null, add column if not exists "pricing_context_key" text null;`);

    this.addSql(`alter table if exists "cart_session_line_item" add column if not exists "product_collection_id" text null, add column if not exists "product_type_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "cart_session" drop column if exists "catalogue_read_at", drop column if exists "pricing_context_key";`);

    this.addSql(`alter table if exists "cart_session_line_item" drop column if exists "product_collection_id", drop column if exists "product_type_id";`);
  }

}
