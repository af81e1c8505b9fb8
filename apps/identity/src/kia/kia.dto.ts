import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import {
  CAPTURE_CHANNELS,
  KIA_ACTION_TYPES,
  KIA_REISSUE_REASONS,
  KIA_STATUSES,
  KIA_TYPES,
  type CaptureChannel,
  type KiaActionType,
  type KiaLogActionType,
  type KiaExpiry,
  type KiaReissueReason,
  type KiaState,
  type KiaStatus,
  type KiaType,
} from '@adminduk/domain';

/** The body fields each action takes; any other field is refused (400 FIELD_NOT_FOR_ACTION). */
export const KIA_ACTION_FIELDS: Readonly<Record<KiaActionType, readonly (keyof KiaActionDto)[]>> = {
  PRINT: ['kiaType', 'channel', 'visitId'],
  ISSUE: ['channel', 'visitId'],
  REISSUE: ['kiaType', 'reason', 'reference', 'channel', 'visitId'],
};

/** One action on a child's KIA. The KIA rules (libs/domain foldKia) decide whether it is allowed now. */
export class KiaActionDto {
  @ApiProperty({ enum: KIA_ACTION_TYPES, description: 'what happened; see allowedActions of GET /residents/{id}/kia' })
  @IsIn(KIA_ACTION_TYPES)
  type!: KiaActionType;

  @ApiProperty({ type: 'integer', description: 'the KIA version you read (GET …/kia): a stale one is refused with 409 VERSION_CONFLICT', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  version!: number;

  @ApiPropertyOptional({ enum: KIA_TYPES, description: "PRINT, REISSUE: the card's type, which must be the child's type today (Permendagri 2/2016)" })
  @IsOptional()
  @IsIn(KIA_TYPES)
  kiaType?: KiaType;

  @ApiPropertyOptional({ enum: KIA_REISSUE_REASONS, description: 'REISSUE: why' })
  @IsOptional()
  @IsIn(KIA_REISSUE_REASONS)
  reason?: KiaReissueReason;

  @ApiPropertyOptional({ description: 'REISSUE: a police loss report, or the damaged card' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;

  @ApiPropertyOptional({ enum: CAPTURE_CHANNELS, description: 'PRINT, ISSUE, REISSUE: at the office (default) or on an outreach visit (a team with a printer)' })
  @IsOptional()
  @IsIn(CAPTURE_CHANNELS)
  channel?: CaptureChannel;

  @ApiPropertyOptional({ description: 'PRINT, ISSUE, REISSUE: the outreach visit (channel OUTREACH only); outreach links the card to the visit' })
  @IsOptional()
  @IsUUID()
  visitId?: string;
}

export class KiaEligibilityView {
  @ApiProperty() eligible!: boolean;
  @ApiPropertyOptional({ enum: KIA_TYPES }) type?: KiaType;
  @ApiPropertyOptional({ description: 'the last day a card of that type printed today would be valid' }) validUntil?: string;
  @ApiPropertyOptional({ enum: ['AGE_17_OR_OVER', 'EVER_MARRIED'] }) reason?: 'AGE_17_OR_OVER' | 'EVER_MARRIED';
}

export class KiaCardView {
  @ApiProperty({ enum: KIA_TYPES }) kiaType!: KiaType;
  @ApiProperty() printedAt!: string;
  @ApiProperty() printedBy!: string;
  @ApiProperty({ description: 'the last day the card is valid' }) validUntil!: string;
  @ApiProperty({ type: String, nullable: true }) issuedAt!: string | null;
  @ApiProperty({ enum: CAPTURE_CHANNELS, nullable: true }) issuedChannel!: CaptureChannel | null;
  @ApiProperty({ enum: KIA_REISSUE_REASONS, nullable: true }) reissueReason!: KiaReissueReason | null;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ description: 'taken over from an older register (bulk import): type and validity reconstructed from the birth date, printedAt/issuedAt are the import day' })
  imported!: boolean;
}

export class KiaHistoryView {
  @ApiProperty() index!: number;
  @ApiProperty({ enum: [...KIA_ACTION_TYPES, 'IMPORT_STATE'], description: 'IMPORT_STATE: the state taken over from an older register (bulk import)' })
  type!: KiaLogActionType;
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ enum: KIA_STATUSES, description: 'the status after this action' }) status!: KiaStatus;
}

/** A child's KIA, derived from its actions as of today. */
export class KiaView {
  @ApiProperty() residentId!: string;
  @ApiProperty({ description: "the office's date the derived fields are for" }) asOf!: string;
  @ApiProperty({ enum: KIA_STATUSES }) status!: KiaStatus;
  @ApiProperty({ type: KiaEligibilityView }) eligibility!: KiaEligibilityView;
  @ApiProperty({ type: KiaCardView, nullable: true, description: 'the latest card' }) card!: KiaCardView | null;
  @ApiProperty({ type: [KiaCardView] }) cards!: KiaCardView[];
  @ApiProperty({ enum: ['TYPE_ENDED', 'AGE_17', 'MARRIED'], nullable: true, description: 'why the card is no longer valid (status EXPIRED)' })
  expiry!: KiaExpiry | null;
  @ApiProperty({ enum: KIA_ACTION_TYPES, isArray: true }) allowedActions!: KiaActionType[];
  @ApiProperty({ description: 'the number of actions: send it back with the next action' }) version!: number;
  @ApiProperty({ type: [KiaHistoryView] }) history!: KiaHistoryView[];
}

export function toKiaView(residentId: string, s: KiaState): KiaView {
  return {
    residentId,
    asOf: s.asOf,
    status: s.status,
    eligibility: { ...s.eligibility },
    card: s.card ? { ...s.card } : null,
    cards: s.cards.map((c) => ({ ...c })),
    expiry: s.expiry,
    allowedActions: [...s.allowedActions],
    version: s.version,
    history: s.history.map((h) => ({ ...h })),
  };
}
