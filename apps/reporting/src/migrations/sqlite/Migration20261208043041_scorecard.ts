import { Migration } from '@mikro-orm/migrations';

export class Migration20261208043041_scorecard extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`reporting_agreement_use\` (\`id\` text not null, \`service\` text not null, \`agreement\` text not null, \`day\` text not null, \`requests\` integer not null, \`refused\` integer not null, primary key (\`id\`));`);
    this.addSql(`create index \`reporting_agreement_use_agreement_idx\` on \`reporting_agreement_use\` (\`agreement\`, \`day\`);`);

    this.addSql(`create table \`reporting_scorecard_entry\` (\`id\` text not null, \`indicator\` text not null, \`year\` integer not null, \`value\` double not null, \`note\` text null, \`entered_by\` text not null, \`entered_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`reporting_scorecard_entry_year_idx\` on \`reporting_scorecard_entry\` (\`year\`, \`indicator\`);`);

    this.addSql(`alter table \`reporting_deed\` add column \`burial_recorded_on\` text null;`);
    this.addSql(`alter table \`reporting_deed\` add column \`buried_on\` text null;`);
    this.addSql(`alter table \`reporting_deed\` add column \`burial_match\` text null;`);
    this.addSql(`alter table \`reporting_deed\` add column \`burial_key\` text null;`);
    this.addSql(`alter table \`reporting_deed\` add column \`yielded\` text null;`);

    this.addSql(`alter table \`reporting_resident\` add column \`ikd_state\` text null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`ikd_from\` text null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`ikd_until\` text null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`ikd_at\` datetime null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`ikd_cov_from\` text null;`);
    this.addSql(`alter table \`reporting_resident\` add column \`ikd_cov_to\` text null;`);
  }

}
