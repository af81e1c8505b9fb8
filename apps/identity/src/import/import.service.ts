/**
 * Bulk import of an existing population register (a SIAK-like export: one row per resident on a family card)
 * into the identity service. See README.md in this folder for the file format, the codes and how to run it.
 *
 * 1. A first pass reads the whole file once: its SHA-256 (the identity of the import), the header, the number of
 *    rows, the NIKs that are on more than one row and the cards whose rows are not together. The SHA-256 finds
 *    the ImportJob: a COMPLETED job is refused, a RUNNING or FAILED one is resumed after its checkpoint, a new
 *    file gets a new job.
 * 2. The second pass streams the rows: each is checked alone (import-row.mapper), the rows of a card together
 *    (checkFamilyCard), and whole cards are gathered into batches of about `batchSize` rows.
 * 3. A batch is written in ONE transaction (import-writer.repository): the job's row locked and its checkpoint
 *    compared with the run's (which stops a second run of the same file), the batch's NIKs and No. KK looked
 *    up, cards already in the register rejected whole, then cards, residents, memberships, card versions, the
 *    outbox events, the audit entry and the rejected rows, each table with one COPY (PostgreSQL) or one
 *    multi-row INSERT (SQLite), and the checkpoint moved with the job's counters. A crash (kill -9 included)
 *    loses at most the batch in flight, which the next run writes again; nothing is written twice and no card
 *    is ever half written.
 * 4. The next batch is parsed, checked and encoded while the database writes the previous one (the two run on
 *    different cores); the parser yields to the event loop every few rows so that the driver is served.
 *
 * Events: each imported resident is announced with identity.resident.registered.v1 (origin IMPORT) and each card
 * with identity.family-card.changed.v1 (version 1, fact CARD_IMPORTED), through the outbox, in the batch's
 * transaction; the running service's relay publishes them. `events: false` leaves them out (a faster initial
 * load); ImportAnnounceService (`--announce`) records them afterwards.
 *
 * Audit (UU 27/2022): each batch writes one audit entry (CREATE of resource 'import-job', the job's id, by the
 * operator who ran it) whose results name every resident and card the batch created, so that the audit trail of
 * a resident (GET /audit?resourceId=…) shows the import that created it.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { maskKkNumber, maskNik } from '@adminduk/domain';
import { databaseKind, localDate, maskText, officeInstant, Problem, ProblemException, regionCovering, SERVICE_CONFIG, type DatabaseKind, type ServiceConfig } from '@adminduk/platform';
import { normalizeName } from '../residents/resident.entity';
import { cardImportedEvent, residentRegisteredEvent } from './import-events.mapper';
import { ImportIds } from './import-ids';
import { ImportJob, type ImportJobStatus } from './import-job.entity';
import { ImportRejection } from './import-rejection.entity';
import {
  checkCard,
  checkRow,
  IMPORT_COLUMNS,
  mapHeader,
  OPTIONAL_COLUMNS,
  readRecord,
  recordKeys,
  rejectRegistered,
  type RecordRead,
  type FileFacts,
  type ImportCard,
  type RowRejection,
  type RowResult,
} from './import-row.mapper';
import {
  AUDIT_RESULT_TABLE,
  AUDIT_TABLE,
  CARD_VERSION_TABLE,
  FAMILY_CARD_TABLE,
  ImportWriter,
  isUniqueViolation,
  MEMBERSHIP_TABLE,
  OUTBOX_TABLE,
  REJECTION_TABLE,
  RESIDENT_TABLE,
  EKTP_ACTION_TABLE,
  KIA_ACTION_TABLE,
  IMPORTED_DOCUMENT_TABLE,
  encodeRows,
  type Encoded,
  type Row,
} from './import-writer.repository';
import {
  checkImportVillage,
  isBlankRecord,
  isOpenSidEnd,
  looksLikeOpenSid,
  mapOpenSidHeader,
  openSidKeys,
  OPENSID_COLUMNS,
  readOpenSidRecord,
  type ImportVillage,
} from './opensid-row.mapper';
import { formatOfFile, hashFile, readRecords, sniffFormat, type RawRecord, type RegisterFormat } from './register-file';

export interface ImportOptions {
  /** The register file (CSV, NDJSON or XLSX). */
  readonly file: string;
  /** Default: from the content (an xlsx workbook), else from the extension (.csv; .ndjson or .jsonl). */
  readonly format?: RegisterFormat;
  /**
   * The desa / kelurahan (10 digits) the residents of an OpenSID file live in: OpenSID's layout has no region codes.
   * Required for that layout, refused for the register's own (whose rows name their village).
   */
  readonly village?: string;
  /** Rows per transaction (whole cards, so a batch may be a little larger). Default 5000. */
  readonly batchSize?: number;
  /** Record events in the outbox (default true). Only for a new job: a resumed job keeps its setting. */
  readonly events?: boolean;
  /** Ignore columns (NDJSON: fields) this import does not know instead of refusing the file. */
  readonly allowExtraColumns?: boolean;
  /** Who runs the import (audit trail and job): e.g. 'cli:operator'. */
  readonly actor: string;
  /** Called after every committed batch. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Stops cleanly after the batch in flight (the job stays resumable). */
  readonly signal?: AbortSignal;
  /** For the audit trail: the kind and roles of whoever runs it (an uploading person); default a system actor. */
  readonly actorKind?: { readonly kind: string; readonly roles: readonly string[] };
  /** The file's name for the job (default: the name of `file` without its folder); an upload's own name. */
  readonly fileName?: string;
  /** What started it, for the audit trail's endpoint column (default `CLI identity import`). */
  readonly endpoint?: string;
}

