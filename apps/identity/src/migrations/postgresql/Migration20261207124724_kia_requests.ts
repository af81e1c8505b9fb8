import { Migration } from '@mikro-orm/migrations';

export class Migration20261207124724_kia_requests extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "kia_request" ("id" uuid not null, "caller" varchar(200) not null, "idempotency_key" varchar(100) not null, "resident_id" uuid not null, "request_digest" varchar(64) not null, "response" jsonb not null, "received_at" timestamptz(3) not null, constraint "kia_request_pkey" primary key ("id"));`);
    this.addSql(`alter table "kia_request" add constraint "kia_request_caller_key_unique" unique ("caller", "idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "kia_request" cascade;`);
  }

}
