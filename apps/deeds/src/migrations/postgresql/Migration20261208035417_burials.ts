import { Migration } from '@mikro-orm/migrations';

export class Migration20261208035417_burials extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "burial" ("id" uuid not null, "entry_key" varchar(64) null, "person_key" varchar(64) not null, "partner_id" varchar(200) not null, "reporter_kind" varchar(20) not null, "register_entry_number" varchar(60) null, "deceased_name" varchar(200) not null, "deceased_sex" varchar(1) not null, "deceased_nik" varchar(16) null, "date_of_death" varchar(10) null, "burial_date" varchar(10) not null, "cemetery_name" varchar(200) not null, "district_code" varchar(6) not null, "village_code" varchar(10) not null, "death_deed_id" uuid not null, "match" varchar(20) not null, "matched_by" varchar(12) not null, "idempotency_key" varchar(100) null, "request_digest" varchar(64) not null, "recorded_at" varchar(40) not null, "created_at" timestamptz(3) not null, constraint "burial_pkey" primary key ("id"));`);
    this.addSql(`alter table "burial" add constraint "burial_entry_key_unique" unique ("entry_key");`);
    this.addSql(`alter table "burial" add constraint "burial_person_key_unique" unique ("person_key");`);
    this.addSql(`create index "burial_death_deed_idx" on "burial" ("death_deed_id");`);
    this.addSql(`create index "burial_region_idx" on "burial" ("district_code", "burial_date");`);
    this.addSql(`create index "burial_partner_idx" on "burial" ("partner_id");`);
    this.addSql(`alter table "burial" add constraint "burial_idempotency_unique" unique ("partner_id", "idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "burial" cascade;`);
  }

}
