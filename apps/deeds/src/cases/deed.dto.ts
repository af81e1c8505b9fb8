import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_PROPERTY } from '@adminduk/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  DEED_ACTION_TYPES,
  DEED_ACTOR_ROLES,
  DEED_STATUSES,
  DEED_TYPES,
  DOCUMENT_KINDS,
  PARTNER_KINDS,
  TIMELINESS_CLASSES,
  type DeedActionType,
  type DeedActorRole,
  type DeedStatus,
  type DeedType,
  type DocumentKind,
  type PartnerKind,
  type TimelinessClass,
} from '@adminduk/domain';
import { CHANNELS, type Channel } from './deed-record.entity';
import { DATE, ParticularsDto } from './particulars.dto';

const VERSION = { type: 'integer', minimum: 0, description: 'the number of actions you read (GET /deeds/{id} `version`): a stale one is refused with 409 VERSION_CONFLICT' } as const;

/** The deed types partners report (DEED_TYPE_RULES[type].partnerNotification). */
export const NOTIFIABLE_TYPES = ['BIRTH', 'STILLBIRTH', 'DEATH', 'MARRIAGE'] as const;

// ---------------------------------------------------------------------------------------------------------
// Requests

/** A partner's report of a birth, stillbirth, death or (non-Muslim) marriage. */
export class NotifyDto {
  @ApiProperty({ enum: NOTIFIABLE_TYPES })
  @IsIn(NOTIFIABLE_TYPES)
  deedType!: (typeof NOTIFIABLE_TYPES)[number];

  @ApiProperty({ enum: PARTNER_KINDS, description: 'what the reporting partner is' })
  @IsIn(PARTNER_KINDS)
  partnerKind!: PartnerKind;

