import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_PROPERTY } from '@adminduk/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { EARLIEST_BIRTH_DATE, MARITAL_STATUSES, NAME_MAX_LENGTH, RELIGIONS, type MaritalStatus, type Religion, type Sex } from '@adminduk/domain';

const RELIGION_CODES = RELIGIONS.map((r) => r.code);
const MARITAL_CODES = MARITAL_STATUSES.map((m) => m.code);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Names and birth dates are checked by the domain's checkParticulars (one rule for REST and the import), not here. */
const NAME_RULES = `trimmed; not blank, no control characters, at most ${NAME_MAX_LENGTH} characters (else 422 PARTICULARS_INVALID: NAME_BLANK, NAME_CONTROL_CHARACTER, NAME_TOO_LONG)`;
const BIRTH_RULES = `a real date, not after today, not before ${EARLIEST_BIRTH_DATE} (else 422 PARTICULARS_INVALID: BIRTH_DATE_INVALID, BIRTH_AFTER_AS_OF, BIRTH_DATE_TOO_EARLY)`;

export class RegisterResidentDto {
  @ApiPropertyOptional({
    description: 'An existing NIK (16 digits). Leave out to have the office issue one. It must fit birthDate and sex (else 422 PARTICULARS_INVALID: NIK_BIRTH_DATE_MISMATCH, NIK_SEX_MISMATCH).',
    example: '5316014103900001',
  })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string;

  @ApiProperty({ example: 'Maria Goreti Wea', maxLength: NAME_MAX_LENGTH, description: NAME_RULES })
  @IsString()
  fullName!: string;

  @ApiProperty({ example: 'Mbay' })
  @IsString()
  @Length(1, 100)
  birthPlace!: string;

  @ApiProperty({ example: '1990-03-01', description: `YYYY-MM-DD; ${BIRTH_RULES}` })
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

  @ApiProperty({ example: 'Yohana Bhoki', maxLength: NAME_MAX_LENGTH, description: NAME_RULES })
  @IsString()
  motherName!: string;

  @ApiPropertyOptional({ example: 'Yosef Dhey', maxLength: NAME_MAX_LENGTH, description: NAME_RULES })
  @IsOptional()
  @IsString()
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

/** Given (not undefined): validated, so that null is refused for a field that cannot be cleared. */
const GIVEN = (_: object, value: unknown) => value !== undefined;
const NOT_EDITABLE = 'not changed here: accepted only when equal to the current value, another is refused with 422 FIELD_NOT_EDITABLE';

/**
 * A correction of a resident's record (pembetulan of a clerical error, UU 24/2013 art. 71): only the fields
 * given change; `null` clears an optional field. The NIK never changes, so a corrected birth date or sex must
 * still fit it (else 422 NIK_MISMATCH: the office handles it as a data correction outside this endpoint).
 * Marital status changes with deeds (marriage, divorce, death) and the address region with a move
 * (POST /residents/{id}/move): sending another value of those is refused with 422 FIELD_NOT_EDITABLE.
 */
export class UpdateResidentDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: "the resident's version you read: a stale one is refused with 409 VERSION_CONFLICT" })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  version!: number;

  @ApiPropertyOptional({ example: 'Maria Goreti Wea', maxLength: NAME_MAX_LENGTH, description: NAME_RULES })
  @ValidateIf(GIVEN)
  @IsString()
  fullName?: string;

  @ApiPropertyOptional({ example: 'Mbay' })
  @ValidateIf(GIVEN)
  @IsString()
  @Length(1, 100)
  birthPlace?: string;

  @ApiPropertyOptional({ example: '1990-03-01', description: `YYYY-MM-DD; ${BIRTH_RULES}; must still fit the NIK (digits 7–12)` })
  @ValidateIf(GIVEN)
  @Matches(DATE, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate?: string;

  @ApiPropertyOptional({ enum: ['M', 'F'], description: 'must still fit the NIK (40 added to the birth day for women)' })
  @ValidateIf(GIVEN)
  @IsIn(['M', 'F'])
  sex?: Sex;

  @ApiPropertyOptional({ enum: RELIGION_CODES })
  @ValidateIf(GIVEN)
  @IsIn(RELIGION_CODES)
  religion?: Religion;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'EDUCATION_LEVELS code 1–10; null clears it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  education?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'BLOOD_TYPES code 1–13; null clears it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(13)
  bloodType?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Petani', description: 'null clears it' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  occupation?: string | null;

  @ApiPropertyOptional({ example: 'Yohana Bhoki', maxLength: NAME_MAX_LENGTH, description: NAME_RULES })
  @ValidateIf(GIVEN)
  @IsString()
  motherName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Yosef Dhey', maxLength: NAME_MAX_LENGTH, description: `${NAME_RULES}; null clears it` })
  @IsOptional()
  @IsString()
  fatherName?: string | null;

  @ApiPropertyOptional({ example: 'RT 002 / RW 001, Labolewa', description: 'the address text within the same desa / kelurahan; a move goes through POST /residents/{id}/move' })
  @ValidateIf(GIVEN)
  @IsString()
  @Length(1, 300)
  address?: string;

  @ApiPropertyOptional({ description: `the NIK: ${NOT_EDITABLE} (a NIK never changes)` })
  @ValidateIf(GIVEN)
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string;

  @ApiPropertyOptional({ enum: MARITAL_CODES, description: `${NOT_EDITABLE} (marriage, divorce and death deeds change it)` })
  @ValidateIf(GIVEN)
  @IsIn(MARITAL_CODES)
  maritalStatus?: MaritalStatus;

  @ApiPropertyOptional({ description: `${NOT_EDITABLE} (POST /residents/{id}/move)` })
  @ValidateIf(GIVEN)
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode?: string;

  @ApiPropertyOptional({ description: `${NOT_EDITABLE} (POST /residents/{id}/move)` })
  @ValidateIf(GIVEN)
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode?: string;
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

  @ApiPropertyOptional({ description: 'No. KK (16 digits): the residents on the ACTIVE family card with this number', example: '5316011511260001' })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'kkNumber must be 16 digits' })
  kkNumber?: string;

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
  @ApiProperty(INSTANT_PROPERTY) createdAt!: string;
  @ApiProperty(INSTANT_PROPERTY) updatedAt!: string;
}

export class ResidentPage {
  @ApiProperty({ type: [ResidentView] }) items!: ResidentView[];
  @ApiPropertyOptional({ description: 'pass as `after` for the next page' }) next?: string;
}
