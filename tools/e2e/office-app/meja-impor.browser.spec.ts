// Meja Petugas, "Impor Data" (issue 20: the clerk's desk uploads a village's register file and shows the report), in
// Debian's Chromium against the real identity service (PostgreSQL, NATS, the development OpenID Connect provider,
// the gateway serving the app's build). Real files, chosen in the file input as a person would: the committed
// OpenSID example (CSV) for Labolewa, loaded whole; an OpenSID workbook (.xlsx, written here with exceljs) with a
// woman's NIK on a row marked L, whose card is refused with the rule in Indonesian; the same workbook again,
// refused; and a PDF, stopped before it is sent. The latest imports list opens a result again. An Aesesa operator
// on a phone is offered Aesesa's villages only. axe-core at 1366 px and 390 px, neither scrolling sideways.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newContext, ready, scrollsSideways, seriousAccessibilityViolations, shot, signIn, startOfficeSystem, watchPage, type OfficeSystem } from './office-system';

jest.setTimeout(240_000);

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLE = join(ROOT, 'apps', 'identity', 'src', 'import', 'examples', 'opensid-format-impor-penduduk.csv');
const LABOLEWA = '5316012002';

let system: OfficeSystem;
let browser: Browser;
let dir: string;
const problems: string[] = [];

/** The example's rows as an OpenSID workbook, NIK and No. KK serials moved (09xy → 77xy), Maria's sex written L. */
async function workbookWithABadRow(): Promise<string> {
  const lines = readFileSync(EXAMPLE, 'utf8')
    .replace(/(\d{12})09(\d)(\d)\b/g, (_m, head: string, a: string, last: string) => `${head}77${a}${last}`)
    .replace('Maria Ngole,5316011503157701,5316014308847701,P', 'Maria Ngole,5316011503157701,5316014308847701,L')
    .trim()
    .split('\n');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Penduduk');
  for (const line of lines) sheet.addRow(line.split(','));
  const file = join(dir, 'penduduk-labolewa.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

async function desk(username: string, size: 'desktop' | 'phone' = 'desktop'): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await newContext(browser, size);
  const page = await context.newPage();
  problems.push(...watchPage(page));
  await signIn(system, page, username);
  await page.goto(`${system.origin}/meja?bagian=impor`);
  await ready(page);
  await page.waitForSelector('#meja-impor-title');
  return { page, close: () => context.close() };
}

async function load(page: Page, villageLabel: string, file: string): Promise<void> {
  await page.getByLabel('Desa/kelurahan tempat tinggal penduduk dalam berkas').selectOption({ label: villageLabel });
  await page.getByLabel('Berkas (.xlsx atau .csv)').setInputFiles(file);
  await page.getByRole('button', { name: 'Muat berkas' }).click();
}

beforeAll(async () => {
  system = await startOfficeSystem({ services: ['identity'] });
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'adminduk-impor-browser-'));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 180_000);

afterEach(() => {
  // 409 and 415 are answers the screen shows in words.
  expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  problems.length = 0;
});

