/** Query, body and response classes (for the OpenAPI document) of the Ministry's scorecard (scorecard.service.ts). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { MINISTRY_INDICATOR_IDS } from '@adminduk/domain';
import { INDICATOR_IDS } from '../api/shapes';
import { RegionRefView } from '../api/reporting.dto';

// The year and the region are checked by the service (stable codes YEAR_INVALID, YEAR_IN_FUTURE, REGION_CODE_INVALID).
export class ScorecardQuery {
  @ApiPropertyOptional({ description: 'region code, digits only: 4 (regency), 6 (kecamatan), 10 (desa); default the regency', example: '5316' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  region?: string;

  @ApiPropertyOptional({ description: 'the year (four digits, from 2000, not after the current year); default the current year. A past year is read as of 31 December.', example: '2026' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  year?: string;
}

export class ScorecardYearQuery {
  @ApiPropertyOptional({ description: 'the year; default the current year', example: '2026' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  year?: string;
}

export class NewScorecardEntryDto {
  @ApiProperty({ enum: MINISTRY_INDICATOR_IDS, description: 'an indicator the system does not measure (measurement MANUAL): INTEGRATED_SERVICES, PLAIN_PAPER, ELECTRONIC_SIGNATURE, INNOVATIONS; a measured one is 409 SCORECARD_INDICATOR_MEASURED' })
  @IsString()
  @MaxLength(40)
  indicator!: string;

  @ApiProperty({ description: 'the year the value is for (from 2000, not after the current year)', example: 2026 })
  @IsInt()
  year!: number;

  @ApiProperty({ description: 'in the indicator\'s unit: a percentage 0–100 or a count ≥ 0 (422 SCORECARD_VALUE_INVALID otherwise)', example: 3 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiPropertyOptional({ description: 'where the figure comes from, at most 500 characters', example: 'Inovasi 2026: layanan akta kematian lewat paroki; IKD di kantor desa' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ScorecardEntryView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: MINISTRY_INDICATOR_IDS }) indicator!: string;
  @ApiProperty() year!: number;
  @ApiProperty() value!: number;
  @ApiProperty({ type: String, nullable: true, description: 'where the figure comes from; null in a public answer' }) note!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "who entered it: the signed-in user's subject; null in a public answer (the office's own)" }) enteredBy!: string | null;
  @ApiProperty({ description: 'when (an instant)' }) enteredAt!: string;
}

export class ScorecardRowView {
  @ApiProperty({ enum: MINISTRY_INDICATOR_IDS }) id!: string;
  @ApiProperty({ description: 'as the Ministry names it, in Bahasa Indonesia' }) nameId!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() definition!: string;
  @ApiProperty() formula!: string;
  @ApiProperty({ enum: ['PERCENT', 'COUNT'] }) unit!: string;
  @ApiProperty({ enum: ['SYSTEM', 'MANUAL'], description: 'computed by the system, or entered by the office' }) measurement!: string;
  @ApiProperty({ description: 'computed per kecamatan and desa (rank them with GET /indicators/{officeIndicator}/ranking)' }) byRegion!: boolean;
  @ApiProperty({ enum: INDICATOR_IDS, nullable: true, description: 'the indicator of GET /indicators that computes it' }) officeIndicator!: string | null;
  @ApiProperty({ enum: ['MEASURED', 'ENTERED', 'NOT_MEASURED'], description: 'NOT_MEASURED: the system holds no records of it and nobody has entered a value for the year' }) status!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({ description: 'the region the value is for: the asked region, or the regency for what is only known for the whole regency' }) valueRegion!: string;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the year of the announcement the target comes from' }) targetYear!: number | null;
  @ApiProperty({ type: String, nullable: true }) targetSource!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) meetsTarget!: boolean | null;
  @ApiProperty({ type: Number, nullable: true, description: 'percent points or a count short of the target; 0 when met' }) gap!: number | null;
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
  @ApiProperty({ type: Number, nullable: true }) covered!: number | null;
  @ApiProperty({ type: ScorecardEntryView, nullable: true }) entry!: ScorecardEntryView | null;
  @ApiPropertyOptional({ description: 'public answers: value withheld as a small count (see GET /indicators)' }) suppressed?: boolean;
}

export class OfficeIndicatorView {
  @ApiProperty({ enum: INDICATOR_IDS }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true }) value!: number | string | null;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) meetsTarget!: boolean | null;
}

export class AgreementStandingView {
  @ApiProperty() number!: string;
  @ApiProperty() agency!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() signedOn!: string;
  @ApiProperty() expiresOn!: string;
  @ApiProperty() inForce!: boolean;
  @ApiProperty({ description: 'requests answered (not refused) in the 90 days ending on the day, by every service' }) requests!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ description: 'in force and used in the 90 days' }) used!: boolean;
}

export class ScorecardView {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'the year\'s last day, or today at the office for the current year' }) asOf!: string;
  @ApiProperty({ type: RegionRefView }) region!: RegionRefView;
  @ApiProperty({ type: [ScorecardRowView] }) indicators!: ScorecardRowView[];
  @ApiProperty({ type: [OfficeIndicatorView], description: "the office's own operational indicators (not the Ministry's)" }) officeIndicators!: OfficeIndicatorView[];
  @ApiPropertyOptional({ type: [AgreementStandingView], description: 'the data-access agreements and their use: for the office (operator, registrar, analyst) only' }) agreements?: AgreementStandingView[];
}
