/**
 * The outreach calendar's settings, one row: the weekdays the teams go out (Wednesday and Friday by default,
 * DEFAULT_SERVICE_DAYS of the domain library) and the working day the planner fits visits into.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Weekday } from '@adminduk/domain';

export const SETTINGS_ID = 1;

@Entity({ tableName: 'outreach_calendar_settings' })
export class CalendarSettings {
  [OptionalProps]?: 'version' | 'updatedAt';

  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id: number = SETTINGS_ID;

  @Property({ type: 'json' })
  serviceDays!: Weekday[];

  /** Working minutes per day, travel both ways included. */
  @Property({ type: 'smallint' })
  dayMinutes!: number;

  /** Setting up at the village hall. */
  @Property({ type: 'smallint' })
  setupMinutes!: number;

  @Property({ version: true })
  version!: number;

  @Property({ type: DateTimeType, length: 3, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
