/**
 * The reporting read model of one resident (facts.ts ResidentFacts): birth date, the days things happened, the
 * kecamatan and village, and the derived intervals in which the resident counts for each coverage indicator.
 * Keyed by the resident's id: no name, no NIK, no address (UU 27/2022).
 */
import { DateTimeType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { ResidentFacts } from './facts';

// A fresh options object per property: MikroORM writes into it.
const day = () => ({ length: 10, nullable: true });

@Entity({ tableName: 'reporting_resident' })
@Index({ name: 'reporting_resident_village_idx', properties: ['villageCode'] })
export class ResidentFact implements ResidentFacts {
  @PrimaryKey({ type: 'uuid' }) residentId!: string;
  @Property(day()) birthDate!: string | null;
  @Property({ length: 30, nullable: true }) maritalStatus!: string | null;
  @Property(day()) everMarriedOn!: string | null;
  @Property({ length: 6, nullable: true }) districtCode!: string | null;
  @Property({ length: 10, nullable: true }) villageCode!: string | null;
  @Property({ length: 12 }) status!: string;
  @Property(day()) enteredOn!: string | null;
  @Property(day()) leftOn!: string | null;
  @Property({ length: 20, nullable: true }) ektpState!: string | null;
  @Property(day()) ektpRecordedOn!: string | null;
  @Property(day()) ektpRecordingOn!: string | null;
  @Property(day()) ektpKnownFrom!: string | null;
  @Property(day()) kiaKnownFrom!: string | null;
  @Property(day()) deedKnownFrom!: string | null;
  @Property({ length: 20, nullable: true }) kiaState!: string | null;
  @Property(day()) kiaFrom!: string | null;
  @Property(day()) kiaUntil!: string | null;
  @Property() hasBirthDeed!: boolean;
  @Property(day()) deedLinkedOn!: string | null;
  @Property(day()) deedLastLinkedOn!: string | null;
  @Property(day()) deedUnlinkedOn!: string | null;
  @Property({ length: 20, nullable: true }) ikdState!: string | null;
  @Property(day()) ikdFrom!: string | null;
  @Property(day()) ikdUntil!: string | null;
  @Property({ type: DateTimeType, nullable: true }) profileAt!: Date | null;
  @Property({ type: DateTimeType, nullable: true }) placeAt!: Date | null;
  @Property({ type: DateTimeType, nullable: true }) statusAt!: Date | null;
  @Property({ type: DateTimeType, nullable: true }) ektpAt!: Date | null;
  @Property({ type: DateTimeType, nullable: true }) kiaAt!: Date | null;
  @Property({ type: DateTimeType, nullable: true }) ikdAt!: Date | null;
  @Property(day()) wajibFrom!: string | null;
  @Property(day()) ektpTotalFrom!: string | null;
  @Property(day()) ektpTotalTo!: string | null;
  @Property(day()) ektpCovFrom!: string | null;
  @Property(day()) kiaTotalFrom!: string | null;
  @Property(day()) kiaTotalTo!: string | null;
  @Property(day()) kiaCovFrom!: string | null;
  @Property(day()) kiaCovTo!: string | null;
  @Property(day()) deedTotalFrom!: string | null;
  @Property(day()) deedTotalTo!: string | null;
  @Property(day()) deedCovFrom!: string | null;
  @Property(day()) deedCovTo!: string | null;
  @Property(day()) ikdCovFrom!: string | null;
  @Property(day()) ikdCovTo!: string | null;
}
