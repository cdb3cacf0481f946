import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126110014 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "coupon" ("id" text not null, "code" text not null, "merchant_id" text null, "name" text null, "value_type" text check ("value_type" in ('percentage', 'fixed')) not null, "value" numeric not null, "currency_code" text null, "starts_at" timestamptz null, "ends_at" timestamptz null, "min_subtotal" numeric null, "usage_limit" integer null, "usage_limit_per_customer" integer null, "usage_count" integer not null default 0, "combinable" boolean not null default true, "priority" integer not null default 0, "is_active" boolean not null default true, "metadata" jsonb null, "raw_value" jsonb not null, "raw_min_subtotal" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_pkey" primary key ("id"), constraint coupon_code_format check (code ~ '^[A-Za-z0-9_-]{1,50}\$'), constraint coupon_value_positive check (value > 0), constraint coupon_percentage_at_most_100 check (value_type <> 'percentage' OR value <= 100), constraint coupon_fixed_has_currency check (value_type <> 'fixed' OR currency_code IS NOT NULL), constraint coupon_min_subtotal_has_currency check (min_subtotal IS NULL OR (min_subtotal >= 0 AND currency_code IS NOT NULL)), constraint coupon_dates_ordered check (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at), constraint coupon_usage_count_not_negative check (usage_count >= 0), constraint coupon_usage_limit_positive check (usage_limit IS NULL OR usage_limit > 0), constraint coupon_usage_limit_per_customer_positive check (usage_limit_per_customer IS NULL OR usage_limit_per_customer > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_deleted_at" ON "coupon" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_merchant_id" ON "coupon" ("merchant_id") WHERE deleted_at IS NULL;`);
    // Written by hand (the DML cannot index expressions): a code is unique per
    // merchant ignoring case among live coupons; '' stands for store-wide so
    // two store-wide coupons collide too. The service turns a violation of this
    // index into COUPON_CODE_TAKEN (codeTakenViolation in src/modules/coupon/utils/code.ts).
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_coupon_code_merchant_unique" ON "coupon" (lower("code"), coalesce("merchant_id", '')) WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "coupon_redemption" ("id" text not null, "coupon_id" text not null, "cart_id" text null, "order_id" text null, "customer_id" text null, "amount" numeric not null, "currency_code" text not null, "metadata" jsonb null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_redemption_pkey" primary key ("id"), constraint coupon_redemption_amount_not_negative check (amount >= 0), constraint coupon_redemption_has_cart_or_order check (cart_id IS NOT NULL OR order_id IS NOT NULL));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_coupon_id" ON "coupon_redemption" ("coupon_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_deleted_at" ON "coupon_redemption" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_coupon_id_customer_id" ON "coupon_redemption" ("coupon_id", "customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_order_id" ON "coupon_redemption" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_cart_id" ON "coupon_redemption" ("cart_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "coupon_redemption" add constraint "coupon_redemption_coupon_id_foreign" foreign key ("coupon_id") references "coupon" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "coupon_redemption" drop constraint if exists "coupon_redemption_coupon_id_foreign";`);

    this.addSql(`drop table if exists "coupon" cascade;`);

    this.addSql(`drop table if exists "coupon_redemption" cascade;`);
  }

}
