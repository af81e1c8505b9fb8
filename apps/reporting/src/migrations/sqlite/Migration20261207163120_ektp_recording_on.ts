import { Migration } from '@mikro-orm/migrations';

export class Migration20261207163120_ektp_recording_on extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`reporting_resident\` add column \`ektp_recording_on\` text null;`);
  }

}