describe('Meja Petugas: Impor Data', () => {
  it('the registrar loads the OpenSID example for Labolewa: 5 of 5 rows, 2 KK; the result has the focus', async () => {
    const { page, close } = await desk('registrar');
    await page.getByRole('link', { name: 'Impor Data' }).waitFor();
    await load(page, 'Labolewa', EXAMPLE);
    await page.waitForSelector('.impor-result[data-status="COMPLETED"]');
    expect(await page.evaluate(`document.activeElement?.id`)).toBe('impor-result-title');
    const result = (await page.textContent('.impor-result')) ?? '';
    expect(result).toContain('Hasil impor: opensid-format-impor-penduduk.csv');
    expect(result).toContain('Selesai. 5 dari 5 baris dimuat (2 KK).');
    expect(result).toContain('Tidak ada baris yang ditolak.');
    expect(result).toContain('Dibaca sebagai format impor penduduk OpenSID.');
    expect(result).toContain('Desa/kelurahan: Labolewa, Kec. Aesesa.');
    // Listed among the latest imports.
    await page.waitForSelector('.impor-history tr[data-job]');
    expect(await page.textContent('.impor-history')).toContain('opensid-format-impor-penduduk.csv');
    await close();
  });

  it('a workbook with a bad row: its card refused, each row with its rule in Indonesian; the same file again is refused', async () => {
    const { page, close } = await desk('registrar');
    const file = await workbookWithABadRow();
    await load(page, 'Labolewa', file);
    await page.waitForSelector('.impor-result[data-status="COMPLETED"]');
    const result = (await page.textContent('.impor-result')) ?? '';
    expect(result).toContain('Selesai. 2 dari 5 baris dimuat (1 KK).');
    expect(result).toContain('3 baris ditolak (1 KK).');
    // Sheet, row, masked NIK, the rule in words.
    const rows = await page.$$eval('.impor-result tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.querySelector('ul.impor-rules')?.textContent ?? td.textContent ?? '')));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['Penduduk', '2'],
      ['Penduduk', '3'],
      ['Penduduk', '4'],
    ]);
    expect(rows[1]?.[2]).toContain('531601******7701');
    expect(rows[1]?.[3]).toContain('Jenis kelamin tidak cocok dengan NIK');
    expect(rows[0]?.[3]).toContain('baris lain dari KK yang sama bermasalah');
    // No name, address or birth date of the refused rows on the screen.
    expect(result).not.toMatch(/Maria|Ngole|Trans Flores|1984/);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'meja-impor-1366');

    // The same bytes again: refused, said in Indonesian.
    await load(page, 'Labolewa', file);
    await page.waitForFunction(`document.querySelector('#impor-problem')?.textContent?.includes('sudah selesai diimpor')`);
    await close();
  });

  it('a PDF is stopped before it is sent; a missing village is asked for', async () => {
    const { page, close } = await desk('registrar');
    await page.getByRole('button', { name: 'Muat berkas' }).click();
    await page.waitForFunction(`document.querySelector('#impor-problem')?.textContent?.startsWith('Pilih desa')`);
    expect(await page.evaluate(`document.activeElement?.id`)).toBe('impor-village');
    const pdf = join(dir, 'surat.pdf');
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/imports')) posted = true;
    });
    await load(page, 'Labolewa', pdf);
    await page.waitForFunction(`(document.querySelector('#impor-problem')?.textContent ?? '') !== '' && !document.querySelector('#impor-problem').textContent.startsWith('Pilih desa')`);
    expect(posted).toBe(false);
    expect(await page.getAttribute('#impor-file', 'aria-invalid')).toBe('true');
    await close();
  });

  it('the latest imports open a result again, by its own address', async () => {
    const { page, close } = await desk('registrar');
    await page.waitForSelector('.impor-history tr[data-job]');
    await page.getByRole('link', { name: 'Lihat hasil: penduduk-labolewa.xlsx' }).click();
    await page.waitForSelector('.impor-result tbody tr');
    expect(page.url()).toMatch(/\/meja\?bagian=impor&impor=[0-9a-f-]{36}$/);
    expect(await page.textContent('.impor-result')).toContain('3 baris ditolak (1 KK).');
    await close();
  });

  it("downloads Labolewa in OpenSID's layout: the workbook holds the residents loaded above, a sheet named for the village", async () => {
    const { page, close } = await desk('registrar');
    await page.getByLabel('Wilayah').selectOption({ label: 'Labolewa' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh (.xlsx)' }).click()]);
    expect(download.suggestedFilename()).toBe(`opensid-${LABOLEWA}.xlsx`);
    const file = join(dir, 'unduhan.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe(`${LABOLEWA} Labolewa`);
    const niks: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) niks.push(String((row.values as unknown[])[7]));
    });
    // The example's five and the workbook's two imported above.
    expect(niks).toEqual(expect.arrayContaining(['5316011205800901', '5316010101550901', '5316010101557701']));
    expect(niks).toHaveLength(7);
    await page.waitForFunction(`document.querySelector('.impor-download .status')?.textContent?.includes('sudah diunduh')`);
    // A whole kecamatan is offered to a regency-wide scope.
    expect(await page.$$eval('#impor-download-region option', (os) => os.map((o) => o.getAttribute('value')))).toContain('531601');
    await close();
  });

  it("an Aesesa operator on a phone: Aesesa's villages only, no file without a village; readable at 390 px", async () => {
    const { page, close } = await desk('operator-aesesa', 'phone');
    const groups = await page.$$eval('#impor-village optgroup', (gs) => gs.map((g) => g.getAttribute('label')));
    expect(groups).toEqual(['Kec. Aesesa']);
    const values = await page.$$eval('#impor-village option', (os) => os.map((o) => o.getAttribute('value') ?? ''));
    expect(values).toContain(LABOLEWA);
    expect(values).not.toContain('-');
    await page.waitForSelector('.impor-history tr[data-job]');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'meja-impor-390');
    await close();
  });
});
