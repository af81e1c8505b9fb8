// SIAK's Buku Induk Penduduk (BIP, 2016 layout) imported into the register, on SQLite (service tier): workbooks
// written by the test with exceljs in the BIP layout — several BIP sheets after a `Kode Data` sheet, title rows,
// label and number codes mixed, `-` values, invisible characters inside NIK and No. KK, dates as date cells and with
// slashes, a card with a bad member, an occupation SIAK does not have, a KAWIN without evidence, a `Keterangan:` row
// followed by junk, a sheet of notes — every row's fate asserted (imported with its values, or rejected with its
// code at its sheet and row); a resume across sheets; the refusals (no village, another desa, other BIP variants,
// none of the layouts, an .xls); the committed example; and OpenSID workbooks of village sheets.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { EDUCATION_LEVELS, findRegion, listDistricts, MARITAL_STATUSES, RELIGIONS } from '@adminduk/domain';
import { findVillage, listVillages } from '@adminduk/domain/villages';
import { localDate, ProblemException } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { ImportService, type ImportOptions, type ImportOutcome, type ImportReportLine } from '../src/import/import.service';
import { normalizeLabel, OPENSID_OCCUPATION, OPENSID_OCCUPATIONS } from '../src/import/opensid-codes';
import { OPENSID_COLUMNS, type OpenSidColumn } from '../src/import/opensid-row.mapper';
import { SHEET_LINE_SPAN } from '../src/import/register-file';
import { PopulationGenerator, type RegisterFamily, type RegisterRow } from './import-fixtures';

type Cell = string | number | Date;

let app: TestApp;
let exampleApp: TestApp;
let dir: string;
let operator: string;
let today: string;
let generator: PopulationGenerator;
let files = 0;
const VILLAGE = '5316012002';
const villageName = (findVillage(VILLAGE)?.name ?? '').toUpperCase();
const districtName = (findRegion(VILLAGE.slice(0, 6))?.name ?? '').toUpperCase();
const NBSP = '\u00A0';

beforeAll(async () => {
  app = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  exampleApp = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  dir = mkdtempSync(join(tmpdir(), 'adminduk-import-bip-'));
  operator = await tokenFor(['operator'], ['5316']);
  today = localDate(app.config.utcOffset);
  generator = new PopulationGenerator(20261210, today);
}, 90_000);

afterAll(async () => {
  await app?.close();
  await exampleApp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const importFile = (t: TestApp, file: string, options: Partial<ImportOptions> = {}): Promise<ImportOutcome> => t.app.get(ImportService).importFile({ file, actor: 'cli:tester', ...options });
const file = (extension: string) => join(dir, `bip-${++files}.${extension}`);

async function report(t: TestApp, jobId: string): Promise<ImportReportLine[]> {
  const lines: ImportReportLine[] = [];
  for await (const page of t.app.get(ImportService).report(jobId)) lines.push(...page);
  return lines;
}

async function residentByNik(t: TestApp, nik: string): Promise<Record<string, unknown> | undefined> {
  const res = await t.app.inject({ method: 'GET', url: `/residents?nik=${nik}`, headers: { authorization: `Bearer ${operator}` } });
  expect(res.statusCode).toBe(200);
  return res.json().items[0];
}

async function refusal(promise: Promise<unknown>): Promise<ProblemException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemException);
  return error as ProblemException;
}

const pick = (test: (f: RegisterFamily) => boolean): RegisterFamily => {
  for (let i = 0; i < 5000; i++) {
    const f = generator.family();
    if (test(f)) return f;
  }
  throw new Error('no such family');
};

// --- writing a BIP workbook ---------------------------------------------------------------------------------

