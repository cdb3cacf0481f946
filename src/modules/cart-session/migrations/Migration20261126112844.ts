import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126112844 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "cart_session_line_item" drop constraint if exists "cart_session_line_item_cart_session_id_variant_id_is_add_on_unique";`);
    this.addSql(`create table if not exists "cart_session" ("id" text not null, "status" text check ("status" in ('open', 'converted', 'expired', 'cancelled')) not null default 'open', "currency_code" text not null, "region_id" text not null, "sales_channel_id" text not null, "customer_id" text null, "email" text null, "version" integer not null default 1, "priced" boolean not null default true, "expires_at" timestamptz not null, "converted_cart_id" text null, "ready_for_checkout_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "cart_session_pkey" primary key ("id"), constraint cart_session_version_positive check (version >= 1));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_deleted_at" ON "cart_session" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_customer_id" ON "cart_session" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_status_expires_at" ON "cart_session" ("status", "expires_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "cart_session_discount" ("id" text not null, "cart_session_id" text not null, "position" integer not null, "type" text check ("type" in ('CODE', 'MANUAL')) not null default 'CODE', "code" text null, "merchant_id" text null, "scope_merchant_id" text null, "is_primary" boolean not null default false, "coupon_id" text null, "status" text check ("status" in ('PENDING', 'APPLIED', 'INVALID', 'EXPIRED', 'NOT_STARTED', 'MIN_SUBTOTAL_NOT_MET', 'USAGE_LIMIT_REACHED', 'CUSTOMER_LIMIT_REACHED', 'NOT_COMBINABLE', 'NOT_APPLICABLE')) not null default 'PENDING', "value_type" text check ("value_type" in ('percentage', 'fixed')) null, "value" numeric null, "amount_total" numeric not null default 0, "allocations" jsonb null, "message" text null, "metadata" jsonb null, "raw_value" jsonb null, "raw_amount_total" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "cart_session_discount_pkey" primary key ("id"), constraint cart_session_discount_amount_not_negative check (amount_total >= 0), constraint cart_session_discount_code_has_code check (type <> 'CODE' OR code IS NOT NULL));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_discount_cart_session_id" ON "cart_session_discount" ("cart_session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_discount_deleted_at" ON "cart_session_discount" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_cart_session_discount_one_primary" ON "cart_session_discount" ("cart_session_id") WHERE is_primary = true AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_discount_code" ON "cart_session_discount" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "cart_session_line_item" ("id" text not null, "cart_session_id" text not null, "position" integer not null, "merchant_id" text not null, "variant_id" text not null, "product_id" text not null, "title" text not null, "variant_title" text null, "quantity" integer not null, "unit_price" numeric not null, "is_add_on" boolean not null default false, "metadata" jsonb null, "raw_unit_price" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "cart_session_line_item_pkey" primary key ("id"), constraint cart_session_line_item_quantity_positive check (quantity > 0), constraint cart_session_line_item_unit_price_not_negative check (unit_price >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_line_item_cart_session_id" ON "cart_session_line_item" ("cart_session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_line_item_deleted_at" ON "cart_session_line_item" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_cart_session_line_item_cart_session_id_variant_id_is_add_on_unique" ON "cart_session_line_item" ("cart_session_id", "variant_id", "is_add_on") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_line_item_variant_id" ON "cart_session_line_item" ("variant_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_line_item_product_id" ON "cart_session_line_item" ("product_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "cart_session_discount" add constraint "cart_session_discount_cart_session_id_foreign" foreign key ("cart_session_id") references "cart_session" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "cart_session_line_item" add constraint "cart_session_line_item_cart_session_id_foreign" foreign key ("cart_session_id") references "cart_session" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "cart_session_discount" drop constraint if exists "cart_session_discount_cart_session_id_foreign";`);

    this.addSql(`alter table if exists "cart_session_line_item" drop constraint if exists "cart_session_line_item_cart_session_id_foreign";`);

    this.addSql(`drop table if exists "cart_session" cascade;`);

    this.addSql(`drop table if exists "cart_session_discount" cascade;`);

    this.addSql(`drop table if exists "cart_session_line_item" cascade;`);
  }

}