  @ApiProperty({ example: '2026-11-01', description: 'the day of the birth, death or marriage (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'eventDate must be YYYY-MM-DD' })
  eventDate!: string;

  @ApiProperty({ example: '531603', description: "the kecamatan of the family's address (6 digits): where the deed is registered" })
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode!: string;

  @ApiPropertyOptional({ example: '5316031001', description: 'the desa / kelurahan (10 digits)' })
  @IsOptional()
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode?: string;

  @ApiProperty({ type: ParticularsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ParticularsDto)
  particulars!: ParticularsDto;
}

/** An application opened at the office (or on an outreach visit) without a partner's report. */
export class OpenDeedDto {
  @ApiProperty({ enum: DEED_TYPES })
  @IsIn(DEED_TYPES)
  deedType!: DeedType;

  @ApiProperty({ example: '2026-11-01', description: 'the day the deadline counts from: the event, or the court decision becoming final (divorce), …' })
  @Matches(DATE, { message: 'eventDate must be YYYY-MM-DD' })
  eventDate!: string;

  @ApiProperty({ example: '531601' })
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode!: string;

  @ApiPropertyOptional({ example: '5316012002' })
  @IsOptional()
  @Matches(/^\d{10}$/, { message: 'villageCode must be 10 digits' })
  villageCode?: string;

  @ApiPropertyOptional({ enum: ['OFFICE', 'OUTREACH'], description: 'at the office (default) or on an outreach visit (then visitId)' })
  @IsOptional()
  @IsIn(['OFFICE', 'OUTREACH'])
  channel?: 'OFFICE' | 'OUTREACH';

  @ApiPropertyOptional({ description: 'the outreach visit (channel OUTREACH only)' })
  @IsOptional()
  @IsUUID()
  visitId?: string;

  @ApiPropertyOptional({ description: "BIRTH: the parents are married (default true); a child of an unmarried mother needs no proof of marriage" })
  @IsOptional()
  @IsBoolean()
  parentsMarried?: boolean;

  @ApiProperty({ type: ParticularsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ParticularsDto)
  particulars!: ParticularsDto;
}

export class VersionDto {
  @ApiProperty(VERSION)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  version!: number;
}

/**
 * POST /deeds/{id}/issue. Where the kutipan is handed over: at the counter (OFFICE, the default), by an outreach
 * team on a village visit (OUTREACH, with the visit's id, so that the visit's hand-overs reconcile), or sent signed
 * electronically for the applicant to print on plain paper (ONLINE). PARTNER is not offered: partners report events,
 * they do not hand deeds over.
 */
export class IssueDto extends VersionDto {
  @ApiPropertyOptional({ enum: ['OFFICE', 'OUTREACH', 'ONLINE'], description: 'where the kutipan is handed over: at the office (default), on an outreach visit (then visitId), or sent electronically' })
  @IsOptional()
  @IsIn(['OFFICE', 'OUTREACH', 'ONLINE'])
  channel?: 'OFFICE' | 'OUTREACH' | 'ONLINE';

  @ApiPropertyOptional({ format: 'uuid', description: 'the outreach visit it is handed over on (channel OUTREACH only, and required with it)' })
  @IsOptional()
  @IsUUID()
  visitId?: string;
}

export class SubmitDto extends VersionDto {
  @ApiPropertyOptional({ type: ParticularsDto, description: 'particulars completed at the counter: each group given replaces the stored one' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ParticularsDto)
  particulars?: ParticularsDto;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'corrects the day of the event reported' })
  @IsOptional()
  @Matches(DATE, { message: 'eventDate must be YYYY-MM-DD' })
  eventDate?: string;

  @ApiPropertyOptional({ description: 'BIRTH: the parents are married (default true)' })
  @IsOptional()
  @IsBoolean()
  parentsMarried?: boolean;
}

export class ReasonDto extends VersionDto {
  @ApiProperty({ example: 'the KK is not legible; bring the original', description: 'why (shown to the applicant)' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class HeadDecisionDto {
  @ApiProperty({ example: '470/123/DKPS/2026', description: "the number of the head of the office's decision" })
  @IsString()
  @Length(1, 100)
  number!: string;

  @ApiProperty({ example: '2026-11-20' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date!: string;
}

export class RegisterDto extends VersionDto {
  @ApiPropertyOptional({ type: HeadDecisionDto, description: 'a birth reported after 60 days is registered only on this decision (UU 23/2006 art. 32(1) as amended)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => HeadDecisionDto)
  headDecision?: HeadDecisionDto;
}

export class CorrectionChangeDto {
  @ApiProperty({ example: 'child.fullName', description: "the particular corrected, as a path (fields of the deed type), or `eventDate` for the deed's event date" })
  @IsString()
  @Length(1, 60)
  field!: string;

  @ApiProperty({ example: 'Maria Goretti', description: 'the corrected value (for `eventDate`: a date YYYY-MM-DD)' })
  @IsString()
  @Length(1, 300)
  to!: string;
}

export class CorrectionDto extends VersionDto {
  @ApiProperty({ type: [CorrectionChangeDto] })
  @ValidateNested({ each: true })
  @Type(() => CorrectionChangeDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  changes!: CorrectionChangeDto[];

  @ApiProperty({ example: 'spelling of the name as on the birth letter' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class CourtDecisionFinalDto {
  @ApiProperty({ example: '88/Pdt.G/2026/PN Bjw' })
  @IsString()
  @Length(1, 100)
  number!: string;

  @ApiProperty({ example: '2026-12-01', description: 'the day the decision became final (berkekuatan hukum tetap)' })
  @Matches(DATE, { message: 'finalOn must be YYYY-MM-DD' })
  finalOn!: string;
}

export class AnnulDto extends VersionDto {
  @ApiProperty({ type: CourtDecisionFinalDto, description: 'annulment (pembatalan) needs a final court decision (UU 23/2006 art. 72)' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CourtDecisionFinalDto)
  courtDecision!: CourtDecisionFinalDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class DeedSearchQuery {
  @ApiPropertyOptional({ enum: [...DEED_STATUSES, 'DRAFT'], description: 'DRAFT: applications being prepared' })
  @IsOptional()
  @IsIn([...DEED_STATUSES, 'DRAFT'])
  status?: DeedStatus | 'DRAFT';

  @ApiPropertyOptional({ enum: DEED_TYPES })
  @IsOptional()
  @IsIn(DEED_TYPES)
  deedType?: DeedType;

  @ApiPropertyOptional({ example: '531601' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode?: string;

  @ApiPropertyOptional({ enum: ['IDENTITY'], description: 'births waiting for the identity service' })
  @IsOptional()
  @IsIn(['IDENTITY'])
  waitingFor?: 'IDENTITY';

  @ApiPropertyOptional({ description: 'the last id of the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Views

export class ProblemItemView {
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() field?: string;
  @ApiProperty() message!: string;
}

export class TimelinessView {
  @ApiProperty({ enum: TIMELINESS_CLASSES }) class!: TimelinessClass;
  @ApiProperty({ description: 'the last day on which reporting was on time' }) deadline!: string;
  @ApiProperty({ description: 'the rule: days allowed from the event' }) deadlineDays!: number;
  @ApiProperty({ description: 'the article that sets the deadline' }) source!: string;
  @ApiProperty({ description: 'the day the office first heard of the event' }) reportedOn!: string;
  @ApiProperty() daysAfterEvent!: number;
  @ApiProperty() daysLate!: number;
  @ApiProperty({ description: "a late birth: registered only on the head of the office's decision" }) headDecisionRequired!: boolean;
}

export class HeadDecisionView {
  @ApiProperty() number!: string;
  @ApiProperty() date!: string;
}

export class DocumentView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: DocumentKind;
  @ApiProperty({ enum: ['UPLOAD', 'DECLARATION'] }) source!: 'UPLOAD' | 'DECLARATION';
  @ApiPropertyOptional({ enum: ['application/pdf', 'image/jpeg', 'image/png'] }) contentType?: string;
  @ApiPropertyOptional() size?: number;
  @ApiPropertyOptional({ description: 'SHA-256 of the file, hex' }) sha256?: string;
  @ApiPropertyOptional() fileName?: string;
  @ApiProperty(INSTANT_PROPERTY) addedAt!: string;
  @ApiProperty() addedBy!: string;
}

export class SatisfiedRequirementView {
  @ApiProperty() requirement!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) by!: DocumentKind;
  @ApiProperty({ description: 'met by an alternative (an SPTJM instead of the letter…)' }) alternative!: boolean;
}

export class MissingRequirementView {
  @ApiProperty() requirement!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS, isArray: true }) anyOf!: DocumentKind[];
  @ApiProperty() needed!: number;
  @ApiProperty() provided!: number;
}

/** The deed type's document checklist (checkDocuments) against the documents of the record. */
export class ChecklistView {
  @ApiProperty() complete!: boolean;
  @ApiProperty({ type: [SatisfiedRequirementView] }) satisfied!: SatisfiedRequirementView[];
  @ApiProperty({ type: [MissingRequirementView] }) missing!: MissingRequirementView[];
  @ApiProperty({ type: [String] }) notApplicable!: string[];
}

export class MilestonesView {
  @ApiProperty() eventDate!: string;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true, description: "the first report: a partner's notification, or the application" }) notifiedAt!: string | null;
  @ApiProperty({ enum: PARTNER_KINDS, nullable: true }) notifiedBy!: PartnerKind | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) submittedAt!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) verifiedAt!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true, description: 'registered (a stillbirth: recorded)' }) registeredAt!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true, description: 'the first copy issued' }) issuedAt!: string | null;
}

/** Whole days between the milestones (deedServiceDurations); null until reached. */
export class DurationsView {
  @ApiProperty({ type: Number, nullable: true }) eventToNotified!: number | null;
  @ApiProperty({ type: Number, nullable: true }) notifiedToRegistered!: number | null;
  @ApiProperty({ type: Number, nullable: true }) registeredToIssued!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the BLAS / OMAS time' }) eventToIssued!: number | null;
}

export class RejectionView {
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty() reason!: string;
}

export class FieldChangeView {
  @ApiProperty() field!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class CorrectionView {
  @ApiProperty({ description: 'the deed version it produced' }) version!: number;
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ type: [FieldChangeView] }) changes!: FieldChangeView[];
  @ApiProperty() reason!: string;
}

export class AnnulmentView {
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ type: CourtDecisionFinalDto }) courtDecision!: CourtDecisionFinalDto;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class ArchiveView {
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty() reason!: string;
}

export class CopyView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'the public verification code, in the QR code of the PDF' }) code!: string;
  @ApiProperty() deedVersion!: number;
  @ApiProperty(INSTANT_PROPERTY) issuedAt!: string;
  @ApiProperty({ enum: ['VALID', 'SUPERSEDED', 'ANNULLED'] }) status!: 'VALID' | 'SUPERSEDED' | 'ANNULLED';
  @ApiProperty({ description: 'what the QR code holds' }) verificationUrl!: string;
  @ApiProperty({ description: 'where to download the PDF' }) pdf!: string;
  @ApiPropertyOptional({
    enum: ['DEED', 'IDENTITY', 'NOT_YET_REGISTERED'],
    description:
      "a kutipan akta kelahiran: where the child's NIK it prints comes from — the deed (a late birth deed naming the child), identity (asked when the copy was issued), or NOT_YET_REGISTERED: identity had not registered the child yet and the kutipan prints \"-\" (issue a further copy once it has). Absent for other deeds and older copies",
  })
  childNikSource?: 'DEED' | 'IDENTITY' | 'NOT_YET_REGISTERED';
}

export class NotificationSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty({ enum: PARTNER_KINDS }) partnerKind!: PartnerKind;
  @ApiProperty(INSTANT_PROPERTY) receivedAt!: string;
  @ApiProperty({ enum: ['OPENED', 'DUPLICATE'] }) outcome!: 'OPENED' | 'DUPLICATE';
}

export class HistoryView {
  @ApiProperty() index!: number;
  @ApiProperty({ enum: DEED_ACTION_TYPES }) type!: DeedActionType;
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty({ enum: DEED_ACTOR_ROLES }) role!: DeedActorRole;
  @ApiProperty() by!: string;
  @ApiProperty({ enum: DEED_STATUSES, description: 'the status after this action' }) status!: DeedStatus;
  @ApiPropertyOptional({ enum: ['OFFICE', 'OUTREACH', 'ONLINE'], description: 'where the step took place, when it says (an ISSUE: where the kutipan was handed over)' }) channel?: 'OFFICE' | 'OUTREACH' | 'ONLINE';
  @ApiPropertyOptional({ format: 'uuid', description: 'the outreach visit the step took place on' }) visitId?: string;
}

export class DeedView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DEED_TYPES }) deedType!: DeedType;
  @ApiProperty({ example: 'Kutipan Akta Kelahiran' }) documentName!: string;
  @ApiProperty({ enum: DEED_STATUSES, nullable: true, description: 'null: an application being prepared (no action yet)' }) status!: DeedStatus | null;
  @ApiProperty({ description: 'the number of actions: send it back with the next action' }) version!: number;
  @ApiProperty({ description: '0 before registration, 1 once registered, one more per correction' }) deedVersion!: number;
  @ApiProperty({ type: String, nullable: true }) deedNumber!: string | null;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty({ type: String, nullable: true }) visitId!: string | null;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ type: String, nullable: true }) villageCode!: string | null;
  @ApiProperty() eventDate!: string;
  @ApiProperty({ type: TimelinessView, nullable: true }) timeliness!: TimelinessView | null;
  @ApiProperty({ type: HeadDecisionView, nullable: true }) headDecision!: HeadDecisionView | null;
  @ApiProperty({ enum: ['BLAS', 'OMAS'], nullable: true, description: 'the service programme the record counts towards' }) programme!: 'BLAS' | 'OMAS' | null;
  @ApiProperty({ type: ParticularsDto }) particulars!: ParticularsDto;
  @ApiProperty({ type: Boolean, nullable: true, description: 'BIRTH: the parents are married (null: not said, taken as true)' }) parentsMarried!: boolean | null;
  @ApiProperty({ type: [DocumentView] }) documents!: DocumentView[];
  @ApiProperty({ type: ChecklistView }) checklist!: ChecklistView;
  @ApiProperty({ enum: DEED_ACTION_TYPES, isArray: true, description: 'what may happen next' }) allowedActions!: DeedActionType[];
  @ApiProperty({ enum: ['IDENTITY'], nullable: true, description: 'IDENTITY: a registration is waiting for the identity service; it is retried' }) waitingFor!: 'IDENTITY' | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the last question to identity got no answer (NATS_UNAVAILABLE, TIMEOUT, …)' }) waitReason!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true, description: 'when the waiting registration is tried next' }) nextRetryAt!: string | null;
  @ApiProperty({ type: [ProblemItemView], nullable: true, description: 'why identity refused to link the birth: the registrar must act' }) linkProblems!: ProblemItemView[] | null;
  @ApiProperty({ type: MilestonesView }) milestones!: MilestonesView;
  @ApiProperty({ type: DurationsView }) durations!: DurationsView;
  @ApiProperty({ type: [RejectionView] }) rejections!: RejectionView[];
  @ApiProperty({ type: [CorrectionView] }) corrections!: CorrectionView[];
  @ApiProperty({ type: AnnulmentView, nullable: true }) annulment!: AnnulmentView | null;
  @ApiProperty({ type: ArchiveView, nullable: true }) archive!: ArchiveView | null;
  @ApiProperty({ type: [CopyView] }) copies!: CopyView[];
  @ApiProperty({ type: [NotificationSummaryView] }) notifications!: NotificationSummaryView[];
  @ApiProperty({ type: [HistoryView] }) history!: HistoryView[];
}

