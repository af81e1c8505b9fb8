/**
 * One import of a register file (an export of an existing population register). The file is known by its
 * SHA-256: running the import of the same bytes again resumes this job after its checkpoint, and a job that is
 * COMPLETED is never imported twice (the unique index on sha256 is the last line of defence).
 *
 * `linesCommitted` is the checkpoint: the last line of the file whose card is done (imported or rejected). It is
 * written in the same transaction as the batch it ends, so after a crash (even kill -9) the database holds
 * exactly the batches before the checkpoint, and the next run starts after it. Two runs of the same file at once
 * cannot both write a batch: each batch locks this row and goes on only if the checkpoint is the one its run
 * last saw (the other run stops with IMPORT_RUNNING_ELSEWHERE).
 */
import { BigIntType, DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';
import type { RegisterFormat } from './register-file';

export const IMPORT_JOB_STATUSES = ['RUNNING', 'COMPLETED', 'FAILED'] as const;
/** RUNNING: started, not finished (or the process died: the next run resumes it). FAILED: stopped by an error; the next run resumes it. */
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

@Entity({ tableName: 'import_job' })
@Unique({ name: 'import_job_sha256_unique', properties: ['sha256'] })
export class ImportJob {
  [OptionalProps]?: 'id' | 'status' | 'linesCommitted' | 'rowsImported' | 'rowsRejected' | 'cardsImported' | 'cardsRejected' | 'batchesCommitted' | 'startedAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** The file's name without its folder (as given to the command). */
  @Property({ length: 255 })
  fileName!: string;

  /** SHA-256 of the file's bytes, hex: the identity of the import. */
  @Property({ length: 64 })
  sha256!: string;

  @Property({ type: new BigIntType('number') })
  sizeBytes!: number;

  @Property({ length: 10 })
  format!: RegisterFormat;

  @Property({ length: 10 })
  status: ImportJobStatus = 'RUNNING';

  /**
   * The desa / kelurahan given for a file whose layout has no region codes (OpenSID, BIP): 10 digits. Kept so that a
   * resumed run reads the rest of the file for the same village (given again it must be the same; left out, this
   * one is used), and so that the office app lists a village's imports to those whose scope covers it.
   */
  @Property({ length: 10, nullable: true })
  villageCode?: string;

  /**
   * XLSX: the names of the worksheets read, by their position (`Kode Data` not counted). A rejected row's line is
   * `sheetIndex * SHEET_LINE_SPAN + row`, so the report names its sheet from here, in any process and at any time.
   */
  @Property({ type: 'json', nullable: true })
  sheets?: string[];

  /** The day the rows are checked for (birth dates, issue dates, ages): kept, so that a resumed job checks the rest of the file as it checked the start. */
  @Property({ length: 10 })
  asOf!: string;

  /**
   * Whether the events of the imported residents and cards (resident registered, family card changed) are in the
   * outbox: recorded with each batch, or — after an import with --no-events — by `import <file> --announce`.
   */
  @Property({ type: 'boolean' })
  withEvents!: boolean;

  /** The checkpoint of --announce: the last family card (by id) whose events are in the outbox. */
  @Property({ type: 'uuid', nullable: true })
  announcedThrough?: string;

  /** Data rows in the file (the header and blank lines not counted). */
  @Property({ type: 'integer' })
  totalRows!: number;

  /** The checkpoint: the last line of the file that is done (0: nothing yet). */
  @Property({ type: 'integer' })
  linesCommitted = 0;

  @Property({ type: 'integer' })
  rowsImported = 0;

  @Property({ type: 'integer' })
  rowsRejected = 0;

  @Property({ type: 'integer' })
  cardsImported = 0;

  @Property({ type: 'integer' })
  cardsRejected = 0;

  @Property({ type: 'integer' })
  batchesCommitted = 0;

  /** Who ran it (`cli:<user>` or --actor). */
  @Property({ length: 200 })
  startedBy!: string;

  @Property({ type: DateTimeType, length: 3 })
  startedAt: Date = new Date();

  /** The last checkpoint (or status change). */
  @Property({ type: DateTimeType, length: 3 })
  updatedAt: Date = new Date();

  @Property({ type: DateTimeType, length: 3, nullable: true })
  finishedAt?: Date;

  /** Why the last run stopped (FAILED), with NIKs masked. */
  @Property({ type: 'text', nullable: true })
  lastError?: string;
}
