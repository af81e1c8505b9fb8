import { Migration } from '@mikro-orm/migrations';

export class Migration20261127225502_deed_events_and_import extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`deed_event_application\` (\`deed_id\` text not null, \`subject\` text not null, \`event_id\` text not null, \`outcome\` text not null default 'APPLIED', \`resident_ids\` json not null, \`applied_at\` datetime not null, primary key (\`deed_id\`, \`subject\`));`);

    this.addSql(`create table \`deed_event_review\` (\`id\` text not null, \`deed_id\` text not null, \`subject\` text not null, \`event_id\` text not null, \`code\` text not null, \`message\` text not null, \`items\` json not null, \`resident_ids\` json not null, \`family_card_id\` text null, \`district_code\` text not null, \`status\` text not null default 'OPEN', \`created_at\` datetime not null, \`resolved_at\` datetime null, \`resolved_by\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`deed_event_review_deed_idx\` on \`deed_event_review\` (\`deed_id\`);`);
    this.addSql(`create index \`deed_event_review_status_idx\` on \`deed_event_review\` (\`status\`, \`created_at\`);`);

    this.addSql(`create table \`import_job\` (\`id\` text not null, \`file_name\` text not null, \`sha256\` text not null, \`size_bytes\` bigint not null, \`format\` text not null, \`status\` text not null default 'RUNNING', \`as_of\` text not null, \`with_events\` integer not null, \`announced_through\` text null, \`total_rows\` integer not null, \`lines_committed\` integer not null default 0, \`rows_imported\` integer not null default 0, \`rows_rejected\` integer not null default 0, \`cards_imported\` integer not null default 0, \`cards_rejected\` integer not null default 0, \`batches_committed\` integer not null default 0, \`started_by\` text not null, \`started_at\` datetime not null, \`updated_at\` datetime not null, \`finished_at\` datetime null, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`import_job_sha256_unique\` on \`import_job\` (\`sha256\`);`);

    this.addSql(`create table \`import_rejection\` (\`job_id\` text not null, \`line\` integer not null, \`masked_nik\` text not null, \`masked_kk_number\` text not null, \`codes\` text not null, \`messages\` text not null, constraint \`import_rejection_job_id_foreign\` foreign key(\`job_id\`) references \`import_job\`(\`id\`) on delete cascade on update cascade, primary key (\`job_id\`, \`line\`));`);
    this.addSql(`create index \`import_rejection_job_id_index\` on \`import_rejection\` (\`job_id\`);`);

  }

}
