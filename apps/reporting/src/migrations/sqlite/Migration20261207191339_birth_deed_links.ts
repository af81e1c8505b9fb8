import { Migration } from '@mikro-orm/migrations';

export class Migration20261207191339_birth_deed_links extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`reporting_resident\` add column \`deed_linked_on\` text null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`deed_last_linked_on\` text null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`deed_unlinked_on\` text null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`deed_cov_to\` text null;`);
    // The covered part ended with the population interval until now (deed_cov_from to deed_total_to).
    this.addSql(`update reporting_resident set deed_cov_to = deed_total_to where deed_cov_from is not null;`);
  }

}
