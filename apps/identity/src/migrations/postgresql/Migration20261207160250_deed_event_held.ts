import { Migration } from '@mikro-orm/migrations';

export class Migration20261207160250_deed_event_held extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "deed_event_review" add column "held_event" jsonb null, add column "resolution" varchar(20) null, add column "resolution_reason" varchar(500) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "deed_event_review" drop column "held_event", drop column "resolution", drop column "resolution_reason";`);
  }

}
