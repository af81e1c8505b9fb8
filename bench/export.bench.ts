/**
 * OpenSID export benchmark (issue 20): the synthetic Nagekeo register of identity's import tests
 * (apps/identity/test/import-fixtures.ts: 49,000 cards, about 199,000 residents at full size) imported from CSV into
 * PostgreSQL with the import command — the baseline, measured in the same run — then exported kecamatan by kecamatan
 * to OpenSID's format impor penduduk with the export command (`export --district <code>`: one workbook per kecamatan,
 * a sheet `<village code> <name>` per village), then every workbook imported with `import <file>` (each sheet read for
 * the village its name gives) into an empty database. The run fails unless the second database holds the same
 * residents (every particular) and the same cards (No. KK, members, SHDK, order) as the first, compared by checksums
 * computed in PostgreSQL.
 *
 * Times are the commands' own figures (the import's "batches in … s", the export's "in … s" per kecamatan), summed
 * over the commands run; peak RSS is the largest of the commands' (each runs as its own process from the sources).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { listDistricts } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';
import { progress } from './lib/cleanup';
import { BenchEnvironment, sql } from './lib/pipeline';
import { officeToday } from './lib/population';
import { figure, type BenchResult } from './lib/report';
import { ROOT, runServiceCommand, type CommandResult } from './lib/service';

/** The generator of identity's import tests, loaded by path (a test helper of another project has no import alias). */
interface Family {
  readonly rows: readonly Record<string, string>[];
}
interface ImportFixtures {
  PopulationGenerator: new (seed: number, asOf: string) => { families(count: number): Family[] };
  rowsOf(families: readonly Family[]): Record<string, string>[];
  writeCsv(path: string, rows: readonly Record<string, string>[]): void;
}

async function importFixtures(): Promise<ImportFixtures> {
  return (await import(join(ROOT, 'apps', 'identity', 'test', 'import-fixtures.ts'))) as ImportFixtures;
}

export interface ExportOptions {
  /** Share of the full register (49,000 cards), in (0, 1]. */
  readonly scale?: number;
  readonly seed?: number;
  /** Only the first so many kecamatan of Nagekeo (smoke runs); the register is generated for those only. */
  readonly districts?: number;
  /** Only the residents of the first so many villages of each kecamatan (smoke runs: fewer workbooks to import). */
  readonly villages?: number;
}

export const EXPORT_SMOKE: ExportOptions = { scale: 0.003, districts: 1, villages: 2 };

const FULL_CARDS = 49_000;

const ENV = { NATS_ENABLED: 'false', LOG_LEVEL: 'error', REGENCY_CODE: '5316' };

