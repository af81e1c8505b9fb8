import { Migration } from '@mikro-orm/migrations';

export class Migration20261127215149_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` text not null, \`at\` datetime not null, \`actor_id\` text not null, \`actor_kind\` text not null, \`actor_roles\` json not null, \`action\` text not null, \`resource_type\` text not null, \`resource_id\` text null, \`region_code\` text null, \`result_count\` integer null, \`endpoint\` text null, \`request_id\` text null, \`outcome\` text not null default 'SUCCESS', primary key (\`id\`));`);
    this.addSql(`create index \`audit_entry_at_idx\` on \`audit_entry\` (\`at\`);`);
    this.addSql(`create index \`audit_entry_actor_idx\` on \`audit_entry\` (\`actor_id\`, \`at\`);`);
    this.addSql(`create index \`audit_entry_resource_idx\` on \`audit_entry\` (\`resource_type\`, \`resource_id\`);`);

    this.addSql(`create table \`audit_entry_result\` (\`entry_id\` text not null, \`resource_id\` text not null, constraint \`audit_entry_result_entry_id_foreign\` foreign key(\`entry_id\`) references \`audit_entry\`(\`id\`) on delete cascade on update cascade, primary key (\`entry_id\`, \`resource_id\`));`);
    this.addSql(`create index \`audit_entry_result_entry_id_index\` on \`audit_entry_result\` (\`entry_id\`);`);
    this.addSql(`create index \`audit_entry_result_resource_idx\` on \`audit_entry_result\` (\`resource_id\`);`);

    this.addSql(`create table \`ektp_action\` (\`id\` text not null, \`resident_id\` text not null, \`seq\` integer not null, \`type\` text not null, \`at\` text not null, \`acted_by\` text not null, \`payload\` json not null, \`recorded_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`ektp_action_resident_seq_unique\` on \`ektp_action\` (\`resident_id\`, \`seq\`);`);

    this.addSql(`create table \`family_card\` (\`id\` text not null, \`kk_number\` text not null, \`district_code\` text not null, \`village_code\` text not null, \`address\` text not null, \`polygamy_permitted\` integer not null default false, \`status\` text check (\`status\` in ('ACTIVE', 'CLOSED')) not null default 'ACTIVE', \`version\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`family_card_kk_number_unique\` on \`family_card\` (\`kk_number\`);`);

    this.addSql(`create table \`family_card_version\` (\`id\` text not null, \`card_id\` text not null, \`version\` integer not null, \`kk_number\` text not null, \`status\` text not null, \`operation\` text not null, \`members\` json not null, \`facts\` json not null, \`recorded_by\` text not null, \`request_id\` text null, \`recorded_at\` datetime not null, constraint \`family_card_version_card_id_foreign\` foreign key(\`card_id\`) references \`family_card\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`family_card_version_card_id_index\` on \`family_card_version\` (\`card_id\`);`);
    this.addSql(`create index \`family_card_version_kk_number_idx\` on \`family_card_version\` (\`kk_number\`);`);
    this.addSql(`create unique index \`family_card_version_card_version_unique\` on \`family_card_version\` (\`card_id\`, \`version\`);`);

    this.addSql(`create table \`inbox_message\` (\`consumer\` text not null, \`event_id\` text not null, \`subject\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`);

    this.addSql(`create table \`kia_action\` (\`id\` text not null, \`resident_id\` text not null, \`seq\` integer not null, \`type\` text not null, \`at\` text not null, \`acted_by\` text not null, \`payload\` json not null, \`recorded_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`kia_action_resident_seq_unique\` on \`kia_action\` (\`resident_id\`, \`seq\`);`);

    this.addSql(`create table \`kk_serial_counter\` (\`prefix\` text not null, \`last_serial\` integer not null default 0, primary key (\`prefix\`));`);

    this.addSql(`create table \`nik_serial_counter\` (\`prefix\` text not null, \`last_serial\` integer not null default 0, primary key (\`prefix\`));`);

    this.addSql(`create table \`outbox_event\` (\`id\` text not null, \`subject\` text not null, \`payload\` json not null, \`request_id\` text null, \`occurred_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_event_unpublished_idx\` on \`outbox_event\` (\`published_at\`, \`id\`);`);

    this.addSql(`create table \`resident\` (\`id\` text not null, \`nik\` text not null, \`full_name\` text not null, \`normalized_name\` text not null, \`birth_place\` text not null, \`birth_date\` text not null, \`sex\` text not null, \`religion\` text not null, \`marital_status\` text not null, \`education\` integer null, \`blood_type\` integer null, \`occupation\` text null, \`mother_name\` text not null, \`normalized_mother_name\` text not null, \`father_name\` text null, \`district_code\` text not null, \`village_code\` text not null, \`address\` text not null, \`status\` text not null default 'ALIVE', \`family_card_id\` text null, \`version\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`resident_nik_unique\` on \`resident\` (\`nik\`);`);
    this.addSql(`create index \`resident_district_idx\` on \`resident\` (\`district_code\`);`);
    this.addSql(`create index \`resident_village_idx\` on \`resident\` (\`village_code\`);`);
    this.addSql(`create index \`resident_family_card_idx\` on \`resident\` (\`family_card_id\`);`);
    this.addSql(`create index \`resident_name_birth_idx\` on \`resident\` (\`normalized_name\`, \`birth_date\`);`);

    this.addSql(`create table \`family_card_membership\` (\`id\` text not null, \`card_id\` text not null, \`resident_id\` text not null, \`relationship\` integer not null, \`position\` integer not null, \`father_resident_id\` text null, \`mother_resident_id\` text null, constraint \`family_card_membership_card_id_foreign\` foreign key(\`card_id\`) references \`family_card\`(\`id\`) on update cascade, constraint \`family_card_membership_resident_id_foreign\` foreign key(\`resident_id\`) references \`resident\`(\`id\`) on update cascade, primary key (\`id\`), constraint family_card_membership_relationship_check check (relationship >= 1 and relationship <= 11));`);
    this.addSql(`create index \`family_card_membership_resident_id_index\` on \`family_card_membership\` (\`resident_id\`);`);
    this.addSql(`create unique index \`family_card_membership_resident_unique\` on \`family_card_membership\` (\`resident_id\`);`);
    this.addSql(`create index \`family_card_membership_card_idx\` on \`family_card_membership\` (\`card_id\`);`);

    this.addSql(`create table \`resident_status_action\` (\`id\` text not null, \`resident_id\` text not null, \`seq\` integer not null, \`type\` text not null, \`at\` text not null, \`acted_by\` text not null, \`payload\` json not null, \`recorded_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`resident_status_action_resident_seq_unique\` on \`resident_status_action\` (\`resident_id\`, \`seq\`);`);
  }

}
