import { Migration } from '@mikro-orm/migrations';

export class Migration20261207185101_known_from extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`reporting_resident\` add column \`ektp_known_from\` text null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`kia_known_from\` text null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`deed_known_from\` text null;`);
  }

}
