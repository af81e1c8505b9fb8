import { Migration } from '@mikro-orm/migrations';

export class Migration20261128010150_action_step_place extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`deed_action\` add column \`channel\` text null;`);
    this.addSql(`alter table \`deed_action\` add column \`visit_id\` text null;`);
  }

}
