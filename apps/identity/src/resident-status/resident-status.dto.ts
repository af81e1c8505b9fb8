import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_PROPERTY } from '@adminduk/platform';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import {
  RESIDENT_ACTION_TYPES,
  RESIDENT_STATUSES,
  type MoveKind,
  type ResidentActionType,
  type ResidentStatus,
  type ResidentStatusState,
} from '@adminduk/domain';
import type { Resident } from '../residents/resident.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DISTRICT = /^\d{6}$/;
const VILLAGE = /^\d{10}$/;
const REGION = /^(\d{4}|\d{6}|\d{10})$/;
const MOVE_KINDS: readonly MoveKind[] = ['WITHIN_VILLAGE', 'BETWEEN_VILLAGES', 'BETWEEN_DISTRICTS', 'BETWEEN_REGENCIES', 'BETWEEN_PROVINCES'];

/** What happens to the family card when a resident on it moves (see MoveDto.family). */
export const FAMILY_ON_MOVE = ['WHOLE_FAMILY', 'ALONE'] as const;
export type FamilyOnMove = (typeof FAMILY_ON_MOVE)[number];

const VERSION_DOC = "the resident's version you read (GET /residents/{id} or …/status): a stale one is refused with 409 VERSION_CONFLICT";

export class DeathDto {
  @ApiProperty({ type: 'integer', description: VERSION_DOC, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  version!: number;

  @ApiProperty({ example: '2026-11-01', description: 'YYYY-MM-DD, not after today' })
  @Matches(DATE, { message: 'dateOfDeath must be YYYY-MM-DD' })
  dateOfDeath!: string;

  @ApiPropertyOptional({ description: "the death deed's or death letter's number" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;
}

export class MoveOutDto {
  @ApiProperty({ type: 'integer', description: VERSION_DOC, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  version!: number;

  @ApiProperty({ example: '5371', description: 'where to, outside the regency: a regency (4 digits), kecamatan (6) or village (10)' })
  @Matches(REGION, { message: 'toRegionCode must be a region code of 4, 6 or 10 digits' })
  toRegionCode!: string;

  @ApiPropertyOptional({ example: '2026-11-20', description: 'the day of the move, YYYY-MM-DD (default today)' })
  @IsOptional()
  @Matches(DATE, { message: 'movedOn must be YYYY-MM-DD' })
  movedOn?: string;

  @ApiPropertyOptional({ description: 'the moving letter (Surat Keterangan Pindah) number' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;

  @ApiPropertyOptional({
    enum: FAMILY_ON_MOVE,
    description:
      "for a resident on a family card with other members: WHOLE_FAMILY, the head's application for the whole card (every member moves, the card follows: a new No. KK at the destination, or closed when the family leaves the regency); ALONE, the resident leaves the card (the head's successor found by the rules, or newHeadResidentId). Absent for a member with others on the card: 422 FAMILY_CARD_DECISION_REQUIRED. A resident alone on a card takes it along.",
  })
  @IsOptional()
  @IsIn(FAMILY_ON_MOVE)
  family?: FamilyOnMove;

  @ApiPropertyOptional({ description: "ALONE, when the head leaves and the rules find no single successor (HEAD_CHOICE_REQUIRED): the member who becomes head" })
  @IsOptional()
  @IsUUID()
  newHeadResidentId?: string;
}

/** A move to an address in the regency: where to, and when. */
class AddressMoveDto {
  @ApiProperty({ type: 'integer', description: VERSION_DOC, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  version!: number;

  @ApiProperty({ example: '531602', description: 'the new kecamatan (6 digits), in the regency' })
  @Matches(DISTRICT, { message: 'districtCode must be 6 digits' })
  districtCode!: string;

  @ApiProperty({ example: '5316022005', description: 'the new desa / kelurahan (10 digits), in that kecamatan' })
  @Matches(VILLAGE, { message: 'villageCode must be 10 digits' })
  villageCode!: string;

  @ApiProperty({ example: 'RT 001 / RW 002, Riti' })
  @IsString()
  @Length(1, 300)
  address!: string;

  @ApiPropertyOptional({ example: '2026-11-20', description: 'the day of the move, YYYY-MM-DD (default today)' })
  @IsOptional()
  @Matches(DATE, { message: 'movedOn must be YYYY-MM-DD' })
  movedOn?: string;

  @ApiPropertyOptional({ description: 'the moving letter (Surat Keterangan Pindah) number' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;
}

export class MoveDto extends AddressMoveDto {
  @ApiPropertyOptional({
    enum: FAMILY_ON_MOVE,
    description:
      "for a resident on a family card with other members: WHOLE_FAMILY, the head's application for the whole card (every member moves, the card follows: a new No. KK at the destination, or closed when the family leaves the regency); ALONE, the resident leaves the card (the head's successor found by the rules, or newHeadResidentId). Absent for a member with others on the card: 422 FAMILY_CARD_DECISION_REQUIRED. A resident alone on a card takes it along.",
  })
  @IsOptional()
  @IsIn(FAMILY_ON_MOVE)
  family?: FamilyOnMove;

  @ApiPropertyOptional({ description: "ALONE, when the head leaves and the rules find no single successor (HEAD_CHOICE_REQUIRED): the member who becomes head" })
  @IsOptional()
  @IsUUID()
  newHeadResidentId?: string;
}

export class ReturnDto extends AddressMoveDto {
  @ApiPropertyOptional({ example: '5371', description: 'where from (default: where the resident moved to)' })
  @IsOptional()
  @Matches(REGION, { message: 'fromRegionCode must be a region code of 4, 6 or 10 digits' })
  fromRegionCode?: string;
}

export class MoveView {
  @ApiProperty({ enum: ['MOVE_IN', 'MOVE_WITHIN', 'MOVE_OUT', 'RETURN'] }) type!: string;
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ enum: MOVE_KINDS, description: 'klasifikasi pindah (Perpres 96/2018)' }) kind!: MoveKind;
  @ApiProperty({ description: 'region code where from' }) from!: string;
  @ApiProperty({ description: 'region code where to' }) to!: string;
  @ApiProperty() movedOn!: string;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
}

export class ResidentStatusHistoryView {
  @ApiProperty() index!: number;
  @ApiProperty({ enum: RESIDENT_ACTION_TYPES }) type!: ResidentActionType;
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ enum: RESIDENT_STATUSES, description: 'the status after this action' }) status!: ResidentStatus;
}

/** A resident's status in the register, with the moves and the death, derived from the status log. */
export class ResidentStatusView {
  @ApiProperty() residentId!: string;
  @ApiProperty({ enum: RESIDENT_STATUSES }) status!: ResidentStatus;
  @ApiProperty({ description: 'when the office recorded the current status' }) since!: string;
  @ApiProperty({ description: 'the day the latest change took effect (death, move)' }) effectiveDate!: string;
  @ApiProperty({ enum: ['REGISTER', 'MOVE_IN'] }) origin!: 'REGISTER' | 'MOVE_IN';
  @ApiProperty({ description: 'the current (or last) kecamatan in the regency' }) districtCode!: string;
  @ApiProperty() villageCode!: string;
  @ApiProperty({ type: String, nullable: true, description: 'while MOVED_OUT: where to' }) movedOutTo!: string | null;
  @ApiProperty({ type: String, nullable: true }) dateOfDeath!: string | null;
  @ApiProperty({ type: [MoveView] }) moves!: MoveView[];
  @ApiProperty({ enum: RESIDENT_ACTION_TYPES, isArray: true, description: 'what a request may do next (nothing after a death: only the death deed annuls or corrects it)' })
  allowedActions!: ResidentActionType[];
  @ApiProperty({ description: "the resident's version: send it back with the next change" }) version!: number;
  @ApiProperty({ type: [ResidentStatusHistoryView] }) history!: ResidentStatusHistoryView[];
  @ApiProperty({ type: String, nullable: true, description: "the family card the resident is on (after a move: the card that followed, or null when the resident left it and is on no card yet)" })
  familyCardId!: string | null;
}

/** The actions of the status log that only a corrected or annulled death deed makes (UU 23/2006 art. 71–72). */
const DEED_ONLY_ACTIONS: ReadonlySet<ResidentActionType> = new Set(['ANNUL_DEATH', 'CORRECT_DEATH']);

export function toResidentStatusView(resident: Resident, s: ResidentStatusState): ResidentStatusView {
  return {
    residentId: resident.id,
    status: s.status,
    since: s.since,
    effectiveDate: s.effectiveDate,
    origin: s.origin,
    districtCode: s.districtCode,
    villageCode: s.villageCode,
    movedOutTo: s.movedOutTo,
    dateOfDeath: s.dateOfDeath,
    moves: s.moves.map((m) => ({ ...m })),
    // ANNUL_DEATH and CORRECT_DEATH come only from the death deed (deeds.deed.annulled.v1 / corrected.v1): no request here makes them.
    allowedActions: s.allowedActions.filter((a) => !DEED_ONLY_ACTIONS.has(a)),
    version: resident.version,
    history: s.history.map((h) => ({ ...h })),
    familyCardId: resident.familyCardId ?? null,
  };
}
