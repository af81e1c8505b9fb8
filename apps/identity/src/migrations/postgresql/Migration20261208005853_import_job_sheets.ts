import { Migration } from '@mikro-orm/migrations';

export class Migration20261208005853_import_job_sheets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "import_job" add column "sheets" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "import_job" drop column "sheets";`);
  }

}
