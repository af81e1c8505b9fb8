import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { OutreachVillage } from './outreach-village.entity';

export class VillageQuery {
  @ApiPropertyOptional({ description: 'only the villages of this kecamatan (6 digits)', example: '531601' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode?: string;
}

/** Only the fields given change; `version` is the one you read. */
export class UpdateVillageDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ description: 'one-way travel from the office, minutes (the planner: out and back + setup + service ≤ the working day)', minimum: 0, maximum: 720, example: 95 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  travelMinutes?: number;

  @ApiPropertyOptional({ description: 'false takes the village out of planning (its backlog is still reported)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class VillageView {
  @ApiProperty({ example: '5316012002' }) code!: string;
  @ApiProperty({ example: 'Labolewa' }) name!: string;
  @ApiProperty({ enum: ['kelurahan', 'desa', 'desa_adat'] }) kind!: string;
  @ApiProperty({ example: '531601' }) districtCode!: string;
  @ApiProperty({ example: 'Aesesa' }) districtName!: string;
  @ApiProperty({ description: 'one-way travel from the office, minutes' }) travelMinutes!: number;
  @ApiProperty({ enum: ['DEFAULT', 'SET'], description: 'DEFAULT: the seeded placeholder (60 minutes), not yet entered by the office' }) travelSource!: 'DEFAULT' | 'SET';
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
}

export class VillageList {
  @ApiProperty({ type: [VillageView] }) items!: VillageView[];
}

export function toVillageView(v: OutreachVillage, districtName: string): VillageView {
  return { code: v.code, name: v.name, kind: v.kind, districtCode: v.districtCode, districtName, travelMinutes: v.travelMinutes, travelSource: v.travelSource, active: v.active, version: v.version };
}
