/**
 * The import's hot path: bulk SQL on the batch's transaction, without the ORM's unit of work.
 *
 * - PostgreSQL: each table's rows of a batch go in with ONE `COPY … FROM STDIN` on the transaction's own
 *   connection (the fastest way into PostgreSQL; node-postgres has no COPY API, so `CopyIn` below speaks the
 *   protocol's three messages itself). Inside the transaction, so a batch is still all or nothing.
 * - SQLite (the embedded default; tests): one `INSERT … SELECT … FROM json_each(?)` per table, the rows as one
 *   JSON parameter.
 *
 * Lookups take the batch's NIKs and No. KK as one array and use the unique indexes. Rows are arrays in the
 * order of their Table's columns, which are those of the entities (Resident, FamilyCard, FamilyCardMembership,
 * FamilyCardVersion, OutboxEvent, AuditEntry, AuditEntryResult, ImportRejection, ImportedDocument, EktpActionRecord,
 * KiaActionRecord); a NOT NULL column without a
 * default added to one of those entities has to be added here too (the import tests fail until it is).
 */
import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import type { DatabaseKind } from '@adminduk/platform';

/**
 * `code`: text that cannot hold a tab, a line break or a backslash — validated codes and digits (NIK, region
 * codes, code lists) and the import's own constants — written to COPY without escaping; `text`: anything else.
 */
type ColumnType = 'uuid' | 'code' | 'text' | 'int' | 'bool' | 'timestamp' | 'json';

export interface Table {
  readonly name: string;
  readonly columns: readonly (readonly [name: string, type: ColumnType])[];
}