const SHDK_LABEL = ['', 'KEPALA KELUARGA', 'SUAMI', 'ISTRI', 'ANAK', 'MENANTU', 'CUCU', 'ORANG TUA', 'MERTUA', 'FAMILI LAIN', 'PEMBANTU', 'LAINNYA'];
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const utcDay = (iso: string) => new Date(`${iso}T00:00:00Z`);
const maritalLabel = (code: string) => (MARITAL_STATUSES.find((m) => m.code === code)?.label ?? code).toUpperCase();
const occupationNumber = (label: string) => OPENSID_OCCUPATIONS.indexOf(OPENSID_OCCUPATION.get(normalizeLabel(label)) as string) + 1;

function titleRows(desa = villageName, kecamatan = districtName, status = true): Cell[][] {
  return [
    ['BUKU INDUK PENDUDUK WNI'],
    [],
    ['PROVINSI', ':', `${NBSP}NUSA TENGGARA TIMUR`, `KABUPATEN/KOTA${NBSP}`, ':', `${NBSP}NAGEKEO`],
    ['KECAMATAN', ':', `${NBSP}${kecamatan}`, 'DESA/KELURAHAN', ':', `${NBSP}${desa}`],
    ['PERIODE/TANGGAL', ':', `${NBSP}01-12-2026`],
    [],
    ['No', 'Nama Lengkap', 'NIK', 'Tempat dan Tanggal Lahir', '', 'JK', 'SHDK', 'Agama', 'Pendidikan', 'Pekerjaan', 'Nama Orang Tua Kandung', 'Nama Orang Tua Kandung', ...(status ? ['Status Kawin'] : [])],
    ['', '', '', 'Tempat Lahir', 'Tgl/Bln/Th', '', '', '', 'Terakhir', '', 'Ibu', 'Ayah'],
    Array.from({ length: status ? 13 : 12 }, (_, i) => `(${i + 1})`),
  ];
}

const blockRow = (kk: string, alamat: string): Cell[] => [`No. KK : ${kk} ${NBSP}`, '', `Alamat : ${alamat}, Nama Dusun : KOTAKEO, RT/RW : 001/002`];
const addressOf = (alamat: string) => `${alamat}, Dusun KOTAKEO, RT 001/RW 002`;

/** A member row as SIAK writes it: labels (date cells) or numbers (dd/mm/yyyy), the status as a label. */
function memberRow(n: number, r: RegisterRow, style: 'labels' | 'numbers', status = true): Cell[] {
  const labels = style === 'labels';
  const religion = RELIGIONS.find((x) => x.code === r.religion);
  return [
    n,
    r.full_name,
    `${r.nik}${NBSP}`,
    r.birth_place,
    labels ? utcDay(r.birth_date) : dmy(r.birth_date),
    labels ? (r.sex === 'M' ? 'Lk' : 'Pr') : r.sex === 'M' ? 'L' : 'P',
    labels ? (SHDK_LABEL[Number(r.shdk)] as string) : Number(r.shdk),
    labels ? (r.religion === 'KATOLIK' ? 'KATHOLIK' : (religion?.label ?? '').toUpperCase()) : (religion?.siakCode as number),
    r.education === '' ? '-' : labels ? (EDUCATION_LEVELS.find((e) => e.code === Number(r.education))?.label ?? '').toUpperCase() : Number(r.education),
    labels ? r.occupation.toUpperCase() : occupationNumber(r.occupation),
    r.mother_name,
    r.father_name === '' ? '-' : r.father_name,
    ...(status ? [maritalLabel(r.marital_status)] : []),
  ];
}

async function writeBook(path: string, sheets: readonly { name: string; rows: Cell[][] }[], kodeData = true): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  if (kodeData) workbook.addWorksheet('Kode Data').addRow(['Kode', 'Agama']);
  for (const { name, rows } of sheets) {
    const sheet = workbook.addWorksheet(name);
    for (const cells of rows) {
      sheet.addRow(cells).eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'dd-mm-yyyy';
      });
    }
  }
  await workbook.xlsx.writeFile(path);
}

