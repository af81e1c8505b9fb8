/** The reporting read model of one deed record (facts.ts DeedFacts): type, channel, region, the days of its steps. No personal data. */
import { DateTimeType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { DeedFacts } from './facts';

// A fresh options object per property: MikroORM writes into it.
const day = () => ({ length: 10, nullable: true });

@Entity({ tableName: 'reporting_deed' })
@Index({ name: 'reporting_deed_village_idx', properties: ['villageCode'] })
export class DeedFact implements DeedFacts {
  @PrimaryKey({ type: 'uuid' }) deedId!: string;
  @Property({ length: 20 }) deedType!: string;
  @Property({ length: 20 }) status!: string;
  @Property({ type: DateTimeType, nullable: true }) statusAt!: Date | null;
  @Property({ length: 20 }) channel!: string;
  @Property({ type: DateTimeType, nullable: true }) firstAt!: Date | null;
  @Property({ length: 6 }) districtCode!: string;
  @Property({ length: 10 }) villageCode!: string;
  @Property(day()) eventDate!: string | null;
  @Property(day()) firstOn!: string | null;
  @Property(day()) registeredOn!: string | null;
  @Property(day()) issuedOn!: string | null;
  @Property(day()) rejectedOn!: string | null;
  @Property(day()) annulledOn!: string | null;
  @Property({ length: 30, nullable: true }) timeliness!: string | null;
  @Property({ nullable: true }) serviceDays!: number | null;
  @Property(day()) burialRecordedOn!: string | null;
  @Property(day()) buriedOn!: string | null;
  @Property({ length: 20, nullable: true }) burialMatch!: string | null;
  @Property({ length: 80, nullable: true }) burialKey!: string | null;
  @Property({ length: 10, nullable: true }) yielded!: string | null;
}