export const RESIDENT_TABLE: Table = {
  name: 'resident',
  columns: [
    ['id', 'uuid'],
    ['nik', 'code'],
    ['full_name', 'text'],
    ['normalized_name', 'text'],
    ['birth_place', 'text'],
    ['birth_date', 'code'],
    ['sex', 'code'],
    ['religion', 'code'],
    ['marital_status', 'code'],
    ['education', 'int'],
    ['blood_type', 'int'],
    ['occupation', 'text'],
    ['mother_name', 'text'],
    ['normalized_mother_name', 'text'],
    ['father_name', 'text'],
    ['district_code', 'code'],
    ['village_code', 'code'],
    ['address', 'text'],
    ['status', 'code'],
    ['family_card_id', 'uuid'],
    ['version', 'int'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
  ],
};

export const FAMILY_CARD_TABLE: Table = {
  name: 'family_card',
  columns: [
    ['id', 'uuid'],
    ['kk_number', 'code'],
    ['district_code', 'code'],
    ['village_code', 'code'],
    ['address', 'text'],
    ['polygamy_permitted', 'bool'],
    ['status', 'code'],
    ['version', 'int'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
  ],
};

export const MEMBERSHIP_TABLE: Table = {
  name: 'family_card_membership',
  columns: [
    ['id', 'uuid'],
    ['card_id', 'uuid'],
    ['resident_id', 'uuid'],
    ['relationship', 'int'],
    ['position', 'int'],
  ],
};

export const CARD_VERSION_TABLE: Table = {
  name: 'family_card_version',
  columns: [
    ['id', 'uuid'],
    ['card_id', 'uuid'],
    ['version', 'int'],
    ['kk_number', 'code'],
    ['status', 'code'],
    ['operation', 'code'],
    ['members', 'json'],
    ['facts', 'json'],
    ['recorded_by', 'text'],
    ['request_id', 'code'],
    ['recorded_at', 'timestamp'],
  ],
};

export const OUTBOX_TABLE: Table = {
  name: 'outbox_event',
  columns: [
    ['id', 'uuid'],
    ['subject', 'code'],
    ['payload', 'json'],
    ['request_id', 'code'],
    ['occurred_at', 'timestamp'],
    ['attempts', 'int'],
  ],
};

export const AUDIT_TABLE: Table = {
  name: 'audit_entry',
  columns: [
    ['id', 'uuid'],
    ['at', 'timestamp'],
    ['actor_id', 'text'],
    ['actor_kind', 'code'],
    ['actor_roles', 'json'],
    ['action', 'code'],
    ['resource_type', 'code'],
    ['resource_id', 'code'],
    ['region_code', 'code'],
    ['result_count', 'int'],
    ['endpoint', 'code'],
    ['request_id', 'code'],
    ['outcome', 'code'],
  ],
};

export const AUDIT_RESULT_TABLE: Table = {
  name: 'audit_entry_result',
  columns: [
    ['entry_id', 'uuid'],
    ['resource_id', 'code'],
  ],
};

export const REJECTION_TABLE: Table = {
  name: 'import_rejection',
  columns: [
    ['job_id', 'uuid'],
    ['line', 'int'],
    ['masked_nik', 'code'],
    ['masked_kk_number', 'code'],
    ['codes', 'code'],
    ['messages', 'text'],
  ],
};

export const IMPORTED_DOCUMENT_TABLE: Table = {
  name: 'imported_document',
  columns: [
    ['resident_id', 'uuid'],
    ['job_id', 'uuid'],
    ['ektp_state', 'code'],
    ['kia_state', 'code'],
    ['birth_deed', 'bool'],
    ['ektp_recorded_on', 'code'],
    ['registered_on', 'code'],
  ],
};

/** The e-KTP and KIA baselines (IMPORT_STATE, seq 1): the columns of EktpActionRecord and KiaActionRecord. */
const ACTION_COLUMNS: Table['columns'] = [
  ['id', 'uuid'],
  ['resident_id', 'uuid'],
  ['seq', 'int'],
  ['type', 'code'],
  ['at', 'code'],
  ['acted_by', 'text'],
  ['payload', 'json'],
  ['recorded_at', 'timestamp'],
];

export const EKTP_ACTION_TABLE: Table = { name: 'ektp_action', columns: ACTION_COLUMNS };

export const KIA_ACTION_TABLE: Table = { name: 'kia_action', columns: ACTION_COLUMNS };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DIGITS = /^\d+$/;

/** A row for a Table: its values in the order of the columns (null or undefined: NULL; timestamps as Date). */
export type Row = readonly unknown[];

/** Writes and reads of one batch, on the transaction of `em`. */
export class ImportWriter {
  private readonly trx: Knex.Transaction;

  constructor(
    em: EntityManager,
    private readonly kind: DatabaseKind,
  ) {
    const trx = em.getTransactionContext<Knex.Transaction>();
    if (!trx) throw new Error('ImportWriter works inside a transaction');
    this.trx = trx;
  }

  /**
   * Opens the batch: locks the job's row and returns its checkpoint (the caller compares it with the one it
   * read, so that two runs of the same file never both write a batch). On PostgreSQL a second run waits here
   * until the first one's batch is committed. With the lock, the batch's transaction settings (PostgreSQL):
   * - synchronous_commit off: the commit does not wait for its WAL to reach the disk. A crash of the database
   *   server may then lose the last batches committed — together with their checkpoint, which is in the same
   *   transaction — so the next run writes them again: nothing is lost or half written, and the import does not
   *   wait for a disk flush per batch.
   * - enable_seqscan off: the tables grow far faster than autovacuum refreshes their statistics, and with the
   *   stale ones the planner scans the whole table for each batch's lookups. Every statement of the batch is
   *   an index lookup or an insert, so the setting only removes the bad plans.
   */
  async lockJob(jobId: string): Promise<{ linesCommitted: number; announcedThrough: string | null } | undefined> {
    const columns = 'lines_committed, announced_through';
    let row: { lines_committed: number; announced_through: string | null } | undefined;
    if (this.kind === 'sqlite') {
      row = (await this.select<{ lines_committed: number; announced_through: string | null }>(`select ${columns} from import_job where id = ?`, [jobId]))[0];
    } else {
      if (!UUID.test(jobId)) throw new Error('a job id is a UUID');
      // One round trip (the simple query protocol, hence the literal: a UUID checked above).
      const results = (await this.trx.raw(
        `set local synchronous_commit = off; set local enable_seqscan = off; select ${columns} from import_job where id = '${jobId}' for update`,
      )) as unknown as { rows: { lines_committed: number; announced_through: string | null }[] }[];
      row = results[results.length - 1]?.rows[0];
    }
    return row && { linesCommitted: row.lines_committed, announcedThrough: row.announced_through };
  }

  /** Inserts encoded rows (encodeRows) with one statement. */
  async insert(table: Table, fragments: readonly Encoded[]): Promise<void> {
    if (this.kind === 'postgresql') {
      const text = (fragments as readonly string[]).join('');
      if (text === '') return;
      const connection = await (this.trx as unknown as { client: { acquireConnection(): Promise<PgClient> } }).client.acquireConnection();
      await copyIn(connection, `copy "${table.name}" (${table.columns.map(([name]) => `"${name}"`).join(', ')}) from stdin`, text);
      return;
    }
    const rows = (fragments as readonly (readonly Row[])[]).flat();
    if (rows.length === 0) return;
    await this.trx.raw(insertStatement(table), [JSON.stringify(rows)]);
  }

  /**
   * Which of the batch's NIKs a resident already has, and which of its No. KK a card has or had (every number
   * ever issued is in a card version, the current ones included): one query on the unique and KK indexes.
   */
  async registered(niks: readonly string[], kkNumbers: readonly string[]): Promise<{ niks: Set<string>; kkNumbers: Set<string> }> {
    const found = { niks: new Set<string>(), kkNumbers: new Set<string>() };
    if (niks.length === 0 && kkNumbers.length === 0) return found;
    const rows = await this.select<{ kind: string; value: string }>(
      this.kind === 'postgresql'
        ? "select 'N' as kind, nik as value from resident where nik = any(?::text[]) union all select 'K', kk_number from family_card_version where kk_number = any(?::text[])"
        : "select 'N' as kind, nik as value from resident where nik in (select value from json_each(?)) union all select 'K', kk_number from family_card_version where kk_number in (select value from json_each(?))",
      [this.list(niks), this.list(kkNumbers)],
    );
    for (const r of rows) (r.kind === 'N' ? found.niks : found.kkNumbers).add(r.value);
    return found;
  }

  /** Moves the checkpoint and writes the counters (absolute values) at the end of a batch. */
  async saveCheckpoint(
    jobId: string,
    linesCommitted: number,
    counts: { rowsImported: number; rowsRejected: number; cardsImported: number; cardsRejected: number; batchesCommitted: number },
    at: Date,
  ): Promise<void> {
    await this.trx.raw(
      'update import_job set lines_committed = ?, rows_imported = ?, rows_rejected = ?, cards_imported = ?, cards_rejected = ?, batches_committed = ?, updated_at = ? where id = ?',
      [linesCommitted, counts.rowsImported, counts.rowsRejected, counts.cardsImported, counts.cardsRejected, counts.batchesCommitted, this.kind === 'sqlite' ? at.getTime() : at.toISOString(), jobId],
    );
  }

  private async select<T>(sql: string, bindings: readonly string[]): Promise<T[]> {
    const res = await this.trx.raw(sql, [...bindings]);
    return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
  }

  /** A list parameter: a PostgreSQL array literal (the values are digits), a JSON array for SQLite. */
  private list(values: readonly string[]): string {
    if (this.kind === 'sqlite') return JSON.stringify(values);
    if (values.some((v) => !DIGITS.test(v))) throw new Error('lookups take digit strings only');
    return `{${values.join(',')}}`;
  }
}

/**
 * Rows (arrays in the order of `table.columns`) ready for ImportWriter.insert: COPY text for PostgreSQL, rows
 * with SQLite's values for SQLite. Encoding is done before the batch's transaction, while the database is busy
 * with the previous batch; fragments of several cards are joined at insert.
 */
export type Encoded = string | readonly Row[];

export function encodeRows(kind: DatabaseKind, table: Table, rows: readonly Row[]): Encoded {
  if (kind === 'postgresql') return copyText(table, rows);
  // SQLite stores MikroORM's datetimes as epoch milliseconds.
  return rows.map((row) => row.map((v) => (v instanceof Date ? v.getTime() : v)));
}

const sqliteStatements = new Map<string, string>();

function insertStatement(table: Table): string {
  let sql = sqliteStatements.get(table.name);
  if (!sql) {
    const names = table.columns.map(([name]) => `"${name}"`).join(', ');
    const values = table.columns.map(([, type], i) => (type === 'json' ? `json(value -> '$[${i}]')` : `value ->> '$[${i}]'`)).join(', ');
    sql = `insert into "${table.name}" (${names}) select ${values} from json_each(?)`;
    sqliteStatements.set(table.name, sql);
  }
  return sql;
}

/** COPY's text format: tab-separated, \\N for NULL, backslash escapes; timestamps ISO 8601, JSON as text. */
function copyText(table: Table, rows: readonly Row[]): string {
  const types = table.columns.map(([, type]) => type);
  const lines: string[] = [];
  const cells: string[] = new Array<string>(types.length);
  let lastDate: Date | undefined;
  let lastIso = '';
  for (const row of rows) {
    for (let i = 0; i < types.length; i++) {
      const v = row[i];
      const type = types[i];
      if (v === null || v === undefined) cells[i] = '\\N';
      else if (type === 'json') cells[i] = escapeCopy(JSON.stringify(v));
      else if (typeof v === 'string') cells[i] = type === 'text' ? escapeCopy(v) : v;
      else if (typeof v === 'number') cells[i] = String(v);
      else if (v instanceof Date) {
        if (v !== lastDate) {
          lastDate = v;
          lastIso = v.toISOString();
        }
        cells[i] = lastIso;
      } else cells[i] = v ? 't' : 'f';
    }
    // Arrays joined: far cheaper for V8 than appending piece by piece to a string.
    lines.push(cells.join('\t'));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

const COPY_SPECIAL = /[\\\t\n\r]/;

function escapeCopy(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}

/** The parts of a node-postgres client and connection that COPY FROM STDIN needs. */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}
interface PgClient {
  query(submittable: CopyIn): unknown;
}

/**
 * `COPY … FROM STDIN` as a node-postgres submittable (the client's extension point for protocols it does not
 * speak itself): send the statement, answer CopyInResponse with the data and CopyDone, and finish on
 * ReadyForQuery — or on an error, after which the client forgets the query.
 */
class CopyIn {
  callback?: (error?: Error) => void;

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {}

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: PgConnection): void {
    const chunk = 1 << 20;
    for (let offset = 0; offset < this.data.length; offset += chunk) connection.sendCopyFromChunk(this.data.subarray(offset, offset + chunk));
    connection.endCopyFrom();
  }

  handleError(error: Error): void {
    this.callback?.(error);
    this.callback = undefined;
  }

  handleReadyForQuery(): void {
    this.callback?.();
    this.callback = undefined;
  }

  // Messages a COPY FROM does not get, or that need nothing: the client calls them on every query.
  handleCommandComplete = noop;
  handleRowDescription = noop;
  handleDataRow = noop;
  handleEmptyQuery = noop;
  handlePortalSuspended = noop;
  handleCopyData = noop;
}

function noop(): void {
  // nothing to do
}

function copyIn(client: PgClient, text: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const copy = new CopyIn(text, Buffer.from(data, 'utf8'));
    copy.callback = (error) => (error ? reject(error) : resolve());
    client.query(copy);
  });
}

/** A unique index refused a row: someone registered the same NIK or No. KK while the batch was being written. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown } | null;
  return (
    e !== null &&
    typeof e === 'object' &&
    (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.name === 'UniqueConstraintViolationException')
  );
}
