/**
 * A resident (penduduk) of the regency. The NIK is unique (a database constraint); the region codes of the
 * current address decide who may read and change the record (region scope); `version` makes concurrent
 * edits safe (optimistic locking: the second writer gets a 409).
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { MaritalStatus, Religion, Sex } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';

export type ResidentStatus = 'ALIVE' | 'DECEASED' | 'MOVED_OUT';

@Entity({ tableName: 'resident' })
@Index({ name: 'resident_name_birth_idx', properties: ['normalizedName', 'birthDate'] })
export class Resident {
  [OptionalProps]?: 'id' | 'status' | 'version' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ length: 16 })
  @Unique({ name: 'resident_nik_unique' })
  nik!: string;

  @Property({ length: 200 })
  fullName!: string;

  /** Lower case, single spaces, no punctuation: for search and duplicate detection. */
  @Property({ length: 200 })
  normalizedName!: string;

  @Property({ length: 100 })
  birthPlace!: string;

  /** 'YYYY-MM-DD' */
  @Property({ length: 10 })
  birthDate!: string;

  @Property({ length: 1 })
  sex!: Sex;

  @Property({ length: 20 })
  religion!: Religion;

  @Property({ length: 30 })
  maritalStatus!: MaritalStatus;

  @Property({ type: 'smallint', nullable: true })
  education?: number;

  @Property({ type: 'smallint', nullable: true })
  bloodType?: number;

  @Property({ length: 100, nullable: true })
  occupation?: string;

  @Property({ length: 200 })
  motherName!: string;

  @Property({ length: 200 })
  normalizedMotherName!: string;

  @Property({ length: 200, nullable: true })
  fatherName?: string;

  /** The kecamatan of the current address (6 digits): the region scope of the record. */
  @Property({ length: 6 })
  @Index({ name: 'resident_district_idx' })
  districtCode!: string;

  /** The desa / kelurahan of the current address (10 digits). */
  @Property({ length: 10 })
  @Index({ name: 'resident_village_idx' })
  villageCode!: string;

  @Property({ length: 300 })
  address!: string;

  @Property({ length: 12 })
  status: ResidentStatus = 'ALIVE';

  /** The family card the resident is on, if any. */
  @Property({ type: 'uuid', nullable: true })
  @Index({ name: 'resident_family_card_idx' })
  familyCardId?: string;

  @Property({ version: true })
  version!: number;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();

  @Property({ type: DateTimeType, length: 3, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** Lower case, apostrophes dropped, punctuation as spaces, single spaces. */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
