import { Migration } from '@mikro-orm/migrations';

export class Migration20261207163643_ektp_recording extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "outreach_ektp_recording" ("resident_id" uuid not null, "recorded_on" varchar(10) not null, "district_code" varchar(6) not null, constraint "outreach_ektp_recording_pkey" primary key ("resident_id"));`);
    this.addSql(`create index "outreach_ektp_recording_day_idx" on "outreach_ektp_recording" ("recorded_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outreach_ektp_recording" cascade;`);
  }

}
