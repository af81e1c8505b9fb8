// Ikhtisar's Rapor Kemendagri (the Ministry's scorecard, issue 18) in Debian's Chromium against the real parts (the
// four services on PostgreSQL and NATS, the development OpenID Connect provider, the gateway serving the app's
// build), with two data-access agreements and a few residents registered through identity so that the values are
// not all empty. The registrar on a 1366 px desktop reads the twelve indicators with their targets, a computed
// value "x dari y", the ones not measured, enters the year's innovations by hand and sees them entered and met, opens
// a ranking, downloads the CSV and opens the printable page; an operator on a 390 px phone reads her kecamatan's.
// axe-core on each screen; no sideways scrolling.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tokenFor, waitFor } from '@adminduk/platform/testing';
import { DEV_PEOPLE } from '../../oidc/people';
import {
  bearer,
  launchChromium,
  newContext,
  officeToday,
  restAs,
  scrollsSideways,
  seriousAccessibilityViolations,
  shot,
  signIn,
  startOfficeSystem,
  watchPage,
  type OfficeSystem,
} from './office-system';

jest.setTimeout(240_000);

let system: OfficeSystem;
let browser: Browser;
const problems: string[] = [];
const tag = `${process.pid % 10_000}${Date.now() % 10_000}`;
const year = Number(officeToday().slice(0, 4));

function person(username: string): { username: string; name: string } {
  const p = DEV_PEOPLE.find((d) => d.username === username);
  if (!p) throw new Error(`no demo person ${username}`);
  return p;
}

