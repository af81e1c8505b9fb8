import { Migration } from '@mikro-orm/migrations';

export class Migration20261127223910_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz(3) not null, "actor_id" varchar(200) not null, "actor_kind" varchar(10) not null, "actor_roles" jsonb not null, "action" varchar(10) not null, "resource_type" varchar(40) not null, "resource_id" varchar(100) null, "region_code" varchar(10) null, "result_count" int null, "endpoint" varchar(200) null, "request_id" varchar(100) null, "outcome" varchar(10) not null default 'SUCCESS', constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_at_idx" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_actor_idx" on "audit_entry" ("actor_id", "at");`);
    this.addSql(`create index "audit_entry_resource_idx" on "audit_entry" ("resource_type", "resource_id");`);

    this.addSql(`create table "audit_entry_result" ("entry_id" uuid not null, "resource_id" varchar(100) not null, constraint "audit_entry_result_pkey" primary key ("entry_id", "resource_id"));`);
    this.addSql(`create index "audit_entry_result_resource_idx" on "audit_entry_result" ("resource_id");`);

    this.addSql(`create table "outreach_birth_deed" ("deed_id" uuid not null, "birth_date" varchar(10) not null, "sex" varchar(1) not null, "district_code" varchar(6) not null, "village_code" varchar(10) null, "resident_id" uuid null, "received_at" timestamptz(3) not null, constraint "outreach_birth_deed_pkey" primary key ("deed_id"));`);
    this.addSql(`create index "outreach_birth_deed_match_idx" on "outreach_birth_deed" ("birth_date", "sex", "district_code");`);

    this.addSql(`create table "outreach_calendar_day" ("date" varchar(10) not null, "kind" varchar(10) not null, "name" varchar(100) not null, "created_at" timestamptz(3) not null, constraint "outreach_calendar_day_pkey" primary key ("date"));`);

    this.addSql(`create table "outreach_calendar_settings" ("id" smallint not null default 1, "service_days" jsonb not null, "day_minutes" smallint not null, "setup_minutes" smallint not null, "version" int not null default 1, "updated_at" timestamptz(3) not null, constraint "outreach_calendar_settings_pkey" primary key ("id"));`);

    this.addSql(`create table "outreach_deed" ("deed_id" uuid not null, "deed_type" varchar(20) not null, "status" varchar(12) not null, "district_code" varchar(6) not null, "village_code" varchar(10) null, "channel" varchar(10) not null, "visit_id" uuid null, "at" timestamptz(3) not null, constraint "outreach_deed_pkey" primary key ("deed_id"));`);
    this.addSql(`create index "outreach_deed_village_idx" on "outreach_deed" ("district_code", "village_code");`);

    this.addSql(`create table "inbox_message" ("consumer" varchar(100) not null, "event_id" uuid not null, "subject" varchar(200) not null, "processed_at" timestamptz(3) not null, constraint "inbox_message_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "subject" varchar(200) not null, "payload" jsonb not null, "request_id" varchar(100) null, "occurred_at" timestamptz(3) not null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("published_at", "id");`);

    this.addSql(`create table "outreach_village" ("code" varchar(10) not null, "district_code" varchar(6) not null, "name" varchar(100) not null, "kind" varchar(12) not null, "travel_minutes" smallint not null, "travel_source" varchar(8) not null default 'DEFAULT', "active" boolean not null default true, "version" int not null default 1, "updated_at" timestamptz(3) not null, constraint "outreach_village_pkey" primary key ("code"));`);
    this.addSql(`create index "outreach_village_district_idx" on "outreach_village" ("district_code");`);

    this.addSql(`create table "outreach_plan" ("id" uuid not null, "series_id" uuid not null, "version" int not null, "status" varchar(10) not null, "origin" varchar(10) not null, "previous_plan_id" uuid null, "cancelled_visit_id" uuid null, "as_of" varchar(10) not null, "start_date" varchar(10) not null, "end_date" varchar(10) not null, "weeks" smallint not null, "objective" double precision not null, "backlog" jsonb not null, "served" jsonb not null, "remaining" jsonb not null, "skipped_dates" jsonb not null, "warnings" jsonb not null, "created_by" varchar(200) not null, "created_at" timestamptz(3) not null, "published_at" timestamptz(3) null, "published_by" varchar(200) null, "superseded_at" timestamptz(3) null, constraint "outreach_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "outreach_plan_status_idx" on "outreach_plan" ("status");`);
    this.addSql(`alter table "outreach_plan" add constraint "outreach_plan_series_version_unique" unique ("series_id", "version");`);

    this.addSql(`create table "outreach_plan_visit" ("id" uuid not null, "series_id" uuid not null, "from_version" int not null, "to_version" int null, "date" varchar(10) not null, "team_id" uuid not null, "team_name" varchar(100) not null, "district_code" varchar(6) not null, "village_code" varchar(10) not null, "planned" jsonb not null, "minutes" jsonb not null, "status" varchar(10) not null default 'PLANNED', "cancel_reason" varchar(20) null, "cancelled_at" timestamptz(3) null, "cancelled_by" varchar(200) null, "outcome" jsonb null, "completed_at" timestamptz(3) null, "completed_by" varchar(200) null, "version" int not null default 1, constraint "outreach_plan_visit_pkey" primary key ("id"));`);
    this.addSql(`create index "outreach_plan_visit_series_idx" on "outreach_plan_visit" ("series_id", "date");`);

    this.addSql(`create table "outreach_resident" ("resident_id" uuid not null, "birth_date" varchar(10) null, "sex" varchar(1) null, "marital_status" varchar(30) null, "origin" varchar(20) null, "district_code" varchar(6) null, "village_code" varchar(10) null, "status" varchar(12) not null default 'ALIVE', "ektp_state" varchar(20) null, "kia_state" varchar(12) null, "kia_valid_until" varchar(10) null, "birth_deed" boolean not null default false, "birth_deed_id" uuid null, "wajib_ktp_from" varchar(10) null, "kia_until" varchar(10) null, "child_until" varchar(10) null, "profile_at" timestamptz(3) null, "marital_at" timestamptz(3) null, "place_at" timestamptz(3) null, "status_at" timestamptz(3) null, "ektp_at" timestamptz(3) null, "kia_at" timestamptz(3) null, "updated_at" timestamptz(3) not null, constraint "outreach_resident_pkey" primary key ("resident_id"));`);
    this.addSql(`create index "outreach_resident_village_idx" on "outreach_resident" ("district_code", "village_code");`);

    this.addSql(`create table "outreach_team" ("id" uuid not null, "name" varchar(100) not null, "staff_count" smallint not null, "equipment" jsonb not null, "services" jsonb not null, "capacity" jsonb not null, "active" boolean not null default true, "version" int not null default 1, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "outreach_team_pkey" primary key ("id"));`);
    this.addSql(`alter table "outreach_team" add constraint "outreach_team_name_unique" unique ("name");`);

    this.addSql(`create table "outreach_visit_link" ("id" uuid not null, "visit_id" uuid not null, "kind" varchar(20) not null, "record_id" uuid not null, "event_id" uuid not null, "linked_at" timestamptz(3) not null, constraint "outreach_visit_link_pkey" primary key ("id"));`);
    this.addSql(`create index "outreach_visit_link_visit_idx" on "outreach_visit_link" ("visit_id");`);
    this.addSql(`alter table "outreach_visit_link" add constraint "outreach_visit_link_unique" unique ("visit_id", "kind", "record_id");`);

    this.addSql(`alter table "audit_entry_result" add constraint "audit_entry_result_entry_id_foreign" foreign key ("entry_id") references "audit_entry" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_entry_result" drop constraint "audit_entry_result_entry_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "audit_entry_result" cascade;`);

    this.addSql(`drop table if exists "outreach_birth_deed" cascade;`);

    this.addSql(`drop table if exists "outreach_calendar_day" cascade;`);

    this.addSql(`drop table if exists "outreach_calendar_settings" cascade;`);

    this.addSql(`drop table if exists "outreach_deed" cascade;`);

    this.addSql(`drop table if exists "inbox_message" cascade;`);

    this.addSql(`drop table if exists "outbox_event" cascade;`);

    this.addSql(`drop table if exists "outreach_village" cascade;`);

    this.addSql(`drop table if exists "outreach_plan" cascade;`);

    this.addSql(`drop table if exists "outreach_plan_visit" cascade;`);

    this.addSql(`drop table if exists "outreach_resident" cascade;`);

    this.addSql(`drop table if exists "outreach_team" cascade;`);

    this.addSql(`drop table if exists "outreach_visit_link" cascade;`);
  }

}
