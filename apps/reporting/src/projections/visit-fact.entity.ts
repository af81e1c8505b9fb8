/** The reporting read model of one completed outreach visit (facts.ts VisitFacts): day, village, services done. */
import { DateTimeType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { VisitFacts } from './facts';

@Entity({ tableName: 'reporting_visit' })
@Index({ name: 'reporting_visit_village_idx', properties: ['villageCode', 'date'] })
export class VisitFact implements VisitFacts {
  @PrimaryKey({ type: 'uuid' }) visitId!: string;
  @Property({ length: 10 }) date!: string;
  @Property({ length: 6 }) districtCode!: string;
  @Property({ length: 10 }) villageCode!: string;
  @Property({ type: DateTimeType }) recordedAt!: Date;
  @Property() ektpRecording!: number;
  @Property() birthDeed!: number;
  @Property() kia!: number;
  @Property() application!: number;
  @Property() handover!: number;
}
