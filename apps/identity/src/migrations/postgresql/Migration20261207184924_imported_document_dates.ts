import { Migration } from '@mikro-orm/migrations';

export class Migration20261207184924_imported_document_dates extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "imported_document" add column "ektp_recorded_on" varchar(10) null, add column "registered_on" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "imported_document" drop column "ektp_recorded_on", drop column "registered_on";`);
  }

}
