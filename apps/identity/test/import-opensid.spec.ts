// OpenSID's "format impor penduduk" imported into the register, on SQLite (service tier): spreadsheets written by
// the test with exceljs — a `Kode Data` sheet first, label and number codes mixed, `-` values, invisible characters
// inside NIK and No. KK, dates with slashes and as spreadsheet date cells, a `###` end row followed by junk — and the
// same rows as CSV in OpenSID's layout into a second, empty register, with the same result. Every row's fate is
// asserted: imported with the right values (GET /residents?nik=), or rejected with its code at its sheet row.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { MikroORM } from '@mikro-orm/core';
import { listDistricts, RELIGIONS } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';
import { SUBJECTS } from '@adminduk/contracts';
import { localDate, OutboxEvent, ProblemException } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { parseImportArguments, writeReport } from '../src/import/import.command';
import { ImportService, type ImportOptions, type ImportOutcome, type ImportReportLine } from '../src/import/import.service';
import { IMPORT_COLUMNS } from '../src/import/import-row.mapper';
import { OPENSID_COLUMNS, type OpenSidColumn } from '../src/import/opensid-row.mapper';
import { PopulationGenerator, type RegisterFamily, type RegisterRow } from './import-fixtures';

type Cell = string | number | Date;
type SheetRow = Partial<Record<OpenSidColumn, Cell>>;

let xlsxApp: TestApp;
let csvApp: TestApp;
let dir: string;
let operator: string;
let today: string;
let village: { code: string; districtCode: string };
let files = 0;

beforeAll(async () => {
  xlsxApp = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  csvApp = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  dir = mkdtempSync(join(tmpdir(), 'adminduk-import-opensid-'));
  operator = await tokenFor(['operator'], ['5316']);
  today = localDate(xlsxApp.config.utcOffset);
  const district = listDistricts('5316')[0]?.code as string;
  const first = listVillages(district)[0];
  if (!first) throw new Error('no village in Nagekeo');
  village = { code: first.code, districtCode: district };
}, 90_000);

