import { Migration } from '@mikro-orm/migrations';

export class Migration20261127223910_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` text not null, \`at\` datetime not null, \`actor_id\` text not null, \`actor_kind\` text not null, \`actor_roles\` json not null, \`action\` text not null, \`resource_type\` text not null, \`resource_id\` text null, \`region_code\` text null, \`result_count\` integer null, \`endpoint\` text null, \`request_id\` text null, \`outcome\` text not null default 'SUCCESS', primary key (\`id\`));`);
    this.addSql(`create index \`audit_entry_at_idx\` on \`audit_entry\` (\`at\`);`);
    this.addSql(`create index \`audit_entry_actor_idx\` on \`audit_entry\` (\`actor_id\`, \`at\`);`);
    this.addSql(`create index \`audit_entry_resource_idx\` on \`audit_entry\` (\`resource_type\`, \`resource_id\`);`);

    this.addSql(`create table \`audit_entry_result\` (\`entry_id\` text not null, \`resource_id\` text not null, constraint \`audit_entry_result_entry_id_foreign\` foreign key(\`entry_id\`) references \`audit_entry\`(\`id\`) on delete cascade on update cascade, primary key (\`entry_id\`, \`resource_id\`));`);
    this.addSql(`create index \`audit_entry_result_entry_id_index\` on \`audit_entry_result\` (\`entry_id\`);`);
    this.addSql(`create index \`audit_entry_result_resource_idx\` on \`audit_entry_result\` (\`resource_id\`);`);

    this.addSql(`create table \`outreach_birth_deed\` (\`deed_id\` text not null, \`birth_date\` text not null, \`sex\` text not null, \`district_code\` text not null, \`village_code\` text null, \`resident_id\` text null, \`received_at\` datetime not null, primary key (\`deed_id\`));`);
    this.addSql(`create index \`outreach_birth_deed_match_idx\` on \`outreach_birth_deed\` (\`birth_date\`, \`sex\`, \`district_code\`);`);

    this.addSql(`create table \`outreach_calendar_day\` (\`date\` text not null, \`kind\` text not null, \`name\` text not null, \`created_at\` datetime not null, primary key (\`date\`));`);

    this.addSql(`create table \`outreach_calendar_settings\` (\`id\` integer not null default 1, \`service_days\` json not null, \`day_minutes\` integer not null, \`setup_minutes\` integer not null, \`version\` integer not null default 1, \`updated_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`outreach_deed\` (\`deed_id\` text not null, \`deed_type\` text not null, \`status\` text not null, \`district_code\` text not null, \`village_code\` text null, \`channel\` text not null, \`visit_id\` text null, \`at\` datetime not null, primary key (\`deed_id\`));`);
    this.addSql(`create index \`outreach_deed_village_idx\` on \`outreach_deed\` (\`district_code\`, \`village_code\`);`);

    this.addSql(`create table \`inbox_message\` (\`consumer\` text not null, \`event_id\` text not null, \`subject\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`);

    this.addSql(`create table \`outbox_event\` (\`id\` text not null, \`subject\` text not null, \`payload\` json not null, \`request_id\` text null, \`occurred_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_event_unpublished_idx\` on \`outbox_event\` (\`published_at\`, \`id\`);`);

    this.addSql(`create table \`outreach_village\` (\`code\` text not null, \`district_code\` text not null, \`name\` text not null, \`kind\` text not null, \`travel_minutes\` integer not null, \`travel_source\` text not null default 'DEFAULT', \`active\` integer not null default true, \`version\` integer not null default 1, \`updated_at\` datetime not null, primary key (\`code\`));`);
    this.addSql(`create index \`outreach_village_district_idx\` on \`outreach_village\` (\`district_code\`);`);

    this.addSql(`create table \`outreach_plan\` (\`id\` text not null, \`series_id\` text not null, \`version\` integer not null, \`status\` text not null, \`origin\` text not null, \`previous_plan_id\` text null, \`cancelled_visit_id\` text null, \`as_of\` text not null, \`start_date\` text not null, \`end_date\` text not null, \`weeks\` integer not null, \`objective\` double not null, \`backlog\` json not null, \`served\` json not null, \`remaining\` json not null, \`skipped_dates\` json not null, \`warnings\` json not null, \`created_by\` text not null, \`created_at\` datetime not null, \`published_at\` datetime null, \`published_by\` text null, \`superseded_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`outreach_plan_status_idx\` on \`outreach_plan\` (\`status\`);`);
    this.addSql(`create unique index \`outreach_plan_series_version_unique\` on \`outreach_plan\` (\`series_id\`, \`version\`);`);

    this.addSql(`create table \`outreach_plan_visit\` (\`id\` text not null, \`series_id\` text not null, \`from_version\` integer not null, \`to_version\` integer null, \`date\` text not null, \`team_id\` text not null, \`team_name\` text not null, \`district_code\` text not null, \`village_code\` text not null, \`planned\` json not null, \`minutes\` json not null, \`status\` text not null default 'PLANNED', \`cancel_reason\` text null, \`cancelled_at\` datetime null, \`cancelled_by\` text null, \`outcome\` json null, \`completed_at\` datetime null, \`completed_by\` text null, \`version\` integer not null default 1, primary key (\`id\`));`);
    this.addSql(`create index \`outreach_plan_visit_series_idx\` on \`outreach_plan_visit\` (\`series_id\`, \`date\`);`);

    this.addSql(`create table \`outreach_resident\` (\`resident_id\` text not null, \`birth_date\` text null, \`sex\` text null, \`marital_status\` text null, \`origin\` text null, \`district_code\` text null, \`village_code\` text null, \`status\` text not null default 'ALIVE', \`ektp_state\` text null, \`kia_state\` text null, \`kia_valid_until\` text null, \`birth_deed\` integer not null default false, \`birth_deed_id\` text null, \`wajib_ktp_from\` text null, \`kia_until\` text null, \`child_until\` text null, \`profile_at\` datetime null, \`marital_at\` datetime null, \`place_at\` datetime null, \`status_at\` datetime null, \`ektp_at\` datetime null, \`kia_at\` datetime null, \`updated_at\` datetime not null, primary key (\`resident_id\`));`);
    this.addSql(`create index \`outreach_resident_village_idx\` on \`outreach_resident\` (\`district_code\`, \`village_code\`);`);

    this.addSql(`create table \`outreach_team\` (\`id\` text not null, \`name\` text not null, \`staff_count\` integer not null, \`equipment\` json not null, \`services\` json not null, \`capacity\` json not null, \`active\` integer not null default true, \`version\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`outreach_team_name_unique\` on \`outreach_team\` (\`name\`);`);

    this.addSql(`create table \`outreach_visit_link\` (\`id\` text not null, \`visit_id\` text not null, \`kind\` text not null, \`record_id\` text not null, \`event_id\` text not null, \`linked_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`outreach_visit_link_visit_idx\` on \`outreach_visit_link\` (\`visit_id\`);`);
    this.addSql(`create unique index \`outreach_visit_link_unique\` on \`outreach_visit_link\` (\`visit_id\`, \`kind\`, \`record_id\`);`);
  }

}
