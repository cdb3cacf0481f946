import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206095013 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon" add column if not exists "type" text check ("type" in ('standard', 'buyget')) not null default 'standard', add column if not exists "allocation" text check ("allocation" in ('across', 'each', 'once')) null, add column if not exists "max_quantity" integer null, add column if not exists "rules" jsonb null, add column if not exists "target_rules" jsonb null, add column if not exists "buy_rules" jsonb null, add column if not exists "buy_rules_min_quantity" integer null, add column if not exists "apply_to_quantity" integer null, add column if not exists "is_automatic" boolean not null default false;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_automatic_active" ON "coupon" ("is_automatic") WHERE is_automatic = true AND is_active = true AND deleted_at IS NULL;`);
    this.addSql(`alter table if exists "coupon" add constraint coupon_max_quantity_positive check(max_quantity IS NULL OR max_quantity > 0);`);
    this.addSql(`alter table if exists "coupon" add constraint coupon_buy_rules_min_quantity_positive check(buy_rules_min_quantity IS NULL OR buy_rules_min_quantity > 0);`);
    this.addSql(`alter table if exists "coupon" add constraint coupon_apply_to_quantity_positive check(apply_to_quantity IS NULL OR apply_to_quantity > 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_coupon_automatic_active";`);
    this.addSql(`alter table if exists "coupon" drop constraint if exists coupon_max_quantity_positive;`);
    this.addSql(`alter table if exists "coupon" drop constraint if exists coupon_buy_rules_min_quantity_positive;`);
    this.addSql(`alter table if exists "coupon" drop constraint if exists coupon_apply_to_quantity_positive;`);
    this.addSql(`alter table if exists "coupon" drop column if exists "type", drop column if exists "allocation", drop column if exists "max_quantity", drop column if exists "rules", drop column if exists "target_rules", drop column if exists "buy_rules", drop column if exists "buy_rules_min_quantity", drop column if exists "apply_to_quantity", drop column if exists "is_automatic";`);
  }

}
