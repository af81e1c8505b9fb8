import { Migration } from '@mikro-orm/migrations';

export class Migration20261207185101_known_from extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "reporting_resident" add column "ektp_known_from" varchar(10) null, add column "kia_known_from" varchar(10) null, add column "deed_known_from" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reporting_resident" drop column "ektp_known_from", drop column "kia_known_from", drop column "deed_known_from";`);
  }

}
