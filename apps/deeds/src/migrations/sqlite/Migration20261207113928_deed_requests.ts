import { Migration } from '@mikro-orm/migrations';

export class Migration20261207113928_deed_requests extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`deed_request\` (\`id\` text not null, \`caller\` text not null, \`idempotency_key\` text not null, \`operation\` text not null, \`request_digest\` text not null, \`deed_id\` text not null, \`document_id\` text null, \`received_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`deed_request_caller_key_unique\` on \`deed_request\` (\`caller\`, \`idempotency_key\`);`);
  }

}
