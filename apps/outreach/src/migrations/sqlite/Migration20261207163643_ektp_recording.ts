import { Migration } from '@mikro-orm/migrations';

export class Migration20261207163643_ektp_recording extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outreach_ektp_recording\` (\`resident_id\` text not null, \`recorded_on\` text not null, \`district_code\` text not null, primary key (\`resident_id\`));`);
    this.addSql(`create index \`outreach_ektp_recording_day_idx\` on \`outreach_ektp_recording\` (\`recorded_on\`);`);
  }

}
