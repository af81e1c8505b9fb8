import { Migration } from '@mikro-orm/migrations';

export class Migration20261207113928_deed_requests extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "deed_request" ("id" uuid not null, "caller" varchar(200) not null, "idempotency_key" varchar(100) not null, "operation" varchar(12) not null, "request_digest" varchar(64) not null, "deed_id" uuid not null, "document_id" uuid null, "received_at" timestamptz(3) not null, constraint "deed_request_pkey" primary key ("id"));`);
    this.addSql(`alter table "deed_request" add constraint "deed_request_caller_key_unique" unique ("caller", "idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "deed_request" cascade;`);
  }

}
