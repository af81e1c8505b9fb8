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
  type RowProblem,
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
import { formatOfFile, hashFile, readRecords, sheetRowOf, sniffFormat, type RawRecord, type RegisterFormat } from './register-file';
import { BIP_UNSUPPORTED, BipReader, bipVariant } from './bip-row.mapper';

/** An OpenSID workbook's village sheet: `<10-digit village code> <name>` (e.g. `5316012002 Labolewa`). */
const VILLAGE_SHEET = /^(\d{10})\s+\S/;

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
  /** The layout of the file's columns: the register's own, OpenSID's "format impor penduduk", or SIAK's BIP 2016. */
  readonly layout: ImportLayout;
  /** XLSX: the (first) worksheet rows were taken from. With one sheet, report lines are its row numbers. */
  readonly sheet?: string;
  /**
   * XLSX: every worksheet rows were taken from, in order (a BIP of several sheets; an OpenSID workbook of several
   * villages). With more than one, a report line is `sheetIndex * SHEET_LINE_SPAN + row`: ImportReportLine's `sheet`
   * and `row` say where it is.
   */
  readonly sheets?: readonly string[];
}

/**
 * REGISTER: IMPORT_COLUMNS (CSV, NDJSON, XLSX). OPENSID: OpenSID's 37 columns (XLSX, CSV), told from the header.
 * BIP: SIAK's Buku Induk Penduduk, 2016 layout (XLSX), told from its title rows.
 */
export type ImportLayout = 'REGISTER' | 'OPENSID' | 'BIP';

/** A file's layout, told from its first record: how to read it (each pass makes a reader of its own). */
interface Layout {
  readonly layout: ImportLayout;
  /** Where each of the layout's columns is in the header (the register's and OpenSID's layouts). */
  readonly columnIndexes?: readonly number[];
  open(): LayoutReader;
}

/**
 * How the records of a file are read. `isData` is called for every record, in file order, before `keys` or `read`
 * for that record: a reader may keep state (BIP's family blocks, the header of each OpenSID village sheet).
 */
interface LayoutReader {
  /** Whether the record is a resident row, counted and checked: not a header, a title, a blank row, a sheet not read, nor a row after an end marker. */
  isData(record: RawRecord): boolean;
  keys(record: RawRecord): { nik: string; kkNumber: string };
  read(record: RawRecord): RecordRead;
}

