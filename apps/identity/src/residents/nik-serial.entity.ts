/**
 * One row per 12-digit NIK prefix (kecamatan + encoded birth date) that this office has issued under. Its row
 * lock serializes concurrent issuance under the same prefix; the unique index on resident.nik is the last line
 * of defence. The serial itself is chosen by the domain library (issueNik) from the NIKs already used.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'nik_serial_counter' })
export class NikSerialCounter {
  @PrimaryKey({ length: 12 })
  prefix!: string;

  @Property({ type: 'integer' })
  lastSerial = 0;
}
