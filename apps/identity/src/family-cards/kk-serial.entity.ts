/**
 * One row per 12-digit No. KK prefix (issuing kecamatan + date of issue DDMMYY) that this office has issued
 * under. Its row lock serializes concurrent issuance under the same prefix, as NikSerialCounter does for NIKs;
 * the unique index on family_card.kk_number is the last line of defence. The serial itself is chosen by the
 * domain library (issueKkNumber) from the numbers already used.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'kk_serial_counter' })
export class KkSerialCounter {
  @PrimaryKey({ length: 12 })
  prefix!: string;

  @Property({ type: 'integer' })
  lastSerial = 0;
}
