import { Migration } from '@mikro-orm/migrations';

export class Migration20261208035417_burials extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`burial\` (\`id\` text not null, \`entry_key\` text null, \`person_key\` text not null, \`partner_id\` text not null, \`reporter_kind\` text not null, \`register_entry_number\` text null, \`deceased_name\` text not null, \`deceased_sex\` text not null, \`deceased_nik\` text null, \`date_of_death\` text null, \`burial_date\` text not null, \`cemetery_name\` text not null, \`district_code\` text not null, \`village_code\` text not null, \`death_deed_id\` text not null, \`match\` text not null, \`matched_by\` text not null, \`idempotency_key\` text null, \`request_digest\` text not null, \`recorded_at\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`burial_entry_key_unique\` on \`burial\` (\`entry_key\`);`);
    this.addSql(`create unique index \`burial_person_key_unique\` on \`burial\` (\`person_key\`);`);
    this.addSql(`create index \`burial_death_deed_idx\` on \`burial\` (\`death_deed_id\`);`);
    this.addSql(`create index \`burial_region_idx\` on \`burial\` (\`district_code\`, \`burial_date\`);`);
    this.addSql(`create index \`burial_partner_idx\` on \`burial\` (\`partner_id\`);`);
    this.addSql(`create unique index \`burial_idempotency_unique\` on \`burial\` (\`partner_id\`, \`idempotency_key\`);`);
  }

}