export interface ImportProgress {
  readonly jobId: string;
  readonly totalRows: number;
  /** Rows done (imported or rejected), this run and earlier runs of the job. */
  readonly rowsDone: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly cardsImported: number;
  readonly cardsRejected: number;
  /** Rows done by this run per second of this run. */
  readonly rowsPerSecond: number;
  readonly elapsedMs: number;
}

export interface ImportOutcome extends ImportProgress {
  /** COMPLETED: the whole file is done. STOPPED: stopped by the signal; run again to resume. */
  readonly status: 'COMPLETED' | 'STOPPED';
  readonly fileName: string;
  readonly sha256: string;
  readonly resumed: boolean;
  /** The checkpoint the run started from (0 for a new job). */
  readonly resumedAfterLine: number;
  readonly withEvents: boolean;
  readonly batchesThisRun: number;
  /** The layout of the file's columns: the register's own, or OpenSID's "format impor penduduk". */
  readonly layout: ImportLayout;
  /** XLSX: the worksheet read (report lines are its row numbers). */
  readonly sheet?: string;
}

/** REGISTER: IMPORT_COLUMNS (CSV, NDJSON, XLSX). OPENSID: OpenSID's 37 columns (XLSX, CSV), told from the header. */
export type ImportLayout = 'REGISTER' | 'OPENSID';

/** How the records of a file are read, once its header is known. */
interface LayoutReader {
  readonly layout: ImportLayout;
  /** Where each of the layout's columns is in the header. */
  readonly columnIndexes?: readonly number[];
  keys(record: RawRecord): { nik: string; kkNumber: string };
  read(record: RawRecord): RecordRead;
  /** The end marker: this row and all after it are not data. */
  isEnd(record: RawRecord): boolean;
  /** A row without any value: not data, not counted. */
  isBlank(record: RawRecord): boolean;
}

/** One line of the validation report. */
export interface ImportReportLine {
  readonly line: number;
  readonly maskedNik: string;
  readonly maskedKkNumber: string;
  readonly codes: readonly string[];
  readonly messages: readonly string[];
}

interface FileScan {
  readonly sha256: string;
  readonly size: number;
  readonly totalRows: number;
  readonly header?: readonly string[];
  readonly columnIndexes?: readonly number[];
  readonly facts: FileFacts;
  readonly reader: LayoutReader;
  readonly sheet?: string;
}

/** A card that passed the checks, with the ids it will have and its rows encoded for each table. */
interface EncodedCard {
  readonly card: ImportCard;
  readonly familyCard: Encoded;
  readonly residents: Encoded;
  readonly memberships: Encoded;
  readonly version: Encoded;
  readonly events: Encoded;
  readonly auditResults: Encoded;
  /** What the file said about documents, and the e-KTP / KIA baselines (IMPORT_STATE). */
  readonly documents: Encoded;
  readonly ektpActions: Encoded;
  readonly kiaActions: Encoded;
}

interface Batch {
  /** The id of the batch's audit entry (its results name the records the batch creates). */
  readonly auditId: string;
  readonly cards: EncodedCard[];
  readonly rejections: RowRejection[];
  /** Cards rejected by the checks before the database (their rows are in `rejections`). */
  rejectedCards: number;
  rows: number;
  lastLine: number;
}

interface Counts {
  rowsImported: number;
  rowsRejected: number;
  cardsImported: number;
  cardsRejected: number;
  batchesCommitted: number;
}

interface RunState {
  readonly job: ImportJob;
  readonly kind: DatabaseKind;
  readonly actor: string;
  readonly requestId: string;
  /** The audit entries' endpoint: the command, or the HTTP upload. */
  readonly endpoint: string;
  readonly actorKind: { readonly kind: string; readonly roles: readonly string[] };
  readonly ids: ImportIds;
  checkpoint: number;
  readonly counts: Counts;
}

