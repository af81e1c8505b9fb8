import { Migration } from '@mikro-orm/migrations';

export class Migration20261128010148_action_step_place extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "deed_action" add column "channel" varchar(12) null, add column "visit_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "deed_action" drop column "channel", drop column "visit_id";`);
  }

}
