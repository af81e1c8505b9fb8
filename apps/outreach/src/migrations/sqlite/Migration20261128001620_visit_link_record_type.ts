import { Migration } from '@mikro-orm/migrations';

export class Migration20261128001620_visit_link_record_type extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`outreach_visit_link\` add column \`record_type\` text not null default 'RESIDENT';`);
  }

}