const DEFAULT_BATCH = 5000;
/** Rows checked and encoded between two turns of the event loop. */
const YIELD_EVERY = 64;
const MAX_ATTEMPTS = 3;

@Injectable()
export class ImportService {
  private readonly logger = new Logger('ImportService');

  constructor(
    private readonly orm: MikroORM,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async importFile(options: ImportOptions): Promise<ImportOutcome> {
    const started = Date.now();
    const format = options.format ?? (await this.formatOf(options.file));
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) throw Problem.badRequest('IMPORT_BATCH_INVALID', 'the batch size is a whole number from 1 to 50000');
    const allowExtra = options.allowExtraColumns ?? false;

    const village = options.village ?? (await this.storedVillage(options.file));
    const scan = await this.scan(options.file, format, allowExtra, village);
    const { job, resumed } = await this.openJob({ ...options, ...(village !== undefined ? { village } : {}) }, format, scan);
    const kind = databaseKind(this.config.databaseUrl);
    const state: RunState = {
      job,
      kind,
      actor: options.actor.slice(0, 200),
      requestId: `import:${job.id}`,
      endpoint: (options.endpoint ?? 'CLI identity import').slice(0, 200),
      actorKind: options.actorKind ?? { kind: 'system', roles: [] },
      ids: new ImportIds(),
      checkpoint: job.linesCommitted,
      counts: { rowsImported: job.rowsImported, rowsRejected: job.rowsRejected, cardsImported: job.cardsImported, cardsRejected: job.cardsRejected, batchesCommitted: job.batchesCommitted },
    };
    const resumedAfterLine = job.linesCommitted;
    const doneBefore = job.rowsImported + job.rowsRejected;
    let batches = 0;
    const progress = (): ImportProgress => {
      const elapsedMs = Date.now() - started;
      const rowsDone = state.counts.rowsImported + state.counts.rowsRejected;
      return {
        jobId: job.id,
        totalRows: job.totalRows,
        rowsDone,
        rowsImported: state.counts.rowsImported,
        rowsRejected: state.counts.rowsRejected,
        cardsImported: state.counts.cardsImported,
        cardsRejected: state.counts.cardsRejected,
        rowsPerSecond: elapsedMs > 0 ? Math.round(((rowsDone - doneBefore) * 1000) / elapsedMs) : 0,
        elapsedMs,
      };
    };

    let stopped = false;
    let inFlight: Promise<void> | undefined;
    try {
      const submit = async (batch: Batch): Promise<void> => {
        if (inFlight) await inFlight;
        if (options.signal?.aborted) {
          stopped = true;
          return;
        }
        inFlight = this.commit(state, batch).then(() => {
          batches++;
          options.onProgress?.(progress());
        });
        // Awaited before the next batch or at the end; until then a failure must not count as unhandled.
        inFlight.catch(() => undefined);
      };
      for await (const batch of this.batches(options.file, format, scan, state, batchSize)) {
        await submit(batch);
        if (stopped) break;
      }
      if (inFlight) await inFlight;
      if (!stopped && options.signal?.aborted) stopped = true;
      if (!stopped) await this.finish(job.id, 'COMPLETED');
    } catch (error) {
      await inFlight?.catch(() => undefined);
      // Another run of the file owns the job now: leave its status to that run.
      const elsewhere = error instanceof ProblemException && error.code === 'IMPORT_RUNNING_ELSEWHERE';
      if (!elsewhere) await this.finish(job.id, 'FAILED', error).catch((e: unknown) => this.logger.error(`could not mark import ${job.id} FAILED: ${maskText(String(e))}`));
      throw error;
    }
    return {
      ...progress(),
      status: stopped ? 'STOPPED' : 'COMPLETED',
      fileName: job.fileName,
      sha256: job.sha256,
      resumed,
      resumedAfterLine,
      withEvents: job.withEvents,
      batchesThisRun: batches,
      layout: scan.reader.layout,
      ...(scan.sheet !== undefined ? { sheet: scan.sheet } : {}),
    };
  }

  /** The rejected rows of a job, in file order: the validation report. */
  async *report(jobId: string): AsyncGenerator<ImportReportLine[]> {
    const em = this.orm.em.fork();
    let after = 0;
    for (;;) {
      const rows = await em.find(ImportRejection, { job: jobId, line: { $gt: after } }, { orderBy: { line: 'asc' }, limit: 5000 });
      if (rows.length === 0) return;
      yield rows.map((r) => ({ line: r.line, maskedNik: r.maskedNik, maskedKkNumber: r.maskedKkNumber, codes: r.codes.split(';'), messages: r.messages.split(' | ') }));
      after = (rows[rows.length - 1] as ImportRejection).line;
      em.clear();
    }
  }

  // --- first pass ------------------------------------------------------------------------------------------