function check(result: CommandResult, what: string): CommandResult {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-2000)}`);
  return result;
}

function importSeconds(result: CommandResult): { seconds: number; imported: number; rejected: number } {
  const seconds = Number(/batches in ([\d.]+) s/.exec(result.stdout)?.[1]);
  const imported = Number(/(\d+) imported/.exec(result.stdout)?.[1]);
  const rejected = Number(/(\d+) rejected/.exec(result.stdout)?.[1]);
  if (!Number.isFinite(seconds) || !Number.isFinite(imported)) throw new Error(`the import printed no figures:\n${result.stdout.slice(-2000)}`);
  return { seconds, imported, rejected };
}

/** Checksums of what a round trip must keep: residents with every particular, cards with their members in order. */
async function checksums(databaseUrl: string): Promise<{ residents: number; cards: number; residentSum: string; cardSum: string }> {
  const [residents] = await sql<{ n: string; sum: string }>(
    databaseUrl,
    `select count(*) as n, md5(string_agg(concat_ws('|', nik, full_name, birth_place, birth_date, sex, religion, marital_status, education, blood_type, occupation, mother_name, father_name, district_code, village_code, address), E'\\n' order by nik)) as sum
       from resident where status = 'ALIVE'`,
  );
  const [cards] = await sql<{ n: string; sum: string }>(
    databaseUrl,
    `select count(distinct c.id) as n, md5(string_agg(concat_ws('|', c.kk_number, c.district_code, c.village_code, c.address, r.nik, m.relationship, m.position), E'\\n' order by c.kk_number, m.position)) as sum
       from family_card c join family_card_membership m on m.card_id = c.id join resident r on r.id = m.resident_id where c.status = 'ACTIVE'`,
  );
  return { residents: Number(residents?.n), cards: Number(cards?.n), residentSum: String(residents?.sum), cardSum: String(cards?.sum) };
}

export async function runExport(options: ExportOptions = {}): Promise<BenchResult> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-bench-export-'));
  const env = await BenchEnvironment.start('bench-export', { nats: false });
  try {
    const districts = listDistricts('5316')
      .map((d) => d.code)
      .slice(0, options.districts ?? 99);
    progress('export', `generating the register (scale ${scale}, ${districts.length} kecamatan)…`);
    const { PopulationGenerator, rowsOf, writeCsv } = await importFixtures();
    const generated = new PopulationGenerator(seed, officeToday())
      .families(Math.max(1, Math.round(FULL_CARDS * scale * (options.districts ? 7 / districts.length : 1))))
      .filter((f) => districts.includes(f.rows[0]?.district_code as string));
    const kept = new Set(districts.flatMap((d) => listVillages(d).slice(0, options.villages ?? 999).map((v) => v.code)));
    const families = generated.filter((f) => kept.has(f.rows[0]?.village_code as string));
    const rows = rowsOf(families);
    const csv = join(dir, 'nagekeo.csv');
    writeCsv(csv, rows);

    const source = await env.database('benchexportsrc');
    progress('export', `baseline: CSV import of ${rows.length.toLocaleString('en-US')} residents…`);
    const csvRun = check(await runServiceCommand('identity', ['import', csv, '--report', join(dir, 'report.csv'), '--progress-every', '1000000'], { ...ENV, DATABASE_URL: source }), 'the CSV import');
    const csvImport = importSeconds(csvRun);
    if (csvImport.imported !== rows.length) throw new Error(`${csvImport.imported} of ${rows.length} rows imported from CSV (${csvImport.rejected} rejected)`);
    await sql(source, 'analyze');

    progress('export', `exporting ${districts.length} kecamatan to OpenSID workbooks (one per kecamatan, a sheet per village)…`);
    const out = join(dir, 'opensid');
    mkdirSync(out, { recursive: true });
    let exportSeconds = 0;
    let exportPeak = 0;
    let exported = 0;
    const workbooks: string[] = [];
    for (const district of districts) {
      const file = join(out, `opensid-${district}.xlsx`);
      const run = check(await runServiceCommand('identity', ['export', '--district', district, '--out', file, '--actor', 'bench'], { ...ENV, DATABASE_URL: source }), `the export of ${district}`);
      const total = /^export \d+ \(audit [^)]*\): (\d+) residents on \d+ family cards, \d+ sheets?, in ([\d.]+) s/m.exec(run.stdout);
      if (!total) throw new Error(`the export printed no figures:\n${run.stdout.slice(-2000)}`);
      exported += Number(total[1]);
      exportSeconds += Number(total[2]);
      exportPeak = Math.max(exportPeak, run.peakRssMb);
      if (Number(total[1]) > 0) workbooks.push(file);
    }
    if (exported !== rows.length) throw new Error(`${exported} of ${rows.length} residents exported`);

    const target = await env.database('benchexporttgt');
    // Each kecamatan's workbook is read sheet by sheet, each sheet for the village its name gives (no --village).
    progress('export', `importing ${workbooks.length} OpenSID workbooks into an empty database…`);
    let openSidSeconds = 0;
    let openSidPeak = 0;
    let openSidWall = 0;
    let imported = 0;
    let filesImported = 0;
    for (const file of workbooks) {
      const name = basename(file, '.xlsx');
      const run = await runServiceCommand('identity', ['import', file, '--report', join(dir, `report-${name}.csv`), '--progress-every', '1000000'], { ...ENV, DATABASE_URL: target });
      const back = importSeconds(check(run, `the OpenSID import of ${name}`));
      if (back.rejected !== 0) throw new Error(`${back.rejected} rows of ${name} rejected by the OpenSID import: see its report`);
      imported += back.imported;
      openSidSeconds += back.seconds;
      openSidWall += run.wallMs / 1000;
      openSidPeak = Math.max(openSidPeak, run.peakRssMb);
      filesImported++;
    }
    progress('export', 'comparing the two registers…');
    const [before, after] = await Promise.all([checksums(source), checksums(target)]);
    if (imported !== rows.length || JSON.stringify(before) !== JSON.stringify(after)) {
      throw new Error(`the register read back differs: ${imported} of ${rows.length} imported; source ${JSON.stringify(before)}, copy ${JSON.stringify(after)}`);
    }

    const baseline = { name: 'CSV import', value: csvImport.seconds };
    const rssBaseline = { name: 'CSV import', value: csvRun.peakRssMb };
    return {
      name: 'export',
      title: "OpenSID export: the register out to OpenSID's format impor penduduk and back (PostgreSQL)",
      command: 'npm run bench:export',
      setup:
        `apps/identity/test/import-fixtures.ts (seed ${seed}, ${families.length.toLocaleString('en-US')} cards, ${rows.length.toLocaleString('en-US')} residents in ${districts.length} kecamatan); ` +
        `\`main.ts import <csv>\` into a throw-away database; \`main.ts export --district <code>\` per kecamatan (one workbook, a sheet \`<village code> <name>\` per village); \`main.ts import <xlsx>\` per kecamatan (each sheet for the village its name gives) into a second, empty database; ` +
        'both compared by checksums of every particular, card, member, SHDK and position (equal, or the run fails).',
      figures: [
        figure(`CSV import: ${rows.length.toLocaleString('en-US')} residents (baseline)`, csvImport.seconds, 's'),
        figure(`export to OpenSID .xlsx, ${districts.length} kecamatan, one workbook each`, exportSeconds, 's', { baseline }),
        figure(`import of the ${filesImported} OpenSID workbooks into an empty database (commands' own time)`, openSidSeconds, 's', { baseline }),
        figure('import of the OpenSID workbooks: command wall time, all files (start from sources included)', openSidWall, 's'),
        figure('export rate', exported / exportSeconds, 'rows/s', { baseline: { name: 'CSV import rate', value: csvImport.imported / csvImport.seconds } }),
        figure('OpenSID import rate', imported / openSidSeconds, 'rows/s', { baseline: { name: 'CSV import rate', value: csvImport.imported / csvImport.seconds } }),
        figure('peak RSS: CSV import command', csvRun.peakRssMb, 'MiB'),
        figure('peak RSS: export command (largest kecamatan)', exportPeak, 'MiB', { baseline: rssBaseline }),
        figure('peak RSS: OpenSID import command (largest kecamatan)', openSidPeak, 'MiB', { baseline: rssBaseline }),
      ],
      notes: [
        'The ratios are against the CSV import of the same register in the same run. The export reads the register page by page (1,000 cards a query) and writes each row to the workbook stream as it goes (exceljs WorkbookWriter), after one audit entry per workbook naming its residents.',
        "OpenSID rows carry no region codes: the import takes each sheet's village from its name (the export's convention), so a kecamatan is one import; their own times are summed, and the wall time adds a process start from the sources for each.",
      ],
    };
  } finally {
    await env.dispose().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