afterAll(async () => {
  await xlsxApp?.close();
  await csvApp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const importFile = (t: TestApp, file: string, options: Partial<ImportOptions> = {}): Promise<ImportOutcome> => t.app.get(ImportService).importFile({ file, actor: 'cli:tester', ...options });

async function report(t: TestApp, jobId: string): Promise<Map<number, ImportReportLine>> {
  const lines: ImportReportLine[] = [];
  for await (const page of t.app.get(ImportService).report(jobId)) lines.push(...page);
  return new Map(lines.map((l) => [l.line, l]));
}

async function residentByNik(t: TestApp, nik: string): Promise<Record<string, unknown> | undefined> {
  const res = await t.app.inject({ method: 'GET', url: `/residents?nik=${nik}`, headers: { authorization: `Bearer ${operator}` } });
  expect(res.statusCode).toBe(200);
  return res.json().items[0];
}

async function ektpOf(t: TestApp, residentId: string): Promise<Record<string, unknown>> {
  const res = await t.app.inject({ method: 'GET', url: `/residents/${residentId}/ektp`, headers: { authorization: `Bearer ${operator}` } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const dmy = (iso: string, separator: string): string => `${iso.slice(8, 10)}${separator}${iso.slice(5, 7)}${separator}${iso.slice(0, 4)}`;
const utcDay = (iso: string): Date => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
const siakReligion = (code: string): number => RELIGIONS.find((r) => r.code === code)?.siakCode as number;
const MARITAL_NUMBER: Record<string, number> = { BELUM_KAWIN: 1, KAWIN_TERCATAT: 2, CERAI_HIDUP_TERCATAT: 3, CERAI_MATI: 4 };
const MARITAL_LABEL: Record<string, string> = {
  BELUM_KAWIN: 'BK',
  KAWIN_TERCATAT: 'K',
  KAWIN_BELUM_TERCATAT: 'Kawin Belum Tercatat',
  CERAI_HIDUP_TERCATAT: 'CH',
  CERAI_HIDUP_BELUM_TERCATAT: 'cerai hidup belum tercatat',
  CERAI_MATI: 'CERAI MATI',
};
const SHDK_LABEL = ['', 'KEPALA KELUARGA', 'SUAMI', 'ISTRI', 'ANAK', 'MENANTU', 'CUCU', 'ORANGTUA', 'MERTUA', 'FAMILI LAIN', 'PEMBANTU', 'LAINNYA'];

/**
 * A register row as OpenSID writes it. `codes: 'numbers'` writes every coded column as its number (and dates as
 * spreadsheet date cells), `'labels'` as its label (and dates as dd/mm/yyyy). A married or divorced row carries
 * the deed that says it is registered (OpenSID's K / CH then maps to Kawin / Cerai Hidup Tercatat).
 */
function openSidRow(row: RegisterRow, codes: 'numbers' | 'labels'): SheetRow {
  const numbers = codes === 'numbers';
  const status = row.marital_status;
  return {
    alamat: row.address,
    dusun: 'Kotakeo',
    rw: '002',
    rt: '001',
    nama: row.full_name,
    no_kk: row.kk_number,
    nik: row.nik,
    sex: numbers ? (row.sex === 'M' ? 1 : 2) : row.sex === 'M' ? 'L' : 'P',
    tempatlahir: row.birth_place,
    tanggallahir: numbers ? utcDay(row.birth_date) : dmy(row.birth_date, '/'),
    agama_id: numbers ? siakReligion(row.religion) : row.religion === 'KATOLIK' ? 'Katholik' : row.religion,
    pendidikan_kk_id: numbers ? Number(row.education) : '-',
    pendidikan_sedang_id: '-',
    pekerjaan_id: numbers ? 9 : row.occupation,
    status_kawin: numbers && MARITAL_NUMBER[status] !== undefined ? (MARITAL_NUMBER[status] as number) : (MARITAL_LABEL[status] as string),
    kk_level: numbers ? Number(row.shdk) : (SHDK_LABEL[Number(row.shdk)] as string),
    warganegara_id: 1,
    nama_ayah: row.father_name === '' ? '-' : row.father_name,
    nama_ibu: row.mother_name,
    golongan_darah_id: row.blood_type === '' ? '-' : numbers ? Number(row.blood_type) : 'TIDAK TAHU',
    akta_lahir: '-',
    dokumen_pasport: '-',
    tanggal_akhir_paspor: '-',
    dokumen_kitas: '-',
    ayah_nik: '-',
    ibu_nik: '-',
    akta_perkawinan: status === 'KAWIN_TERCATAT' ? '5316-KW-2001-00042' : '-',
    tanggalperkawinan: '-',
    akta_perceraian: status === 'CERAI_HIDUP_TERCATAT' ? '5316-CR-2010-00007' : '-',
    tanggalperceraian: '-',
    cacat_id: '-',
    cara_kb_id: '-',
    hamil: '-',
    ktp_el: '-',
    status_rekam: '-',
    alamat_sekarang: '-',
    status_dasar: numbers ? 1 : 'HIDUP',
  };
}

/** The scenario: every row's intended fate, on its sheet row (the header is row 1). */
interface Scenario {
  readonly rows: SheetRow[];
  readonly numbers: RegisterFamily;
  readonly labels: RegisterFamily;
  /** Sheet row → expected code of that row (cards rejected: CARD_REJECTED on the others). */
  readonly rejected: Map<number, string>;
  readonly importedRows: number;
}

const isAdult = (r: RegisterRow) => Number(r.birth_date.slice(0, 4)) <= Number(today.slice(0, 4)) - 25;

/** Six cards: two clean (numbers; labels, invisible characters, documents), four with one bad row each. */
function scenario(generator: PopulationGenerator): Scenario {
  const pick = (test: (f: RegisterFamily) => boolean): RegisterFamily => {
    for (let i = 0; i < 5000; i++) {
      const f = generator.family();
      if (test(f)) return f;
    }
    throw new Error('no such family');
  };
  const married = (f: RegisterFamily) => f.rows.length >= 3 && f.rows.some((r) => r.marital_status === 'KAWIN_TERCATAT' && isAdult(r));
  const numbers = pick(married);
  const labels = pick((f) => married(f) && f.rows.some((r) => r.shdk === '4') && f.rows.some((r) => r.shdk === '1' && isAdult(r)));
  const ambiguous = pick(married);
  const noNik = pick((f) => f.rows.length >= 2);
  const atheist = pick((f) => f.rows.length >= 2);
  const dead = pick((f) => f.rows.length >= 2);

  const rows: SheetRow[] = [];
  const rejected = new Map<number, string>();
  const add = (family: RegisterFamily, codes: 'numbers' | 'labels', spoil?: (row: SheetRow, source: RegisterRow) => string | undefined): void => {
    let spoiled = false;
    for (const source of family.rows) {
      const row = openSidRow(source, codes);
      const code = !spoiled && spoil ? spoil(row, source) : undefined;
      if (code) spoiled = true;
      rows.push(row);
      // The header is sheet row 1: the n-th data row is row n + 1.
      if (spoil) rejected.set(rows.length + 1, code ?? 'CARD_REJECTED');
    }
  };

  add(numbers, 'numbers');
  add(labels, 'labels');
  // Invisible characters inside the identifiers; the head's e-KTP issued; a child with a birth deed.
  const start = rows.length - labels.rows.length;
  labels.rows.forEach((source, i) => {
    const row = rows[start + i] as SheetRow;
    row.nik = `\u200B${source.nik.slice(0, 6)}\u00AD${source.nik.slice(6)}\u00A0`;
    row.no_kk = `\uFEFF'${source.kk_number}\u200C`;
    if (source.shdk === '1' && isAdult(source)) row.status_rekam = 'CARD ISSUED';
    if (source.shdk === '4') row.akta_lahir = '5316-LU-01012015-0001';
  });
  add(ambiguous, 'numbers', (row, source) => {
    if (source.marital_status !== 'KAWIN_TERCATAT') return undefined;
    row.status_kawin = 'KAWIN';
    row.akta_perkawinan = '-';
    return 'MARITAL_STATUS_AMBIGUOUS';
  });
  add(noNik, 'labels', (row) => {
    row.nik = '0';
    return 'NIK_UNKNOWN';
  });
  add(atheist, 'numbers', (row) => {
    row.agama_id = 'ATHEIS';
    return 'RELIGION_INVALID';
  });
  add(dead, 'labels', (row) => {
    row.status_dasar = 'MATI';
    return 'STATUS_DASAR_NOT_ALIVE';
  });
  return { rows, numbers, labels, rejected, importedRows: numbers.rows.length + labels.rows.length };
}

/** The end marker and what OpenSID's own template has after it: notes, and a row that would be a resident. */
const END_ROWS: Cell[][] = [['-', '###'], ['Catatan: baris di bawah ### tidak dibaca'], ['Jl. Lain', 'Dusun X', '1', '1', 'Bukan Data', '5316010101010001', '5316010101010001', 'L']];

const cellsOf = (row: SheetRow): Cell[] => OPENSID_COLUMNS.map((c) => row[c] ?? '');

async function writeXlsx(path: string, rows: readonly SheetRow[], header: readonly string[] = OPENSID_COLUMNS): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const codes = workbook.addWorksheet('Kode Data');
  codes.addRow(['Kode', 'Agama']);
  codes.addRow([1, 'ISLAM']);
  const sheet = workbook.addWorksheet('Data Penduduk');
  sheet.addRow([...header]);
  for (const row of rows) {
    const added = sheet.addRow(cellsOf(row));
    added.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd-mm-yyyy';
    });
  }
  for (const row of END_ROWS) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
}

function csvOf(value: Cell): string {
  const text = value instanceof Date ? dmy(value.toISOString().slice(0, 10), '-') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeOpenSidCsv(path: string, rows: readonly SheetRow[]): void {
  const lines = [OPENSID_COLUMNS.join(','), ...rows.map((r) => cellsOf(r).map(csvOf).join(',')), ...END_ROWS.map((r) => r.map(csvOf).join(','))];
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

const file = (extension: string) => join(dir, `opensid-${++files}.${extension}`);

describe('an OpenSID xlsx, and the same rows as CSV into an empty register', () => {
  let data: Scenario;
  let xlsx: ImportOutcome;
  let csv: ImportOutcome;

  beforeAll(async () => {
    data = scenario(new PopulationGenerator(20261207, today));
    const book = file('xlsx');
    await writeXlsx(book, data.rows);
    xlsx = await importFile(xlsxApp, book, { village: village.code });
    const text = file('csv');
    writeOpenSidCsv(text, data.rows);
    csv = await importFile(csvApp, text, { village: village.code });
  }, 60_000);

  it('reads the first sheet that is not Kode Data, in the OpenSID layout, up to the ### row', () => {
    expect(xlsx).toMatchObject({ status: 'COMPLETED', layout: 'OPENSID', sheet: 'Data Penduduk', totalRows: data.rows.length, rowsImported: data.importedRows, cardsImported: 2, cardsRejected: 4 });
    expect(xlsx.rowsRejected).toBe(data.rows.length - data.importedRows);
  });

  it('reports each rejected row at its sheet row with its code; nothing after ### is reported', async () => {
    const lines = await report(xlsxApp, xlsx.jobId);
    expect([...lines.values()].map((l) => [l.line, l.codes.join(';')])).toEqual([...data.rejected.entries()]);
    expect(Math.max(...lines.keys())).toBeLessThanOrEqual(data.rows.length + 1);
    expect(lines.get([...data.rejected.entries()].find(([, c]) => c === 'MARITAL_STATUS_AMBIGUOUS')?.[0] as number)?.messages[0]).toContain('akta_perkawinan');
  });

  it('imports number-coded rows with spreadsheet date cells into the village given', async () => {
    for (const source of data.numbers.rows) {
      const resident = await residentByNik(xlsxApp, source.nik);
      expect(resident).toMatchObject({
        nik: source.nik,
        fullName: source.full_name,
        birthDate: source.birth_date,
        sex: source.sex,
        religion: source.religion,
        maritalStatus: source.marital_status,
        districtCode: village.districtCode,
        villageCode: village.code,
        address: `${source.address}, Dusun Kotakeo, RT 001/RW 002`,
        status: 'ALIVE',
      });
    }
  });

  it('imports label-coded rows with slashed dates and invisible characters stripped from NIK and No. KK', async () => {
    for (const source of data.labels.rows) {
      const resident = await residentByNik(xlsxApp, source.nik);
      expect(resident).toMatchObject({ nik: source.nik, birthDate: source.birth_date, sex: source.sex, religion: source.religion, maritalStatus: source.marital_status, occupation: source.occupation });
    }
    const res = await xlsxApp.app.inject({ method: 'GET', url: `/family-cards?kkNumber=${data.labels.kkNumber}`, headers: { authorization: `Bearer ${operator}` } });
    expect(res.json().items[0]?.members.map((m: { nik: string; relationship: number }) => [m.nik, m.relationship])).toEqual(data.labels.rows.map((r) => [r.nik, Number(r.shdk)]));
  });

  it('takes status_rekam CARD ISSUED as an issued e-KTP and akta_lahir as a birth deed', async () => {
    const head = data.labels.rows.find((r) => r.shdk === '1' && isAdult(r)) as RegisterRow;
    expect(head).toBeDefined();
    expect(await ektpOf(xlsxApp, (await residentByNik(xlsxApp, head.nik))?.id as string)).toMatchObject({ status: 'ISSUED' });
    const child = data.labels.rows.find((r) => r.shdk === '4') as RegisterRow;
    const events = await xlsxApp.app.get(MikroORM).em.fork().find(OutboxEvent, { requestId: `import:${xlsx.jobId}`, subject: SUBJECTS.identity.residentRegistered });
    const payload = events.map((e) => e.payload as { nik: string; hasBirthDeed?: boolean }).find((p) => p.nik === child.nik);
    expect(payload?.hasBirthDeed).toBe(true);
  });

  it('writes the report with the sheet and its row numbers; the command takes --village', async () => {
    const reportFile = file('report.csv');
    const count = await writeReport(xlsxApp.app.get(ImportService), xlsx.jobId, reportFile, xlsx.sheet);
    const lines = readFileSync(reportFile, 'utf8').trim().split('\n');
    expect(count).toBe(xlsx.rowsRejected);
    expect(lines[0]).toBe('sheet,line,nik,kk_number,codes,messages');
    const [firstLine, firstCode] = [...data.rejected.entries()][0] as [number, string];
    expect(lines[1]?.startsWith(`Data Penduduk,${firstLine},`)).toBe(true);
    expect(lines[1]).toContain(firstCode);
    expect(parseImportArguments(['penduduk.xlsx', '--village', '5316012002'])).toMatchObject({ file: 'penduduk.xlsx', village: '5316012002' });
    expect(parseImportArguments(['penduduk.xlsx', '--village'])).toMatchObject({ error: expect.stringContaining('--village') });
    expect(parseImportArguments(['penduduk.xlsx', '--format', 'xlsx'])).toMatchObject({ format: 'XLSX' });
  });

  it('gives the same result for the same rows as CSV in the OpenSID layout', async () => {
    expect(csv).toMatchObject({ status: 'COMPLETED', layout: 'OPENSID', totalRows: xlsx.totalRows, rowsImported: xlsx.rowsImported, rowsRejected: xlsx.rowsRejected, cardsImported: 2, cardsRejected: 4 });
    expect(csv.sheet).toBeUndefined();
    const fates = async (t: TestApp, jobId: string) => [...(await report(t, jobId)).values()].map((l) => [l.line, l.codes]);
    expect(await fates(csvApp, csv.jobId)).toEqual(await fates(xlsxApp, xlsx.jobId));
    for (const source of [...data.numbers.rows, ...data.labels.rows]) {
      const a = await residentByNik(xlsxApp, source.nik);
      const b = await residentByNik(csvApp, source.nik);
      const keep = (r: Record<string, unknown> | undefined) => ({ ...r, id: undefined, familyCardId: undefined, createdAt: undefined, updatedAt: undefined });
      expect(keep(b)).toEqual(keep(a));
    }
  });
});

describe('the committed example and the register\'s own layout as xlsx', () => {
  it('imports the example file of the import README (OpenSID layout, CSV) without a rejected row', async () => {
    const example = join(__dirname, '..', 'src', 'import', 'examples', 'opensid-format-impor-penduduk.csv');
    const outcome = await importFile(csvApp, example, { village: '5316012002' });
    expect(outcome).toMatchObject({ status: 'COMPLETED', layout: 'OPENSID', totalRows: 5, rowsImported: 5, rowsRejected: 0, cardsImported: 2 });
    const head = await residentByNik(csvApp, '5316011205800901');
    expect(head).toMatchObject({ religion: 'KATOLIK', maritalStatus: 'KAWIN_TERCATAT', education: 5, occupation: 'PETANI/PEKEBUN', bloodType: 4, villageCode: '5316012002', districtCode: '531601', address: 'Jl. Trans Flores, Dusun Kotakeo, RT 001/RW 002' });
    expect(await ektpOf(csvApp, head?.id as string)).toMatchObject({ status: 'ISSUED' });
    expect(await ektpOf(csvApp, (await residentByNik(csvApp, '5316014308840901'))?.id as string)).toMatchObject({ status: 'RECORDED' });
    const widower = await residentByNik(csvApp, '5316010101550901');
    expect(widower).toMatchObject({ maritalStatus: 'CERAI_MATI', address: 'Dusun Malasera, RT 003/RW 001' });
    expect(widower?.fatherName ?? null).toBeNull();
    expect(await residentByNik(csvApp, '5316014909900901')).toMatchObject({ occupation: 'GURU', education: 8, bloodType: 1, maritalStatus: 'BELUM_KAWIN' });
  });

  it("imports an xlsx in the register's own columns (rows ending at their last value)", async () => {
    const generator = new PopulationGenerator(20261209, today);
    const rows = generator.families(3).flatMap((f) => f.rows);
    const book = file('xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Register');
    sheet.addRow([...IMPORT_COLUMNS]);
    for (const row of rows) sheet.addRow(IMPORT_COLUMNS.map((c) => row[c]));
    await workbook.xlsx.writeFile(book);
    const outcome = await importFile(xlsxApp, book);
    expect(outcome).toMatchObject({ status: 'COMPLETED', layout: 'REGISTER', sheet: 'Register', rowsImported: rows.length, rowsRejected: 0 });
    expect(await residentByNik(xlsxApp, (rows[0] as RegisterRow).nik)).toMatchObject({ birthDate: (rows[0] as RegisterRow).birth_date });
  });
});

describe('files the import refuses', () => {
  const refusal = async (promise: Promise<unknown>): Promise<ProblemException> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProblemException);
    return error as ProblemException;
  };

  it('refuses a spreadsheet in neither layout, naming the layouts accepted', async () => {
    const book = file('xlsx');
    await writeXlsx(book, [], ['No', 'Nama Lengkap', 'Alamat', 'Umur']);
    const problem = await refusal(importFile(xlsxApp, book));
    expect(problem.code).toBe('IMPORT_HEADER_INVALID');
    expect(problem.detail).toContain("the register's own");
    expect(problem.detail).toContain('OpenSID');
  });

  it('refuses an OpenSID file without a village, or with one outside the regency', async () => {
    const book = file('xlsx');
    await writeXlsx(book, scenario(new PopulationGenerator(20261208, today)).rows.slice(0, 2));
    expect((await refusal(importFile(xlsxApp, book))).code).toBe('IMPORT_VILLAGE_REQUIRED');
    expect((await refusal(importFile(xlsxApp, book, { village: '5301010001' }))).code).toBe('IMPORT_VILLAGE_INVALID');
    expect((await refusal(importFile(xlsxApp, book, { village: '53160' }))).code).toBe('IMPORT_VILLAGE_INVALID');
  });

  it('refuses a ZIP that is not an xlsx workbook', async () => {
    const zip = file('xlsx');
    writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]));
    expect((await refusal(importFile(xlsxApp, zip))).code).toBe('IMPORT_FORMAT_UNKNOWN');
  });
});
