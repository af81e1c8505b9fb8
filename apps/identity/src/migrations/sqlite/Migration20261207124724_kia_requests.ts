import { Migration } from '@mikro-orm/migrations';

export class Migration20261207124724_kia_requests extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`kia_request\` (\`id\` text not null, \`caller\` text not null, \`idempotency_key\` text not null, \`resident_id\` text not null, \`request_digest\` text not null, \`response\` json not null, \`received_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`kia_request_caller_key_unique\` on \`kia_request\` (\`caller\`, \`idempotency_key\`);`);
  }

}
