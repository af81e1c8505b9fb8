import { Migration } from '@mikro-orm/migrations';

export class Migration20261128001202_imported_documents extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`imported_document\` (\`resident_id\` text not null, \`job_id\` text not null, \`ektp_state\` text null, \`kia_state\` text null, \`birth_deed\` integer null, primary key (\`resident_id\`));`);
    this.addSql(`create index \`imported_document_job_idx\` on \`imported_document\` (\`job_id\`);`);
  }

}
