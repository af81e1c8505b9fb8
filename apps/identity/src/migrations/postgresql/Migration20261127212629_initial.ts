import { Migration } from '@mikro-orm/migrations';

export class Migration20261127212629_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "nik_serial_counter" ("prefix" varchar(12) not null, "last_serial" int not null default 0, constraint "nik_serial_counter_pkey" primary key ("prefix"));`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "subject" varchar(200) not null, "payload" jsonb not null, "request_id" varchar(100) null, "occurred_at" timestamptz(3) not null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("published_at", "id");`);

    this.addSql(`create table "resident" ("id" uuid not null, "nik" varchar(16) not null, "full_name" varchar(200) not null, "normalized_name" varchar(200) not null, "birth_place" varchar(100) not null, "birth_date" varchar(10) not null, "sex" varchar(1) not null, "religion" varchar(20) not null, "marital_status" varchar(30) not null, "education" smallint null, "blood_type" smallint null, "occupation" varchar(100) null, "mother_name" varchar(200) not null, "normalized_mother_name" varchar(200) not null, "father_name" varchar(200) null, "district_code" varchar(6) not null, "village_code" varchar(10) not null, "address" varchar(300) not null, "status" varchar(12) not null default 'ALIVE', "family_card_id" uuid null, "version" int not null default 1, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "resident_pkey" primary key ("id"));`);
    this.addSql(`alter table "resident" add constraint "resident_nik_unique" unique ("nik");`);
    this.addSql(`create index "resident_district_idx" on "resident" ("district_code");`);
    this.addSql(`create index "resident_village_idx" on "resident" ("village_code");`);
    this.addSql(`create index "resident_family_card_idx" on "resident" ("family_card_id");`);
    this.addSql(`create index "resident_name_birth_idx" on "resident" ("normalized_name", "birth_date");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "nik_serial_counter" cascade;`);

    this.addSql(`drop table if exists "outbox_event" cascade;`);

    this.addSql(`drop table if exists "resident" cascade;`);
  }

}
