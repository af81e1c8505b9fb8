/** Requests and answers of the burial register (POST /burials, GET /burials, GET /burials/{id}). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { burialReporterKinds } from '@adminduk/contracts';
import { DEED_STATUSES, type DeedStatus } from '@adminduk/domain';
import { INSTANT_PROPERTY } from '@adminduk/platform';
import { DATE } from '../cases/particulars.dto';
import type { BurialMatch, BurialMatchedBy, BurialReporterKind } from './burial.entity';

export const BURIAL_MATCHES = ['REGISTERED_DEATH', 'DEATH_CASE', 'NEW_CASE'] as const;
export const BURIAL_MATCHED_BY = ['NIK', 'PARTICULARS', 'NONE'] as const;

/** A burial entered in a burial register, as its keeper reports it. */
export class BurialReportDto {
  @ApiProperty({ enum: burialReporterKinds, description: 'who keeps the register: a cemetery keeper, a parish, a mosque, another religious institution, the village' })
  @IsIn(burialReporterKinds)
  reporterKind!: BurialReporterKind;

  @ApiPropertyOptional({ example: '12/2026', description: "the entry's number in the partner's register: the same number reported again is the same burial" })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  registerEntryNumber?: string;

  @ApiProperty({ example: 'Kornelis Sawu' })
  @IsString()
  @Length(1, 200)
  fullName!: string;

  @ApiProperty({ enum: ['M', 'F'] })
  @IsIn(['M', 'F'])
  sex!: 'M' | 'F';

  @ApiPropertyOptional({ example: '5316010505500001', description: "the deceased's NIK, 16 digits, when known" })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'the day of death (YYYY-MM-DD), when known' })
  @IsOptional()
  @Matches(DATE, { message: 'dateOfDeath must be YYYY-MM-DD' })
  dateOfDeath?: string;

  @ApiProperty({ example: '2026-12-03', description: 'the day of the burial (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'burialDate must be YYYY-MM-DD' })
  burialDate!: string;

  @ApiProperty({ example: 'Pemakaman Umum Labolewa' })
  @IsString()
  @Length(1, 200)
  cemeteryName!: string;

  @ApiProperty({ example: '5316012002', description: 'the desa / kelurahan of the cemetery (10 digits); its kecamatan follows from it' })
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode!: string;
}

/** A burial of the register: no name, no NIK (the death record holds them). */
export class BurialView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'true: this burial was already reported; the answer is that report' }) duplicate!: boolean;
  @ApiProperty({ enum: burialReporterKinds }) reporterKind!: BurialReporterKind;
  @ApiProperty({ type: String, nullable: true }) registerEntryNumber!: string | null;
  @ApiProperty({ example: '2026-12-03' }) burialDate!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-01' }) dateOfDeath!: string | null;
  @ApiProperty() cemeteryName!: string;
  @ApiProperty({ example: '531601' }) districtCode!: string;
  @ApiProperty({ example: '5316012002' }) villageCode!: string;
  @ApiProperty({ description: 'the death record (deed) the burial is attached to' }) deathDeedId!: string;
  @ApiProperty({ enum: BURIAL_MATCHES, description: 'REGISTERED_DEATH: the death was registered; DEATH_CASE: a death case was open; NEW_CASE: the burial opened one' })
  match!: BurialMatch;
  @ApiProperty({ enum: BURIAL_MATCHED_BY }) matchedBy!: BurialMatchedBy;
  @ApiProperty({ enum: DEED_STATUSES, nullable: true, description: 'the death record’s status now (null: outside your region)' }) deathStatus!: DeedStatus | null;
  @ApiProperty(INSTANT_PROPERTY) recordedAt!: string;
}

export class BurialPage {
  @ApiProperty({ type: [BurialView] }) items!: BurialView[];
  @ApiPropertyOptional({ description: 'pass as `before` for the next (older) page' }) next?: string;
}

export class BurialListQuery {
  @ApiPropertyOptional({ example: '5316012002', description: 'office: the burials of one desa / kelurahan' })
  @IsOptional()
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode?: string;

  @ApiPropertyOptional({ description: 'office: burials on or after this day (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'office: burials on or before this day (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: BURIAL_MATCHES })
  @IsOptional()
  @IsIn(BURIAL_MATCHES)
  match?: BurialMatch;

  @ApiPropertyOptional({ description: 'the last id of the previous page: older burials than this one' })
  @IsOptional()
  @IsUUID()
  before?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
