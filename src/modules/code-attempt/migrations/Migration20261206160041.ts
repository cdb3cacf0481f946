import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206160041 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "code_attempt_window" drop constraint if exists "code_attempt_window_scope_subject_unique";`);
    this.addSql(`create table if not exists "code_attempt_window" ("id" text not null, "scope" text check ("scope" in ('session', 'client')) not null, "subject" text not null, "window_start" timestamptz not null, "attempts" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "code_attempt_window_pkey" primary key ("id"), constraint code_attempt_window_attempts_not_negative check (attempts >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_code_attempt_window_deleted_at" ON "code_attempt_window" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_code_attempt_window_scope_subject_unique" ON "code_attempt_window" ("scope", "subject");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_code_attempt_window_window_start" ON "code_attempt_window" ("window_start");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "code_attempt_window" cascade;`);
  }

}
