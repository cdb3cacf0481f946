import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206064151 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon_redemption" add column if not exists "email" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_coupon_id_email" ON "coupon_redemption" ("coupon_id", "email") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_coupon_redemption_coupon_id_email";`);
    this.addSql(`alter table if exists "coupon_redemption" drop column if exists "email";`);
  }

}
