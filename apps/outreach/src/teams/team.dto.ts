import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { SERVICE_KINDS, type ServiceKind } from '@adminduk/domain';
import { EQUIPMENT, type Equipment, type Team } from './team.entity';

const MAX_PER_VISIT = 10_000;

/** How many of each service a team delivers at most per visit-day (the planner's capacity). */
export class TeamCapacityDto {
  @ApiPropertyOptional({ description: 'e-KTP recordings per visit-day (what the kit manages)', minimum: 0, maximum: MAX_PER_VISIT, example: 60 })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_PER_VISIT)
  EKTP_RECORDING?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PER_VISIT })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_PER_VISIT)
  BIRTH_DEED?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PER_VISIT })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_PER_VISIT)
  KIA?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PER_VISIT })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_PER_VISIT)
  APPLICATION?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PER_VISIT })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_PER_VISIT)
  HANDOVER?: number;
}

/** The longest one-way trip accepted from a base, in minutes (ten hours). */
const MAX_TRAVEL_MINUTES = 600;

/** A one-way travel time from the team's base that the office knows (it wins over the derived one). */
export class BaseTravelDto {
  @ApiProperty({ description: 'a village of the regency (10 digits)', example: '5316042001' })
  @Matches(/^\d{10}$/)
  villageCode!: string;

  @ApiProperty({ minimum: 0, maximum: MAX_TRAVEL_MINUTES, description: 'one way, from the base', example: 40 })
  @IsInt()
  @Min(0)
  @Max(MAX_TRAVEL_MINUTES)
  minutes!: number;
}

export class CreateTeamDto {
  @ApiProperty({ example: 'Tim Jemput Bola 1' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ minimum: 1, maximum: 50, example: 4 })
  @IsInt()
  @Min(1)
  @Max(50)
  staffCount!: number;

  @ApiProperty({ enum: EQUIPMENT, isArray: true, description: 'EKTP_RECORDING_KIT is needed to offer EKTP_RECORDING' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(EQUIPMENT.length)
  @IsIn(EQUIPMENT, { each: true })
  equipment!: Equipment[];

  @ApiProperty({ enum: SERVICE_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SERVICE_KINDS, { each: true })
  services!: ServiceKind[];

  @ApiPropertyOptional({ type: TeamCapacityDto, description: 'per kind offered; a kind without one is limited by the working day only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TeamCapacityDto)
  capacity?: TeamCapacityDto;

  @ApiPropertyOptional({ default: true, description: 'inactive teams are not planned' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      "the village the team is stationed in (a kecamatan office) when not the Dukcapil office: travel is then from there — the base 0, its kecamatan 30 minutes, any other village through the office (base's time + village's), unless baseTravel says otherwise; null: the office",
    example: '5316042002',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\d{10}$/)
  baseVillageCode?: string | null;

  @ApiPropertyOptional({ type: [BaseTravelDto], description: 'one-way minutes from the base the office knows, per village (only with a base; replaces the list)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BaseTravelDto)
  baseTravel?: BaseTravelDto[];
}

/** Only the fields given change; `version` is the one you read (409 VERSION_CONFLICT when stale). */
export class UpdateTeamDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  staffCount?: number;

  @ApiPropertyOptional({ enum: EQUIPMENT, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(EQUIPMENT, { each: true })
  equipment?: Equipment[];

  @ApiPropertyOptional({ enum: SERVICE_KINDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SERVICE_KINDS, { each: true })
  services?: ServiceKind[];

  @ApiPropertyOptional({ type: TeamCapacityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TeamCapacityDto)
  capacity?: TeamCapacityDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      "the village the team is stationed in (a kecamatan office) when not the Dukcapil office: travel is then from there — the base 0, its kecamatan 30 minutes, any other village through the office (base's time + village's), unless baseTravel says otherwise; null: the office",
    example: '5316042002',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\d{10}$/)
  baseVillageCode?: string | null;

  @ApiPropertyOptional({ type: [BaseTravelDto], description: 'one-way minutes from the base the office knows, per village (only with a base; replaces the list)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BaseTravelDto)
  baseTravel?: BaseTravelDto[];
}

export class TeamView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() staffCount!: number;
  @ApiProperty({ enum: EQUIPMENT, isArray: true }) equipment!: Equipment[];
  @ApiProperty({ enum: SERVICE_KINDS, isArray: true }) services!: ServiceKind[];
  @ApiProperty({ type: TeamCapacityDto }) capacity!: TeamCapacityDto;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'where the team starts from; null: the office' }) baseVillageCode!: string | null;
  @ApiProperty({ type: [BaseTravelDto], description: 'the travel times from the base the office entered' }) baseTravel!: BaseTravelDto[];
  @ApiProperty() version!: number;
}

export class TeamList {
  @ApiProperty({ type: [TeamView] }) items!: TeamView[];
}

export function toTeamView(t: Team): TeamView {
  return {
    id: t.id,
    name: t.name,
    staffCount: t.staffCount,
    equipment: [...t.equipment],
    services: [...t.services],
    capacity: { ...t.capacity },
    active: t.active,
    baseVillageCode: t.baseVillageCode ?? null,
    baseTravel: Object.entries(t.baseTravel ?? {}).map(([villageCode, minutes]) => ({ villageCode, minutes })),
    version: t.version,
  };
}
