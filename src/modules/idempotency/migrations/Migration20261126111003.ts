import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126111003 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "idempotency_key" drop constraint if exists "idempotency_key_scope_key_unique";`);
    this.addSql(`create table if not exists "idempotency_key" ("id" text not null, "key" text not null, "scope" text not null, "request_fingerprint" text not null, "state" text check ("state" in ('in_progress', 'completed')) not null default 'in_progress', "response_status" integer null, "response_body" text null, "locked_at" timestamptz null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "idempotency_key_pkey" primary key ("id"), constraint idempotency_key_length check (char_length(key) BETWEEN 1 AND 255), constraint idempotency_key_completed_has_response check (state <> 'completed' OR (response_status IS NOT NULL AND response_body IS NOT NULL)));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_idempotency_key_deleted_at" ON "idempotency_key" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_idempotency_key_scope_key_unique" ON "idempotency_key" ("scope", "key");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_idempotency_key_expires_at" ON "idempotency_key" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
  }

}
