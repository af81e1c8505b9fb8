import { Migration } from '@mikro-orm/migrations';

export class Migration20261127215149_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz(3) not null, "actor_id" varchar(200) not null, "actor_kind" varchar(10) not null, "actor_roles" jsonb not null, "action" varchar(10) not null, "resource_type" varchar(40) not null, "resource_id" varchar(100) null, "region_code" varchar(10) null, "result_count" int null, "endpoint" varchar(200) null, "request_id" varchar(100) null, "outcome" varchar(10) not null default 'SUCCESS', constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_at_idx" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_actor_idx" on "audit_entry" ("actor_id", "at");`);
    this.addSql(`create index "audit_entry_resource_idx" on "audit_entry" ("resource_type", "resource_id");`);

    this.addSql(`create table "audit_entry_result" ("entry_id" uuid not null, "resource_id" varchar(100) not null, constraint "audit_entry_result_pkey" primary key ("entry_id", "resource_id"));`);
    this.addSql(`create index "audit_entry_result_resource_idx" on "audit_entry_result" ("resource_id");`);

    this.addSql(`create table "ektp_action" ("id" uuid not null, "resident_id" uuid not null, "seq" int not null, "type" varchar(30) not null, "at" varchar(40) not null, "acted_by" varchar(200) not null, "payload" jsonb not null, "recorded_at" timestamptz(3) not null, constraint "ektp_action_pkey" primary key ("id"));`);
    this.addSql(`alter table "ektp_action" add constraint "ektp_action_resident_seq_unique" unique ("resident_id", "seq");`);

    this.addSql(`create table "family_card" ("id" uuid not null, "kk_number" varchar(16) not null, "district_code" varchar(6) not null, "village_code" varchar(10) not null, "address" varchar(300) not null, "polygamy_permitted" boolean not null default false, "status" text check ("status" in ('ACTIVE', 'CLOSED')) not null default 'ACTIVE', "version" int not null default 1, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "family_card_pkey" primary key ("id"));`);
    this.addSql(`alter table "family_card" add constraint "family_card_kk_number_unique" unique ("kk_number");`);

    this.addSql(`create table "family_card_version" ("id" uuid not null, "card_id" uuid not null, "version" int not null, "kk_number" varchar(16) not null, "status" varchar(10) not null, "operation" varchar(20) not null, "members" jsonb not null, "facts" jsonb not null, "recorded_by" varchar(200) not null, "request_id" varchar(100) null, "recorded_at" timestamptz(3) not null, constraint "family_card_version_pkey" primary key ("id"));`);
    this.addSql(`create index "family_card_version_kk_number_idx" on "family_card_version" ("kk_number");`);
    this.addSql(`alter table "family_card_version" add constraint "family_card_version_card_version_unique" unique ("card_id", "version");`);

    this.addSql(`create table "inbox_message" ("consumer" varchar(100) not null, "event_id" uuid not null, "subject" varchar(200) not null, "processed_at" timestamptz(3) not null, constraint "inbox_message_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "kia_action" ("id" uuid not null, "resident_id" uuid not null, "seq" int not null, "type" varchar(30) not null, "at" varchar(40) not null, "acted_by" varchar(200) not null, "payload" jsonb not null, "recorded_at" timestamptz(3) not null, constraint "kia_action_pkey" primary key ("id"));`);
    this.addSql(`alter table "kia_action" add constraint "kia_action_resident_seq_unique" unique ("resident_id", "seq");`);

    this.addSql(`create table "kk_serial_counter" ("prefix" varchar(12) not null, "last_serial" int not null default 0, constraint "kk_serial_counter_pkey" primary key ("prefix"));`);

    this.addSql(`create table "nik_serial_counter" ("prefix" varchar(12) not null, "last_serial" int not null default 0, constraint "nik_serial_counter_pkey" primary key ("prefix"));`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "subject" varchar(200) not null, "payload" jsonb not null, "request_id" varchar(100) null, "occurred_at" timestamptz(3) not null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("published_at", "id");`);

    this.addSql(`create table "resident" ("id" uuid not null, "nik" varchar(16) not null, "full_name" varchar(200) not null, "normalized_name" varchar(200) not null, "birth_place" varchar(100) not null, "birth_date" varchar(10) not null, "sex" varchar(1) not null, "religion" varchar(20) not null, "marital_status" varchar(30) not null, "education" smallint null, "blood_type" smallint null, "occupation" varchar(100) null, "mother_name" varchar(200) not null, "normalized_mother_name" varchar(200) not null, "father_name" varchar(200) null, "district_code" varchar(6) not null, "village_code" varchar(10) not null, "address" varchar(300) not null, "status" varchar(12) not null default 'ALIVE', "family_card_id" uuid null, "version" int not null default 1, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "resident_pkey" primary key ("id"));`);
    this.addSql(`alter table "resident" add constraint "resident_nik_unique" unique ("nik");`);
    this.addSql(`create index "resident_district_idx" on "resident" ("district_code");`);
    this.addSql(`create index "resident_village_idx" on "resident" ("village_code");`);
    this.addSql(`create index "resident_family_card_idx" on "resident" ("family_card_id");`);
    this.addSql(`create index "resident_name_birth_idx" on "resident" ("normalized_name", "birth_date");`);

    this.addSql(`create table "family_card_membership" ("id" uuid not null, "card_id" uuid not null, "resident_id" uuid not null, "relationship" smallint not null, "position" smallint not null, "father_resident_id" uuid null, "mother_resident_id" uuid null, constraint "family_card_membership_pkey" primary key ("id"), constraint family_card_membership_relationship_check check (relationship >= 1 and relationship <= 11));`);
    this.addSql(`alter table "family_card_membership" add constraint "family_card_membership_resident_unique" unique ("resident_id");`);
    this.addSql(`create index "family_card_membership_card_idx" on "family_card_membership" ("card_id");`);

    this.addSql(`create table "resident_status_action" ("id" uuid not null, "resident_id" uuid not null, "seq" int not null, "type" varchar(30) not null, "at" varchar(40) not null, "acted_by" varchar(200) not null, "payload" jsonb not null, "recorded_at" timestamptz(3) not null, constraint "resident_status_action_pkey" primary key ("id"));`);
    this.addSql(`alter table "resident_status_action" add constraint "resident_status_action_resident_seq_unique" unique ("resident_id", "seq");`);

    this.addSql(`alter table "audit_entry_result" add constraint "audit_entry_result_entry_id_foreign" foreign key ("entry_id") references "audit_entry" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "family_card_version" add constraint "family_card_version_card_id_foreign" foreign key ("card_id") references "family_card" ("id") on update cascade;`);

    this.addSql(`alter table "family_card_membership" add constraint "family_card_membership_card_id_foreign" foreign key ("card_id") references "family_card" ("id") on update cascade;`);
    this.addSql(`alter table "family_card_membership" add constraint "family_card_membership_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_entry_result" drop constraint "audit_entry_result_entry_id_foreign";`);

    this.addSql(`alter table "family_card_version" drop constraint "family_card_version_card_id_foreign";`);

    this.addSql(`alter table "family_card_membership" drop constraint "family_card_membership_card_id_foreign";`);

    this.addSql(`alter table "family_card_membership" drop constraint "family_card_membership_resident_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "audit_entry_result" cascade;`);

    this.addSql(`drop table if exists "ektp_action" cascade;`);

    this.addSql(`drop table if exists "family_card" cascade;`);

    this.addSql(`drop table if exists "family_card_version" cascade;`);

    this.addSql(`drop table if exists "inbox_message" cascade;`);

    this.addSql(`drop table if exists "kia_action" cascade;`);

    this.addSql(`drop table if exists "kk_serial_counter" cascade;`);

    this.addSql(`drop table if exists "nik_serial_counter" cascade;`);

    this.addSql(`drop table if exists "outbox_event" cascade;`);

    this.addSql(`drop table if exists "resident" cascade;`);

    this.addSql(`drop table if exists "family_card_membership" cascade;`);

    this.addSql(`drop table if exists "resident_status_action" cascade;`);
  }

}
