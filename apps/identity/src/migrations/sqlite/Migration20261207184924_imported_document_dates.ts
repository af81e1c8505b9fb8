import { Migration } from '@mikro-orm/migrations';

export class Migration20261207184924_imported_document_dates extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`imported_document\` add column \`ektp_recorded_on\` text null;`);
    this.addSql(`alter table \`imported_document\` add column \`registered_on\` text null;`);
  }

}
