// The register in OpenSID's format impor penduduk (service tier, SQLite): a kecamatan's generated register imported
// from CSV, exported village by village to .xlsx (the service, as the command's --per-village does), each file
// imported with --village into a second, empty register: the same residents with every particular, the same cards,
// members, SHDK and order, the same e-KTP states. The workbook itself (sheets, header, codes, dates, the address
// split, the marital status as decided in src/export/README.md), the command's arguments, and GET
// /registers/opensid.xlsx: bad input, who may call it, the download, and its audit entry.
import { mkdtempSync, rmSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { EntityManager } from '@mikro-orm/core';
import { findVillage } from '@adminduk/domain/villages';
import { AuditEntry, AuditEntryResult, localDate } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { ImportService } from '../src/import/import.service';
import { OPENSID_COLUMNS } from '../src/import/opensid-row.mapper';
import { parseExportArguments } from '../src/export/export.command';
import { OpenSidExportService, resolveExportRegion, type ExportRegion } from '../src/export/opensid-export.service';
import { XlsxFile } from '../src/import/xlsx-reader';
import { EXPORT_COLUMNS, openSidRow, sheetName, splitAddress, statusKawin, statusKawinKk } from '../src/export/opensid-row';
import { rowsOf, writeCsv } from './import-fixtures';
import { kecamatanRegister, snapshot } from './opensid-export-fixtures';

jest.setTimeout(180_000);

let source: TestApp;
let target: TestApp;
let dir: string;
let districtCode: string;
let villages: string[];
let today: string;

beforeAll(async () => {
  source = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  target = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  dir = mkdtempSync(join(tmpdir(), 'adminduk-export-opensid-'));
  today = localDate(source.config.utcOffset);
  const register = kecamatanRegister(20, today, 280);
  districtCode = register.districtCode;
  villages = [...new Set(register.families.map((f) => f.rows[0]?.village_code as string))].sort();
  const file = join(dir, 'register.csv');
  writeCsv(file, rowsOf(register.families));
  const imported = await source.app.get(ImportService).importFile({ file, actor: 'cli:tester' });
  expect(imported.rowsRejected).toBe(0);
  expect(imported.rowsImported).toBe(rowsOf(register.families).length);
}, 120_000);

afterAll(async () => {
  await source?.close();
  await target?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function exportFile(t: TestApp, region: ExportRegion, file: string) {
  const out = createWriteStream(file);
  const closed = once(out, 'close');
  const outcome = await t.app.get(OpenSidExportService).exportTo(region, out, { actor: 'cli:tester', endpoint: 'cli export' });
  await closed;
  return outcome;
}

async function readWorkbook(file: string | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  if (typeof file === 'string') await workbook.xlsx.readFile(file);
  else await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook;
}

function sheetRows(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as unknown[];
    rows.push(Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, values[i + 1]])));
  });
  return rows;
}

const villageRegion = (code: string): ExportRegion => resolveExportRegion({ village: code }, '5316');

describe('the round trip: import → export per village → import into an empty register', () => {
  it('gives the same residents, cards, members, SHDK, order and e-KTP states', async () => {
    let exported = 0;
    for (const code of villages) {
      const file = join(dir, `opensid-${code}.xlsx`);
      const outcome = await exportFile(source, villageRegion(code), file);
      exported += outcome.residents;
      const back = await target.app.get(ImportService).importFile({ file, village: code, actor: 'cli:tester' });
      expect({ village: code, rejected: back.rowsRejected }).toEqual({ village: code, rejected: 0 });
      expect(back.rowsImported).toBe(outcome.residents);
    }
    const before = await snapshot(source, districtCode);
    const after = await snapshot(target, districtCode);
    expect(exported).toBe(before.residents.length);
    expect(after.residents).toEqual(before.residents);
    expect(after.cards).toEqual(before.cards);
    // The register really has what the round trip is to keep.
    const statuses = new Set(before.residents.map((r) => r.particulars.maritalStatus));
    expect([...statuses].sort()).toEqual(['BELUM_KAWIN', 'CERAI_HIDUP_BELUM_TERCATAT', 'CERAI_HIDUP_TERCATAT', 'CERAI_MATI', 'KAWIN_BELUM_TERCATAT', 'KAWIN_TERCATAT']);
    expect(before.residents.some((r) => r.ektp === 'ISSUED')).toBe(true);
    expect(before.residents.some((r) => r.ektp === 'RECORDED')).toBe(true);
    expect(before.residents.some((r) => String(r.particulars.address).includes(', Dusun Kotakeo, RT 001/RW 002'))).toBe(true);
  });
});

