/**
 * What an operator compares after a restore: per service database, every table's row count and a checksum of its
 * content (md5 over the rows' text, in a fixed order), read in one REPEATABLE READ transaction so that the figures
 * of a database describe one moment. Only counts and digests leave the database: no row, no NIK, no name.
 */
import { Client } from 'pg';

export interface TableFigure {
  readonly table: string;
  readonly rows: number;
  /** md5 of the rows' text in the C collation's order; 'empty' for a table without rows. */
  readonly checksum: string;
}

/** Figures of one database, by table name (sorted). */
export type DatabaseFigures = readonly TableFigure[];

/** Figures of every service database, by service. */
export type SystemFigures = Readonly<Record<string, DatabaseFigures>>;

export async function databaseFigures(url: string): Promise<DatabaseFigures> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query('begin transaction isolation level repeatable read read only');
    const tables = (
      await client.query<{ name: string }>(
        "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname collate \"C\"",
      )
    ).rows.map((r) => r.name);
    const figures: TableFigure[] = [];
    for (const table of tables) {
      if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`unexpected table name ${JSON.stringify(table)}`);
      const { rows } = await client.query<{ n: string; digest: string | null }>(
        `select count(*) as n, md5(string_agg(t::text, E'\\n' order by t::text collate "C")) as digest from "${table}" t`,
      );
      figures.push({ table, rows: Number(rows[0]?.n ?? 0), checksum: rows[0]?.digest ?? 'empty' });
    }
    await client.query('commit');
    return figures;
  } finally {
    await client.end();
  }
}

export async function systemFigures(urls: Readonly<Record<string, string>>): Promise<SystemFigures> {
  const entries = await Promise.all(Object.entries(urls).map(async ([service, url]) => [service, await databaseFigures(url)] as const));
  return Object.fromEntries(entries);
}

/** Whether two sets of figures are the same, table for table. */
export function sameFigures(a: SystemFigures, b: SystemFigures): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface TableComparison {
  readonly service: string;
  readonly table: string;
  readonly sourceRows: number;
  readonly restoredRows: number;
  readonly checksumsEqual: boolean;
}

/** Table by table, source against restored (a table missing on one side counts as -1 rows there). */
export function compareFigures(source: SystemFigures, restored: SystemFigures): TableComparison[] {
  const rows: TableComparison[] = [];
  for (const service of Object.keys(source)) {
    const a = source[service] ?? [];
    const b = restored[service] ?? [];
    const names = [...new Set([...a.map((t) => t.table), ...b.map((t) => t.table)])].sort();
    for (const table of names) {
      const x = a.find((t) => t.table === table);
      const y = b.find((t) => t.table === table);
      rows.push({ service, table, sourceRows: x?.rows ?? -1, restoredRows: y?.rows ?? -1, checksumsEqual: x !== undefined && y !== undefined && x.checksum === y.checksum });
    }
  }
  return rows;
}
