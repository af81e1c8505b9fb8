/**
 * The last deed number sequence used, one row per (office, deed type, year): `scope` is '5316:BIRTH:2026'. Its row
 * lock serializes concurrent registrations of one type in one year, as identity's NIK counter does for NIKs;
 * the number itself comes from the domain allocator (allocateDeedNumber), and the unique index on
 * deed_record.deed_number is the last line of defence.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'deed_number_counter' })
export class DeedNumberCounter {
  @PrimaryKey({ length: 40 })
  scope!: string;

  @Property({ type: 'integer' })
  lastSequence = 0;
}
