import { Migration } from '@mikro-orm/migrations';

export class Migration20261207154330_kia_documents extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "kia_document_content" ("document_id" uuid not null, "content" bytea not null, constraint "kia_document_content_pkey" primary key ("document_id"));`);

    this.addSql(`create table "kia_document" ("id" uuid not null, "resident_id" uuid not null, "for_card" int not null, "kind" varchar(30) not null, "content_type" varchar(40) not null, "size" int not null, "sha256" varchar(64) not null, "file_name" varchar(200) null, "added_at" varchar(40) not null, "added_by" varchar(200) not null, "created_at" timestamptz(3) not null, constraint "kia_document_pkey" primary key ("id"));`);
    this.addSql(`create index "kia_document_resident_idx" on "kia_document" ("resident_id", "for_card");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "kia_document_content" cascade;`);

    this.addSql(`drop table if exists "kia_document" cascade;`);
  }

}
