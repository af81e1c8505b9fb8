import { Migration } from '@mikro-orm/migrations';

export class Migration20261128001152_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz(3) not null, "actor_id" varchar(200) not null, "actor_kind" varchar(10) not null, "actor_roles" jsonb not null, "action" varchar(10) not null, "resource_type" varchar(40) not null, "resource_id" varchar(100) null, "region_code" varchar(10) null, "result_count" int null, "endpoint" varchar(200) null, "request_id" varchar(100) null, "outcome" varchar(10) not null default 'SUCCESS', constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_at_idx" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_actor_idx" on "audit_entry" ("actor_id", "at");`);
    this.addSql(`create index "audit_entry_resource_idx" on "audit_entry" ("resource_type", "resource_id");`);

    this.addSql(`create table "audit_entry_result" ("entry_id" uuid not null, "resource_id" varchar(100) not null, constraint "audit_entry_result_pkey" primary key ("entry_id", "resource_id"));`);
    this.addSql(`create index "audit_entry_result_resource_idx" on "audit_entry_result" ("resource_id");`);

    this.addSql(`create table "reporting_deed" ("deed_id" uuid not null, "deed_type" varchar(20) not null, "status" varchar(20) not null, "status_at" timestamptz null, "channel" varchar(20) not null, "first_at" timestamptz null, "district_code" varchar(6) not null, "village_code" varchar(10) not null, "event_date" varchar(10) null, "first_on" varchar(10) null, "registered_on" varchar(10) null, "issued_on" varchar(10) null, "rejected_on" varchar(10) null, "annulled_on" varchar(10) null, "timeliness" varchar(30) null, "service_days" varchar(255) null, constraint "reporting_deed_pkey" primary key ("deed_id"));`);
    this.addSql(`create index "reporting_deed_village_idx" on "reporting_deed" ("village_code");`);

    this.addSql(`create table "inbox_message" ("consumer" varchar(100) not null, "event_id" uuid not null, "subject" varchar(200) not null, "processed_at" timestamptz(3) not null, constraint "inbox_message_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "subject" varchar(200) not null, "payload" jsonb not null, "request_id" varchar(100) null, "occurred_at" timestamptz(3) not null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("published_at", "id");`);

    this.addSql(`create table "reporting_resident" ("resident_id" uuid not null, "birth_date" varchar(10) null, "marital_status" varchar(30) null, "ever_married_on" varchar(10) null, "district_code" varchar(6) null, "village_code" varchar(10) null, "status" varchar(12) not null, "entered_on" varchar(10) null, "left_on" varchar(10) null, "ektp_state" varchar(20) null, "ektp_recorded_on" varchar(10) null, "kia_state" varchar(20) null, "kia_from" varchar(10) null, "kia_until" varchar(10) null, "has_birth_deed" boolean not null, "profile_at" timestamptz null, "place_at" timestamptz null, "status_at" timestamptz null, "ektp_at" timestamptz null, "kia_at" timestamptz null, "wajib_from" varchar(10) null, "ektp_total_from" varchar(10) null, "ektp_total_to" varchar(10) null, "ektp_cov_from" varchar(10) null, "kia_total_from" varchar(10) null, "kia_total_to" varchar(10) null, "kia_cov_from" varchar(10) null, "kia_cov_to" varchar(10) null, "deed_total_from" varchar(10) null, "deed_total_to" varchar(10) null, "deed_cov_from" varchar(10) null, constraint "reporting_resident_pkey" primary key ("resident_id"));`);
    this.addSql(`create index "reporting_resident_village_idx" on "reporting_resident" ("village_code");`);

    this.addSql(`create table "reporting_visit" ("visit_id" uuid not null, "date" varchar(10) not null, "district_code" varchar(6) not null, "village_code" varchar(10) not null, "recorded_at" timestamptz not null, "ektp_recording" int not null, "birth_deed" int not null, "kia" int not null, "application" int not null, "handover" int not null, constraint "reporting_visit_pkey" primary key ("visit_id"));`);
    this.addSql(`create index "reporting_visit_village_idx" on "reporting_visit" ("village_code", "date");`);

    this.addSql(`alter table "audit_entry_result" add constraint "audit_entry_result_entry_id_foreign" foreign key ("entry_id") references "audit_entry" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_entry_result" drop constraint "audit_entry_result_entry_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "audit_entry_result" cascade;`);

    this.addSql(`drop table if exists "reporting_deed" cascade;`);

    this.addSql(`drop table if exists "inbox_message" cascade;`);

    this.addSql(`drop table if exists "outbox_event" cascade;`);

    this.addSql(`drop table if exists "reporting_resident" cascade;`);

    this.addSql(`drop table if exists "reporting_visit" cascade;`);
  }

}
