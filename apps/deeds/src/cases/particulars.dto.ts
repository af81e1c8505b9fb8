/**
 * The particulars of a deed: who and what it records (the child and parents of a birth, the deceased, the
 * spouses, the court decision…). They are personal data: kept in the deed record, printed on the kutipan,
 * sent to identity in the registered-deed events, never logged.
 *
 * One request shape for every deed type; PARTICULAR_RULES says which groups a type takes (any other is refused,
 * 400 FIELD_NOT_FOR_DEED_TYPE) and which fields must be known by the time of a partner's notification and of the
 * application (SUBMIT): a partner may report a birth before the child is named, the office registers it named.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { missingParticulars, particularAt, particularPaths, PARTICULAR_RULES, RELIGIONS, type DeedType, type ParticularRule, type ParticularGroup as DomainParticularGroup, type Religion } from '@adminduk/domain';

export const RELIGION_CODES = RELIGIONS.map((r) => r.code);
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PersonDto {
  @ApiPropertyOptional({ description: 'NIK, 16 digits', example: '5316014103900001' })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string;

  @ApiPropertyOptional({ example: 'Maria Goreti Wea' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  fullName?: string;

  @ApiPropertyOptional({ enum: ['M', 'F'] })
  @IsOptional()
  @IsIn(['M', 'F'])
  sex?: 'M' | 'F';

  @ApiPropertyOptional({ example: '1990-03-01', description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate?: string;
}

export class ChildDto {
  @ApiPropertyOptional({
    description:
      "the child's NIK, 16 digits, when the child is already on the register: optional for a birth (a late birth deed is then linked to that resident), required for a recognition, legitimation or adoption",
    example: '5316014103200001',
  })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string;

  @ApiPropertyOptional({ example: 'Yohanes Ngapa', description: 'the name given; may be unknown when a partner reports the birth' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  fullName?: string;

  @ApiPropertyOptional({ enum: ['M', 'F'] })
  @IsOptional()
  @IsIn(['M', 'F'])
  sex?: 'M' | 'F';

  @ApiPropertyOptional({ enum: RELIGION_CODES })
  @IsOptional()
  @IsIn(RELIGION_CODES)
  religion?: Religion;

  @ApiPropertyOptional({ description: 'order in this birth: 1, or 2 for the second twin…; default 1', minimum: 1, maximum: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  childOrder?: number;

  @ApiPropertyOptional({ example: '07:45', description: 'HH:MM, local time' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'birthTime must be HH:MM' })
  birthTime?: string;
}

export class CourtDecisionDto {
  @ApiProperty({ example: '12/Pdt.G/2026/PN Bjw' })
  @IsString()
  @Length(1, 100)
  number!: string;

  @ApiPropertyOptional({ example: 'Pengadilan Negeri Bajawa' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  court?: string;
}

/** What a deed records; PARTICULAR_RULES says which groups each deed type takes. */
export class ParticularsDto {
  @ApiPropertyOptional({ type: ChildDto, description: 'BIRTH, STILLBIRTH, RECOGNITION, LEGITIMATION, ADOPTION' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChildDto)
  child?: ChildDto;

  @ApiPropertyOptional({ type: PersonDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  mother?: PersonDto;

  @ApiPropertyOptional({ type: PersonDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  father?: PersonDto;

  @ApiPropertyOptional({ type: PersonDto, description: 'DEATH' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  deceased?: PersonDto;

  @ApiPropertyOptional({ type: PersonDto, description: 'MARRIAGE, DIVORCE' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  husband?: PersonDto;

  @ApiPropertyOptional({ type: PersonDto, description: 'MARRIAGE, DIVORCE' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  wife?: PersonDto;

  @ApiPropertyOptional({ type: PersonDto, description: 'ADOPTION: the adoptive parent' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  adopter?: PersonDto;

  @ApiPropertyOptional({ enum: RELIGION_CODES, description: 'MARRIAGE: the religion the marriage was solemnized in (Muslim marriages are the KUA’s)' })
  @IsOptional()
  @IsIn(RELIGION_CODES)
  religion?: Religion;

  @ApiPropertyOptional({ example: 'Puskesmas Boawae', description: 'where the birth, death or marriage took place' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  place?: string;

  @ApiPropertyOptional({ description: 'No. KK of the family card concerned, 16 digits', example: '5316010501200001' })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'kkNumber must be 16 digits' })
  kkNumber?: string;

  @ApiPropertyOptional({ example: 'RT 002 / RW 001, Labolewa' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  address?: string;

  @ApiPropertyOptional({ type: CourtDecisionDto, description: 'DIVORCE, ADOPTION' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CourtDecisionDto)
  courtDecision?: CourtDecisionDto;

  @ApiPropertyOptional({ description: "RECOGNITION, LEGITIMATION, ADOPTION: the number of the child's birth deed" })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  birthDeedNumber?: string;

  @ApiPropertyOptional({ description: "DIVORCE, LEGITIMATION: the number of the (parents') marriage deed" })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  marriageDeedNumber?: string;
}

/** The stored form of the particulars: plain JSON with the DTO's shape. */
export interface PersonParticulars {
  nik?: string;
  fullName?: string;
  sex?: 'M' | 'F';
  birthDate?: string;
}
export interface ChildParticulars {
  nik?: string;
  fullName?: string;
  sex?: 'M' | 'F';
  religion?: Religion;
  childOrder?: number;
  birthTime?: string;
}
export interface Particulars {
  child?: ChildParticulars;
  mother?: PersonParticulars;
  father?: PersonParticulars;
  deceased?: PersonParticulars;
  husband?: PersonParticulars;
  wife?: PersonParticulars;
  adopter?: PersonParticulars;
  religion?: Religion;
  place?: string;
  kkNumber?: string;
  address?: string;
  courtDecision?: { number: string; court?: string };
  birthDeedNumber?: string;
  marriageDeedNumber?: string;
}

/**
 * The particulars each deed type takes, reports and submits with: the domain's table (PARTICULAR_RULES of
 * @adminduk/domain), which the office app judges its forms with too. ParticularsDto must have every group.
 */
export type ParticularGroup = keyof ParticularsDto;
export { PARTICULAR_RULES, type ParticularRule };
// Every group of the domain's table is a field of ParticularsDto: a compile error otherwise.
export const DTO_GROUPS: readonly ParticularGroup[] = [] as readonly DomainParticularGroup[];

/** Every field path of a deed type ('child.fullName', 'place', …). */
export const fieldPaths = (deedType: DeedType): string[] => particularPaths(deedType);

/** The value at a path ('mother.nik'), or undefined. */
export const valueAt = (particulars: Particulars, path: string): unknown => particularAt(particulars, path);

/** A copy with `path` set to `value` (groups created as needed). */
export function withValue(particulars: Particulars, path: string, value: unknown): Particulars {
  const copy = JSON.parse(JSON.stringify(particulars)) as Record<string, unknown>;
  const parts = path.split('.');
  let target = copy;
  for (const part of parts.slice(0, -1)) {
    if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1] as string] = value;
  return copy as Particulars;
}

/** The paths among `required` that have no value (absent, null, or blank text). */
export const missingPaths = (particulars: Particulars, required: readonly string[]): string[] => missingParticulars(particulars, required);

/** The groups present that the deed type does not take. */
export function foreignGroups(deedType: DeedType, particulars: Particulars): string[] {
  const allowed: readonly string[] = PARTICULAR_RULES[deedType].groups;
  return Object.keys(particulars).filter((key) => (particulars as Record<string, unknown>)[key] !== undefined && !allowed.includes(key));
}

/** Plain JSON of a validated DTO (class instances and undefined fields dropped). */
export function plainParticulars(dto: ParticularsDto | undefined): Particulars {
  return JSON.parse(JSON.stringify(dto ?? {})) as Particulars;
}

/** `base` with each group given in `update` replaced (a group given replaces the stored one whole). */
export function mergeParticulars(base: Particulars, update: Particulars): Particulars {
  return { ...base, ...update };
}
