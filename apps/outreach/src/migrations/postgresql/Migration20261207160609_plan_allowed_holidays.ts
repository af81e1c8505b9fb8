import { Migration } from '@mikro-orm/migrations';

export class Migration20261207160609_plan_allowed_holidays extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "outreach_plan" add column "allowed_holidays" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outreach_plan" drop column "allowed_holidays";`);
  }

}