/** A line of the office's work queue: no particulars. */
export class DeedSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DEED_TYPES }) deedType!: DeedType;
  @ApiProperty({ enum: DEED_STATUSES, nullable: true }) status!: DeedStatus | null;
  @ApiProperty({ type: String, nullable: true }) deedNumber!: string | null;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ type: String, nullable: true }) villageCode!: string | null;
  @ApiProperty() eventDate!: string;
  @ApiProperty({ enum: TIMELINESS_CLASSES, nullable: true }) timeliness!: TimelinessClass | null;
  @ApiProperty({ enum: ['IDENTITY'], nullable: true }) waitingFor!: 'IDENTITY' | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) notifiedAt!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) registeredAt!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) issuedAt!: string | null;
  @ApiProperty() version!: number;
}

export class DeedPage {
  @ApiProperty({ type: [DeedSummaryView] }) items!: DeedSummaryView[];
  @ApiPropertyOptional({ description: 'pass as `after` for the next page' }) next?: string;
}

/** The answer to a partner's report: no personal data. */
export class NotificationView {
  @ApiProperty({ description: 'this report' }) id!: string;
  @ApiProperty({ description: 'the case it opened or landed on' }) deedId!: string;
  @ApiProperty({ enum: DEED_TYPES }) deedType!: DeedType;
  @ApiProperty({ description: 'true: the event was already reported; this report joined that case' }) duplicate!: boolean;
  @ApiProperty({ enum: DEED_STATUSES, nullable: true }) status!: DeedStatus | null;
  @ApiProperty({ description: 'the document is ready (issued, or the stillbirth recorded)' }) ready!: boolean;
  @ApiProperty({ type: String, nullable: true }) deedNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the day of the event (YYYY-MM-DD); null, like status and deedNumber, when the report joined a case outside the partner's region" }) eventDate!: string | null;
  @ApiProperty(INSTANT_PROPERTY) receivedAt!: string;
}

/** A partner's own reports, newest first. */
export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiPropertyOptional({ description: 'pass as `before` for the next (older) page' }) next?: string;
}

export class NotificationListQuery {
  @ApiPropertyOptional({ description: 'the last id of the previous page: older reports than this one' })
  @IsOptional()
  @IsUUID()
  before?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
