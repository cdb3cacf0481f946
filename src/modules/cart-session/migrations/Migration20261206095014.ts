import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206095014 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "cart_session_discount" drop constraint if exists "cart_session_discount_type_check";`);
    this.addSql(`alter table if exists "cart_session_discount" drop constraint if exists "cart_session_discount_status_check";`);

    this.addSql(`alter table if exists "cart_session_discount" add constraint "cart_session_discount_type_check" check("type" in ('CODE', 'MANUAL', 'AUTOMATIC'));`);
    this.addSql(`alter table if exists "cart_session_discount" add constraint "cart_session_discount_status_check" check("status" in ('PENDING', 'APPLIED', 'INVALID', 'EXPIRED', 'NOT_STARTED', 'MIN_SUBTOTAL_NOT_MET', 'USAGE_LIMIT_REACHED', 'CUSTOMER_LIMIT_REACHED', 'NOT_COMBINABLE', 'NOT_APPLICABLE', 'NOT_ELIGIBLE'));`);
    this.addSql(`alter table if exists "cart_session_discount" add constraint cart_session_discount_automatic_has_coupon check(type <> 'AUTOMATIC' OR (code IS NOT NULL AND coupon_id IS NOT NULL));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "cart_session_discount" drop constraint if exists "cart_session_discount_type_check";`);
    this.addSql(`alter table if exists "cart_session_discount" drop constraint if exists "cart_session_discount_status_check";`);

    this.addSql(`alter table if exists "cart_session_discount" drop constraint if exists cart_session_discount_automatic_has_coupon;`);

    this.addSql(`alter table if exists "cart_session_discount" add constraint "cart_session_discount_type_check" check("type" in ('CODE', 'MANUAL'));`);
    this.addSql(`alter table if exists "cart_session_discount" add constraint "cart_session_discount_status_check" check("status" in ('PENDING', 'APPLIED', 'INVALID', 'EXPIRED', 'NOT_STARTED', 'MIN_SUBTOTAL_NOT_MET', 'USAGE_LIMIT_REACHED', 'CUSTOMER_LIMIT_REACHED', 'NOT_COMBINABLE', 'NOT_APPLICABLE'));`);
  }

}
