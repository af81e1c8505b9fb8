import { Migration } from '@mikro-orm/migrations';

export class Migration20261207192043_birth_deed_annulled extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "outreach_birth_deed" add column "annulled_at" timestamptz(3) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outreach_birth_deed" drop column "annulled_at";`);
  }

}