/** One line of the validation report. */
export interface ImportReportLine {
  /** Unique in the job: the line (CSV), the sheet row (one sheet), or sheetIndex * SHEET_LINE_SPAN + row. */
  readonly line: number;
  /** XLSX, when this service ran the job: the worksheet the row is on, and its row number there. */
  readonly sheet?: string;
  readonly row?: number;
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
  readonly layout: Layout;
  readonly sheet?: string;
  /** XLSX: the names of the sheets read, by sheetIndex (for the report). */
  readonly sheetNames: readonly string[];
  /** XLSX: the sheets holding resident rows, in order. */
  readonly dataSheets: readonly string[];
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
      layout: scan.layout.layout,
      ...(scan.sheet !== undefined ? { sheet: scan.sheet } : {}),
      ...(format === 'XLSX' ? { sheets: scan.dataSheets } : {}),
    };
  }

  /** The rejected rows of a job, in file order: the validation report. */
  async *report(jobId: string): AsyncGenerator<ImportReportLine[]> {
    const em = this.orm.em.fork();
    let after = 0;
    /** The job's worksheets (xlsx), by sheetIndex: a row's sheet is named from them; null for a text file. */
    let sheets: readonly string[] | null | undefined;
    for (;;) {
      const rows = await em.find(ImportRejection, { job: jobId, line: { $gt: after } }, { orderBy: { line: 'asc' }, limit: 5000 });
      if (rows.length === 0) return;
      sheets ??= (await em.findOne(ImportJob, { id: jobId }, { fields: ['sheets'] }))?.sheets ?? null;
      yield rows.map((r) => {
        const at = sheets && sheets.length > 0 ? sheetRowOf(r.line) : undefined;
        const sheet = at ? sheets?.[at.sheetIndex] : undefined;
        const where = at && sheet !== undefined ? { sheet, row: at.row } : {};
        return { line: r.line, ...where, maskedNik: r.maskedNik, maskedKkNumber: r.maskedKkNumber, codes: r.codes.split(';'), messages: r.messages.split(' | ') };
      });
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

  /**
   * The layout, told from the file's first record (the header row, or a BIP's first title row), and how to read it:
   * the register's own columns; OpenSID's (then a village is needed: `village`, or each sheet's name in a workbook of
   * village sheets); SIAK's BIP 2016 (then `village` is needed). Anything else is refused, naming every layout taken.
   */
  private layoutOf(first: RawRecord, format: RegisterFormat, allowExtra: boolean, village: string | undefined): Layout {
    const header = first.cells ?? [];
    const line = first.row ?? first.line;
    const accepted =
      `accepted layouts: the register's own (columns ${IMPORT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c)).join(', ')}, optional ${OPTIONAL_COLUMNS.join(', ')}; CSV, NDJSON or XLSX), ` +
      `OpenSID's "format impor penduduk" (its ${OPENSID_COLUMNS.length} columns ${OPENSID_COLUMNS.slice(0, 7).join(', ')}, …, status_dasar; XLSX or CSV) ` +
      `or SIAK's Buku Induk Penduduk in its 2016 layout (BUKU INDUK PENDUDUK WNI in A1, family blocks "No. KK : …" followed by numbered members; XLSX)`;
    const variant = bipVariant(header);
    if (variant === 'BIP_2016') return this.bipLayout(allowExtra, village);
    if (variant !== undefined) throw Problem.badRequest('IMPORT_HEADER_INVALID', `${BIP_UNSUPPORTED[variant]}; ${accepted}`);
    /** Spreadsheets: only the first sheet is read (but see OpenSID's village workbooks). */
    const firstSheet = first.sheetIndex ?? 0;
    const onFirstSheet = (record: RawRecord): boolean => (record.sheetIndex ?? 0) === firstSheet;
    const ours = mapHeader(header, allowExtra);
    if (ours.ok) {
      if (village !== undefined) throw Problem.badRequest('IMPORT_VILLAGE_INVALID', '--village is for an OpenSID or BIP file; this file is in the register\'s own layout, whose rows name their village (village_code)');
      const indexes = ours.columnIndexes;
      // A spreadsheet row ends at its last value: its empty cells at the end are the header's columns all the same.
      const padded = (record: RawRecord): RawRecord =>
        format === 'XLSX' && record.cells && record.cells.length < header.length ? { ...record, cells: [...record.cells, ...new Array<string>(header.length - record.cells.length).fill('')] } : record;
      const reader: LayoutReader = {
        isData: (record) => record.line !== first.line && onFirstSheet(record) && !(format === 'XLSX' && isBlankRecord(record)),
        keys: (record) => recordKeys(padded(record), indexes, header.length),
        read: (record) => readRecord(padded(record), indexes, header.length, allowExtra),
      };
      return { layout: 'REGISTER', columnIndexes: indexes, open: () => reader };
    }
    if (!looksLikeOpenSid(header)) {
      throw Problem.badRequest('IMPORT_HEADER_INVALID', `the header (line ${line}) is not usable: ${ours.problems.join('; ')}; ${accepted}`);
    }
    const opensid = mapOpenSidHeader(header, allowExtra);
    if (!opensid.ok) throw Problem.badRequest('IMPORT_HEADER_INVALID', `the header (line ${line}) is not usable as OpenSID's layout: ${opensid.problems.join('; ')}; ${accepted}`);
    if (format === 'XLSX' && first.sheet !== undefined && VILLAGE_SHEET.test(first.sheet)) return this.villageWorkbookLayout(allowExtra, village);
    if (village === undefined) {
      throw Problem.badRequest('IMPORT_VILLAGE_REQUIRED', 'an OpenSID file has no kecamatan or village codes: give the desa / kelurahan its residents live in (--village, 10 digits, e.g. 5316012002)');
    }
    const target = this.importVillage(village, '--village');
    const indexes = opensid.columnIndexes;
    return {
      layout: 'OPENSID',
      columnIndexes: indexes,
      open: () => {
        let ended = false;
        return {
          isData: (record) => {
            if (ended || record.line === first.line || !onFirstSheet(record)) return false;
            if (isOpenSidEnd(record, indexes)) ended = true;
            return !ended && !isBlankRecord(record);
          },
          keys: (record) => openSidKeys(record, indexes),
          read: (record) => readOpenSidRecord(record, indexes, header.length, target),
        };
      },
    };
  }

  /** `--village` (or a sheet's village) checked: a current desa / kelurahan of a current kecamatan of the regency. */
  private importVillage(code: string, what: string): ImportVillage {
    const checked = checkImportVillage(code, this.config.regencyCode);
    if (!checked.ok) throw Problem.badRequest('IMPORT_VILLAGE_INVALID', `${what}: ${checked.problem}`);
    return checked.village;
  }

  /**
   * SIAK's BIP 2016: every sheet (but `Kode Data`), family block by family block (bip-row.mapper). Its rows carry no
   * region codes: `village` is required, and the desa and kecamatan its title rows name must be that village's.
   */
  private bipLayout(allowExtra: boolean, village: string | undefined): Layout {
    if (village === undefined) {
      throw Problem.badRequest('IMPORT_VILLAGE_REQUIRED', "SIAK's Buku Induk Penduduk has no kecamatan or village codes in its rows: give the desa / kelurahan it is of (--village, 10 digits, e.g. 5316012002)");
    }
    const target = this.importVillage(village, '--village');
    return { layout: 'BIP', open: () => new BipReader(target, allowExtra) };
  }

  /**
   * An OpenSID workbook whose data sheets are named `<10-digit village code> <name>` (as the OpenSID export of a
   * kecamatan writes them): every such sheet is read, each with its own header row, up to its `###` row, for the
   * village its name gives (checked like --village; given, --village must be that village). Other sheets are not read.
   */
  private villageWorkbookLayout(allowExtra: boolean, village: string | undefined): Layout {
    const given = village === undefined ? undefined : this.importVillage(village, '--village');
    return {
      layout: 'OPENSID',
      open: () => {
        let sheetIndex = -1;
        let sheet: { indexes: readonly number[]; length: number; village: ImportVillage } | undefined;
        let headerLine = -1;
        let ended = false;
        return {
          isData: (record) => {
            if ((record.sheetIndex ?? 0) !== sheetIndex) {
              sheetIndex = record.sheetIndex ?? 0;
              ended = false;
              sheet = undefined;
              const name = record.sheet ?? '';
              const code = VILLAGE_SHEET.exec(name)?.[1];
              const header = record.cells ?? [];
              if (code === undefined) {
                // A sheet of other things (a summary) is passed over; one of residents whose name gives no village
                // would be lost without a word: refused.
                if (looksLikeOpenSid(header)) throw Problem.badRequest('IMPORT_VILLAGE_REQUIRED', `sheet ${name} holds residents in OpenSID's layout, but its name is not "<village code> <name>" like the workbook's other sheets: name it for its village, or import it as its own file with --village`);
                return false;
              }
              const mapped = mapOpenSidHeader(header, allowExtra);
              if (!mapped.ok) throw Problem.badRequest('IMPORT_HEADER_INVALID', `the header (row ${record.row ?? record.line}) of sheet ${name} is not usable as OpenSID's layout: ${mapped.problems.join('; ')}`);
              const own = this.importVillage(code, `sheet ${name}`);
              if (given && given.villageCode !== own.villageCode) {
                throw Problem.badRequest('IMPORT_VILLAGE_MISMATCH', `sheet ${name} is of village ${own.villageCode}, but --village is ${given.villageCode}: leave --village out (each sheet's name gives its village) or give the right one`);
              }
              sheet = { indexes: mapped.columnIndexes, length: header.length, village: own };
              headerLine = record.line;
              return false;
            }
            if (!sheet || ended || record.line === headerLine) return false;
            if (isOpenSidEnd(record, sheet.indexes)) ended = true;
            return !ended && !isBlankRecord(record);
          },
          keys: (record) => (sheet ? openSidKeys(record, sheet.indexes) : { nik: '', kkNumber: '' }),
          read: (record) => (sheet ? readOpenSidRecord(record, sheet.indexes, sheet.length, sheet.village) : { malformed: 'the row cannot be read', nik: '', kkNumber: '' }),
        };
      },
    };
  }

  /** NDJSON: the register's own field names, no header. */
  private ndjsonLayout(allowExtra: boolean, village: string | undefined): Layout {
    if (village !== undefined) throw Problem.badRequest('IMPORT_VILLAGE_INVALID', '--village is for an OpenSID or BIP file; an NDJSON file is in the register\'s own layout, whose rows name their village (village_code)');
    const reader: LayoutReader = {
      isData: () => true,
      keys: (record) => recordKeys(record, undefined, 0),
      read: (record) => readRecord(record, undefined, 0, allowExtra),
    };
    return { layout: 'REGISTER', open: () => reader };
  }

  /** Hash, layout, row count, NIKs on several rows, cards in several places. */
  private async scan(file: string, format: RegisterFormat, allowExtra: boolean, village: string | undefined): Promise<FileScan> {
    const hash = createHash('sha256');
    let size = 0;
    let header: readonly string[] | undefined;
    let layout: Layout | undefined = format === 'NDJSON' ? this.ndjsonLayout(allowExtra, village) : undefined;
    let reader: LayoutReader | undefined = layout?.open();
    let sheet: string | undefined;
    const sheetNames: string[] = [];
    const dataSheets: string[] = [];
    let lastDataSheet = -1;
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
          if (record.sheetIndex !== undefined && record.sheet !== undefined) sheetNames[record.sheetIndex] = record.sheet;
          if (!layout) {
            header = record.cells ?? [];
            sheet = record.sheet;
            layout = this.layoutOf(record, format, allowExtra, village);
            reader = layout.open();
          }
          if (!reader?.isData(record)) continue;
          totalRows++;
          if (record.sheetIndex !== undefined && record.sheetIndex !== lastDataSheet) {
            lastDataSheet = record.sheetIndex;
            dataSheets.push(record.sheet ?? '');
          }
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
    if (!layout) throw Problem.badRequest('IMPORT_FILE_EMPTY', format === 'XLSX' ? 'the workbook has no worksheet with a header row (besides Kode Data)' : 'the file has no header row');
    // The sheet named in the outcome: the first with residents (a BIP's title sheet may hold none), else the first read.
    if (dataSheets.length > 0) sheet = dataSheets[0];
    const columnIndexes = layout.columnIndexes;
    const facts = { duplicateNiks, scatteredCards };
    const hashed = format === 'XLSX' ? await hashFile(file) : { sha256: hash.digest('hex'), size };
    return { sha256: hashed.sha256, size: hashed.size, totalRows, header, columnIndexes, facts, layout, sheet, sheetNames, dataSheets };
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
            // A job begun before the sheets were kept (the same bytes: the same sheets).
            if (format === 'XLSX' && !existing.sheets) existing.sheets = [...scan.sheetNames];
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
            ...(format === 'XLSX' ? { sheets: [...scan.sheetNames] } : {}),
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
    const reader = scan.layout.open();
    // Several sheets: a message's lines become sheets and rows (a line is sheetIndex * SHEET_LINE_SPAN + row).
    const located = scan.dataSheets.length > 1 ? (problems: readonly RowProblem[]): RowProblem[] => problems.map((p) => ({ ...p, message: locateLines(p.message, scan.sheetNames) })) : undefined;

    const closeCard = (): void => {
      if (cardRows.length > 0) {
        const result = checkCard(cardRows, job.asOf, cardNeighbours);
        if (result.ok) batch.cards.push(this.encode(state, result.card, batch.auditId, batch.cards.length === 0));
        else {
          batch.rejections.push(...(located ? result.rejections.map((r) => ({ ...r, problems: located(r.problems) })) : result.rejections));
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
        batch.rejections.push({ line: row.line, maskedNik: maskNik(row.nik), maskedKkNumber: maskKkNumber(row.kkNumber), problems: located ? located(row.problems) : row.problems });
        batch.rows++;
        batch.lastLine = row.line;
      }
      pending = [];
    };

    let sinceYield = 0;
    for await (const records of readRecords(file, format)) {
      for (const record of records) {
        // Let the database driver answer the batch in flight: each of its statements waits for the event loop.
        if (++sinceYield === YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
        // Every record goes through the reader, those before the checkpoint too: it may keep state (BIP's blocks).
        if (!reader.isData(record) || record.line <= skipThrough) continue;
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
/**
 * A message of a workbook of several sheets with its lines as sheets and rows: "lines 12, 2097165" becomes
 * "sheet BIP_1 row 12, sheet BIP_2 row 13" (a line is sheetIndex * SHEET_LINE_SPAN + row).
 */
export function locateLines(message: string, sheetNames: readonly string[]): string {
  return message.replace(/\blines? (\d+(?:, \d+)*)/g, (_, list: string) =>
    list
      .split(', ')
      .map((n) => {
        const { sheetIndex, row } = sheetRowOf(Number(n));
        return `sheet ${sheetNames[sheetIndex] ?? sheetIndex + 1} row ${row}`;
      })
      .join(', '),
  );
}

/** A message for the report: NIKs masked (the domain does it already), dates hidden (a NIK's hidden digits are a birth date). */
export function scrub(message: string): string {
  return maskText(message)
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '****-**-**')
    .replace(/birth date \d{6}\b/g, 'birth date ******');
}
