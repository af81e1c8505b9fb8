import { Migration } from '@mikro-orm/migrations';

export class Migration20261128001153_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` text not null, \`at\` datetime not null, \`actor_id\` text not null, \`actor_kind\` text not null, \`actor_roles\` json not null, \`action\` text not null, \`resource_type\` text not null, \`resource_id\` text null, \`region_code\` text null, \`result_count\` integer null, \`endpoint\` text null, \`request_id\` text null, \`outcome\` text not null default 'SUCCESS', primary key (\`id\`));`);
    this.addSql(`create index \`audit_entry_at_idx\` on \`audit_entry\` (\`at\`);`);
    this.addSql(`create index \`audit_entry_actor_idx\` on \`audit_entry\` (\`actor_id\`, \`at\`);`);
    this.addSql(`create index \`audit_entry_resource_idx\` on \`audit_entry\` (\`resource_type\`, \`resource_id\`);`);

    this.addSql(`create table \`audit_entry_result\` (\`entry_id\` text not null, \`resource_id\` text not null, constraint \`audit_entry_result_entry_id_foreign\` foreign key(\`entry_id\`) references \`audit_entry\`(\`id\`) on delete cascade on update cascade, primary key (\`entry_id\`, \`resource_id\`));`);
    this.addSql(`create index \`audit_entry_result_entry_id_index\` on \`audit_entry_result\` (\`entry_id\`);`);
    this.addSql(`create index \`audit_entry_result_resource_idx\` on \`audit_entry_result\` (\`resource_id\`);`);

    this.addSql(`create table \`reporting_deed\` (\`deed_id\` text not null, \`deed_type\` text not null, \`status\` text not null, \`status_at\` datetime null, \`channel\` text not null, \`first_at\` datetime null, \`district_code\` text not null, \`village_code\` text not null, \`event_date\` text null, \`first_on\` text null, \`registered_on\` text null, \`issued_on\` text null, \`rejected_on\` text null, \`annulled_on\` text null, \`timeliness\` text null, \`service_days\` text null, primary key (\`deed_id\`));`);
    this.addSql(`create index \`reporting_deed_village_idx\` on \`reporting_deed\` (\`village_code\`);`);

    this.addSql(`create table \`inbox_message\` (\`consumer\` text not null, \`event_id\` text not null, \`subject\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`);

    this.addSql(`create table \`outbox_event\` (\`id\` text not null, \`subject\` text not null, \`payload\` json not null, \`request_id\` text null, \`occurred_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_event_unpublished_idx\` on \`outbox_event\` (\`published_at\`, \`id\`);`);

    this.addSql(`create table \`reporting_resident\` (\`resident_id\` text not null, \`birth_date\` text null, \`marital_status\` text null, \`ever_married_on\` text null, \`district_code\` text null, \`village_code\` text null, \`status\` text not null, \`entered_on\` text null, \`left_on\` text null, \`ektp_state\` text null, \`ektp_recorded_on\` text null, \`kia_state\` text null, \`kia_from\` text null, \`kia_until\` text null, \`has_birth_deed\` integer not null, \`profile_at\` datetime null, \`place_at\` datetime null, \`status_at\` datetime null, \`ektp_at\` datetime null, \`kia_at\` datetime null, \`wajib_from\` text null, \`ektp_total_from\` text null, \`ektp_total_to\` text null, \`ektp_cov_from\` text null, \`kia_total_from\` text null, \`kia_total_to\` text null, \`kia_cov_from\` text null, \`kia_cov_to\` text null, \`deed_total_from\` text null, \`deed_total_to\` text null, \`deed_cov_from\` text null, primary key (\`resident_id\`));`);
    this.addSql(`create index \`reporting_resident_village_idx\` on \`reporting_resident\` (\`village_code\`);`);

    this.addSql(`create table \`reporting_visit\` (\`visit_id\` text not null, \`date\` text not null, \`district_code\` text not null, \`village_code\` text not null, \`recorded_at\` datetime not null, \`ektp_recording\` integer not null, \`birth_deed\` integer not null, \`kia\` integer not null, \`application\` integer not null, \`handover\` integer not null, primary key (\`visit_id\`));`);
    this.addSql(`create index \`reporting_visit_village_idx\` on \`reporting_visit\` (\`village_code\`, \`date\`);`);
  }

}
