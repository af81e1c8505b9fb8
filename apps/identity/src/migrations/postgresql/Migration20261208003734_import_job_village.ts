import { Migration } from '@mikro-orm/migrations';

export class Migration20261208003734_import_job_village extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "import_job" add column "village_code" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "import_job" drop column "village_code";`);
  }

}
