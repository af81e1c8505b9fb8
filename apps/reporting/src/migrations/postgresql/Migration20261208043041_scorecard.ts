import { Migration } from '@mikro-orm/migrations';

export class Migration20261208043041_scorecard extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "reporting_agreement_use" ("id" uuid not null, "service" varchar(20) not null, "agreement" varchar(80) not null, "day" varchar(10) not null, "requests" int not null, "refused" int not null, constraint "reporting_agreement_use_pkey" primary key ("id"));`);
    this.addSql(`create index "reporting_agreement_use_agreement_idx" on "reporting_agreement_use" ("agreement", "day");`);

    this.addSql(`create table "reporting_scorecard_entry" ("id" uuid not null, "indicator" varchar(40) not null, "year" int not null, "value" double precision not null, "note" varchar(500) null, "entered_by" varchar(200) not null, "entered_at" timestamptz not null, constraint "reporting_scorecard_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "reporting_scorecard_entry_year_idx" on "reporting_scorecard_entry" ("year", "indicator");`);

    this.addSql(`alter table "reporting_deed" add column "burial_recorded_on" varchar(10) null, add column "buried_on" varchar(10) null, add column "burial_match" varchar(20) null, add column "burial_key" varchar(80) null, add column "yielded" varchar(10) null;`);

    this.addSql(`alter table "reporting_resident" add column "ikd_state" varchar(20) null, add column "ikd_from" varchar(10) null, add column "ikd_until" varchar(10) null, add column "ikd_at" timestamptz null, add column "ikd_cov_from" varchar(10) null, add column "ikd_cov_to" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting_agreement_use" cascade;`);

    this.addSql(`drop table if exists "reporting_scorecard_entry" cascade;`);

    this.addSql(`alter table "reporting_deed" drop column "burial_recorded_on", drop column "buried_on", drop column "burial_match", drop column "burial_key", drop column "yielded";`);

    this.addSql(`alter table "reporting_resident" drop column "ikd_state", drop column "ikd_from", drop column "ikd_until", drop column "ikd_at", drop column "ikd_cov_from", drop column "ikd_cov_to";`);
  }

}
