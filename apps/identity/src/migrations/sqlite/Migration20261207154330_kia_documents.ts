import { Migration } from '@mikro-orm/migrations';

export class Migration20261207154330_kia_documents extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`kia_document_content\` (\`document_id\` text not null, \`content\` blob not null, primary key (\`document_id\`));`);

    this.addSql(`create table \`kia_document\` (\`id\` text not null, \`resident_id\` text not null, \`for_card\` integer not null, \`kind\` text not null, \`content_type\` text not null, \`size\` integer not null, \`sha256\` text not null, \`file_name\` text null, \`added_at\` text not null, \`added_by\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`kia_document_resident_idx\` on \`kia_document\` (\`resident_id\`, \`for_card\`);`);
  }

}
