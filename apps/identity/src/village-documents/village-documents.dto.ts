import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { EKTP_ACTION_TYPES, EKTP_STATUSES, KIA_ACTION_TYPES, KIA_STATUSES, KIA_TYPES, type EktpActionType, type EktpStatus, type KiaActionType, type KiaStatus, type KiaType, KIA_DOCUMENT_KINDS, type KiaDocumentKind } from '@adminduk/domain';

/** The problem codes of GET /residents/{id}/ektp and …/kia (409) when a stored history no longer folds. */
export const DOCUMENT_PROBLEMS = ['EKTP_HISTORY_INCONSISTENT', 'KIA_HISTORY_INCONSISTENT'] as const;
export type DocumentProblem = (typeof DOCUMENT_PROBLEMS)[number];

export class VillageDocumentsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'the `next` cursor of the previous page (a resident id)' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 200, description: 'page size, 1–500' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** What GET /residents/{id}/ektp says of status, version and allowed actions. */
export class EktpSummaryView {
  @ApiProperty({ enum: EKTP_STATUSES }) status!: EktpStatus;
  @ApiProperty({ description: 'the number of actions: send it back with the next action' }) version!: number;
  @ApiProperty({ enum: EKTP_ACTION_TYPES, isArray: true }) allowedActions!: EktpActionType[];
}

/** What GET /residents/{id}/kia says of status, version and allowed actions, with the child's KIA type today. */
export class KiaSummaryView {
  @ApiProperty({ enum: KIA_STATUSES }) status!: KiaStatus;
  @ApiProperty({ description: 'the number of actions: send it back with the next action' }) version!: number;
  @ApiProperty({ enum: KIA_ACTION_TYPES, isArray: true }) allowedActions!: KiaActionType[];
  @ApiProperty({ enum: KIA_TYPES, nullable: true, description: "the child's KIA type today (eligibility.type of GET …/kia); null when not eligible" })
  kiaType!: KiaType | null;
  @ApiProperty({
    enum: KIA_DOCUMENT_KINDS,
    isArray: true,
    description: "the documents already on file for the application of the child's next card (application.documents of GET …/kia): the team need not photograph them again",
  })
  documentsOnFile!: KiaDocumentKind[];
}

/** One resident's documents: ids and states only (no name, NIK or address: join with GET /residents?villageCode=). */
export class ResidentDocumentsView {
  @ApiProperty() residentId!: string;
  @ApiProperty({ type: EktpSummaryView, nullable: true, description: 'null when the stored e-KTP history no longer folds (see problems)' })
  ektp!: EktpSummaryView | null;
  @ApiProperty({ type: KiaSummaryView, nullable: true, description: 'null when the stored KIA history no longer folds (see problems)' })
  kia!: KiaSummaryView | null;
  @ApiProperty({ enum: DOCUMENT_PROBLEMS, isArray: true, description: 'the documents whose stored history a registrar must review' })
  problems!: DocumentProblem[];
}

/** The e-KTP and KIA of a village's living residents, ordered by resident id, a page at a time. */
export class VillageDocumentsPage {
  @ApiProperty() villageCode!: string;
  @ApiProperty({ description: "the office's date the derived fields are for" }) asOf!: string;
  @ApiProperty({ type: [ResidentDocumentsView] }) items!: ResidentDocumentsView[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `after` for the next page; null on the last page' }) next!: string | null;
}