/** A sheet being written: its rows, and where each member row lands (its sheet row; the header rows count). */
class SheetBuilder {
  readonly rows: Cell[][];
  private n = 0;
  constructor(
    readonly name: string,
    readonly sheetIndex: number,
    first: Cell[][] = titleRows(),
  ) {
    this.rows = [...first];
  }
  /** Adds a block; returns each member's line (sheetIndex * SHEET_LINE_SPAN + row) and sheet row. */
  block(family: RegisterFamily, style: 'labels' | 'numbers', edit?: (cells: Cell[], row: RegisterRow, i: number) => void, kk = family.kkNumber): { line: number; row: number; source: RegisterRow }[] {
    this.rows.push(blockRow(kk, (family.rows[0] as RegisterRow).address));
    return family.rows.map((source, i) => {
      const cells = memberRow(++this.n + this.sheetIndex * 100, source, style);
      edit?.(cells, source, i);
      this.rows.push(cells);
      return { line: this.sheetIndex * SHEET_LINE_SPAN + this.rows.length, row: this.rows.length, source };
    });
  }
}

// --- the scenario -------------------------------------------------------------------------------------------

describe('a BIP workbook of several sheets, messy', () => {
  const married = (f: RegisterFamily) => f.rows.length >= 2 && f.rows.some((r) => r.marital_status === 'KAWIN_TERCATAT');
  let outcome: ImportOutcome;
  let lines: ImportReportLine[];
  let families: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', RegisterFamily>;
  /** line → [sheet, row, code] of every row expected rejected. */
  const expected = new Map<number, [string, number, string]>();
  let total = 0;

  beforeAll(async () => {
    families = { a: pick((f) => f.rows.length >= 2), b: pick((f) => f.rows.length >= 2), c: pick((f) => f.rows.length >= 2), d: pick((f) => f.rows.length >= 2), e: pick((f) => f.rows.length >= 1), f: pick(married) };
    const one = new SheetBuilder('BIP_1', 0);
    // a: labels, date cells, invisible characters in NIK and No. KK.
    one.block(families.a, 'labels', (cells, r) => {
      cells[2] = `\u200B${r.nik.slice(0, 6)}\u00AD${r.nik.slice(6)}${NBSP}`;
    }, `\uFEFF${families.a.kkNumber}\u200C`);
    // b: numbers, dates with slashes, `-` for what is not known.
    one.block(families.b, 'numbers');
    // c: a member whose religion SIAK does not have: the whole card is left out.
    const c = one.block(families.c, 'labels', (cells, _r, i) => {
      if (i === 0) cells[7] = 'ATHEIS';
    });
    c.forEach((m, i) => expected.set(m.line, ['BIP_1', m.row, i === 0 ? 'RELIGION_INVALID' : 'CARD_REJECTED']));
    one.rows.push(['Jumlah KK: 3']);
    const two = new SheetBuilder('BIP_2', 1);
    // d: an occupation that is not one of SIAK's.
    const d = two.block(families.d, 'numbers', (cells, _r, i) => {
      if (i === families.d.rows.length - 1) cells[9] = 'ASTRONOT';
    });
    d.forEach((m, i) => expected.set(m.line, ['BIP_2', m.row, i === families.d.rows.length - 1 ? 'OCCUPATION_INVALID' : 'CARD_REJECTED']));
    two.block(families.e, 'labels');
    // f: KAWIN alone: registered or not cannot be told.
    const spouse = families.f.rows.findIndex((r) => r.marital_status === 'KAWIN_TERCATAT');
    const f = two.block(families.f, 'labels', (cells, _r, i) => {
      if (i === spouse) cells[12] = 'KAWIN';
    });
    f.forEach((m, i) => expected.set(m.line, ['BIP_2', m.row, i === spouse ? 'MARITAL_STATUS_AMBIGUOUS' : 'CARD_REJECTED']));
    two.rows.push([], ['Keterangan:'], ['- KK : Kartu Keluarga', 'SHDK : Status Hubungan Dalam Keluarga'], [99, 'BUKAN DATA', '5316011205800999', 'MBAY', '01/01/1980', 'Lk', 'ANAK']);
    total = Object.values(families).reduce((n, fam) => n + fam.rows.length, 0);
    const book = file('xlsx');
    await writeBook(book, [one, two, { name: 'Catatan', rows: [['Lembar ini catatan', 'tanpa data penduduk']] }]);
    outcome = await importFile(app, book, { village: VILLAGE });
    lines = await report(app, outcome.jobId);
  }, 60_000);

  it('reads every BIP sheet in order, up to each Keterangan row, for the village given', () => {
    const imported = families.a.rows.length + families.b.rows.length + families.e.rows.length;
    expect(outcome).toMatchObject({ status: 'COMPLETED', layout: 'BIP', sheet: 'BIP_1', sheets: ['BIP_1', 'BIP_2'], totalRows: total, rowsImported: imported, rowsRejected: total - imported, cardsImported: 3, cardsRejected: 3 });
  });

  it('reports each rejected row once, with its code, its sheet and its row there; nothing after Keterangan', () => {
    expect(lines.map((l) => [l.line, [l.sheet, l.row, l.codes.join(';')]])).toEqual([...expected.entries()]);
    const rejectedOnTwo = lines.find((l) => l.sheet === 'BIP_2' && l.codes[0] === 'CARD_REJECTED');
    expect(rejectedOnTwo?.messages[0]).toMatch(/\(sheet BIP_2 row \d+\)/);
    expect(lines.find((l) => l.codes[0] === 'OCCUPATION_INVALID')?.messages[0]).toContain('Pekerjaan');
    expect(lines.find((l) => l.codes[0] === 'MARITAL_STATUS_AMBIGUOUS')?.messages[0]).toContain('KAWIN');
  });

  it('imports label rows (date cells, invisible characters stripped) with the block’s No. KK and address', async () => {
    for (const source of [...families.a.rows, ...families.e.rows]) {
      expect(await residentByNik(app, source.nik)).toMatchObject({
        nik: source.nik,
        fullName: source.full_name,
        birthDate: source.birth_date,
        sex: source.sex,
        religion: source.religion,
        maritalStatus: source.marital_status,
        motherName: source.mother_name,
        districtCode: VILLAGE.slice(0, 6),
        villageCode: VILLAGE,
        address: addressOf((families.a.rows.includes(source) ? families.a : families.e).rows[0]?.address as string),
        status: 'ALIVE',
      });
    }
    const res = await app.app.inject({ method: 'GET', url: `/family-cards?kkNumber=${families.a.kkNumber}`, headers: { authorization: `Bearer ${operator}` } });
    expect(res.json().items[0]?.members.map((m: { nik: string; relationship: number }) => [m.nik, m.relationship])).toEqual(families.a.rows.map((r) => [r.nik, Number(r.shdk)]));
  });

  it('imports number rows with slashed dates and `-` values', async () => {
    for (const source of families.b.rows) {
      const resident = await residentByNik(app, source.nik);
      expect(resident).toMatchObject({ nik: source.nik, birthDate: source.birth_date, religion: source.religion, sex: source.sex });
      expect(resident?.education ?? '').toBe(source.education === '' ? '' : Number(source.education));
      expect(resident?.fatherName ?? '').toBe(source.father_name);
    }
  });

  it('imports nothing of the rejected cards', async () => {
    for (const source of [...families.c.rows, ...families.d.rows, ...families.f.rows]) expect(await residentByNik(app, source.nik)).toBeUndefined();
  });
});

