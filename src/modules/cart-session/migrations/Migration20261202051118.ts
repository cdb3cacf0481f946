import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202051118 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "cart_session_manual_discount" drop constraint if exists "cart_session_manual_discount_discount_id_unique";`);
    this.addSql(`create table if not exists "cart_session_manual_discount" ("id" text not null, "cart_session_id" text not null, "discount_id" text not null, "scope" text check ("scope" in ('cart', 'item')) not null, "line_item_id" text null, "amount" numeric not null, "name" text not null, "reason" text null, "created_by" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "cart_session_manual_discount_pkey" primary key ("id"), constraint cart_session_manual_discount_amount_positive check (amount > 0), constraint cart_session_manual_discount_item_has_line check ((scope = 'item') = (line_item_id IS NOT NULL)));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_manual_discount_cart_session_id" ON "cart_session_manual_discount" ("cart_session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_manual_discount_deleted_at" ON "cart_session_manual_discount" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_cart_session_manual_discount_discount_id_unique" ON "cart_session_manual_discount" ("discount_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "cart_session_manual_discount" add constraint "cart_session_manual_discount_cart_session_id_foreign" foreign key ("cart_session_id") references "cart_session" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cart_session_manual_discount" cascade;`);
  }

}
