import { Migration } from '@mikro-orm/migrations';

export class Migration20261128001618_visit_link_record_type extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "outreach_visit_link" add column "record_type" varchar(10) not null default 'RESIDENT';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outreach_visit_link" drop column "record_type";`);
  }

}
