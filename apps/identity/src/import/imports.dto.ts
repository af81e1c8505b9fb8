/** The shapes of the import's HTTP API (POST /imports, GET /imports, GET /imports/{id}, GET /imports/{id}/rejections). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IMPORT_JOB_STATUSES, type ImportJobStatus } from './import-job.entity';
import { REGISTER_FORMATS, type RegisterFormat } from './register-file';

/** The content types POST /imports takes, and the format each names (an xlsx workbook is also told from its bytes). */
export const IMPORT_UPLOAD_TYPES: Readonly<Record<string, RegisterFormat>> = {
  'text/csv': 'CSV',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/x-ndjson': 'NDJSON',
};

export class ImportUploadQuery {
  @ApiPropertyOptional({
    description:
      'the desa / kelurahan (10 digits, dots allowed) the residents of an OpenSID or BIP file live in (those layouts carry no region codes); ' +
      'your region scope must cover it. Without it the file must be in the register\'s own layout and your scope must cover the whole regency.',
    example: '5316012002',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\d.]{10,14}$/, { message: 'village is a 10-digit desa / kelurahan code (dots allowed)' })
  village?: string;
}

export class ImportListQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'how many of the latest imports, 1–100' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class ImportRejectionsQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'the `next` of the previous page: rows after this line' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 200, description: 'page size, 1–1000' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** One rejected row of an import: where it is in the file and every rule it broke. No names, addresses or birth dates. */
export class ImportRejectionView {
  @ApiProperty({ description: 'where the row is, as the import keeps it: the line (CSV, NDJSON), or sheetIndex × 2^21 + the row (xlsx); the `after` of paging' })
  line!: number;
  @ApiProperty({ description: "the row as the operator finds it: the file's line, or the row number in its worksheet" }) row!: number;
  @ApiPropertyOptional({ description: 'xlsx: the worksheet the row is on' }) sheet?: string;
  @ApiProperty({ description: 'the NIK, masked as in the logs' }) maskedNik!: string;
  @ApiProperty({ description: 'the No. KK, masked' }) maskedKkNumber!: string;
  @ApiProperty({ type: [String], description: 'the rules the row broke (codes of the import README), in order' }) codes!: string[];
  @ApiProperty({ type: [String], description: 'one message per code (English; dates and NIK digits hidden)' }) messages!: string[];
}

export class ImportRejectionsPage {
  @ApiProperty({ type: [ImportRejectionView] }) items!: ImportRejectionView[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'pass as `after` for the next page; null at the end' }) next!: number | null;
}

/** An import job: the file (by name and SHA-256), its village, its counters and its state. */
export class ImportJobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'SHA-256 of the bytes: the same file again resumes or is refused, never imported twice' }) sha256!: string;
  @ApiProperty({ enum: REGISTER_FORMATS }) format!: RegisterFormat;
  @ApiProperty({ enum: IMPORT_JOB_STATUSES, description: 'RUNNING (or its process stopped: upload the same file again to resume), COMPLETED, FAILED (upload it again to resume)' })
  status!: ImportJobStatus;
  @ApiProperty({ type: String, nullable: true, description: 'the desa / kelurahan given for an OpenSID or BIP file' }) villageCode!: string | null;
  @ApiProperty({ description: 'the day the rows were checked for (YYYY-MM-DD)' }) asOf!: string;
  @ApiProperty() totalRows!: number;
  @ApiProperty() rowsImported!: number;
  @ApiProperty() rowsRejected!: number;
  @ApiProperty() cardsImported!: number;
  @ApiProperty() cardsRejected!: number;
  @ApiProperty({ description: 'who started it (a person\'s id, or cli:<login>)' }) startedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: Date | null;
}

/** The answer of POST /imports: the job when the upload's import ended, with the first rejected rows. */
export class ImportResultView extends ImportJobView {
  @ApiProperty({ enum: ['REGISTER', 'OPENSID', 'BIP'], description: "the layout the file was read in: the register's own, OpenSID's format impor penduduk, or SIAK's Buku Induk Penduduk" })
  layout!: string;
  @ApiProperty({ description: 'true when this upload continued an earlier, unfinished import of the same file' }) resumed!: boolean;
  @ApiProperty({ type: ImportRejectionsPage, description: 'the first rejected rows (all of them: GET /imports/{id}/rejections)' }) rejections!: ImportRejectionsPage;
}
