import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206130829 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "cart_session" add column if not exists "shipping_address" jsonb null, add column if not exists "shipping_methods" jsonb null;`);

    this.addSql(`alter table if exists "cart_session_discount" add column if not exists "target_type" text check ("target_type" in ('items', 'shipping_methods')) not null default 'items', add column if not exists "shipping_allocations" jsonb null;`);

    this.addSql(`alter table if exists "cart_session_line_item" add column if not exists "tax_rates" jsonb null, add column if not exists "is_tax_inclusive" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "cart_session" drop column if exists "shipping_address", drop column if exists "shipping_methods";`);

    this.addSql(`alter table if exists "cart_session_discount" drop column if exists "target_type", drop column if exists "shipping_allocations";`);

    this.addSql(`alter table if exists "cart_session_line_item" drop column if exists "tax_rates", drop column if exists "is_tax_inclusive";`);
  }

}
