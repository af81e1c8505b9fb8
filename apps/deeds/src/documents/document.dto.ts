import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDefined, IsIn, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { DOCUMENT_KINDS, type DocumentKind } from '@adminduk/domain';
import { DATE } from '../cases/particulars.dto';

/** The SPTJM kinds, which the office may take down as a declaration instead of a signed paper. */
export const SPTJM_KINDS = ['SPTJM_BIRTH', 'SPTJM_MARRIED_COUPLE'] as const;

/** The file name, if any, comes in the Content-Disposition header (never in the URL, which is logged: names are personal data). */
export class UploadQuery {
  @ApiProperty({ enum: DOCUMENT_KINDS, description: "which document of the deed type's checklist this is" })
  @IsIn(DOCUMENT_KINDS)
  kind!: DocumentKind;
}

export class DeclarantDto {
  @ApiProperty({ example: '5316014103900001' })
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik!: string;

  @ApiProperty({ example: 'Maria Goreti Wea' })
  @IsString()
  @Length(1, 200)
  fullName!: string;
}

/** An SPTJM (Surat Pernyataan Tanggung Jawab Mutlak) taken down at the office, with two witnesses. */
export class DeclarationDto {
  @ApiProperty({ enum: SPTJM_KINDS, description: 'SPTJM_BIRTH: the truth of the birth data; SPTJM_MARRIED_COUPLE: the parents are husband and wife (Permendagri 9/2016)' })
  @IsIn(SPTJM_KINDS)
  kind!: (typeof SPTJM_KINDS)[number];

  @ApiProperty({ type: DeclarantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarantDto)
  declarant!: DeclarantDto;

  @ApiProperty({ example: 'Saya menyatakan bahwa data kelahiran anak saya adalah benar.', description: 'the statement as declared' })
  @IsString()
  @Length(10, 2000)
  statement!: string;

  @ApiProperty({ example: '2026-11-03' })
  @Matches(DATE, { message: 'declaredOn must be YYYY-MM-DD' })
  declaredOn!: string;

  @ApiProperty({ type: [DeclarantDto], description: 'two witnesses' })
  @ValidateNested({ each: true })
  @Type(() => DeclarantDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  witnesses!: DeclarantDto[];
}