describe("the round trip of a kecamatan's one workbook: a sheet per village, read back without --village", () => {
  it('gives the same register; each sheet read for the village its name gives, though the streamed workbook puts its names last', async () => {
    const file = join(dir, `kecamatan-${districtCode}.xlsx`);
    const outcome = await exportFile(source, resolveExportRegion({ district: districtCode }, '5316'), file);
    const fresh = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
    try {
      const back = await fresh.app.get(ImportService).importFile({ file, actor: 'cli:tester' });
      expect({ layout: back.layout, imported: back.rowsImported, rejected: back.rowsRejected }).toEqual({ layout: 'OPENSID', imported: outcome.residents, rejected: 0 });
      expect(back.sheets).toEqual(outcome.sheets.map((s) => s.name));
      const before = await snapshot(source, districtCode);
      const after = await snapshot(fresh, districtCode);
      expect(after.residents).toEqual(before.residents);
      expect(after.cards).toEqual(before.cards);
    } finally {
      await fresh.close();
    }
  });

  it('the worksheet names come from the workbook part, wherever the ZIP puts it', async () => {
    const file = join(dir, `names-${districtCode}.xlsx`);
    const outcome = await exportFile(source, resolveExportRegion({ district: districtCode }, '5316'), file);
    const names = (await XlsxFile.open(file)).sheets.map((s) => s.name);
    expect(names).toEqual([...outcome.sheets.map((s) => s.name), 'Kode Data']);
  });
});

