import { Migration } from '@mikro-orm/migrations';

export class Migration20261207160250_deed_event_held extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`deed_event_review\` add column \`held_event\` json null;`);
    this.addSql(`alter table \`deed_event_review\` add column \`resolution\` text null;`);
    this.addSql(`alter table \`deed_event_review\` add column \`resolution_reason\` text null;`);
  }

}
