import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** GET /registers/opensid.xlsx: a village or a kecamatan (exactly one; checked by the service for stable codes). */
export class OpenSidExportQuery {
  @ApiPropertyOptional({ description: 'desa / kelurahan code, 10 digits (dots allowed): one sheet', example: '5316012002' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  village?: string;

  @ApiPropertyOptional({ description: 'kecamatan code, 6 digits (dots allowed): one sheet per village', example: '531601' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  district?: string;
}
