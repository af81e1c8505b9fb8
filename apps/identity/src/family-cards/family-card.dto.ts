import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_PROPERTY } from '@adminduk/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MARITAL_STATUSES, RELIGIONS, type MaritalStatus, type Religion, type Sex, type ShdkCode } from '@adminduk/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_MESSAGE = { message: '$property must be a lower-case UUID' };
const SHDK_DESCRIPTION = 'SHDK, the relationship to the head: 1 Kepala Keluarga, 2 Suami, 3 Istri, 4 Anak, 5 Menantu, 6 Cucu, 7 Orang Tua, 8 Mertua, 9 Famili Lain, 10 Pembantu, 11 Lainnya';
const VERSION_DESCRIPTION = 'the card version you read (optimistic locking): a stale version is refused with 409 VERSION_CONFLICT';
/** The most members a card takes in one request (a household is far smaller). */
const MAX_MEMBERS = 30;

export class CardMemberDto {
  @ApiProperty({ format: 'uuid', description: 'a registered resident' })
  @Matches(UUID, UUID_MESSAGE)
  residentId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 11, description: SHDK_DESCRIPTION })
  @IsInt()
  @Min(1)
  @Max(11)
  relationship!: ShdkCode;

  @ApiPropertyOptional({ format: 'uuid', description: "the resident's father, when known" })
  @IsOptional()
  @Matches(UUID, UUID_MESSAGE)
  fatherResidentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "the resident's mother, when known" })
  @IsOptional()
  @Matches(UUID, UUID_MESSAGE)
  motherResidentId?: string;
}

export class CreateFamilyCardDto {
  @ApiProperty({ type: [CardMemberDto], description: 'every member with their SHDK; exactly one Kepala Keluarga, whose address becomes the card address' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEMBERS)
  @ValidateNested({ each: true })
  @Type(() => CardMemberDto)
  members!: CardMemberDto[];

  @ApiPropertyOptional({ default: false, description: 'a court has permitted the head more than one wife (UU 1/1974 art. 3(2), 4)' })
  @IsOptional()
  @IsBoolean()
  polygamyPermitted?: boolean;
}

export class RelationshipDto {
  @ApiProperty({ format: 'uuid' })
  @Matches(UUID, UUID_MESSAGE)
  residentId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 11, description: SHDK_DESCRIPTION })
  @IsInt()
  @Min(1)
  @Max(11)
  relationship!: ShdkCode;
}

export class AddMemberDto {
  @ApiProperty({ minimum: 1, description: VERSION_DESCRIPTION })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ enum: ['BIRTH', 'MOVE_IN'], description: 'BIRTH: a newborn (the SHDK follows the parents on the card); MOVE_IN: a resident who moves in (the card gets a new No. KK)' })
  @IsIn(['BIRTH', 'MOVE_IN'])
  reason!: 'BIRTH' | 'MOVE_IN';

  @ApiProperty({ format: 'uuid', description: 'the resident to add (registered first with POST /residents)' })
  @Matches(UUID, UUID_MESSAGE)
  residentId!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 11, description: `required for MOVE_IN, not allowed for BIRTH. ${SHDK_DESCRIPTION}` })
  @ValidateIf((o: AddMemberDto) => o.reason === 'MOVE_IN' || o.relationship !== undefined)
  @IsInt()
  @Min(1)
  @Max(11)
  relationship?: ShdkCode;

  @ApiPropertyOptional({ format: 'uuid', description: "the father (for BIRTH, at least one parent is on the card)" })
  @IsOptional()
  @Matches(UUID, UUID_MESSAGE)
  fatherResidentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the mother' })
  @IsOptional()
  @Matches(UUID, UUID_MESSAGE)
  motherResidentId?: string;
}

