import { Migration } from '@mikro-orm/migrations';

export class Migration20261128001202_imported_documents extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "imported_document" ("resident_id" uuid not null, "job_id" uuid not null, "ektp_state" varchar(20) null, "kia_state" varchar(12) null, "birth_deed" boolean null, constraint "imported_document_pkey" primary key ("resident_id"));`);
    this.addSql(`create index "imported_document_job_idx" on "imported_document" ("job_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "imported_document" cascade;`);
  }

}
