import { Migration } from '@mikro-orm/migrations';

export class Migration20261208035432_ikd_actions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`ikd_action\` (\`id\` text not null, \`resident_id\` text not null, \`seq\` integer not null, \`type\` text not null, \`at\` text not null, \`acted_by\` text not null, \`payload\` json not null, \`recorded_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`ikd_action_resident_seq_unique\` on \`ikd_action\` (\`resident_id\`, \`seq\`);`);

    this.addSql(`create table \`ikd_request\` (\`id\` text not null, \`caller\` text not null, \`idempotency_key\` text not null, \`resident_id\` text not null, \`request_digest\` text not null, \`response\` json not null, \`received_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`ikd_request_caller_key_unique\` on \`ikd_request\` (\`caller\`, \`idempotency_key\`);`);
  }

}
