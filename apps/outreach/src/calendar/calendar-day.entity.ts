/** A day without outreach: a public holiday (hari libur nasional, cuti bersama) or a blackout (an office event, an election, a broken kit). */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export const CALENDAR_DAY_KINDS = ['HOLIDAY', 'BLACKOUT'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

@Entity({ tableName: 'outreach_calendar_day' })
export class CalendarDay {
  [OptionalProps]?: 'createdAt';

  /** 'YYYY-MM-DD' */
  @PrimaryKey({ length: 10 })
  date!: string;

  @Property({ length: 10 })
  kind!: CalendarDayKind;

  /** 'Hari Raya Natal', 'Pemilihan Kepala Daerah'. */
  @Property({ length: 100 })
  name!: string;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();
}
