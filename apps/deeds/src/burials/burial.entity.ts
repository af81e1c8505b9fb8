/**
 * A burial of the burial register (Buku Pokok Pemakaman) as a cemetery keeper, a parish, a mosque or the village
 * reported it, attached to the death record it was matched with (burial-matching.ts).
 *
 * One burial, one row: `entryKey` (the partner and its register entry number) and `personKey` (the deceased's NIK
 * and the burial day; without a NIK, the village, the name's phonetic keys, the sex and the burial day) are
 * digests with UNIQUE constraints, so a burial reported again by either key is a duplicate even when both reports
 * arrive together. A retried request carries the same Idempotency-Key: (partner, key) is unique.
 *
 * The name and NIK are personal data: kept here to match later reports, never in the event, the views or logs.
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { BurialRecorded } from '@adminduk/contracts';
import { uuidv7 } from '@adminduk/platform';

export type BurialReporterKind = BurialRecorded['reporterKind'];
export type BurialMatch = BurialRecorded['match'];
export type BurialMatchedBy = BurialRecorded['matchedBy'];

@Entity({ tableName: 'burial' })
@Unique({ name: 'burial_idempotency_unique', properties: ['partnerId', 'idempotencyKey'] })
@Index({ name: 'burial_partner_idx', properties: ['partnerId'] })
@Index({ name: 'burial_region_idx', properties: ['districtCode', 'burialDate'] })
@Index({ name: 'burial_death_deed_idx', properties: ['deathDeedId'] })
export class Burial {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** SHA-256 of the partner and its register entry number; null when the report gives no number. */
  @Property({ length: 64, nullable: true })
  @Unique({ name: 'burial_entry_key_unique' })
  entryKey?: string | null;

  /** SHA-256 of the deceased and the burial day (see the module comment). */
  @Property({ length: 64 })
  @Unique({ name: 'burial_person_key_unique' })
  personKey!: string;

  /** The institution that reported it (partyOf: its API key, or the institution of the person signed in). */
  @Property({ length: 200 })
  partnerId!: string;

  @Property({ length: 20 })
  reporterKind!: BurialReporterKind;

  @Property({ length: 60, nullable: true })
  registerEntryNumber?: string | null;

  @Property({ length: 200 })
  deceasedName!: string;

  @Property({ length: 1 })
  deceasedSex!: 'M' | 'F';

  @Property({ length: 16, nullable: true })
  deceasedNik?: string | null;

  @Property({ length: 10, nullable: true })
  dateOfDeath?: string | null;

  @Property({ length: 10 })
  burialDate!: string;

  @Property({ length: 200 })
  cemeteryName!: string;

  /** The kecamatan, from the village code. */
  @Property({ length: 6 })
  districtCode!: string;

  @Property({ length: 10 })
  villageCode!: string;

  /** The death record (deed_record, type DEATH) the burial is attached to. */
  @Property({ type: 'uuid' })
  deathDeedId!: string;

  @Property({ length: 20 })
  match!: BurialMatch;

  @Property({ length: 12 })
  matchedBy!: BurialMatchedBy;

  @Property({ length: 100, nullable: true })
  idempotencyKey?: string | null;

  /** SHA-256 of the request body, to recognise a retry. */
  @Property({ length: 64 })
  requestDigest!: string;

  @Property({ length: 40 })
  recordedAt!: string;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();
}