describe('resuming a BIP of several sheets', () => {
  it('stops after a card on the first sheet, then inside the second, and finishes with every row done once', async () => {
    const one = new SheetBuilder('Halaman 1', 0);
    const two = new SheetBuilder('Halaman 2', 1, titleRows().slice(6));
    const first = [pick(() => true), pick(() => true), pick(() => true)];
    const second = [pick(() => true), pick((f) => f.rows.length >= 2), pick(() => true)];
    for (const f of first) one.block(f, 'labels');
    two.block(second[0] as RegisterFamily, 'numbers');
    const bad = two.block(second[1] as RegisterFamily, 'labels', (cells, _r, i) => {
      if (i === 0) cells[5] = 'X';
    });
    two.block(second[2] as RegisterFamily, 'labels');
    const book = file('xlsx');
    await writeBook(book, [one, two], false);
    const rows = [...first, ...second].reduce((n, f) => n + f.rows.length, 0);
    const onFirst = first.reduce((n, f) => n + f.rows.length, 0);

    const stop = (when: (done: number) => boolean) => {
      const controller = new AbortController();
      return { signal: controller.signal, onProgress: (p: { rowsDone: number }) => when(p.rowsDone) && controller.abort() };
    };
    const run1 = await importFile(app, book, { village: VILLAGE, batchSize: 1, ...stop(() => true) });
    expect(run1).toMatchObject({ status: 'STOPPED', rowsDone: (first[0] as RegisterFamily).rows.length });
    const run2 = await importFile(app, book, { village: VILLAGE, batchSize: 1, ...stop((done) => done > onFirst) });
    expect(run2).toMatchObject({ status: 'STOPPED', resumed: true, jobId: run1.jobId });
    expect(run2.resumedAfterLine).toBeLessThan(SHEET_LINE_SPAN);
    const run3 = await importFile(app, book, { village: VILLAGE, batchSize: 1 });
    expect(run3).toMatchObject({ status: 'COMPLETED', resumed: true, jobId: run1.jobId, totalRows: rows, rowsDone: rows, rowsImported: rows - bad.length, rowsRejected: bad.length, cardsImported: 5, cardsRejected: 1 });
    expect(run3.resumedAfterLine).toBeGreaterThan(SHEET_LINE_SPAN);
    const lines = await report(app, run1.jobId);
    expect(lines.map((l) => [l.sheet, l.row, l.codes[0]])).toEqual(bad.map((m, i) => ['Halaman 2', m.row, i === 0 ? 'SEX_INVALID' : 'CARD_REJECTED']));
    for (const f of [...first, ...second]) if (f !== second[1]) for (const r of f.rows) expect(await residentByNik(app, r.nik)).toMatchObject({ nik: r.nik });
  }, 60_000);
});

