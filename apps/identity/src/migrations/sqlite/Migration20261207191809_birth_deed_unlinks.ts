import { Migration } from '@mikro-orm/migrations';

export class Migration20261207191809_birth_deed_unlinks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`birth_deed_link\` add column \`unlinked_at\` datetime null;`);

  }

}