  /**
   * The format from the content (an xlsx workbook is a ZIP with `xl/` inside), else from the name. A ZIP that is no
   * xlsx workbook is refused here rather than read as text.
   */
  private async formatOf(file: string): Promise<RegisterFormat> {
    let sniffed: 'XLSX' | 'ZIP' | undefined;
    try {
      sniffed = await sniffFormat(file);
    } catch (error) {
      // A missing file: its name may still say the format is unknown; otherwise the scan says it is not found.
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
    if (sniffed === 'XLSX') return 'XLSX';
    if (sniffed === 'ZIP') throw Problem.badRequest('IMPORT_FORMAT_UNKNOWN', 'the file is a ZIP archive but not an xlsx workbook: give an .xlsx, a .csv or an .ndjson file');
    const byName = formatOfFile(file);
    if (!byName) throw Problem.badRequest('IMPORT_FORMAT_UNKNOWN', 'the format cannot be told from the file: give an .xlsx workbook, or name a text file .csv or .ndjson, or give --format csv|ndjson|xlsx');
    return byName;
  }

  /** How rows are read once the header is known: the register's own columns, or OpenSID's (then `village` is needed). */
  private layoutOf(header: readonly string[], line: number, format: RegisterFormat, allowExtra: boolean, village: string | undefined): LayoutReader {
    const ours = mapHeader(header, allowExtra);
    const accepted =
      `accepted layouts: the register's own (columns ${IMPORT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c)).join(', ')}, optional ${OPTIONAL_COLUMNS.join(', ')}; CSV, NDJSON or XLSX) ` +
      `or OpenSID's "format impor penduduk" (its ${OPENSID_COLUMNS.length} columns ${OPENSID_COLUMNS.slice(0, 7).join(', ')}, …, status_dasar; XLSX or CSV)`;
    if (ours.ok) {
      if (village !== undefined) throw Problem.badRequest('IMPORT_VILLAGE_INVALID', '--village is for an OpenSID file; this file is in the register\'s own layout, whose rows name their village (village_code)');
      const indexes = ours.columnIndexes;
      // A spreadsheet row ends at its last value: its empty cells at the end are the header's columns all the same.
      const padded = (record: RawRecord): RawRecord =>
        format === 'XLSX' && record.cells && record.cells.length < header.length ? { ...record, cells: [...record.cells, ...new Array<string>(header.length - record.cells.length).fill('')] } : record;
      return {
        layout: 'REGISTER',
        columnIndexes: indexes,
        keys: (record) => recordKeys(padded(record), indexes, header.length),
        read: (record) => readRecord(padded(record), indexes, header.length, allowExtra),
        isEnd: () => false,
        isBlank: (record) => format === 'XLSX' && isBlankRecord(record),
      };
    }
    if (!looksLikeOpenSid(header)) {
      throw Problem.badRequest('IMPORT_HEADER_INVALID', `the header (line ${line}) is not usable: ${ours.problems.join('; ')}; ${accepted}`);
    }
    const opensid = mapOpenSidHeader(header, allowExtra);
    if (!opensid.ok) throw Problem.badRequest('IMPORT_HEADER_INVALID', `the header (line ${line}) is not usable as OpenSID's layout: ${opensid.problems.join('; ')}; ${accepted}`);
    if (village === undefined) {
      throw Problem.badRequest('IMPORT_VILLAGE_REQUIRED', 'an OpenSID file has no kecamatan or village codes: give the desa / kelurahan its residents live in (--village, 10 digits, e.g. 5316012002)');
    }
    const checked = checkImportVillage(village, this.config.regencyCode);
    if (!checked.ok) throw Problem.badRequest('IMPORT_VILLAGE_INVALID', `--village: ${checked.problem}`);
    const indexes = opensid.columnIndexes;
    const target: ImportVillage = checked.village;
    return {
      layout: 'OPENSID',
      columnIndexes: indexes,
      keys: (record) => openSidKeys(record, indexes),
      read: (record) => readOpenSidRecord(record, indexes, header.length, target),
      isEnd: (record) => isOpenSidEnd(record, indexes),
      isBlank: isBlankRecord,
    };
  }

  /** NDJSON: the register's own field names, no header. */
  private ndjsonReader(allowExtra: boolean, village: string | undefined): LayoutReader {
    if (village !== undefined) throw Problem.badRequest('IMPORT_VILLAGE_INVALID', '--village is for an OpenSID file; an NDJSON file is in the register\'s own layout, whose rows name their village (village_code)');
    return {
      layout: 'REGISTER',
      keys: (record) => recordKeys(record, undefined, 0),
      read: (record) => readRecord(record, undefined, 0, allowExtra),
      isEnd: () => false,
      isBlank: () => false,
    };
  }

  /** Hash, header, row count, NIKs on several rows, cards in several places. */
  private async scan(file: string, format: RegisterFormat, allowExtra: boolean, village: string | undefined): Promise<FileScan> {
    const hash = createHash('sha256');
    let size = 0;
    let header: readonly string[] | undefined;
    let columnIndexes: readonly number[] | undefined;
    let reader: LayoutReader | undefined = format === 'NDJSON' ? this.ndjsonReader(allowExtra, village) : undefined;
    let sheet: string | undefined;
    let ended = false;
    let totalRows = 0;
    const firstLineOfNik = new Map<string, number>();
    const duplicateNiks = new Map<string, number[]>();
    const cardStarts = new Map<string, number>();
    const scatteredCards = new Map<string, number[]>();
    let currentKk: string | undefined;
    try {
      // The xlsx reader may stop reading the ZIP before its last bytes (the central directory): hash the file itself.
      const onBytes =
        format === 'XLSX'
          ? undefined
          : (chunk: Buffer) => {
              hash.update(chunk);
              size += chunk.length;
            };
      for await (const records of readRecords(file, format, onBytes)) {
        for (const record of records) {
          if (ended) continue;
          if (format !== 'NDJSON' && header === undefined) {
            header = record.cells ?? [];
            sheet = record.sheet;
            reader = this.layoutOf(header, record.line, format, allowExtra, village);
            columnIndexes = reader.columnIndexes;
            continue;
          }
          if (!reader) continue;
          if (reader.isEnd(record)) {
            ended = true;
            continue;
          }
          if (reader.isBlank(record)) continue;
          totalRows++;
          const { nik, kkNumber } = reader.keys(record);
          if (nik !== '') {
            const first = firstLineOfNik.get(nik);
            if (first === undefined) firstLineOfNik.set(nik, record.line);
            else duplicateNiks.set(nik, [...(duplicateNiks.get(nik) ?? [first]), record.line]);
          }
          // A row whose No. KK cannot be told belongs to no card here, as in the second pass.
          if (kkNumber === '') continue;
          if (kkNumber !== currentKk) {
            currentKk = kkNumber;
            const start = cardStarts.get(kkNumber);
            if (start === undefined) cardStarts.set(kkNumber, record.line);
            else scatteredCards.set(kkNumber, [...(scatteredCards.get(kkNumber) ?? [start]), record.line]);
          }
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw Problem.notFound('IMPORT_FILE_NOT_FOUND', `no file ${basename(file)}`);
      throw error;
    }
    if (format !== 'NDJSON' && header === undefined) throw Problem.badRequest('IMPORT_FILE_EMPTY', format === 'XLSX' ? 'the workbook has no worksheet with a header row (besides Kode Data)' : 'the file has no header row');
    if (format === 'XLSX') {
      const hashed = await hashFile(file);
      return { sha256: hashed.sha256, size: hashed.size, totalRows, header, columnIndexes, facts: { duplicateNiks, scatteredCards }, reader: reader as LayoutReader, sheet };
    }
    return { sha256: hash.digest('hex'), size, totalRows, header, columnIndexes, facts: { duplicateNiks, scatteredCards }, reader: reader as LayoutReader, sheet };
  }

  // --- the job ---------------------------------------------------------------------------------------------

  /**
   * The village a job of this file was started with, when the run does not name one: a resumed OpenSID or BIP file
   * is read for the village it started with (the file alone does not say). Costs one more read of the file when no
   * village is given; a file never imported before has none.
   */
  private async storedVillage(file: string): Promise<string | undefined> {
    let sha256: string;
    try {
      sha256 = (await hashFile(file)).sha256;
    } catch (error) {
      // A missing file is reported by the scan, with its own code.
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
    const job = await this.orm.em.fork().findOne(ImportJob, { sha256 }, { fields: ['villageCode'] });
    return job?.villageCode ?? undefined;
  }

  private async openJob(options: ImportOptions, format: RegisterFormat, scan: FileScan): Promise<{ job: ImportJob; resumed: boolean }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.orm.em.fork().transactional(async (tx) => {
          const existing = await tx.findOne(ImportJob, { sha256: scan.sha256 });
          if (existing?.status === 'COMPLETED') {
            throw Problem.conflict(
              'IMPORT_ALREADY_COMPLETED',
              `this file (SHA-256 ${scan.sha256.slice(0, 12)}…) was imported completely by job ${existing.id} on ${existing.finishedAt ? officeInstant(existing.finishedAt, this.config.utcOffset) : '?'}: ${existing.rowsImported} rows imported, ${existing.rowsRejected} rejected; it is not imported twice`,
            );
          }
          if (existing && existing.format !== format) {
            throw Problem.conflict('IMPORT_FORMAT_CHANGED', `import ${existing.id} of this file reads it as ${existing.format}; resume it with the same format`);
          }
          const village = options.village?.replace(/\./g, '');
          if (existing && (existing.villageCode ?? undefined) !== village) {
            throw Problem.conflict(
              'IMPORT_VILLAGE_CHANGED',
              `import ${existing.id} of this file reads it for ${existing.villageCode ? `village ${existing.villageCode}` : 'the villages its rows name'}; resume it ${existing.villageCode ? `with the same village (or none: ${existing.villageCode} is kept)` : 'without a village'}`,
            );
          }
          if (existing) {
            existing.status = 'RUNNING';
            existing.lastError = undefined;
            existing.updatedAt = new Date();
            return { job: existing, resumed: true };
          }
          const job = tx.create(ImportJob, {
            fileName: (options.fileName ?? basename(options.file)).slice(0, 255),
            sha256: scan.sha256,
            sizeBytes: scan.size,
            format,
            asOf: localDate(this.config.utcOffset),
            withEvents: options.events ?? true,
            totalRows: scan.totalRows,
            startedBy: options.actor.slice(0, 200),
            ...(village !== undefined ? { villageCode: village } : {}),
          });
          return { job, resumed: false };
        });
      } catch (error) {
        // Two runs of a new file at once: the second finds the first's job on its next attempt.
        if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  private async finish(jobId: string, status: ImportJobStatus, error?: unknown): Promise<void> {
    const em = this.orm.em.fork();
    const job = await em.findOneOrFail(ImportJob, { id: jobId });
    job.status = status;
    job.updatedAt = new Date();
    if (status === 'COMPLETED') job.finishedAt = job.updatedAt;
    if (error !== undefined) job.lastError = maskText(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
    await em.flush();
  }

  // --- second pass: rows → cards → batches ----------------------------------------------------------------

  private async *batches(file: string, format: RegisterFormat, scan: FileScan, state: RunState, batchSize: number): AsyncGenerator<Batch> {
    const job = state.job;
    const context = { asOf: job.asOf, regencyCode: this.config.regencyCode, facts: scan.facts };
    const skipThrough = job.linesCommitted;
    const newBatch = (): Batch => ({ auditId: state.ids.next(), cards: [], rejections: [], rejectedCards: 0, rows: 0, lastLine: skipThrough });
    let batch = newBatch();
    /** The rows of the card being read, its No. KK, and unreadable rows next to it. */
    let cardRows: RowResult[] = [];
    let cardKk: string | undefined;
    let cardNeighbours: number[] = [];
    /** Rows without a No. KK since the card's last row: inside the card if the next row continues it. */
    let pending: RowResult[] = [];
    let headerSeen = format === 'NDJSON';
    const reader = scan.reader;
    let ended = false;

    const closeCard = (): void => {
      if (cardRows.length > 0) {
        const result = checkCard(cardRows, job.asOf, cardNeighbours);
        if (result.ok) batch.cards.push(this.encode(state, result.card, batch.auditId, batch.cards.length === 0));
        else {
          batch.rejections.push(...result.rejections);
          batch.rejectedCards++;
        }
        batch.rows += cardRows.length;
        batch.lastLine = (cardRows[cardRows.length - 1] as RowResult).line;
      }
      cardRows = [];
      cardNeighbours = [];
    };
    const flushPending = (): void => {
      for (const row of pending) {
        if (row.ok) continue;
        batch.rejections.push({ line: row.line, maskedNik: maskNik(row.nik), maskedKkNumber: maskKkNumber(row.kkNumber), problems: row.problems });
        batch.rows++;
        batch.lastLine = row.line;
      }
      pending = [];
    };

    let sinceYield = 0;
    reading: for await (const records of readRecords(file, format)) {
      for (const record of records) {
        // Let the database driver answer the batch in flight: each of its statements waits for the event loop.
        if (++sinceYield === YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (!headerSeen) {
          headerSeen = true;
          continue;
        }
        if (reader.isEnd(record)) ended = true;
        if (ended) break reading;
        if (record.line <= skipThrough || reader.isBlank(record)) continue;
        const row = checkRow(record.line, reader.read(record), context);
        const kk = row.ok ? row.value.kkNumber : row.kkNumber;
        if (kk === '') {
          pending.push(row);
          continue;
        }
        if (kk === cardKk) {
          cardRows.push(...pending, row);
          pending = [];
          continue;
        }
        const unreadable = pending.map((r) => r.line);
        cardNeighbours.push(...unreadable);
        closeCard();
        flushPending();
        if (batch.rows >= batchSize) {
          yield batch;
          batch = newBatch();
        }
        cardKk = kk;
        cardRows = [row];
        cardNeighbours = unreadable;
      }
    }
    cardNeighbours.push(...pending.map((r) => r.line));
    closeCard();
    flushPending();
    if (batch.rows > 0) yield batch;
  }

  // --- writing a batch ------------------------------------------------------------------------------------

  private async commit(state: RunState, batch: Batch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const delta = await this.orm.em.fork().transactional((tx) => this.write(tx, state, batch));
        state.checkpoint = batch.lastLine;
        state.counts.rowsImported += delta.rowsImported;
        state.counts.rowsRejected += delta.rowsRejected;
        state.counts.cardsImported += delta.cardsImported;
        state.counts.cardsRejected += delta.cardsRejected;
        state.counts.batchesCommitted += 1;
        return;
      } catch (error) {
        // A NIK or No. KK registered by someone else between the lookup and the insert: look up again.
        if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  private async write(tx: EntityManager, state: RunState, batch: Batch): Promise<Counts> {
    const writer = new ImportWriter(tx, state.kind);
    const locked = await writer.lockJob(state.job.id);
    if (locked?.linesCommitted !== state.checkpoint) {
      throw Problem.conflict('IMPORT_RUNNING_ELSEWHERE', `another run of import ${state.job.id} has moved its checkpoint past line ${state.checkpoint}: only one run of a file at a time`);
    }
    const registered = await writer.registered(
      batch.cards.flatMap((c) => c.card.members.map((m) => m.nik)),
      batch.cards.map((c) => c.card.kkNumber),
    );
    const registeredNiks = registered.niks;
    const registeredKks = registered.kkNumbers;
    const cards: EncodedCard[] = [];
    const rejections = [...batch.rejections];
    let rejectedCards = batch.rejectedCards;
    for (const encoded of batch.cards) {
      const card = encoded.card;
      const kkTaken = registeredKks.has(card.kkNumber);
      if (kkTaken || card.members.some((m) => registeredNiks.has(m.nik))) {
        rejections.push(...rejectRegistered(card, registeredNiks, kkTaken));
        rejectedCards++;
      } else cards.push(encoded);
    }
    rejections.sort((a, b) => a.line - b.line);

    const imported = cards.reduce((n, c) => n + c.card.members.length, 0);
    if (cards.length > 0) {
      await writer.insert(FAMILY_CARD_TABLE, cards.map((c) => c.familyCard));
      await writer.insert(RESIDENT_TABLE, cards.map((c) => c.residents));
      await writer.insert(MEMBERSHIP_TABLE, cards.map((c) => c.memberships));
      await writer.insert(CARD_VERSION_TABLE, cards.map((c) => c.version));
      await writer.insert(IMPORTED_DOCUMENT_TABLE, cards.map((c) => c.documents));
      await writer.insert(EKTP_ACTION_TABLE, cards.map((c) => c.ektpActions));
      await writer.insert(KIA_ACTION_TABLE, cards.map((c) => c.kiaActions));
      if (state.job.withEvents) await writer.insert(OUTBOX_TABLE, cards.map((c) => c.events));
      const now = new Date();
      const region = regionCovering(cards.map((c) => c.card.districtCode)) ?? this.config.regencyCode;
      // id, at, actor_id, actor_kind, actor_roles, action, resource_type, resource_id, region_code, result_count, endpoint, request_id, outcome
      const audit: Row = [batch.auditId, now, state.actor, state.actorKind.kind, [...state.actorKind.roles], 'CREATE', 'import-job', state.job.id, region, imported + cards.length, state.endpoint, state.requestId, 'SUCCESS'];
      await writer.insert(AUDIT_TABLE, [encodeRows(state.kind, AUDIT_TABLE, [audit])]);
      await writer.insert(AUDIT_RESULT_TABLE, cards.map((c) => c.auditResults));
    }
    // job_id, line, masked_nik, masked_kk_number, codes, messages
    const rejectionRows: Row[] = rejections.map((r) => [
      state.job.id,
      r.line,
      r.maskedNik,
      r.maskedKkNumber,
      r.problems.map((p) => p.code).join(';').slice(0, 1000),
      r.problems.map((p) => scrub(p.message)).join(' | '),
    ]);
    await writer.insert(REJECTION_TABLE, [encodeRows(state.kind, REJECTION_TABLE, rejectionRows)]);
    const delta: Counts = { rowsImported: imported, rowsRejected: rejections.length, cardsImported: cards.length, cardsRejected: rejectedCards, batchesCommitted: 1 };
    await writer.saveCheckpoint(
      state.job.id,
      batch.lastLine,
      {
        rowsImported: state.counts.rowsImported + delta.rowsImported,
        rowsRejected: state.counts.rowsRejected + delta.rowsRejected,
        cardsImported: state.counts.cardsImported + delta.cardsImported,
        cardsRejected: state.counts.cardsRejected + delta.cardsRejected,
        batchesCommitted: state.counts.batchesCommitted + 1,
      },
      new Date(),
    );
    return delta;
  }

  /**
   * A card's rows for every table, with new ids, encoded for the database (arrays in the order of each table's
   * columns). Done while the previous batch is being written.
   */
  private encode(state: RunState, card: ImportCard, auditId: string, check: boolean): EncodedCard {
    const { ids, job, actor, requestId, kind } = state;
    const now = new Date();
    const cardId = ids.next();
    const residents: Row[] = [];
    const memberships: Row[] = [];
    const events: Row[] = [];
    const auditResults: Row[] = [[auditId, cardId]];
    const members: { residentId: string; relationship: number }[] = [];
    const documents: Row[] = [];
    const ektpActions: Row[] = [];
    const kiaActions: Row[] = [];
    card.members.forEach((m, position) => {
      const residentId = ids.next();
      members.push({ residentId, relationship: m.relationship });
      // RESIDENT_TABLE's columns, in order.
      residents.push([
        residentId,
        m.nik,
        m.fullName,
        normalizeName(m.fullName),
        m.birthPlace,
        m.birthDate,
        m.sex,
        m.religion,
        m.maritalStatus,
        m.education ?? null,
        m.bloodType ?? null,
        m.occupation ?? null,
        m.motherName,
        normalizeName(m.motherName),
        m.fatherName ?? null,
        m.districtCode,
        m.villageCode,
        m.address,
        'ALIVE',
        cardId,
        1,
        now,
        now,
      ]);
      // id, card_id, resident_id, relationship, position
      memberships.push([ids.next(), cardId, residentId, m.relationship, position]);
      auditResults.push([auditId, residentId]);
      if (m.ektpState !== undefined || m.kiaState !== undefined || m.birthDeed !== undefined || m.registeredOn !== undefined) {
        // resident_id, job_id, ektp_state, kia_state, birth_deed, ektp_recorded_on, registered_on
        documents.push([residentId, job.id, m.ektpState ?? null, m.kiaState ?? null, m.birthDeed ?? null, m.ektpRecordedOn ?? null, m.registeredOn ?? null]);
      }
      // The baselines are dated the import day (the day the states were checked for), by the import's actor:
      // id, resident_id, seq, type, at, acted_by, payload, recorded_at.
      if (m.ektpBaseline) ektpActions.push([ids.next(), residentId, 1, 'IMPORT_STATE', job.asOf, actor, { status: m.ektpBaseline, source: `import:${job.id}` }, now]);
      if (m.kiaBaseline) kiaActions.push([ids.next(), residentId, 1, 'IMPORT_STATE', job.asOf, actor, { status: m.kiaBaseline, source: `import:${job.id}` }, now]);
      if (job.withEvents) events.push(residentRegisteredEvent(ids.next(), residentId, m, cardId, requestId, now, check));
    });
    if (job.withEvents) {
      const announced = { id: cardId, kkNumber: card.kkNumber, memberCount: card.members.length, districtCode: card.districtCode, villageCode: card.villageCode };
      events.push(cardImportedEvent(ids.next(), announced, requestId, now, check));
    }
    const facts = [{ type: 'CARD_IMPORTED', kkNumber: card.kkNumber, importJobId: job.id, line: card.firstLine }];
    return {
      card,
      // id, kk_number, district_code, village_code, address, polygamy_permitted, status, version, created_at, updated_at
      familyCard: encodeRows(kind, FAMILY_CARD_TABLE, [[cardId, card.kkNumber, card.districtCode, card.villageCode, card.address, false, 'ACTIVE', 1, now, now]]),
      residents: encodeRows(kind, RESIDENT_TABLE, residents),
      memberships: encodeRows(kind, MEMBERSHIP_TABLE, memberships),
      // id, card_id, version, kk_number, status, operation, members, facts, recorded_by, request_id, recorded_at
      version: encodeRows(kind, CARD_VERSION_TABLE, [[ids.next(), cardId, 1, card.kkNumber, 'ACTIVE', 'CREATE', members, facts, actor, requestId, now]]),
      events: encodeRows(kind, OUTBOX_TABLE, events),
      auditResults: encodeRows(kind, AUDIT_RESULT_TABLE, auditResults),
      documents: encodeRows(kind, IMPORTED_DOCUMENT_TABLE, documents),
      ektpActions: encodeRows(kind, EKTP_ACTION_TABLE, ektpActions),
      kiaActions: encodeRows(kind, KIA_ACTION_TABLE, kiaActions),
    };
  }
}

/** An outbox row, its payload checked against the contract (a producer bug fails loudly, before anything is written). */
/** A message for the report: NIKs masked (the domain does it already), dates hidden (a NIK's hidden digits are a birth date). */
export function scrub(message: string): string {
  return maskText(message)
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '****-**-**')
    .replace(/birth date \d{6}\b/g, 'birth date ******');
}
