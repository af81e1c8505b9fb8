import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_OR_DAY_PROPERTY, INSTANT_PROPERTY } from '@adminduk/platform';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import {
  CAPTURE_CHANNELS,
  checkKiaDocuments,
  KIA_ACTION_TYPES,
  KIA_DOCUMENT_KINDS,
  KIA_REISSUE_REASONS,
  KIA_STATUSES,
  KIA_TYPES,
  type CaptureChannel,
  type KiaActionType,
  type KiaDocumentKind,
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
  @ApiProperty(INSTANT_OR_DAY_PROPERTY) printedAt!: string;
  @ApiProperty() printedBy!: string;
  @ApiProperty({ description: 'the last day the card is valid' }) validUntil!: string;
  @ApiProperty({ ...INSTANT_OR_DAY_PROPERTY, nullable: true }) issuedAt!: string | null;
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
  @ApiProperty(INSTANT_OR_DAY_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ enum: KIA_STATUSES, description: 'the status after this action' }) status!: KiaStatus;
}

/** POST /residents/{id}/kia/documents?kind=…: which document of the application the body is. */
export class KiaDocumentQuery {
  @ApiProperty({ enum: KIA_DOCUMENT_KINDS, description: "which document of the application this is (see application.checklists of GET …/kia)" })
  @IsIn(KIA_DOCUMENT_KINDS)
  kind!: KiaDocumentKind;
}

export class KiaDocumentView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: KIA_DOCUMENT_KINDS }) kind!: KiaDocumentKind;
  @ApiProperty({ description: 'the card the application is for (1: the first card)' }) forCard!: number;
  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'] }) contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256!: string;
  @ApiProperty({ type: String, nullable: true }) fileName!: string | null;
  @ApiProperty(INSTANT_PROPERTY) addedAt!: string;
  @ApiProperty() addedBy!: string;
}

/** What one application asks for, and what is missing (the domain's checkKiaDocuments). */
export class KiaChecklistView {
  @ApiProperty({ enum: KIA_REISSUE_REASONS, nullable: true, description: 'null: a new card (PRINT); LOST or DAMAGED: a card printed again (REISSUE)' })
  reissueReason!: KiaReissueReason | null;
  @ApiProperty({ enum: KIA_DOCUMENT_KINDS, isArray: true }) asked!: KiaDocumentKind[];
  @ApiProperty({ enum: KIA_DOCUMENT_KINDS, isArray: true }) missing!: KiaDocumentKind[];
  @ApiProperty() complete!: boolean;
}

/**
 * The application for the child's next card, while one can be made: a new card (status NOT_ISSUED or EXPIRED, for
 * an eligible child) or a card printed again (ISSUED: one checklist per reason).
 */
export class KiaApplicationView {
  @ApiProperty({ description: 'the card it is for (1: the first card)' }) forCard!: number;
  @ApiProperty({ enum: KIA_TYPES, description: "the child's type today" }) kiaType!: KiaType;
  @ApiProperty({ type: [KiaDocumentView] }) documents!: KiaDocumentView[];
  @ApiProperty({ type: [KiaChecklistView] }) checklists!: KiaChecklistView[];
}

/** The application open on a KIA state, with the documents added for it; null when none can be made now. */
export function kiaApplicationOf(s: KiaState, documents: readonly KiaDocumentView[]): KiaApplicationView | null {
  const kiaType = s.eligibility.eligible ? s.eligibility.type : undefined;
  if (!kiaType) return null;
  const reasons: (KiaReissueReason | null)[] = s.allowedActions.includes('PRINT') ? [null] : s.allowedActions.includes('REISSUE') ? [...KIA_REISSUE_REASONS] : [];
  if (reasons.length === 0) return null;
  const forCard = s.cards.length + 1;
  const mine = documents.filter((d) => d.forCard === forCard);
  const kinds = mine.map((d) => d.kind);
  return {
    forCard,
    kiaType,
    documents: mine.map((d) => ({ ...d })),
    checklists: reasons.map((reissueReason) => {
      const check = checkKiaDocuments(kinds, { kiaType, ...(reissueReason ? { reissueReason } : {}) });
      if (!check.ok) throw new Error(`stored KIA documents do not check: ${check.errors.map((e) => e.code).join(', ')}`);
      return { reissueReason, asked: [...check.value.asked], missing: [...check.value.missing], complete: check.value.complete };
    }),
  };
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
  @ApiProperty({ type: KiaApplicationView, nullable: true, description: "the application for the child's next card and its documents (POST …/kia/documents); null when no card can be made now" })
  application!: KiaApplicationView | null;
  @ApiProperty({ type: [KiaDocumentView], description: "every document of the child's KIA applications, oldest first (forCard: which card's)" })
  documents!: KiaDocumentView[];
}

export function toKiaView(residentId: string, s: KiaState, documents: readonly KiaDocumentView[] = []): KiaView {
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
    application: kiaApplicationOf(s, documents),
    documents: documents.map((d) => ({ ...d })),
  };
}