/** The office day shifted by `days`, yyyy-mm-dd. */
const day = (days: number): string => new Date(Date.parse(`${officeToday()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const AGREEMENTS = [
  { number: `E2E-470/01/PKS-DINSOS-${tag}`, agency: 'Dinas Sosial Kabupaten Nagekeo', signedOn: day(-100), expiresOn: day(200), purpose: 'verifikasi penerima bantuan sosial', scopes: ['residents'], regions: ['5316'] },
  { number: `E2E-04/PKS-BPJS-${tag}`, agency: 'BPJS Kesehatan Cabang Ende', signedOn: day(-700), expiresOn: day(-20), purpose: 'validasi kepesertaan JKN', scopes: ['residents'], regions: ['5316'] },
];

interface Row {
  readonly id: string;
  readonly nameId: string;
  readonly unit: 'PERCENT' | 'COUNT';
  readonly status: string;
  readonly value: number | null;
  readonly target: number | null;
  readonly targetYear: number | null;
  readonly total: number | null;
  readonly covered: number | null;
}

/** The scorecard as the office reads it (exact counts). */
async function scorecard(region: string): Promise<Row[]> {
  const analyst = await tokenFor(['analyst'], ['5316'], 'e2e-rapor-analyst');
  return (await restAs(system, bearer(analyst)).ok<{ indicators: Row[] }>('GET', `reporting/scorecard?year=${year}&region=${region}`, undefined, 200)).indicators;
}

const percent = (n: number): string => `${n.toFixed(2).replace('.', ',')}%`;
const inUnit = (r: Row, n: number): string => (r.unit === 'PERCENT' ? percent(n) : String(n));

beforeAll(async () => {
  system = await startOfficeSystem({ dataAgreements: JSON.stringify(AGREEMENTS) });
  browser = await launchChromium();
  // A few residents (two adults in Aesesa and Boawae, a child), one e-KTP recorded: the computed values are real ones.
  const registrar = restAs(system, bearer(await tokenFor(['registrar'], ['5316'], 'e2e-rapor-registrar')));
  const people = [
    { fullName: `Maria Ngole R${tag}`, birthDate: '1985-04-02', sex: 'F', maritalStatus: 'KAWIN_TERCATAT', districtCode: '531601', villageCode: '5316011001' },
    { fullName: `Yohanes Bupu R${tag}`, birthDate: '1979-10-11', sex: 'M', maritalStatus: 'KAWIN_TERCATAT', districtCode: '531603', villageCode: '5316031001' },
    { fullName: `Agnes Wea R${tag}`, birthDate: '2019-01-20', sex: 'F', maritalStatus: 'BELUM_KAWIN', districtCode: '531601', villageCode: '5316011001' },
  ];
  const ids: string[] = [];
  for (const p of people) {
    const made = await registrar.ok<{ id: string }>('POST', 'identity/residents', { ...p, birthPlace: 'Mbay', religion: 'KATOLIK', motherName: `Ibu ${p.fullName}`, address: 'RT 001 / RW 001' }, 201);
    ids.push(made.id);
  }
  const ektp = await registrar.ok<{ version: number }>('GET', `identity/residents/${ids[0]}/ektp`, undefined, 200);
  await registrar.ok('POST', `identity/residents/${ids[0]}/ektp/actions`, { type: 'RECORD_BIOMETRICS', version: ektp.version, channel: 'OFFICE', place: 'Kantor Dinas Dukcapil' }, 201);
  await waitFor(
    async () => {
      const e = (await scorecard('5316')).find((r) => r.id === 'EKTP_RECORDING');
      return e && (e.total ?? 0) >= 2 && (e.covered ?? 0) >= 1 ? e : undefined;
    },
    'reporting to count the residents',
    60_000,
    500,
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
}, 180_000);

async function open(size: 'phone' | 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, size);
  const page = await context.newPage();
  problems.push(...watchPage(page));
  return { context, page };
}

/** Ikhtisar's scorecard once its rows are on screen. */
async function scorecardShown(page: Page): Promise<void> {
  await page.waitForSelector('.ikhtisar[aria-busy="false"] .rapor-rows');
}

const card = (page: Page, id: string) => page.locator(`.rapor-row[data-indicator="${id}"]`);

describe('Rapor Kemendagri on the real services', () => {
  it('the registrar reads every Ministry indicator against its target, enters the innovations, ranks, exports and prints', async () => {
    const expected = await scorecard('5316');
    expect(expected).toHaveLength(12);
    const { context, page } = await open('desktop');
    await signIn(system, page, 'registrar');
    await page.getByRole('link', { name: 'Ikhtisar' }).click();
    await page.getByRole('link', { name: 'Rapor Kemendagri' }).click();
    await scorecardShown(page);
    expect(new URL(page.url()).search).toBe('?bagian=rapor');
    expect(await page.locator('.rapor-region').textContent()).toMatch(new RegExp(`^Kabupaten Nagekeo, tahun ${year}, per \\d{1,2} [A-Z][a-z]+ ${year}$`));

    // Every indicator, by its Indonesian name, with its target (the 2023 one, said so) or "tanpa target".
    expect(await page.locator('.rapor-row h3').allTextContents()).toEqual(expected.map((r) => r.nameId));
    for (const r of expected) {
      const target = r.target === null ? 'Tanpa target Kemendagri' : `Target ${inUnit(r, r.target)}${r.targetYear !== null && r.targetYear < year ? ` (target ${r.targetYear})` : ''}`;
      expect(await card(page, r.id).locator('.rapor-target').textContent()).toBe(target);
    }
    expect(await card(page, 'EKTP_RECORDING').locator('.rapor-target').textContent()).toBe(year > 2023 ? 'Target 99,40% (target 2023)' : 'Target 99,40%');

    // A computed one: its value, "x dari y", whether met, computed by the system.
    const ektp = expected.find((r) => r.id === 'EKTP_RECORDING') as Row;
    const ektpCard = card(page, 'EKTP_RECORDING');
    expect(await ektpCard.locator('.rapor-value').textContent()).toBe(`${percent(ektp.value as number)} (${ektp.covered} dari ${ektp.total})`);
    expect(await ektpCard.locator('.rapor-standing').textContent()).toMatch(/^✗ Belum tercapai, kurang [\d,]+ poin persen$|^✓ Tercapai$/);
    expect(await ektpCard.locator('.rapor-measured').textContent()).toBe('Dihitung sistem');
    // The agreements: one in force of the 15 asked.
    expect(await card(page, 'PKS').locator('.rapor-value').textContent()).toBe('1');
    expect(await card(page, 'PKS').locator('.rapor-standing').textContent()).toBe('✗ Belum tercapai, kurang 14');
    expect(await card(page, 'PKS').locator('.rapor-measured').textContent()).toBe('Dihitung sistem');

    // What the system does not measure says so.
    const plain = card(page, 'PLAIN_PAPER');
    expect(await plain.getAttribute('data-status')).toBe('NOT_MEASURED');
    expect(await plain.locator('.rapor-value').textContent()).toBe('Belum ada nilai');
    expect(await plain.locator('.rapor-measured').textContent()).toBe('Tidak diukur sistem; belum diisi untuk tahun ini');
    expect(await card(page, 'INNOVATIONS').locator('.rapor-measured').textContent()).toBe('Tidak diukur sistem; belum diisi untuk tahun ini');

    // The definition and the formula, behind a summary.
    await ektpCard.locator('.rapor-about summary').click();
    expect(await ektpCard.locator('.rapor-about dt').allTextContents()).toEqual(['Definisi', 'Rumus', 'Sumber target']);
    expect(await ektpCard.locator('.rapor-about dd').first().isVisible()).toBe(true);

    // The ranking of the kecamatan, worst first, once opened.
    await ektpCard.locator('.rapor-ranking summary').click();
    const ranking = ektpCard.locator('table[data-ranking="EKTP_RECORDING"]');
    await ranking.waitFor();
    expect(await ranking.locator('caption').textContent()).toBe(`Peringkat kecamatan: ${ektp.nameId}, yang paling rendah di atas`);
    const ranks = await ranking.locator('tbody tr td:first-child').allTextContents();
    expect(ranks.length).toBeGreaterThanOrEqual(7);
    expect(ranks.map(Number)).toEqual([...ranks.map(Number)].sort((a, b) => a - b));
    expect(await ranking.locator('tbody th').allTextContents()).toContain('Aesesa');

    // A value the service refuses: its message, in Indonesian, from the problem's code.
    await plain.locator('.rapor-entry summary').click();
    await plain.getByLabel('Nilai (persen, 0–100)').fill('150');
    await plain.getByRole('button', { name: 'Simpan nilai' }).click();
    expect(await plain.locator('[role="alert"]').textContent()).toBe('Nilai tidak valid: persentase 0 sampai 100, atau jumlah 0 atau lebih.');
    expect(await plain.getByLabel('Nilai (persen, 0–100)').getAttribute('aria-invalid')).toBe('true');

    // The registrar enters the year's two innovations with a note: entered by her, met.
    const innovations = card(page, 'INNOVATIONS');
    await innovations.locator('.rapor-entry summary').click();
    await innovations.getByLabel('Nilai (jumlah)').fill('2');
    await innovations.getByLabel('Catatan (dari mana angka ini)').fill(`Inovasi ${year}: akta kematian lewat paroki; IKD di kantor desa`);
    // By keyboard: Enter in the value field sends the form.
    await innovations.getByLabel('Nilai (jumlah)').press('Enter');
    await page.waitForSelector('.rapor-row[data-indicator="INNOVATIONS"][data-status="ENTERED"]');
    // The focus is on the indicator's heading, its new standing read next.
    await page.waitForFunction('document.activeElement && document.activeElement.id === "rapor-INNOVATIONS"');
    expect(await page.locator('.rapor-saved').textContent()).toBe(`Nilai ${expected.find((r) => r.id === 'INNOVATIONS')?.nameId} tersimpan.`);
    expect(await innovations.locator('.rapor-value').textContent()).toBe('2');
    expect(await innovations.locator('.rapor-standing').textContent()).toBe('✓ Tercapai');
    expect(await innovations.locator('.rapor-measured').textContent()).toMatch(new RegExp(`^Diisi manual oleh ${person('registrar').name} pada \\d{1,2} [A-Z][a-z]+ ${year}$`));
    expect(await innovations.locator('.rapor-note').textContent()).toContain('akta kematian lewat paroki');

    // The agreements and their use.
    const agreements = page.locator('.rapor-agreements tbody tr');
    expect(await agreements.count()).toBe(2);
    expect(await page.locator(`.rapor-agreements tr[data-agreement="${AGREEMENTS[0].number}"] td`).allTextContents()).toEqual([AGREEMENTS[0].number, expect.any(String), 'Ya', '0']);
    expect(await page.locator(`.rapor-agreements tr[data-agreement="${AGREEMENTS[1].number}"] td`).nth(2).textContent()).toBe('Tidak');

    // The office's own indicators, apart and labelled as the office's.
    expect(await page.locator('#rapor-office-title').textContent()).toBe('Indikator Dinas sendiri (bukan indikator Kemendagri)');
    expect(await page.locator('.rapor-office-list li').count()).toBeGreaterThanOrEqual(5);

    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'ikhtisar-rapor-1366');

    // The CSV of the same year and region: the link answers text/csv; a click downloads the office's copy.
    const csv = page.getByRole('link', { name: 'Unduh CSV' });
    const href = (await csv.getAttribute('href')) as string;
    expect(href).toBe(`/api/reporting/scorecard/export.csv?year=${year}&region=5316`);
    const res = await fetch(`${system.origin}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    expect(download.suggestedFilename()).toBe(`rapor-kemendagri_5316_${year}.csv`);
    const text = (await download.createReadStream().then(async (s) => {
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    })) as string;
    expect(text.split('\n')[0]).toMatch(/^year,as_of,region_code,indicator,/);
    expect(text).toMatch(new RegExp(`\\n${year},[^,]*,5316,INNOVATIONS,.*,ENTERED,2,`));

    // The printable page, in a new tab, with every indicator.
    const print = page.getByRole('link', { name: 'Buka halaman cetak' });
    expect(await print.getAttribute('href')).toBe(`/api/reporting/scorecard/print?year=${year}&region=5316`);
    const [tab] = await Promise.all([context.waitForEvent('page'), print.click()]);
    await tab.waitForLoadState();
    const printed = (await tab.textContent('body')) ?? '';
    for (const r of expected) expect(printed).toContain(r.nameId);
    await tab.close();

    // The year picker keeps the year in the address.
    await page.getByLabel('Tahun', { exact: true }).selectOption('2023');
    await page.waitForURL((url) => url.search === '?bagian=rapor&tahun=2023');
    await page.waitForSelector('.rapor-region:has-text("tahun 2023")');
    expect(await card(page, 'EKTP_RECORDING').locator('.rapor-target').textContent()).toBe('Target 99,40%');
    expect(await card(page, 'INNOVATIONS').getAttribute('data-status')).toBe('NOT_MEASURED');
    await context.close();
  });

  it('an operator on a phone reads her kecamatan’s scorecard and its villages’ ranking, without entering values', async () => {
    const { context, page } = await open('phone');
    await signIn(system, page, 'operator-aesesa');
    await page.goto(`${system.origin}/ikhtisar?bagian=rapor`);
    await scorecardShown(page);
    expect(await page.locator('.rapor-region').textContent()).toMatch(/^Kecamatan Aesesa, tahun /);
    expect(await page.locator('.rapor-row').count()).toBe(12);
    expect(await page.locator('.rapor-entry').count()).toBe(0);
    expect(await page.locator('.rapor-agreements').count()).toBe(0);
    // What is only known for the regency says so.
    expect(await card(page, 'PKS').locator('.rapor-measured').textContent()).toBe('Dihitung sistem, untuk seluruh kabupaten');
    // The registrar's entry above: entered by the office, when; who and the note are the regency's office's to read.
    expect(await card(page, 'INNOVATIONS').locator('.rapor-measured').textContent()).toMatch(/^Diisi manual oleh Dinas pada \d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(await card(page, 'INNOVATIONS').locator('.rapor-note').count()).toBe(0);
    const kia = card(page, 'KIA');
    // Opened from the keyboard.
    await kia.locator('.rapor-ranking summary').focus();
    await page.keyboard.press('Enter');
    const ranking = kia.locator('table[data-ranking="KIA"]');
    await ranking.waitFor();
    expect(await ranking.locator('caption').textContent()).toMatch(/^Peringkat desa\/kelurahan: /);
    expect(await ranking.locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await page.getByRole('link', { name: 'Unduh CSV' }).getAttribute('href')).toBe(`/api/reporting/scorecard/export.csv?year=${year}&region=531601`);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'ikhtisar-rapor-390');
    await context.close();
  });

  it('reported no error in the browser', () => {
    expect(problems).toEqual([]);
  });
});
