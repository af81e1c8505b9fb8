import { Migration } from '@mikro-orm/migrations';

export class Migration20261128002544_team_home_base extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "outreach_team" add column "base_village_code" varchar(10) null, add column "base_travel" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outreach_team" drop column "base_village_code", drop column "base_travel";`);
  }

}
