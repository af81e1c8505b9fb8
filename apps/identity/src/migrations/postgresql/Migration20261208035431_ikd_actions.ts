import { Migration } from '@mikro-orm/migrations';

export class Migration20261208035431_ikd_actions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ikd_action" ("id" uuid not null, "resident_id" uuid not null, "seq" int not null, "type" varchar(20) not null, "at" varchar(40) not null, "acted_by" varchar(200) not null, "payload" jsonb not null, "recorded_at" timestamptz(3) not null, constraint "ikd_action_pkey" primary key ("id"));`);
    this.addSql(`alter table "ikd_action" add constraint "ikd_action_resident_seq_unique" unique ("resident_id", "seq");`);

    this.addSql(`create table "ikd_request" ("id" uuid not null, "caller" varchar(200) not null, "idempotency_key" varchar(100) not null, "resident_id" uuid not null, "request_digest" varchar(64) not null, "response" jsonb not null, "received_at" timestamptz(3) not null, constraint "ikd_request_pkey" primary key ("id"));`);
    this.addSql(`alter table "ikd_request" add constraint "ikd_request_caller_key_unique" unique ("caller", "idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ikd_action" cascade;`);

    this.addSql(`drop table if exists "ikd_request" cascade;`);
  }

}