describe('the workbook', () => {
  it("has one sheet per village named '<code> <name>', OpenSID's 37 columns, codes as numbers and dd-mm-yyyy dates", async () => {
    const file = join(dir, `district-${districtCode}.xlsx`);
    const region = resolveExportRegion({ district: districtCode }, '5316');
    const outcome = await exportFile(source, region, file);
    const workbook = await readWorkbook(file);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual([...region.villages.map((v) => sheetName(v.code, v.name)), 'Kode Data']);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    const first = workbook.getWorksheet(sheetName(villages[0] as string, findVillage(villages[0] as string)?.name as string)) as ExcelJS.Worksheet;
    expect((first.getRow(1).values as unknown[]).slice(1)).toEqual([...OPENSID_COLUMNS, 'status_kawin_kk']);
    const rows = region.villages.flatMap((v) => sheetRows(workbook.getWorksheet(sheetName(v.code, v.name)) as ExcelJS.Worksheet));
    expect(rows).toHaveLength(outcome.residents);
    for (const row of rows) {
      expect(row.nik).toMatch(/^\d{16}$/);
      expect(row.no_kk).toMatch(/^\d{16}$/);
      expect([1, 2]).toContain(row.sex);
      expect(row.tanggallahir).toMatch(/^\d{2}-\d{2}-\d{4}$/);
      expect(row.agama_id).toEqual(expect.any(Number));
      expect(row.kk_level).toEqual(expect.any(Number));
      expect(row.status_dasar).toBe(1);
      expect(row.akta_perkawinan).toBe('-');
      expect(row.akta_lahir).toBe('-');
      // Unknown dates are empty cells (OpenSID turns `-` in a date column into 1970-01-01).
      expect(row.tanggalperkawinan).toBeUndefined();
      for (const c of ['dusun', 'rt', 'rw']) expect(row[c]).toBeTruthy();
    }
    // The cards' rows are together, heads first, in card order.
    const kks = rows.map((r) => r.no_kk as string);
    expect(kks.filter((k, i) => i > 0 && k !== kks[i - 1]).length + 1).toBe(new Set(kks).size);
    expect(rows.filter((r, i) => i === 0 || r.no_kk !== rows[i - 1]?.no_kk).every((r) => r.kk_level === 1)).toBe(true);
    // OpenSID's numbers, which every OpenSID loads; the KK's status in full after OpenSID's 37 columns.
    expect(new Set(rows.map((r) => r.status_kawin))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(rows.map((r) => r.status_kawin_kk))).toEqual(new Set(['BELUM KAWIN', 'CERAI MATI', 'KAWIN TERCATAT', 'KAWIN BELUM TERCATAT', 'CERAI HIDUP TERCATAT', 'CERAI HIDUP BELUM TERCATAT']));
    expect(rows.some((r) => r.status_rekam === 8)).toBe(true);
    expect(rows.some((r) => r.pekerjaan_id === 9)).toBe(true);
    expect(rows.find((r) => r.dusun === 'Dusun Kotakeo')).toMatchObject({ rt: '001', rw: '002', alamat: expect.stringMatching(/^Jl\. Ahmad Yani No\. \d+$/) });
  });

  it("as OpenSID reads it (its 37 columns by position, the extra one never seen), married rows without a deed number refuse nothing in OpenSID; without status_kawin_kk this register's import asks for the evidence", async () => {
    const code = villages[0] as string;
    const file = join(dir, `opensid-only-${code}.xlsx`);
    await exportFile(source, villageRegion(code), file);
    // The same workbook with the register's column cut off: what OpenSID's own export of it would hold.
    const workbook = await readWorkbook(file);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    sheet.spliceColumns(OPENSID_COLUMNS.length + 1, 1);
    const cut = join(dir, `opensid-cut-${code}.xlsx`);
    await workbook.xlsx.writeFile(cut);
    const rows = sheetRows(sheet);
    for (const r of rows) expect([1, 2, 3, 4]).toContain(r.status_kawin);
    const fresh = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
    try {
      const service = fresh.app.get(ImportService);
      const outcome = await service.importFile({ file: cut, village: code, actor: 'cli:tester' });
      const codes = new Set<string>();
      for await (const page of service.report(outcome.jobId)) for (const line of page) for (const c of line.codes) codes.add(c);
      expect(codes.has('MARITAL_STATUS_AMBIGUOUS')).toBe(rows.some((r) => r.status_kawin === 2 || r.status_kawin === 3));
    } finally {
      await fresh.close();
    }
  });

  it('splits an address back only where composing it again gives the same text', () => {
    expect(splitAddress('Jl. Ahmad Yani 4, Dusun Kotakeo, RT 001/RW 002')).toEqual({ alamat: 'Jl. Ahmad Yani 4', dusun: 'Dusun Kotakeo', rt: '001', rw: '002' });
    expect(splitAddress('Dusun Kotakeo, RT 001/RW 002')).toEqual({ alamat: '-', dusun: 'Dusun Kotakeo', rt: '001', rw: '002' });
    expect(splitAddress('Jl. Gajah Mada, RT -/RW 002')).toEqual({ alamat: 'Jl. Gajah Mada', dusun: '-', rt: '-', rw: '002' });
    expect(splitAddress('Jl. Trans Flores RT 003/RW 002, Labolewa')).toEqual({ alamat: 'Jl. Trans Flores RT 003/RW 002, Labolewa', dusun: '-', rt: '-', rw: '-' });
    expect(splitAddress('RT 001 / RW 001, Labolewa').alamat).toBe('RT 001 / RW 001, Labolewa');
  });

  it('writes status_kawin as decided, and no deed number it does not hold', () => {
    expect(statusKawin('BELUM_KAWIN')).toBe(1);
    expect(statusKawin('KAWIN_TERCATAT')).toBe(2);
    expect(statusKawin('KAWIN_BELUM_TERCATAT')).toBe(2);
    expect(statusKawin('CERAI_HIDUP_TERCATAT')).toBe(3);
    expect(statusKawin('CERAI_MATI')).toBe(4);
    expect(statusKawinKk('KAWIN_TERCATAT')).toBe('KAWIN TERCATAT');
    expect(statusKawinKk('CERAI_HIDUP_BELUM_TERCATAT')).toBe('CERAI HIDUP BELUM TERCATAT');
    const row = openSidRow({ nik: '5316015708850001', kkNumber: '5316011203100001', relationship: 3, fullName: 'Maria Dhae', birthPlace: 'Mbay', birthDate: '1985-08-17', sex: 'F', religion: 'KATOLIK', maritalStatus: 'KAWIN_TERCATAT', motherName: 'Ibu', address: 'Labolewa' });
    expect(row).toHaveLength(OPENSID_COLUMNS.length + 1);
    expect(row[OPENSID_COLUMNS.indexOf('status_kawin')]).toBe(2);
    expect(row[OPENSID_COLUMNS.length]).toBe('KAWIN TERCATAT');
    expect(row[OPENSID_COLUMNS.indexOf('akta_perkawinan')]).toBe('-');
    expect(row[OPENSID_COLUMNS.indexOf('tanggallahir')]).toBe('17-08-1985');
    expect(row[OPENSID_COLUMNS.indexOf('agama_id')]).toBe(3);
    expect(row[OPENSID_COLUMNS.indexOf('status_rekam')]).toBe('-');
  });

  it('truncates sheet names to 31 characters and leaves out what Excel refuses', () => {
    expect(sheetName('5316012002', 'Labolewa')).toBe('5316012002 Labolewa');
    expect(sheetName('5316012002', 'A very long village name / with a slash')).toBe('5316012002 A very long village');
  });
});

