import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_PROPERTY } from '@adminduk/platform';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { DATE } from '../cases/particulars.dto';
import { DeclarantDto } from '../documents/document.dto';

/** A Muslim marriage recorded by the KUA, reported to the office. */
export class KuaMarriageDto {
  @ApiProperty({ type: DeclarantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarantDto)
  husband!: DeclarantDto;

  @ApiProperty({ type: DeclarantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarantDto)
  wife!: DeclarantDto;

  @ApiProperty({ example: '2026-10-10' })
  @Matches(DATE, { message: 'marriageDate must be YYYY-MM-DD' })
  marriageDate!: string;

  @ApiProperty({ example: '0123/045/X/2026', description: 'the number of the akta nikah / buku nikah' })
  @IsString()
  @Length(1, 60)
  marriageCertificateNumber!: string;

  @ApiProperty({ example: 'KUA Kecamatan Aesesa' })
  @IsString()
  @Length(1, 100)
  kuaName!: string;

  @ApiProperty({ example: '531601', description: "the kecamatan of the couple's address" })
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode!: string;

  @ApiPropertyOptional({ example: '5316012002' })
  @IsOptional()
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode?: string;
}

export class KuaMarriageView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'true: this marriage was already reported; nothing new was recorded' }) duplicate!: boolean;
  @ApiProperty({ enum: ['KUA'] }) route!: 'KUA';
  @ApiProperty({ type: String, nullable: true, description: 'always null: the KUA recorded the marriage, no deed; identity updates both marital statuses' }) deedNumber!: null;
  @ApiProperty({ enum: ['KAWIN_TERCATAT'] }) maritalStatusAfter!: 'KAWIN_TERCATAT';
  @ApiProperty() marriageDate!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ enum: ['ON_TIME', 'LATE_UP_TO_ONE_YEAR', 'LATE_OVER_ONE_YEAR'] }) timeliness!: string;
  @ApiProperty(INSTANT_PROPERTY) reportedAt!: string;
}
