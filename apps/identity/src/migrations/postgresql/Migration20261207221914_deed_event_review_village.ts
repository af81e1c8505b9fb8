import { Migration } from '@mikro-orm/migrations';

export class Migration20261207221914_deed_event_review_village extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "deed_event_review" add column "village_code" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "deed_event_review" drop column "village_code";`);
  }

}
