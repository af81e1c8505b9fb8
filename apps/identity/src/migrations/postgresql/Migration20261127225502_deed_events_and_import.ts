import { Migration } from '@mikro-orm/migrations';

export class Migration20261127225502_deed_events_and_import extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "deed_event_application" ("deed_id" uuid not null, "subject" varchar(100) not null, "event_id" uuid not null, "outcome" varchar(20) not null default 'APPLIED', "resident_ids" jsonb not null, "applied_at" timestamptz(3) not null, constraint "deed_event_application_pkey" primary key ("deed_id", "subject"));`);

    this.addSql(`create table "deed_event_review" ("id" uuid not null, "deed_id" uuid not null, "subject" varchar(100) not null, "event_id" uuid not null, "code" varchar(40) not null, "message" varchar(500) not null, "items" jsonb not null, "resident_ids" jsonb not null, "family_card_id" uuid null, "district_code" varchar(6) not null, "status" varchar(10) not null default 'OPEN', "created_at" timestamptz(3) not null, "resolved_at" timestamptz(3) null, "resolved_by" varchar(200) null, constraint "deed_event_review_pkey" primary key ("id"));`);
    this.addSql(`create index "deed_event_review_deed_idx" on "deed_event_review" ("deed_id");`);
    this.addSql(`create index "deed_event_review_status_idx" on "deed_event_review" ("status", "created_at");`);

    this.addSql(`create table "import_job" ("id" uuid not null, "file_name" varchar(255) not null, "sha256" varchar(64) not null, "size_bytes" bigint not null, "format" varchar(10) not null, "status" varchar(10) not null default 'RUNNING', "as_of" varchar(10) not null, "with_events" boolean not null, "announced_through" uuid null, "total_rows" int not null, "lines_committed" int not null default 0, "rows_imported" int not null default 0, "rows_rejected" int not null default 0, "cards_imported" int not null default 0, "cards_rejected" int not null default 0, "batches_committed" int not null default 0, "started_by" varchar(200) not null, "started_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "finished_at" timestamptz(3) null, "last_error" text null, constraint "import_job_pkey" primary key ("id"));`);
    this.addSql(`alter table "import_job" add constraint "import_job_sha256_unique" unique ("sha256");`);

    this.addSql(`create table "import_rejection" ("job_id" uuid not null, "line" int not null, "masked_nik" varchar(32) not null, "masked_kk_number" varchar(32) not null, "codes" varchar(1000) not null, "messages" text not null, constraint "import_rejection_pkey" primary key ("job_id", "line"));`);

    this.addSql(`alter table "import_rejection" add constraint "import_rejection_job_id_foreign" foreign key ("job_id") references "import_job" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "import_rejection" drop constraint "import_rejection_job_id_foreign";`);

    this.addSql(`drop table if exists "deed_event_application" cascade;`);

    this.addSql(`drop table if exists "deed_event_review" cascade;`);

    this.addSql(`drop table if exists "import_job" cascade;`);

    this.addSql(`drop table if exists "import_rejection" cascade;`);
  }

}
