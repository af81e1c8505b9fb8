import { Migration } from '@mikro-orm/migrations';

export class Migration20261208005854_import_job_sheets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`import_job\` add column \`sheets\` json null;`);
  }

}