describe('BIP files refused, or rows refused whole', () => {
  const oneCard = async (rows: Cell[][] = titleRows(), status = true): Promise<string> => {
    const family = pick((f) => f.rows.length >= 2);
    const book = file('xlsx');
    const cells = [...rows, blockRow(family.kkNumber, 'Jl. Trans Flores'), ...family.rows.map((r, i) => memberRow(i + 1, r, 'labels', status))];
    await writeBook(book, [{ name: 'BIP', rows: cells }]);
    return book;
  };

  it('needs --village, a village of the regency, and the one the title rows name', async () => {
    const book = await oneCard();
    expect((await refusal(importFile(app, book))).code).toBe('IMPORT_VILLAGE_REQUIRED');
    expect((await refusal(importFile(app, book, { village: '5301010001' }))).code).toBe('IMPORT_VILLAGE_INVALID');
    const elsewhere = await oneCard(titleRows('AIK DAREQ'));
    const problem = await refusal(importFile(app, elsewhere, { village: VILLAGE }));
    expect(problem.code).toBe('IMPORT_VILLAGE_MISMATCH');
    expect(problem.detail).toContain('AIK DAREQ');
  });

  it('refuses column titles that are not the 2016 layout’s, naming the column', async () => {
    const rows = titleRows();
    rows[6] = ['No', 'Nama Lengkap', 'NIK', 'Tempat dan Tanggal Lahir', '', 'JK', 'Stat Kwn', 'Agama', 'Pendidikan', 'Pekerjaan', 'Nama Ibu', 'Nama Ayah'];
    const problem = await refusal(importFile(app, await oneCard(rows), { village: VILLAGE }));
    expect(problem.code).toBe('IMPORT_HEADER_INVALID');
    expect(problem.detail).toContain('column G is "STAT KWN"');
  });

  it('rejects every card of a BIP without a Status Kawin column (MARITAL_STATUS_AMBIGUOUS): the 2016 layout does not say', async () => {
    const outcome = await importFile(app, await oneCard(titleRows(undefined, undefined, false), false), { village: VILLAGE });
    expect(outcome).toMatchObject({ status: 'COMPLETED', layout: 'BIP', rowsImported: 0, cardsRejected: 1 });
    const lines = await report(app, outcome.jobId);
    expect(lines.every((l) => l.codes.includes('MARITAL_STATUS_AMBIGUOUS'))).toBe(true);
  });

  it.each([
    ['2012', [[], ['', 'BUKU INDUK KEPENDUDUKAN KABUPATEN NAGEKEO'], ['PROVINSI :']], '2012 layout'],
    ['e-KTP', [['NO', 'Nama Lengkap', 'NIK', 'Tempat dan Tanggal Lahir', '', 'JK', 'Stat Kwn', 'Gol. Drh', 'SHDK', 'Agama', 'Pendidikan Terakhir', 'No Akta Lahir', 'Pekerjaan', 'Nama  Ibu', 'Nama Ayah', 'Wjb KTP', 'KTP-eL', 'Status', 'Stat Rkm']], 'e-KTP columns'],
    ['none of the layouts', [['No', 'Nama Lengkap', 'Alamat', 'Umur']], "the register's own"],
  ] as const)('refuses a workbook that is %s (IMPORT_HEADER_INVALID), saying what it takes', async (_what, rows, says) => {
    const book = file('xlsx');
    await writeBook(book, [{ name: 'Sheet1', rows: rows.map((r) => [...r]) }]);
    const problem = await refusal(importFile(app, book, { village: VILLAGE }));
    expect(problem.code).toBe('IMPORT_HEADER_INVALID');
    expect(problem.detail).toContain(says);
    expect(problem.detail).toContain('Buku Induk Penduduk');
    expect(problem.detail).toContain('OpenSID');
  });

  it('refuses an Excel 97–2003 .xls (SIAK’s own export format), saying to save it as .xlsx', async () => {
    const xls = file('xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const problem = await refusal(importFile(app, xls, { village: VILLAGE }));
    expect(problem.code).toBe('IMPORT_FORMAT_UNKNOWN');
    expect(problem.detail).toContain('.xlsx');
  });
});

describe('the committed example', () => {
  it('imports examples/bip-2016.xlsx (two cards, five rows) without a rejected row', async () => {
    const example = join(__dirname, '..', 'src', 'import', 'examples', 'bip-2016.xlsx');
    const outcome = await importFile(exampleApp, example, { village: VILLAGE });
    expect(outcome).toMatchObject({ status: 'COMPLETED', layout: 'BIP', sheets: ['BIP_Desa-Kel_1'], totalRows: 5, rowsImported: 5, rowsRejected: 0, cardsImported: 2 });
    expect(await residentByNik(exampleApp, '5316011205800901')).toMatchObject({
      religion: 'KATOLIK',
      maritalStatus: 'KAWIN_TERCATAT',
      education: 5,
      occupation: 'PETANI/PEKEBUN',
      birthDate: '1980-05-12',
      villageCode: VILLAGE,
      address: 'JL. TRANS FLORES, Dusun KOTAKEO, RT 001/RW 002',
    });
    const widower = await residentByNik(exampleApp, '5316010101550901');
    expect(widower).toMatchObject({ maritalStatus: 'CERAI_MATI', address: 'Dusun MALASERA, RT 003/RW 001' });
    expect(widower?.fatherName ?? null).toBeNull();
    expect(await residentByNik(exampleApp, '5316014909900901')).toMatchObject({ occupation: 'GURU', education: 8 });
  });
});

// --- OpenSID workbooks of village sheets (`<10-digit code> <name>`, as the OpenSID export writes them) --------

function openSidRow(r: RegisterRow): Partial<Record<OpenSidColumn, Cell>> {
  return {
    alamat: r.address,
    dusun: 'Kotakeo',
    rw: '002',
    rt: '001',
    nama: r.full_name,
    no_kk: r.kk_number,
    nik: r.nik,
    sex: r.sex === 'M' ? 'L' : 'P',
    tempatlahir: r.birth_place,
    tanggallahir: dmy(r.birth_date),
    agama_id: RELIGIONS.find((x) => x.code === r.religion)?.siakCode as number,
    pendidikan_kk_id: r.education === '' ? '-' : Number(r.education),
    pekerjaan_id: r.occupation,
    status_kawin: maritalLabel(r.marital_status),
    kk_level: Number(r.shdk),
    nama_ayah: r.father_name === '' ? '-' : r.father_name,
    nama_ibu: r.mother_name,
    status_dasar: 1,
  };
}

const villageSheet = (families: readonly RegisterFamily[], end = false): Cell[][] => [
  [...OPENSID_COLUMNS],
  ...families.flatMap((f) => f.rows.map((r) => OPENSID_COLUMNS.map((c) => openSidRow(r)[c] ?? '-'))),
  ...(end ? [['-', '###'], ['Catatan', 'bukan data', '', '', 'Bukan Data', '5316010101010001', '5316010101010001']] : []),
];

describe('OpenSID workbooks of village sheets', () => {
  const other = listVillages(listDistricts('5316')[1]?.code as string)[0];

  it('reads every village sheet, each for the village its name gives, without --village', async () => {
    if (!other) throw new Error('no second kecamatan');
    const here = [pick(() => true), pick(() => true)];
    const there = [pick(() => true)];
    const book = file('xlsx');
    await writeBook(book, [
      { name: `${VILLAGE} ${findVillage(VILLAGE)?.name}`, rows: villageSheet(here, true) },
      { name: 'Ringkasan', rows: [['jumlah', 3]] },
      { name: `${other.code} ${other.name}`.slice(0, 31), rows: villageSheet(there) },
    ]);
    const outcome = await importFile(app, book);
    const rows = [...here, ...there].reduce((n, f) => n + f.rows.length, 0);
    expect(outcome).toMatchObject({ status: 'COMPLETED', layout: 'OPENSID', totalRows: rows, rowsImported: rows, cardsImported: 3 });
    expect(outcome.sheets).toHaveLength(2);
    expect(await residentByNik(app, (here[0]?.rows[0] as RegisterRow).nik)).toMatchObject({ villageCode: VILLAGE, districtCode: VILLAGE.slice(0, 6) });
    expect(await residentByNik(app, (there[0]?.rows[0] as RegisterRow).nik)).toMatchObject({ villageCode: other.code, districtCode: other.districtCode });
    expect((await refusal(importFile(app, book, { village: VILLAGE }))).code).toBe('IMPORT_VILLAGE_MISMATCH');
  });

  it('needs no --village for a workbook of one village sheet; refuses a sheet named for a village outside the regency', async () => {
    const family = pick(() => true);
    const book = file('xlsx');
    await writeBook(book, [{ name: `${VILLAGE} Labolewa`, rows: villageSheet([family]) }]);
    expect(await importFile(app, book)).toMatchObject({ status: 'COMPLETED', layout: 'OPENSID', rowsImported: family.rows.length });
    expect(await residentByNik(app, (family.rows[0] as RegisterRow).nik)).toMatchObject({ villageCode: VILLAGE });
    const outside = file('xlsx');
    await writeBook(outside, [{ name: '5301010001 Kupang', rows: villageSheet([pick(() => true)]) }]);
    const problem = await refusal(importFile(app, outside));
    expect(problem.code).toBe('IMPORT_VILLAGE_INVALID');
    expect(problem.detail).toContain('5301010001 Kupang');
  });
});
