import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MARITAL_STATUSES, RELIGIONS, type MaritalStatus, type Religion, type Sex } from '@adminduk/domain';

const RELIGION_CODES = RELIGIONS.map((r) => r.code);
const MARITAL_CODES = MARITAL_STATUSES.map((m) => m.code);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterResidentDto {
  @ApiPropertyOptional({ description: 'An existing NIK (16 digits). Leave out to have the office issue one.', example: '5316014103900001' })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string;

  @ApiProperty({ example: 'Maria Goreti Wea' })
  @IsString()
  @Length(1, 200)
  fullName!: string;

  @ApiProperty({ example: 'Mbay' })
  @IsString()
  @Length(1, 100)
  birthPlace!: string;

  @ApiProperty({ example: '1990-03-01', description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate!: string;

  @ApiProperty({ enum: ['M', 'F'] })
  @IsIn(['M', 'F'])
  sex!: Sex;

  @ApiProperty({ enum: RELIGION_CODES })
  @IsIn(RELIGION_CODES)
  religion!: Religion;

  @ApiProperty({ enum: MARITAL_CODES })
  @IsIn(MARITAL_CODES)
  maritalStatus!: MaritalStatus;

  @ApiPropertyOptional({ description: 'EDUCATION_LEVELS code 1–10' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  education?: number;

  @ApiPropertyOptional({ description: 'BLOOD_TYPES code 1–13' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(13)
  bloodType?: number;

  @ApiPropertyOptional({ example: 'Petani' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  occupation?: string;

  @ApiProperty({ example: 'Yohana Bhoki' })
  @IsString()
  @Length(1, 200)
  motherName!: string;

  @ApiPropertyOptional({ example: 'Yosef Dhey' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  fatherName?: string;

  @ApiProperty({ example: '531601', description: 'kecamatan of the address, 6 digits' })
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode!: string;

  @ApiProperty({ example: '5316012002', description: 'desa / kelurahan of the address, 10 digits' })
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode!: string;

  @ApiProperty({ example: 'RT 002 / RW 001, Labolewa' })
  @IsString()
  @Length(1, 300)
  address!: string;

  @ApiPropertyOptional({ enum: ['FIRST_REGISTRATION', 'MOVE_IN'], default: 'FIRST_REGISTRATION' })
  @IsOptional()
  @IsIn(['FIRST_REGISTRATION', 'MOVE_IN'])
  origin?: 'FIRST_REGISTRATION' | 'MOVE_IN';

  @ApiPropertyOptional({ description: 'A registrar confirms that this is not the resident with this id (same name, birth date and mother).' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/)
  notADuplicateOf?: string;
}

export class ResidentSearchQuery {
  @ApiPropertyOptional({ description: 'exact NIK' })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string;

  @ApiPropertyOptional({ description: 'name (case and punctuation ignored); with birthDate' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE)
  birthDate?: string;

  @ApiPropertyOptional({ description: 'desa / kelurahan, 10 digits' })
  @IsOptional()
  @Matches(/^\d{10}$/)
  villageCode?: string;

  @ApiPropertyOptional({ description: 'the family card the residents are on' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/)
  familyCardId?: string;

  @ApiPropertyOptional({ description: 'page size, 1–200', default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `next` cursor of the previous page' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/)
  after?: string;
}

export class ResidentView {
  @ApiProperty() id!: string;
  @ApiProperty() nik!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() birthPlace!: string;
  @ApiProperty() birthDate!: string;
  @ApiProperty({ enum: ['M', 'F'] }) sex!: Sex;
  @ApiProperty({ enum: RELIGION_CODES }) religion!: Religion;
  @ApiProperty({ enum: MARITAL_CODES }) maritalStatus!: MaritalStatus;
  @ApiPropertyOptional() education?: number;
  @ApiPropertyOptional() bloodType?: number;
  @ApiPropertyOptional() occupation?: string;
  @ApiProperty() motherName!: string;
  @ApiPropertyOptional() fatherName?: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty() villageCode!: string;
  @ApiProperty() address!: string;
  @ApiProperty({ enum: ['ALIVE', 'DECEASED', 'MOVED_OUT'] }) status!: string;
  @ApiPropertyOptional() familyCardId?: string;
  @ApiProperty({ description: 'send it back when you change the record (optimistic locking)' }) version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ResidentPage {
  @ApiProperty({ type: [ResidentView] }) items!: ResidentView[];
  @ApiPropertyOptional({ description: 'pass as `after` for the next page' }) next?: string;
}
