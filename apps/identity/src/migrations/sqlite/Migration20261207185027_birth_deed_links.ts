import { Migration } from '@mikro-orm/migrations';

export class Migration20261207185027_birth_deed_links extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`birth_deed_link\` (\`deed_id\` text not null, \`resident_id\` text not null, \`link\` text not null, \`event_id\` text not null, \`linked_at\` datetime not null, primary key (\`deed_id\`));`);
    this.addSql(`create index \`birth_deed_link_resident_idx\` on \`birth_deed_link\` (\`resident_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`birth_deed_link\`;`);
  }

}
