import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202074246 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon_redemption" drop constraint if exists coupon_redemption_has_cart_or_order;`);

    this.addSql(`alter table if exists "coupon_redemption" add column if not exists "cart_session_id" text null, add column if not exists "claimed_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_cart_session_id" ON "coupon_redemption" ("cart_session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`alter table if exists "coupon_redemption" add constraint coupon_redemption_has_holder check(cart_session_id IS NOT NULL OR cart_id IS NOT NULL OR order_id IS NOT NULL);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_coupon_redemption_cart_session_id";`);
    this.addSql(`alter table if exists "coupon_redemption" drop constraint if exists coupon_redemption_has_holder;`);
    this.addSql(`alter table if exists "coupon_redemption" drop column if exists "cart_session_id", drop column if exists "claimed_at";`);

    this.addSql(`alter table if exists "coupon_redemption" add constraint coupon_redemption_has_cart_or_order check(cart_id IS NOT NULL OR order_id IS NOT NULL);`);
  }

}
