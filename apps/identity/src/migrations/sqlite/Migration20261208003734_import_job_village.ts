import { Migration } from '@mikro-orm/migrations';

export class Migration20261208003734_import_job_village extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`import_job\` add column \`village_code\` text null;`);
  }

}
