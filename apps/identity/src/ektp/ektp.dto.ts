import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_OR_DAY_PROPERTY, INSTANT_PROPERTY } from '@adminduk/platform';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import {
  CAPTURE_CHANNELS,
  EKTP_ACTION_TYPES,
  EKTP_IMPORTABLE_STATUSES,
  EKTP_STATUSES,
  type CaptureChannel,
  type EktpActionType,
  type EktpImportableStatus,
  type EktpLogActionType,
  type EktpState,
  type EktpStatus,
  type ReprintReason,
} from '@adminduk/domain';

/** The body fields each action takes; any other field is refused (400 FIELD_NOT_FOR_ACTION). */
export const EKTP_ACTION_FIELDS: Readonly<Record<EktpActionType, readonly (keyof EktpActionDto)[]>> = {
  RECORD_BIOMETRICS: ['place', 'channel', 'visitId'],
  MARK_PRINT_READY: [],
  SEND_FOR_PRINTING: [],
  PRINT_FAILED: ['reason'],
  MARK_PRINTED: [],
  ISSUE: ['channel', 'visitId'],
  REPORT_LOST: ['reference'],
  REPORT_DAMAGED: ['reference'],
  REPORT_DATA_CHANGED: ['reference'],
};

/** One action on a resident's e-KTP. The e-KTP rules (libs/domain foldEktp) decide whether it is allowed now. */
export class EktpActionDto {
  @ApiProperty({ enum: EKTP_ACTION_TYPES, description: 'what happened; see allowedActions of GET /residents/{id}/ektp' })
  @IsIn(EKTP_ACTION_TYPES)
  type!: EktpActionType;

  @ApiProperty({ type: 'integer', description: 'the e-KTP version you read (GET …/ektp): a stale one is refused with 409 VERSION_CONFLICT', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  version!: number;

  @ApiPropertyOptional({ description: 'RECORD_BIOMETRICS: where the biometrics were captured', example: 'SMA Negeri 1 Boawae' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  place?: string;

  @ApiPropertyOptional({ enum: CAPTURE_CHANNELS, description: 'RECORD_BIOMETRICS (required), ISSUE (default OFFICE): at the office or on an outreach visit' })
  @IsOptional()
  @IsIn(CAPTURE_CHANNELS)
  channel?: CaptureChannel;

  @ApiPropertyOptional({ description: 'the outreach visit (channel OUTREACH only)' })
  @IsOptional()
  @IsUUID()
  visitId?: string;

  @ApiPropertyOptional({ description: 'PRINT_FAILED: why the card could not be printed' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;

  @ApiPropertyOptional({ description: 'REPORT_LOST / REPORT_DAMAGED / REPORT_DATA_CHANGED: a police loss report, the damaged card, the document of the change' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;
}

export class BiometricRecordingView {
  @ApiProperty(INSTANT_OR_DAY_PROPERTY) at!: string;
  @ApiProperty({ description: 'who captured them' }) by!: string;
  @ApiProperty() place!: string;
  @ApiProperty({ enum: CAPTURE_CHANNELS }) channel!: CaptureChannel;
  @ApiProperty({ type: String, nullable: true }) visitId!: string | null;
}

export class ReprintView {
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ enum: ['LOST', 'DAMAGED', 'DATA_CHANGED'] }) reason!: ReprintReason;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
}

export class ImportedBaselineView {
  @ApiProperty({ type: String, format: 'date', description: 'the import day (YYYY-MM-DD)' }) at!: string;
  @ApiProperty({ description: 'who ran the import' }) by!: string;
  @ApiProperty({ enum: EKTP_IMPORTABLE_STATUSES }) status!: EktpImportableStatus;
  @ApiProperty({ type: String, nullable: true, description: 'import:<job id>' }) source!: string | null;
}

export class PrintFailureView {
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty() reason!: string;
}

export class EktpHistoryView {
  @ApiProperty() index!: number;
  @ApiProperty({ enum: [...EKTP_ACTION_TYPES, 'IMPORT_STATE'], description: 'IMPORT_STATE: the state taken over from an older register (bulk import)' })
  type!: EktpLogActionType;
  @ApiProperty(INSTANT_OR_DAY_PROPERTY) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ enum: EKTP_STATUSES, description: 'the status after this action' }) status!: EktpStatus;
}

/** A resident's e-KTP, derived from its actions as of today. */
export class EktpView {
  @ApiProperty() residentId!: string;
  @ApiProperty({ description: "the office's date the derived fields are for" }) asOf!: string;
  @ApiProperty({ enum: EKTP_STATUSES }) status!: EktpStatus;
  @ApiProperty({ description: 'wajib KTP today: 17 or over, or ever married (UU 24/2013 art. 63(1))' }) wajibKtp!: boolean;
  @ApiProperty({ type: [BiometricRecordingView] }) recordings!: BiometricRecordingView[];
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) printReadyAt!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) sentForPrintingAt!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) printedAt!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true, description: 'the first card handed over' }) issuedAt!: string | null;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) lastIssuedAt!: string | null;
  @ApiProperty({ enum: CAPTURE_CHANNELS, nullable: true }) lastIssuedChannel!: CaptureChannel | null;
  @ApiProperty() issueCount!: number;
  @ApiProperty({ description: 'the current print cycle is a reprint' }) reprint!: boolean;
  @ApiProperty({ type: [ReprintView] }) reprints!: ReprintView[];
  @ApiProperty({ type: [PrintFailureView] }) printFailures!: PrintFailureView[];
  @ApiProperty({ type: ImportedBaselineView, nullable: true, description: "the older register's state this e-KTP was taken over in (bulk import); its earlier steps have no dates here" })
  imported!: ImportedBaselineView | null;
  @ApiProperty({ enum: EKTP_ACTION_TYPES, isArray: true, description: 'what may happen next (none once the resident died or moved out)' })
  allowedActions!: EktpActionType[];
  @ApiProperty({ description: 'the number of actions: send it back with the next action' }) version!: number;
  @ApiProperty({ type: [EktpHistoryView] }) history!: EktpHistoryView[];
}

export function toEktpView(residentId: string, s: EktpState): EktpView {
  return {
    residentId,
    asOf: s.asOf,
    status: s.status,
    wajibKtp: s.wajibKtp,
    recordings: s.recordings.map((r) => ({ ...r })),
    printReadyAt: s.printReadyAt,
    sentForPrintingAt: s.sentForPrintingAt,
    printedAt: s.printedAt,
    issuedAt: s.issuedAt,
    lastIssuedAt: s.lastIssuedAt,
    lastIssuedChannel: s.lastIssuedChannel,
    issueCount: s.issueCount,
    reprint: s.reprint,
    reprints: s.reprints.map((r) => ({ ...r })),
    printFailures: s.printFailures.map((f) => ({ ...f })),
    imported: s.imported ? { ...s.imported } : null,
    allowedActions: [...s.allowedActions],
    version: s.version,
    history: s.history.map((h) => ({ ...h })),
  };
}
