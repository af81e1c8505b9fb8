import { Migration } from '@mikro-orm/migrations';

export class Migration20261207191339_birth_deed_links extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "reporting_resident" add column "deed_linked_on" varchar(10) null, add column "deed_last_linked_on" varchar(10) null, add column "deed_unlinked_on" varchar(10) null, add column "deed_cov_to" varchar(10) null;`);
    // The covered part ended with the population interval until now (deed_cov_from to deed_total_to).
    this.addSql(`update reporting_resident set deed_cov_to = deed_total_to where deed_cov_from is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reporting_resident" drop column "deed_linked_on", drop column "deed_last_linked_on", drop column "deed_unlinked_on", drop column "deed_cov_to";`);
  }

}
