import { Migration } from '@mikro-orm/migrations';

export class Migration20261128002546_team_home_base extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`outreach_team\` add column \`base_village_code\` text null;`);
    this.addSql(`alter table \`outreach_team\` add column \`base_travel\` json not null default '{}';`);
  }

}