describe('the command', () => {
  it('takes one region and an output', () => {
    expect(parseExportArguments(['--village', '5316012002', '--out', 'x.xlsx', '--actor', 'cli:a'])).toEqual({ village: '5316012002', out: 'x.xlsx', actor: 'cli:a' });
    expect(parseExportArguments(['--district', '531601', '--per-village', 'd', '--actor', 'b'])).toEqual({ district: '531601', perVillage: 'd', actor: 'b' });
    expect(parseExportArguments([])).toEqual({ error: expect.stringContaining('--village or --district') });
    expect(parseExportArguments(['--village', '5316012002', '--district', '531601'])).toEqual({ error: expect.stringContaining('one of them') });
    expect(parseExportArguments(['--village', '5316012002', '--per-village', 'd'])).toEqual({ error: expect.stringContaining('--district') });
    expect(parseExportArguments(['--village'])).toEqual({ error: expect.stringContaining('--village takes') });
    expect(parseExportArguments(['--village', '5316012002', '--marital', 'x'])).toEqual({ error: 'unknown option --marital' });
    expect(parseExportArguments(['--village', '5316012002', 'extra'])).toEqual({ error: 'unexpected argument extra' });
  });

  it('checks the region against the regency with stable codes', () => {
    const code = (request: { village?: string; district?: string }) => {
      try {
        resolveExportRegion(request, '5316');
        return 'ok';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(code({ village: '53.16.01.2002' })).toBe('ok');
    expect(code({ district: '53.16.01' })).toBe('ok');
    expect(code({})).toBe('EXPORT_REGION_REQUIRED');
    expect(code({ village: '5316012002', district: '531601' })).toBe('EXPORT_REGION_REQUIRED');
    expect(code({ village: '12345' })).toBe('EXPORT_VILLAGE_INVALID');
    expect(code({ village: '5316019999' })).toBe('EXPORT_VILLAGE_INVALID');
    expect(code({ village: '5301012001' })).toBe('EXPORT_VILLAGE_INVALID');
    expect(code({ district: '5316' })).toBe('EXPORT_DISTRICT_INVALID');
    expect(code({ district: '531699' })).toBe('EXPORT_DISTRICT_INVALID');
    expect(code({ district: '530101' })).toBe('EXPORT_DISTRICT_INVALID');
  });
});

describe('GET /registers/opensid.xlsx', () => {
  const get = async (url: string, token?: string) => source.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('refuses bad input with problem+json and a stable code', async () => {
    const registrar = await tokenFor(['registrar'], ['5316']);
    for (const [query, code] of [
      ['', 'EXPORT_REGION_REQUIRED'],
      ['?village=12345', 'EXPORT_VILLAGE_INVALID'],
      ['?village=5316019999', 'EXPORT_VILLAGE_INVALID'],
      ['?district=531699', 'EXPORT_DISTRICT_INVALID'],
      [`?village=${villages[0]}&district=${districtCode}`, 'EXPORT_REGION_REQUIRED'],
    ] as const) {
      const res = await get(`/registers/opensid.xlsx${query}`, registrar);
      expect({ query, status: res.statusCode, type: res.headers['content-type'], code: res.json().code }).toEqual({ query, status: 400, type: expect.stringContaining('application/problem+json'), code });
    }
    const unknown = await get(`/registers/opensid.xlsx?village=${villages[0]}&marital=x`, registrar);
    expect(unknown.statusCode).toBe(400);
  });

  it('is for registrars and operators of the region: 401 without a token, 403 for another role or region', async () => {
    const url = `/registers/opensid.xlsx?village=${villages[0]}`;
    expect((await get(url)).statusCode).toBe(401);
    const analyst = await get(url, await tokenFor(['analyst'], ['5316']));
    expect([analyst.statusCode, analyst.json().code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    const other = districtCode === '531601' ? '531602' : '531601';
    const outside = await get(url, await tokenFor(['registrar'], [other]));
    expect([outside.statusCode, outside.json().code]).toEqual([403, 'OUTSIDE_REGION']);
    const outsideDistrict = await get(`/registers/opensid.xlsx?district=${districtCode}`, await tokenFor(['operator'], [`${villages[0]}`]));
    expect([outsideDistrict.statusCode, outsideDistrict.json().code]).toEqual([403, 'OUTSIDE_REGION']);
  });

  it('streams the workbook as an attachment, not to be cached, and audits it once, naming every resident', async () => {
    const code = villages[0] as string;
    const em = source.app.get(EntityManager).fork();
    const auditsBefore = await em.count(AuditEntry, { resourceType: 'register-export', outcome: 'SUCCESS' });
    const res = await get(`/registers/opensid.xlsx?village=${code}`, await tokenFor(['operator'], [districtCode], 'operator-7'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`attachment; filename="opensid-${code}.xlsx"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const workbook = await readWorkbook(res.rawPayload);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([sheetName(code, findVillage(code)?.name as string), 'Kode Data']);
    const rows = sheetRows(workbook.worksheets[0] as ExcelJS.Worksheet);
    const expected = (await snapshot(source, districtCode)).residents.filter((r) => r.particulars.villageCode === code);
    expect(rows.map((r) => r.nik).sort()).toEqual(expected.map((r) => r.nik).sort());
    const one = expected[0];
    expect(rows.find((r) => r.nik === one?.nik)).toMatchObject({ nama: one?.particulars.fullName, tempatlahir: one?.particulars.birthPlace, sex: one?.particulars.sex === 'M' ? 1 : 2 });

    const entries = await em.find(AuditEntry, { resourceType: 'register-export', outcome: 'SUCCESS' }, { orderBy: { at: 'desc' } });
    expect(entries).toHaveLength(auditsBefore + 1);
    const entry = entries[0] as AuditEntry;
    expect(entry).toMatchObject({ action: 'SEARCH', actorId: 'operator-7', regionCode: code, resultCount: rows.length });
    expect(await em.count(AuditEntryResult, { entry: entry.id })).toBe(rows.length);
  });
});
