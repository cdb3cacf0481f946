import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * A stored response is the whole answer of a session change (about 15 KB at 20 lines), written in the
 * change's transaction: lz4 compresses it several times faster than PostgreSQL's default (pglz), for
 * about the same size. A server built without lz4 keeps the default.
 */
export class Migration20261207014100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
begin
  alter table "idempotency_key" alter column "response_body" set compression lz4;
exception when feature_not_supported then
  raise notice 'lz4 is not available on this server: idempotency_key.response_body keeps the default compression';
end $$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "idempotency_key" alter column "response_body" set compression default;`)
  }
}
