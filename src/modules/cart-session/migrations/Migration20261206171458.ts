import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Generated (the coupon_id index), plus by hand the one on lower(code), which the DML cannot say: the
 * sessions holding a coupon changed or generated in the admin are found on both, not by a scan of every
 * discount row (find-coupons-held-by-sessions).
 */
export class Migration20261206171458 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_discount_coupon_id" ON "cart_session_discount" ("coupon_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_cart_session_discount_lower_code" ON "cart_session_discount" (lower("code")) WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_cart_session_discount_lower_code";`);
    this.addSql(`drop index if exists "IDX_cart_session_discount_coupon_id";`);
  }

}
