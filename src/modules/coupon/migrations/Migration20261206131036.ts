import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206131036 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon" add column if not exists "target_type" text check ("target_type" in ('items', 'shipping_methods')) not null default 'items';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "coupon" drop column if exists "target_type";`);
  }

}
