/** Query DTOs and response classes (for the OpenAPI document) of the read API; the JSON shapes are in shapes.ts. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { INDICATOR_IDS } from './shapes';

// Region and dates are checked by the service (stable codes REGION_CODE_INVALID, DATE_INVALID, …); here only their type.
export class RegionDateQuery {
  @ApiPropertyOptional({ description: 'region code, digits only: 4 (regency), 6 (kecamatan), 10 (desa / kelurahan); default the office’s regency', example: '531601' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  region?: string;

  @ApiPropertyOptional({ description: 'the day (YYYY-MM-DD, the office’s calendar); default today', example: '2026-11-27' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  date?: string;
}

export class SeriesQuery {
  @ApiPropertyOptional({ description: 'region code (see /indicators); default the regency', example: '5316' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  region?: string;

  @ApiPropertyOptional({ description: 'first day (default: 29 days before `to`)', example: '2026-11-01' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  from?: string;

  @ApiPropertyOptional({ description: 'last day (default today); at most 366 days from `from`', example: '2026-11-27' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  to?: string;
}

export class DateQuery {
  @ApiPropertyOptional({ description: 'the day (YYYY-MM-DD); default today', example: '2026-11-27' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  date?: string;
}

export class RegionRefView {
  @ApiProperty({ description: 'digits only: 4, 6 or 10' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['REGENCY', 'DISTRICT', 'VILLAGE'] }) level!: 'REGENCY' | 'DISTRICT' | 'VILLAGE';
}

export class IndicatorPartView {
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null in a public answer when withheld: a small count (1–4), or a count that would give one back (within the figure or across region levels); named in the figure\'s `suppressed`' }) count!: number | null;
}

export class IndicatorValueView {
  @ApiProperty({ enum: INDICATOR_IDS }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() definition!: string;
  @ApiProperty({ enum: ['PERCENT', 'DAYS', 'COUNT', 'DATE'] }) unit!: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string', format: 'date' }], nullable: true, description: 'a number in the unit; for DATE indicators the day (YYYY-MM-DD), null when it cannot be said (details.reason)' }) value!: number | string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'DATE indicators: the projected day' }) date?: string | null;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['MINISTRY_2023', 'LEGAL_DEADLINE', 'OFFICE'] }) targetSource!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) meetsTarget!: boolean | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the whole the parts add up to; null in a public answer when withheld: a small count (1–4), or a count that would give one back (across region levels)' }) total!: number | null;
  @ApiProperty({ type: [IndicatorPartView] }) parts!: IndicatorPartView[];
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true } }) details!: Record<string, number | string | null>;
  @ApiPropertyOptional({
    type: [String],
    example: ['total', 'value', 'parts.RECORDED', 'parts.NOT_RECORDED', 'details.shortfall'],
    description: 'Public answers: the figures withheld as small counts (1–4 people) or because they would give one back, each null here. Absent when nothing is withheld, and for the office (operator, registrar, analyst, admin) within its region scope.',
  })
  suppressed?: string[];
}

export class IndicatorsView {
  @ApiProperty({ type: RegionRefView }) region!: RegionRefView;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [IndicatorValueView] }) indicators!: IndicatorValueView[];
}

export class RankingRowView extends RegionRefView {
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string', format: 'date' }], nullable: true, description: 'a number in the unit; for DATE indicators the day (YYYY-MM-DD), null when it cannot be said (details.reason)' }) value!: number | string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null in a public answer when withheld: a small count (1–4), or a count that would give one back (across region levels)' }) total!: number | null;
  @ApiProperty({ description: '1: the worst' }) rank!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'DATE indicators: the projected day' }) date?: string | null;
  @ApiPropertyOptional({ enum: [true], description: 'value or total withheld in a public answer (small counts); such a row ranks with those without a figure' }) suppressed?: true;
}

export class RankingView {
  @ApiProperty({ enum: INDICATOR_IDS }) indicator!: string;
  @ApiProperty({ type: RegionRefView }) region!: RegionRefView;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [RankingRowView] }) rows!: RankingRowView[];
}

export class SeriesPointView {
  @ApiProperty() date!: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string', format: 'date' }], nullable: true, description: 'a number in the unit; for DATE indicators the day (YYYY-MM-DD), null when it cannot be said (details.reason)' }) value!: number | string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null in a public answer when withheld: a small count (1–4), or a count that would give one back (across region levels)' }) total!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'EKTP_PROJECTION: the projected day (the same as value)' }) projectedDate?: string | null;
  @ApiPropertyOptional({ enum: [false], description: 'false before historyFrom: the records do not date the day, so there is no value (and total is 0)' }) known?: false;
  @ApiPropertyOptional({ enum: [true], description: 'value or total withheld in a public answer (small counts)' }) suppressed?: true;
}

export class SeriesView {
  @ApiProperty({ enum: INDICATOR_IDS }) indicator!: string;
  @ApiProperty({ type: RegionRefView }) region!: RegionRefView;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'The first day whose figure the records date; null: every day. An imported register that did not say since when (no registered_on, a recorded e-KTP without ektp_recorded_on, a KIA or birth deed held) starts the history of the indicators that count it on its import day.',
  })
  historyFrom!: string | null;
  @ApiProperty({ type: [SeriesPointView] }) points!: SeriesPointView[];
}

export class RegionView {
  @ApiProperty({ type: RegionRefView }) region!: RegionRefView;
  @ApiProperty({ type: RegionRefView, nullable: true }) parent!: RegionRefView | null;
  @ApiProperty({ type: [RegionRefView] }) children!: RegionRefView[];
}

export class ReconciliationFailureView {
  @ApiProperty() region!: string;
  @ApiProperty({ enum: INDICATOR_IDS }) indicator!: string;
  @ApiProperty() problem!: string;
}

export class ReconciliationView {
  @ApiProperty() asOf!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty() regionsChecked!: number;
  @ApiProperty() checks!: number;
  @ApiProperty({ type: [ReconciliationFailureView] }) failures!: ReconciliationFailureView[];
}

export class ReplayStreamView {
  @ApiProperty() stream!: string;
  @ApiProperty() lastSequence!: number;
  @ApiProperty() events!: number;
}

export class ReplayRowsView {
  @ApiProperty() residents!: number;
  @ApiProperty() deeds!: number;
  @ApiProperty() visits!: number;
  @ApiProperty({ description: 'reports of use per data-access agreement rebuilt from the streams (added in 0.4)' }) agreementUses!: number;
}

export class ReplayView {
  @ApiProperty({ type: [ReplayStreamView] }) streams!: ReplayStreamView[];
  @ApiProperty() projected!: number;
  @ApiProperty({ description: 'events that break their contract, left out' }) skipped!: number;
  @ApiProperty({ description: 'events published during the replay, applied afterwards' }) caughtUp!: number;
  @ApiProperty({ type: ReplayRowsView }) rows!: ReplayRowsView;
  @ApiProperty() millis!: number;
}
