import { Migration } from '@mikro-orm/migrations';

export class Migration20261127222915_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` text not null, \`at\` datetime not null, \`actor_id\` text not null, \`actor_kind\` text not null, \`actor_roles\` json not null, \`action\` text not null, \`resource_type\` text not null, \`resource_id\` text null, \`region_code\` text null, \`result_count\` integer null, \`endpoint\` text null, \`request_id\` text null, \`outcome\` text not null default 'SUCCESS', primary key (\`id\`));`);
    this.addSql(`create index \`audit_entry_at_idx\` on \`audit_entry\` (\`at\`);`);
    this.addSql(`create index \`audit_entry_actor_idx\` on \`audit_entry\` (\`actor_id\`, \`at\`);`);
    this.addSql(`create index \`audit_entry_resource_idx\` on \`audit_entry\` (\`resource_type\`, \`resource_id\`);`);

    this.addSql(`create table \`audit_entry_result\` (\`entry_id\` text not null, \`resource_id\` text not null, constraint \`audit_entry_result_entry_id_foreign\` foreign key(\`entry_id\`) references \`audit_entry\`(\`id\`) on delete cascade on update cascade, primary key (\`entry_id\`, \`resource_id\`));`);
    this.addSql(`create index \`audit_entry_result_entry_id_index\` on \`audit_entry_result\` (\`entry_id\`);`);
    this.addSql(`create index \`audit_entry_result_resource_idx\` on \`audit_entry_result\` (\`resource_id\`);`);

    this.addSql(`create table \`deed_action\` (\`id\` text not null, \`deed_id\` text not null, \`seq\` integer not null, \`type\` text not null, \`at\` text not null, \`actor_role\` text not null, \`actor_id\` text not null, \`payload\` json not null, \`recorded_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`deed_action_deed_seq_unique\` on \`deed_action\` (\`deed_id\`, \`seq\`);`);

    this.addSql(`create table \`deed_copy\` (\`id\` text not null, \`deed_id\` text not null, \`code\` text not null, \`deed_version\` integer not null, \`issued_at\` text not null, \`issued_by\` text not null, \`content\` json not null, \`signed_payload\` text not null, \`signature\` text not null, \`key_id\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`deed_copy_code_unique\` on \`deed_copy\` (\`code\`);`);
    this.addSql(`create index \`deed_copy_deed_idx\` on \`deed_copy\` (\`deed_id\`);`);

    this.addSql(`create table \`deed_document\` (\`id\` text not null, \`deed_id\` text not null, \`kind\` text not null, \`source\` text not null, \`content_type\` text null, \`size\` integer null, \`sha256\` text null, \`file_name\` text null, \`declaration\` json null, \`added_at\` text not null, \`added_by\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`deed_document_deed_idx\` on \`deed_document\` (\`deed_id\`);`);

    this.addSql(`create table \`deed_document_content\` (\`document_id\` text not null, \`content\` blob not null, primary key (\`document_id\`));`);

    this.addSql(`create table \`deed_notification\` (\`id\` text not null, \`deed_id\` text not null, \`partner_id\` text not null, \`partner_kind\` text not null, \`idempotency_key\` text null, \`request_digest\` text not null, \`outcome\` text not null, \`received_at\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`deed_notification_deed_idx\` on \`deed_notification\` (\`deed_id\`);`);
    this.addSql(`create unique index \`deed_notification_idempotency_unique\` on \`deed_notification\` (\`partner_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`deed_number_counter\` (\`scope\` text not null, \`last_sequence\` integer not null default 0, primary key (\`scope\`));`);

    this.addSql(`create table \`deed_record\` (\`id\` text not null, \`deed_type\` text not null, \`case_key\` text null, \`district_code\` text not null, \`village_code\` text null, \`channel\` text not null, \`visit_id\` text null, \`event_date\` text not null, \`particulars\` json not null, \`parents_married\` integer null, \`status\` text null, \`action_count\` integer not null default 0, \`deed_version\` integer not null default 0, \`deed_number\` text null, \`timeliness\` text null, \`notified_at\` text null, \`registered_at\` text null, \`issued_at\` text null, \`waiting_for\` text null, \`pending_registration\` json null, \`retry_attempts\` integer not null default 0, \`next_retry_at\` datetime null, \`last_wait_code\` text null, \`link_problems\` json null, \`identity_link\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`deed_record_case_key_unique\` on \`deed_record\` (\`case_key\`);`);
    this.addSql(`create unique index \`deed_record_deed_number_unique\` on \`deed_record\` (\`deed_number\`);`);
    this.addSql(`create index \`deed_record_waiting_idx\` on \`deed_record\` (\`waiting_for\`, \`next_retry_at\`);`);
    this.addSql(`create index \`deed_record_queue_idx\` on \`deed_record\` (\`district_code\`, \`status\`);`);

    this.addSql(`create table \`inbox_message\` (\`consumer\` text not null, \`event_id\` text not null, \`subject\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`);

    this.addSql(`create table \`kua_marriage\` (\`id\` text not null, \`case_key\` text not null, \`husband_nik\` text not null, \`husband_name\` text not null, \`wife_nik\` text not null, \`wife_name\` text not null, \`marriage_date\` text not null, \`marriage_certificate_number\` text not null, \`kua_name\` text not null, \`district_code\` text not null, \`village_code\` text null, \`reported_by\` text not null, \`idempotency_key\` text null, \`request_digest\` text not null, \`reported_at\` text not null, \`timeliness\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`kua_marriage_case_key_unique\` on \`kua_marriage\` (\`case_key\`);`);
    this.addSql(`create unique index \`kua_marriage_idempotency_unique\` on \`kua_marriage\` (\`reported_by\`, \`idempotency_key\`);`);

    this.addSql(`create table \`outbox_event\` (\`id\` text not null, \`subject\` text not null, \`payload\` json not null, \`request_id\` text null, \`occurred_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_event_unpublished_idx\` on \`outbox_event\` (\`published_at\`, \`id\`);`);
  }

}
