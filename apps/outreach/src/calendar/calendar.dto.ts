import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { HOLIDAY_KINDS, WEEKDAYS, type HolidayKind, type Weekday } from '@adminduk/domain';
import { CALENDAR_DAY_KINDS, type CalendarDay, type CalendarDayKind } from './calendar-day.entity';
import type { CalendarSettings } from './calendar-settings.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class UpdateCalendarSettingsDto {
  @ApiProperty({ minimum: 1, description: 'the version you read' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ enum: WEEKDAYS, isArray: true, example: ['WED', 'FRI'], description: 'the weekdays the teams go out' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WEEKDAYS, { each: true })
  serviceDays!: Weekday[];

  @ApiProperty({ minimum: 60, maximum: 1440, example: 480, description: 'working minutes per day, travel both ways included' })
  @IsInt()
  @Min(60)
  @Max(1440)
  dayMinutes!: number;

  @ApiProperty({ minimum: 0, maximum: 240, example: 30, description: 'setting up at the village hall' })
  @IsInt()
  @Min(0)
  @Max(240)
  setupMinutes!: number;
}

export class CalendarSettingsView {
  @ApiProperty({ enum: WEEKDAYS, isArray: true }) serviceDays!: Weekday[];
  @ApiProperty() dayMinutes!: number;
  @ApiProperty() setupMinutes!: number;
  @ApiProperty() version!: number;
}

export class CalendarDayQuery {
  @ApiPropertyOptional({ description: 'first day (default: today)', example: '2026-12-01' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'last day (default: none)', example: '2027-12-31' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to?: string;
}

export class CreateCalendarDayDto {
  @ApiProperty({ example: '2026-12-25' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ enum: CALENDAR_DAY_KINDS, description: 'HOLIDAY: a public holiday or cuti bersama; BLACKOUT: no outreach for another reason' })
  @IsIn(CALENDAR_DAY_KINDS)
  kind!: CalendarDayKind;

  @ApiProperty({ example: 'Hari Raya Natal' })
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class CalendarDayView {
  @ApiProperty() date!: string;
  @ApiProperty({ enum: CALENDAR_DAY_KINDS }) kind!: CalendarDayKind;
  @ApiProperty() name!: string;
}

export class CalendarDayList {
  @ApiProperty({ type: [CalendarDayView] }) items!: CalendarDayView[];
}

export class HolidayQuery {
  @ApiPropertyOptional({ description: 'first day (default: today)', example: '2026-12-01' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'last day (default: a year after from; at most ten years after it)', example: '2027-12-31' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to?: string;
}

export class HolidayView {
  @ApiProperty() date!: string;
  @ApiProperty({ enum: HOLIDAY_KINDS, description: 'LIBUR_NASIONAL, CUTI_BERSAMA (from the joint decree), OFFICE (entered with POST /calendar/days)' }) kind!: HolidayKind;
  @ApiProperty() name!: string;
}

export class HolidayYearView {
  @ApiProperty() year!: number;
  @ApiProperty({ description: "where the days come from: the decree's number and date, and the office calendar" }) source!: string;
  @ApiProperty({ description: "false: the year's national holidays are not all known (its joint decree is not in); enter them with POST /calendar/days" }) complete!: boolean;
}

export class HolidayList {
  @ApiProperty({ type: [HolidayView], description: 'the national holidays, cuti bersama and office holidays of the range: no visit is planned on them without allowHolidays' }) items!: HolidayView[];
  @ApiProperty({ type: [HolidayYearView] }) years!: HolidayYearView[];
}

export const toSettingsView = (s: CalendarSettings): CalendarSettingsView => ({ serviceDays: [...s.serviceDays], dayMinutes: s.dayMinutes, setupMinutes: s.setupMinutes, version: s.version });
export const toDayView = (d: CalendarDay): CalendarDayView => ({ date: d.date, kind: d.kind, name: d.name });
