import { Migration } from '@mikro-orm/migrations';

export class Migration20261127212630_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`nik_serial_counter\` (\`prefix\` text not null, \`last_serial\` integer not null default 0, primary key (\`prefix\`));`);

    this.addSql(`create table \`outbox_event\` (\`id\` text not null, \`subject\` text not null, \`payload\` json not null, \`request_id\` text null, \`occurred_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_event_unpublished_idx\` on \`outbox_event\` (\`published_at\`, \`id\`);`);

    this.addSql(`create table \`resident\` (\`id\` text not null, \`nik\` text not null, \`full_name\` text not null, \`normalized_name\` text not null, \`birth_place\` text not null, \`birth_date\` text not null, \`sex\` text not null, \`religion\` text not null, \`marital_status\` text not null, \`education\` integer null, \`blood_type\` integer null, \`occupation\` text null, \`mother_name\` text not null, \`normalized_mother_name\` text not null, \`father_name\` text null, \`district_code\` text not null, \`village_code\` text not null, \`address\` text not null, \`status\` text not null default 'ALIVE', \`family_card_id\` text null, \`version\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`resident_nik_unique\` on \`resident\` (\`nik\`);`);
    this.addSql(`create index \`resident_district_idx\` on \`resident\` (\`district_code\`);`);
    this.addSql(`create index \`resident_village_idx\` on \`resident\` (\`village_code\`);`);
    this.addSql(`create index \`resident_family_card_idx\` on \`resident\` (\`family_card_id\`);`);
    this.addSql(`create index \`resident_name_birth_idx\` on \`resident\` (\`normalized_name\`, \`birth_date\`);`);
  }

}
