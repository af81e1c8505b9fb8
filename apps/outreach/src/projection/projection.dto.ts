import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

export class ProjectionQuery {
  @ApiPropertyOptional({ description: 'the target share of wajib-KTP residents recorded, percent (default 99.4, the 2023 target)', minimum: 0.01, maximum: 100, example: 99.4 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  target?: number;

  @ApiPropertyOptional({ description: 'team-days per week to project with (default: the current capacity, active e-KTP teams × service weekdays)', minimum: 0, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  teamDaysPerWeek?: number;
}

export class CapacityQuery {
  @ApiProperty({ description: 'the date by which the target should be reached', example: '2027-12-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiPropertyOptional({ description: 'the target share, percent (default 99.4)', minimum: 0.01, maximum: 100, example: 99.4 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  target?: number;
}

export class CoverageStateView {
  @ApiProperty() wajibKtp!: number;
  @ApiProperty() notRecorded!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'recorded / wajib KTP, percent, two decimals' }) percent!: number | null;
}

export class WeekReachedView {
  @ApiProperty({ description: 'weeks from today (0: already)' }) week!: number;
  @ApiProperty({ description: 'the last day of that week' }) date!: string;
}

export class AreaProjectionView {
  @ApiProperty({ description: 'kecamatan (6 digits) or regency (4 digits)' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: CoverageStateView }) start!: CoverageStateView;
  @ApiProperty({ type: WeekReachedView, nullable: true, description: 'when the target is reached; null: not within ten years' }) target!: WeekReachedView | null;
  @ApiProperty({ type: WeekReachedView, nullable: true, description: 'when nobody is left unrecorded' }) full!: WeekReachedView | null;
  @ApiProperty({ type: CoverageStateView }) end!: CoverageStateView;
}

export class ProjectionWarningView {
  @ApiProperty() code!: string;
  @ApiProperty() path!: string;
  @ApiProperty() message!: string;
}

export class CurrentCapacityView {
  @ApiProperty({ description: 'active teams offering e-KTP recording' }) ektpTeams!: number;
  @ApiProperty({ description: 'service weekdays' }) serviceDaysPerWeek!: number;
  @ApiProperty({ description: 'team-days per week the projection used' }) teamDaysPerWeek!: number;
}

export class CurrentPaceView {
  @ApiProperty({ enum: ['CURRENT_PACE'], description: "the domain library's ektpTargetDate, the same definition as reporting's EKTP_PROJECTION" }) method!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the day the target is reached at the current pace (the last day of that week); null: see reason' }) date!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'weeks from today (0: already)' }) week!: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['NO_WAJIB_KTP', 'NO_DATED_HISTORY', 'HISTORY_TOO_SHORT', 'PACE_NOT_ABOVE_INFLOW', 'BEYOND_HORIZON'], description: 'why there is no date' }) reason!: string | null;
  @ApiProperty() targetPercent!: number;
  @ApiProperty({ description: 'wajib KTP in the regency today' }) wajibKtp!: number;
  @ApiProperty({ description: 'of them recorded (dated or imported)' }) recorded!: number;
  @ApiProperty({ description: 'recordings with a recording date in the pace window (an import already recorded has none)' }) datedRecordings!: number;
  @ApiProperty() recordingsPerWeek!: number;
  @ApiProperty({ description: 'the pace window, first day' }) paceFrom!: string;
  @ApiProperty({ description: 'the pace window, last day (today)' }) paceTo!: string;
  @ApiProperty({ description: 'residents turning 17 in the next 52 weeks' }) newWajibKtpNextYear!: number;
  @ApiProperty() newWajibKtpPerWeek!: number;
}

export class ProjectionView {
  @ApiProperty() asOf!: string;
  @ApiProperty() targetPercent!: number;
  @ApiProperty({ enum: ['TEAM_DAYS'], description: "the domain library's fluid bound (projectCoverage): team-days go by need (the largest share not recorded, weighed by what a team-day records there), split at will" }) method!: string;
  @ApiProperty({ type: CurrentCapacityView }) capacity!: CurrentCapacityView;
  @ApiProperty({ description: 'weeks projected' }) weeks!: number;
  @ApiProperty({ type: [AreaProjectionView], description: 'the kecamatan of your region scope' }) districts!: AreaProjectionView[];
  @ApiProperty({ type: AreaProjectionView, nullable: true, description: 'the regency (with a regency scope)' }) regency!: AreaProjectionView | null;
  @ApiProperty({ type: CurrentPaceView, nullable: true, description: "the regency at the current pace, beside this capacity's line: the same date as reporting's EKTP_PROJECTION on the same events (with a regency scope)" }) currentPace!: CurrentPaceView | null;
  @ApiProperty({ type: [ProjectionWarningView] }) warnings!: ProjectionWarningView[];
}

export class CapacityAnswerView {
  @ApiProperty() teamDaysPerWeek!: number;
  @ApiProperty({ description: 'teams (one recording kit each) going out on every service day' }) teams!: number;
  @ApiProperty({ type: WeekReachedView }) reached!: WeekReachedView;
}

export class CapacityView {
  @ApiProperty() asOf!: string;
  @ApiProperty() targetDate!: string;
  @ApiProperty() targetPercent!: number;
  @ApiProperty({ enum: ['FLUID_BOUND'], description: 'a binary search on the fluid bound: a real plan needs at least this' }) method!: string;
  @ApiProperty({ type: CurrentCapacityView }) current!: CurrentCapacityView;
  @ApiProperty({ type: CapacityAnswerView, nullable: true, description: 'for the regency as a whole; null: no capacity reaches it by the date' }) regency!: CapacityAnswerView | null;
  @ApiProperty({ type: CapacityAnswerView, nullable: true, description: 'for every kecamatan to reach it' }) everyKecamatan!: CapacityAnswerView | null;
  @ApiProperty({ type: [ProjectionWarningView] }) warnings!: ProjectionWarningView[];
}
