/**
 * A value of a Ministry indicator the system does not measure (MINISTRY_INDICATORS with measurement MANUAL), entered
 * by the office for a year: who entered it (the signed-in user's subject), when, and why (the note, e.g. where the
 * figure comes from). Entries are never changed or deleted: a correction is a newer entry, and the scorecard shows the
 * latest one with its history available.
 */
import { DateTimeType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'reporting_scorecard_entry' })
@Index({ name: 'reporting_scorecard_entry_year_idx', properties: ['year', 'indicator'] })
export class ScorecardEntry {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ length: 40 }) indicator!: string;
  @Property() year!: number;
  /** Percent (0–100) or a count, in the indicator's unit. */
  @Property({ type: 'double' }) value!: number;
  @Property({ length: 500, nullable: true }) note!: string | null;
  @Property({ length: 200 }) enteredBy!: string;
  @Property({ type: DateTimeType }) enteredAt!: Date;
}
