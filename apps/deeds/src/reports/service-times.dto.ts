import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DATE } from '../cases/particulars.dto';

export class ServiceTimesQuery {
  @ApiProperty({ enum: ['BLAS', 'OMAS'], description: 'BLAS: births (Bayi Lahir Akta Siap); OMAS: deaths (Orang Mati Akta Siap)' })
  @IsIn(['BLAS', 'OMAS'])
  programme!: 'BLAS' | 'OMAS';

  @ApiProperty({ example: '2026-01-01', description: 'events from this day' })
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-12-31', description: 'to this day, included' })
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ example: '531601' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode?: string;
}

export class TimeSummaryView {
  @ApiProperty({ description: 'records that reached both milestones' }) count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'nearest-rank median, days' }) median!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'nearest-rank 90th percentile, days' }) p90!: number | null;
}

export class TimelinessCountsView {
  @ApiProperty() ON_TIME!: number;
  @ApiProperty() LATE_UP_TO_ONE_YEAR!: number;
  @ApiProperty() LATE_OVER_ONE_YEAR!: number;
}

/** BLAS / OMAS service times of the events of a period, in the caller's region (no personal data). */
export class ServiceTimesView {
  @ApiProperty({ enum: ['BLAS', 'OMAS'] }) programme!: 'BLAS' | 'OMAS';
  @ApiProperty({ enum: ['BIRTH', 'DEATH'] }) deedType!: 'BIRTH' | 'DEATH';
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'records of events in the period (archived ones left out)' }) cases!: number;
  @ApiProperty({ description: 'of which a copy was issued' }) issued!: number;
  @ApiProperty({ type: TimeSummaryView }) eventToNotified!: TimeSummaryView;
  @ApiProperty({ type: TimeSummaryView }) notifiedToRegistered!: TimeSummaryView;
  @ApiProperty({ type: TimeSummaryView }) registeredToIssued!: TimeSummaryView;
  @ApiProperty({ type: TimeSummaryView, description: 'the BLAS / OMAS time' }) eventToIssued!: TimeSummaryView;
  @ApiProperty({ type: TimelinessCountsView }) timeliness!: TimelinessCountsView;
}
