import { Migration } from '@mikro-orm/migrations';

export class Migration20261127222914_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz(3) not null, "actor_id" varchar(200) not null, "actor_kind" varchar(10) not null, "actor_roles" jsonb not null, "action" varchar(10) not null, "resource_type" varchar(40) not null, "resource_id" varchar(100) null, "region_code" varchar(10) null, "result_count" int null, "endpoint" varchar(200) null, "request_id" varchar(100) null, "outcome" varchar(10) not null default 'SUCCESS', constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_at_idx" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_actor_idx" on "audit_entry" ("actor_id", "at");`);
    this.addSql(`create index "audit_entry_resource_idx" on "audit_entry" ("resource_type", "resource_id");`);

    this.addSql(`create table "audit_entry_result" ("entry_id" uuid not null, "resource_id" varchar(100) not null, constraint "audit_entry_result_pkey" primary key ("entry_id", "resource_id"));`);
    this.addSql(`create index "audit_entry_result_resource_idx" on "audit_entry_result" ("resource_id");`);

    this.addSql(`create table "deed_action" ("id" uuid not null, "deed_id" uuid not null, "seq" int not null, "type" varchar(12) not null, "at" varchar(40) not null, "actor_role" varchar(12) not null, "actor_id" varchar(200) not null, "payload" jsonb not null, "recorded_at" timestamptz(3) not null, constraint "deed_action_pkey" primary key ("id"));`);
    this.addSql(`alter table "deed_action" add constraint "deed_action_deed_seq_unique" unique ("deed_id", "seq");`);

    this.addSql(`create table "deed_copy" ("id" uuid not null, "deed_id" uuid not null, "code" varchar(20) not null, "deed_version" int not null, "issued_at" varchar(40) not null, "issued_by" varchar(200) not null, "content" jsonb not null, "signed_payload" text not null, "signature" varchar(100) not null, "key_id" varchar(20) not null, "created_at" timestamptz(3) not null, constraint "deed_copy_pkey" primary key ("id"));`);
    this.addSql(`alter table "deed_copy" add constraint "deed_copy_code_unique" unique ("code");`);
    this.addSql(`create index "deed_copy_deed_idx" on "deed_copy" ("deed_id");`);

    this.addSql(`create table "deed_document" ("id" uuid not null, "deed_id" uuid not null, "kind" varchar(30) not null, "source" varchar(12) not null, "content_type" varchar(40) null, "size" int null, "sha256" varchar(64) null, "file_name" varchar(200) null, "declaration" jsonb null, "added_at" varchar(40) not null, "added_by" varchar(200) not null, "created_at" timestamptz(3) not null, constraint "deed_document_pkey" primary key ("id"));`);
    this.addSql(`create index "deed_document_deed_idx" on "deed_document" ("deed_id");`);

    this.addSql(`create table "deed_document_content" ("document_id" uuid not null, "content" bytea not null, constraint "deed_document_content_pkey" primary key ("document_id"));`);

    this.addSql(`create table "deed_notification" ("id" uuid not null, "deed_id" uuid not null, "partner_id" varchar(200) not null, "partner_kind" varchar(25) not null, "idempotency_key" varchar(100) null, "request_digest" varchar(64) not null, "outcome" varchar(10) not null, "received_at" varchar(40) not null, "created_at" timestamptz(3) not null, constraint "deed_notification_pkey" primary key ("id"));`);
    this.addSql(`create index "deed_notification_deed_idx" on "deed_notification" ("deed_id");`);
    this.addSql(`alter table "deed_notification" add constraint "deed_notification_idempotency_unique" unique ("partner_id", "idempotency_key");`);

    this.addSql(`create table "deed_number_counter" ("scope" varchar(40) not null, "last_sequence" int not null default 0, constraint "deed_number_counter_pkey" primary key ("scope"));`);

    this.addSql(`create table "deed_record" ("id" uuid not null, "deed_type" varchar(20) not null, "case_key" varchar(64) null, "district_code" varchar(6) not null, "village_code" varchar(10) null, "channel" varchar(10) not null, "visit_id" uuid null, "event_date" varchar(10) not null, "particulars" jsonb not null, "parents_married" boolean null, "status" varchar(12) null, "action_count" int not null default 0, "deed_version" int not null default 0, "deed_number" varchar(60) null, "timeliness" varchar(20) null, "notified_at" varchar(40) null, "registered_at" varchar(40) null, "issued_at" varchar(40) null, "waiting_for" varchar(10) null, "pending_registration" jsonb null, "retry_attempts" int not null default 0, "next_retry_at" timestamptz(3) null, "last_wait_code" varchar(40) null, "link_problems" jsonb null, "identity_link" jsonb null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "deed_record_pkey" primary key ("id"));`);
    this.addSql(`alter table "deed_record" add constraint "deed_record_case_key_unique" unique ("case_key");`);
    this.addSql(`alter table "deed_record" add constraint "deed_record_deed_number_unique" unique ("deed_number");`);
    this.addSql(`create index "deed_record_waiting_idx" on "deed_record" ("waiting_for", "next_retry_at");`);
    this.addSql(`create index "deed_record_queue_idx" on "deed_record" ("district_code", "status");`);

    this.addSql(`create table "inbox_message" ("consumer" varchar(100) not null, "event_id" uuid not null, "subject" varchar(200) not null, "processed_at" timestamptz(3) not null, constraint "inbox_message_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "kua_marriage" ("id" uuid not null, "case_key" varchar(64) not null, "husband_nik" varchar(16) not null, "husband_name" varchar(200) not null, "wife_nik" varchar(16) not null, "wife_name" varchar(200) not null, "marriage_date" varchar(10) not null, "marriage_certificate_number" varchar(60) not null, "kua_name" varchar(100) not null, "district_code" varchar(6) not null, "village_code" varchar(10) null, "reported_by" varchar(200) not null, "idempotency_key" varchar(100) null, "request_digest" varchar(64) not null, "reported_at" varchar(40) not null, "timeliness" varchar(20) not null, "created_at" timestamptz(3) not null, constraint "kua_marriage_pkey" primary key ("id"));`);
    this.addSql(`alter table "kua_marriage" add constraint "kua_marriage_case_key_unique" unique ("case_key");`);
    this.addSql(`alter table "kua_marriage" add constraint "kua_marriage_idempotency_unique" unique ("reported_by", "idempotency_key");`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "subject" varchar(200) not null, "payload" jsonb not null, "request_id" varchar(100) null, "occurred_at" timestamptz(3) not null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("published_at", "id");`);

    this.addSql(`alter table "audit_entry_result" add constraint "audit_entry_result_entry_id_foreign" foreign key ("entry_id") references "audit_entry" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_entry_result" drop constraint "audit_entry_result_entry_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "audit_entry_result" cascade;`);

    this.addSql(`drop table if exists "deed_action" cascade;`);

    this.addSql(`drop table if exists "deed_copy" cascade;`);

    this.addSql(`drop table if exists "deed_document" cascade;`);

    this.addSql(`drop table if exists "deed_document_content" cascade;`);

    this.addSql(`drop table if exists "deed_notification" cascade;`);

    this.addSql(`drop table if exists "deed_number_counter" cascade;`);

    this.addSql(`drop table if exists "deed_record" cascade;`);

    this.addSql(`drop table if exists "inbox_message" cascade;`);

    this.addSql(`drop table if exists "kua_marriage" cascade;`);

    this.addSql(`drop table if exists "outbox_event" cascade;`);
  }

}