export class RemoveMemberDto {
  @ApiProperty({ minimum: 1, description: VERSION_DESCRIPTION })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ enum: ['DEATH', 'MOVE_OUT'] })
  @IsIn(['DEATH', 'MOVE_OUT'])
  reason!: 'DEATH' | 'MOVE_OUT';

  @ApiPropertyOptional({ format: 'uuid', description: 'when the head leaves: the new head the family chose (otherwise the succession rule decides: the one spouse, else the eldest adult child)' })
  @IsOptional()
  @Matches(UUID, UUID_MESSAGE)
  newHeadResidentId?: string;

  @ApiPropertyOptional({ type: [RelationshipDto], description: 'when the head leaves: new SHDK for members whose relationship to the new head cannot be derived' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @ValidateNested({ each: true })
  @Type(() => RelationshipDto)
  relationships?: RelationshipDto[];
}

export class ChangeHeadDto {
  @ApiProperty({ minimum: 1, description: VERSION_DESCRIPTION })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ format: 'uuid', description: 'a member of the card who is wajib KTP (17 or older, or ever married)' })
  @Matches(UUID, UUID_MESSAGE)
  newHeadResidentId!: string;

  @ApiPropertyOptional({ type: [RelationshipDto], description: 'new SHDK for members whose relationship to the new head cannot be derived' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @ValidateNested({ each: true })
  @Type(() => RelationshipDto)
  relationships?: RelationshipDto[];
}

export class SplitFamilyCardDto {
  @ApiProperty({ minimum: 1, description: VERSION_DESCRIPTION })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ format: 'uuid', description: 'the married Anak who becomes head of the new card' })
  @Matches(UUID, UUID_MESSAGE)
  newHeadResidentId!: string;

  @ApiProperty({ type: [String], description: 'who leaves with them: their spouse (Menantu) and children (Cucu)' })
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @ArrayUnique()
  @Matches(UUID, { each: true, message: 'each of $property must be a lower-case UUID' })
  memberResidentIds!: string[];
}

export class FamilyCardSearchQuery {
  @ApiProperty({ description: 'the current No. KK, 16 digits', example: '5316012811260001' })
  @Matches(/^\d{16}$/, { message: 'kkNumber must be 16 digits' })
  kkNumber!: string;
}

export class FamilyCardMemberView {
  @ApiProperty() residentId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 11, description: SHDK_DESCRIPTION }) relationship!: ShdkCode;
  @ApiProperty({ example: 'Kepala Keluarga' }) relationshipLabel!: string;
  @ApiProperty() nik!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() birthDate!: string;
  @ApiProperty({ enum: ['M', 'F'] }) sex!: Sex;
  @ApiProperty({ enum: MARITAL_STATUSES.map((m) => m.code) }) maritalStatus!: MaritalStatus;
  @ApiProperty({ enum: RELIGIONS.map((r) => r.code) }) religion!: Religion;
  @ApiPropertyOptional() fatherResidentId?: string;
  @ApiPropertyOptional() motherResidentId?: string;
}

export class FamilyCardView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'No. KK' }) kkNumber!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty() villageCode!: string;
  @ApiProperty() address!: string;
  @ApiProperty() polygamyPermitted!: boolean;
  @ApiProperty({ enum: ['ACTIVE', 'CLOSED'] }) status!: string;
  @ApiProperty({ description: 'send it back with every change (optimistic locking)' }) version!: number;
  @ApiProperty({ type: [FamilyCardMemberView], description: 'in the order printed on the card' }) members!: FamilyCardMemberView[];
  @ApiProperty(INSTANT_PROPERTY) createdAt!: string;
  @ApiProperty(INSTANT_PROPERTY) updatedAt!: string;
}

export class FamilyCardPage {
  @ApiProperty({ type: [FamilyCardView] }) items!: FamilyCardView[];
}

export class SplitResultView {
  @ApiProperty({ type: FamilyCardView, description: 'the original card, with a new No. KK' }) card!: FamilyCardView;
  @ApiProperty({ type: FamilyCardView, description: 'the new card of the members who left' }) newCard!: FamilyCardView;
}

export class VersionMemberView {
  @ApiProperty() residentId!: string;
  @ApiProperty({ minimum: 1, maximum: 11 }) relationship!: number;
}

export class FamilyCardVersionView {
  @ApiProperty() version!: number;
  @ApiProperty() kkNumber!: string;
  @ApiProperty({ enum: ['ACTIVE', 'CLOSED'] }) status!: string;
  @ApiProperty({ enum: ['CREATE', 'ADD_NEWBORN', 'ADD_MOVE_IN', 'REMOVE_DEATH', 'REMOVE_MOVE_OUT', 'CHANGE_HEAD', 'SPLIT', 'MOVE_FAMILY', 'RECORD_FATHER'] }) operation!: string;
  @ApiProperty({ type: [VersionMemberView] }) members!: VersionMemberView[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true, properties: { type: { type: 'string' } } },
    description: 'the domain facts of the change (MEMBER_ADDED, HEAD_CHANGED, KK_NUMBER_REISSUED, …), NIKs replaced by resident ids',
  })
  facts!: Record<string, unknown>[];
  @ApiProperty({ description: 'who made the change (token subject or API key id)' }) recordedBy!: string;
  @ApiProperty(INSTANT_PROPERTY) recordedAt!: string;
}

export class FamilyCardVersionPage {
  @ApiProperty({ type: [FamilyCardVersionView], description: 'oldest first' }) items!: FamilyCardVersionView[];
}
