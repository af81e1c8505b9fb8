// Laporan Mitra in Debian's Chromium against the real parts (the four services on PostgreSQL and NATS, the
// development OpenID Connect provider, the gateway serving the app's build): the midwife of Pustu Boawae reports a
// birth on a 390 px phone for a mother registered in identity beforehand, follows it in "Laporan saya" while the
// office verifies, registers and issues the deed through REST, until *Akta siap*; what the deeds service would refuse
// is refused on the phone before anything is sent, in Indonesian; a double tap and a retry after a lost answer make
// one case; no signal keeps what was typed; the parish secretary of Mbay reports a death and sees only her parish's
// reports, then reports burials (Laporan Pemakaman): one of a registered death, one of a death nobody reported, and a
// burial day before the death refused in Indonesian. axe-core on every screen; no sideways scrolling at 390 px and 1366 px. WEB_SHOTS_DIR saves screenshots.
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { tokenFor } from '@adminduk/platform/testing';
import { DEV_PASSWORD, DEV_PEOPLE } from '../../oidc/people';
import {
  bearer,
  launchChromium,
  newContext,
  restAs,
  scrollsSideways,
  seriousAccessibilityViolations,
  shot,
  startOfficeSystem,
  watchPage,
  type OfficeSystem,
  type Rest,
} from './office-system';

jest.setTimeout(180_000);

let system: OfficeSystem;
let browser: Browser;
const problems: string[] = [];

const person = (username: string) => {
  const found = DEV_PEOPLE.find((p) => p.username === username);
  if (!found) throw new Error(`no demo person ${username}`);
  return found;
};
const MIDWIFE = person('bidan-boawae');
const PARISH_SECRETARY = person('sekretaris-paroki-mbay');

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const BIRTH_DOCUMENTS = ['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS', 'MARRIAGE_BOOK'];
const DEATH_DOCUMENTS = ['DEATH_LETTER_VILLAGE', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS'];
const tag = `${process.pid % 10_000}${Date.now() % 10_000}`;

/** The office's calendar day (WITA), `days` ago. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A deed case as the deeds service answers it: what the tests read. */
interface Deed {
  readonly version: number;
}

// REST through the gateway with test tokens (the services keep JWT_SECRET = TEST_JWT_SECRET beside the provider).
let registrar: Rest;
let operator: Rest;
const family: { motherNik?: string; fatherNik?: string; kkNumber?: string; deceasedNik?: string } = {};
const mother = { fullName: `Maria Goreti Wea M${tag}`, birthDate: '1990-03-01', sex: 'F' as const };
const father = { fullName: `Yosef Dhey Nuwa M${tag}`, birthDate: '1988-07-12', sex: 'M' as const };
const deceased = { fullName: `Paulus Lado Bhoko M${tag}`, birthDate: '1950-05-20', sex: 'M' as const };

async function registerResident(who: { fullName: string; birthDate: string; sex: 'M' | 'F' }, districtCode: string, villageCode: string): Promise<{ id: string; nik: string }> {
  const res = await registrar.ok<{ id: string; nik: string }>(
    'POST',
    'identity/residents',
    { ...who, birthPlace: 'Boawae', religion: 'KATOLIK', maritalStatus: 'KAWIN_TERCATAT', motherName: `Ibu ${who.fullName}`, districtCode, villageCode, address: 'RT 001 / RW 001' },
    201,
  );
  return { id: res.id, nik: res.nik };
}

beforeAll(async () => {
  system = await startOfficeSystem();
  browser = await launchChromium();
  registrar = restAs(system, bearer(await tokenFor(['registrar'], ['5316'], 'e2e-mitra-registrar')));
  operator = restAs(system, bearer(await tokenFor(['operator'], ['5316'], 'e2e-mitra-operator')));
  // The family the midwife will report a birth for (Natanage, Boawae), and a parishioner of Mbay (Aesesa).
  const f = await registerResident(father, '531603', '5316031001');
  const m = await registerResident(mother, '531603', '5316031001');
  const card = await registrar.ok<{ kkNumber: string }>('POST', 'identity/family-cards', { members: [{ residentId: f.id, relationship: 1 }, { residentId: m.id, relationship: 3 }] }, 201);
  const d = await registerResident(deceased, '531601', '5316011001');
  Object.assign(family, { motherNik: m.nik, fatherNik: f.nik, kkNumber: card.kkNumber, deceasedNik: d.nik });
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



/** Controls a thumb must hit that are smaller than 44 px high (buttons, links styled as buttons, inputs, radios). */
const smallTargets = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('main button, main .button, main input:not([type=radio]), main select, main label.radio')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => ({ text: (el.textContent || el.id).trim(), box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.height < 44 || box.width < 44)
    .map(({ text, box }) => text + ' ' + Math.round(box.width) + 'x' + Math.round(box.height))`) as Promise<string[]>;

async function signIn(page: Page, who: { username: string }): Promise<void> {
  await page.goto(`${system.origin}/`);
  await page.waitForSelector('body[data-state="ready"]');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
  await page.getByLabel('Nama pengguna').fill(who.username);
  await page.getByLabel('Kata sandi').fill(DEV_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${system.origin}/mitra`);
  await page.waitForSelector('.mitra-form');
}

const isReport = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/deeds/notifications';

/** The deeds service's cases, as the registrar's work queue lists them. */
async function cases(): Promise<{ id: string; deedType: string; status: string }[]> {
  return (await registrar.ok<{ items: { id: string; deedType: string; status: string }[] }>('GET', 'deeds/deeds', undefined, 200)).items;
}

const errorsOf = (page: Page, field: string) => page.locator(`[data-field="${field}"] .field-error p`).allTextContents();

/** Opens "Laporan saya", refreshes it, and gives the stage shown for each report id. */
async function stages(page: Page): Promise<Record<string, string>> {
  const mine = page.getByRole('button', { name: 'Laporan saya', exact: true });
  if ((await mine.getAttribute('aria-pressed')) !== 'true') await mine.click();
  await page.waitForSelector('.mitra-mine[aria-busy="false"]');
  const listed = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/deeds/notifications');
  await page.getByRole('button', { name: 'Perbarui' }).click();
  await listed;
  await page.waitForSelector('.mitra-mine[aria-busy="false"]');
  return page.evaluate(`Object.fromEntries([...document.querySelectorAll('.report-card')].map((li) => [li.dataset.id, li.dataset.stage]))`) as Promise<Record<string, string>>;
}

describe('Laporan Mitra on the real services', () => {
  const sent: Request[] = [];
  let birthReport: { id: string; deedId: string } | undefined;

  it('the midwife on a phone: what the service would refuse is refused before sending, in Indonesian, and nothing is sent', async () => {
    const { context, page } = await open('phone');
    page.on('request', (r) => {
      if (isReport(r)) sent.push(r);
    });
    await signIn(page, MIDWIFE);
    expect(await page.textContent('#page-title')).toBe('Laporan Mitra');
    // A health post reports births: the form opens on a birth, as a Pustu, in her kecamatan, born at her Pustu.
    expect(await page.getByRole('radio', { name: 'Kelahiran' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Jenis lembaga pelapor').inputValue()).toBe('HEALTH_POST');
    expect(await page.textContent('[data-field="districtCode"]')).toContain('Boawae');
    expect(await page.getByLabel('Tempat persalinan').inputValue()).toBe('Pustu Boawae');
    expect(await page.locator('.workplace .notice').filter({ hasText: 'sedang dibangun' }).count()).toBe(0);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A NIK whose birth date cannot be (day 72): said at once, while typing.
    await page.getByLabel('NIK ibu').fill('5316037203900001');
    expect(await errorsOf(page, 'motherNik')).toEqual(['⚠ Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang sah. Periksa kembali NIK-nya.']);
    expect(await page.getByLabel('NIK ibu').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('NIK ibu').getAttribute('aria-describedby')).toContain('mitra-motherNik-error');
    // A man's NIK as the mother's.
    await page.getByLabel('NIK ibu').fill(family.fatherNik as string);
    expect(await errorsOf(page, 'motherNik')).toEqual(['⚠ Jenis kelamin tidak cocok dengan NIK (untuk perempuan, tanggal lahir pada NIK ditambah 40).']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A day after today; the rest filled in. Kirim: refused, the focus on the first field in error, nothing sent.
    await page.getByLabel('NIK ibu').fill(family.motherNik as string);
    expect(await page.textContent('[data-field="motherNik"] [data-nik-reads]')).toBe('Perempuan, lahir 1 Maret 1990');
    await page.getByLabel('Nama ibu').fill(mother.fullName);
    await page.getByRole('radio', { name: 'Perempuan' }).check();
    await page.getByLabel('Tanggal lahir').fill(daysAgo(-1));
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    expect(await errorsOf(page, 'eventDate')).toEqual(['⚠ Tanggal laporan tidak boleh sebelum tanggal peristiwa.']);
    // Focus moves after the screen updates: wait for it (a busy machine is slower than a person).
    await page.waitForFunction(`(document.activeElement && document.activeElement.id) === 'mitra-eventDate'`);
    expect(await page.textContent('.send-area [role="alert"]')).toBe('Ada 1 isian yang perlu diperbaiki sebelum laporan dikirim.');

    // Without the mother's NIK, her village names her; the father's NIK must be a man's.
    await page.getByLabel('Tanggal lahir').fill(daysAgo(2));
    await page.getByLabel('NIK ibu').fill('');
    await page.getByLabel('NIK ayah').fill(family.motherNik as string);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    expect(await errorsOf(page, 'fatherNik')).toEqual(['⚠ Jenis kelamin tidak cocok dengan NIK (untuk perempuan, tanggal lahir pada NIK ditambah 40).']);
    expect(await errorsOf(page, 'villageCode')).toEqual(['⚠ Data untuk mengenali peristiwa ini belum lengkap (misalnya NIK ibu atau tanggal peristiwa).']);
    // Focus moves after the screen updates: wait for it (a busy machine is slower than a person).
    await page.waitForFunction(`(document.activeElement && document.activeElement.id) === 'mitra-fatherNik'`);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    expect(sent).toHaveLength(0);
    expect(await cases()).toEqual([]);
    await context.close();
  });

  it('the midwife reports a birth: no signal keeps the form; a double tap makes one case; it is listed as Dilaporkan', async () => {
    const { context, page } = await open('phone');
    page.on('request', (r) => {
      if (isReport(r)) sent.push(r);
    });
    await signIn(page, MIDWIFE);
    await page.getByLabel('NIK ibu').fill(family.motherNik as string);
    await page.getByLabel('Nama ibu').fill(mother.fullName);
    await page.getByRole('radio', { name: 'Perempuan' }).check();
    await page.getByLabel('Tanggal lahir').fill(daysAgo(2));
    await page.getByLabel('Jam lahir (WITA)').fill('07:45');
    await page.getByLabel('NIK ayah').fill(family.fatherNik as string);
    expect(await page.textContent('[data-field="fatherNik"] [data-nik-reads]')).toBe('Laki-laki, lahir 12 Juli 1988');
    await page.getByLabel('Nama ayah').fill(father.fullName);
    await page.getByLabel('Desa / kelurahan').selectOption('5316031001');
    expect(await page.textContent('[data-field="eventDate"] [data-date-reads]')).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'mitra-390');

    // No signal: said so, and everything typed is still there.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForSelector('[data-failure="offline"]');
    expect(await page.textContent('.send-area [role="alert"]')).toContain('Tidak ada sinyal');
    expect(await page.getByLabel('Nama ibu').inputValue()).toBe(mother.fullName);
    expect(await page.getByLabel('NIK ayah').inputValue()).toBe(family.fatherNik);
    await context.setOffline(false);
    await page.waitForFunction('navigator.onLine');

    // A double tap: one request, one case, "Laporan terkirim".
    const before = sent.length;
    const answer = page.waitForResponse((r) => isReport(r.request()));
    await page.getByRole('button', { name: 'Kirim laporan' }).dblclick();
    const created = await answer;
    expect(created.status()).toBe(201);
    birthReport = (await created.json()) as { id: string; deedId: string };
    await page.waitForSelector('[data-outcome="created"]');
    expect(await page.textContent('.mitra-outcome h2')).toContain('Laporan terkirim');
    expect(await page.textContent('.mitra-outcome p')).toContain('Dilaporkan');
    // Focus moves after the screen updates: wait for it (a busy machine is slower than a person).
    await page.waitForFunction(`(document.activeElement && document.activeElement.tagName) === 'H2'`);
    expect(sent.length - before).toBe(1);
    expect(sent[sent.length - 1]?.headers()['idempotency-key']).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
    expect((await cases()).map((c) => c.id)).toEqual([birthReport.deedId]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The same birth reported again (a new report): "Sudah dilaporkan", still one case.
    await page.getByRole('button', { name: 'Buat laporan baru' }).click();
    await page.getByLabel('NIK ibu').fill(family.motherNik as string);
    await page.getByLabel('Nama ibu').fill(mother.fullName);
    await page.getByRole('radio', { name: 'Perempuan' }).check();
    await page.getByLabel('Tanggal lahir').fill(daysAgo(2));
    const again = page.waitForResponse((r) => isReport(r.request()));
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    expect((await again).status()).toBe(200);
    await page.waitForSelector('[data-outcome="duplicate"]');
    expect(await page.textContent('.mitra-outcome h2')).toContain('Sudah dilaporkan');
    expect(await cases()).toHaveLength(1);

    // Laporan saya: the birth, as Dilaporkan, with its day in words; nothing personal.
    await page.getByRole('button', { name: 'Lihat Laporan saya' }).click();
    const shown = await stages(page);
    expect(shown[birthReport.id]).toBe('REPORTED');
    const card = page.locator(`.report-card[data-id="${birthReport.id}"]`);
    expect(await card.locator('h3').textContent()).toBe('Kelahiran');
    expect(await card.locator('.stage-word').textContent()).toBe('Dilaporkan');
    const text = (await page.textContent('.report-list')) ?? '';
    expect(text).not.toContain(mother.fullName);
    expect(text).not.toContain(family.motherNik);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('a retry after a lost answer sends the same Idempotency-Key and makes one case (the second twin)', async () => {
    const { context, page } = await open('phone');
    await signIn(page, MIDWIFE);
    await page.getByLabel('NIK ibu').fill(family.motherNik as string);
    await page.getByLabel('Nama ibu').fill(mother.fullName);
    await page.getByRole('radio', { name: 'Laki-laki' }).check();
    await page.getByLabel('Tanggal lahir').fill(daysAgo(2));
    await page.getByLabel('Urutan kelahiran').selectOption('2');
    // Born at home: one tap instead of typing.
    await page.getByRole('button', { name: 'Lahir di rumah' }).click();
    expect(await page.getByLabel('Tempat persalinan').inputValue()).toBe('Rumah');
    const keys: string[] = [];
    // The first request reaches the service (the case is opened) but its answer is lost on the way back.
    let lost = false;
    await page.route('**/api/deeds/notifications', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      return route.abort('internetdisconnected');
    });
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForSelector('[data-failure="offline"]');
    expect(await cases()).toHaveLength(2);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.waitForSelector('[data-outcome="created"]');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await cases()).toHaveLength(2);
    await context.close();
  });

  it('the office moves the case on: the midwife sees Diverifikasi, Tercatat with the deed number, then Akta siap', async () => {
    const report = birthReport as { id: string; deedId: string };
    const { context, page } = await open('phone');
    await signIn(page, MIDWIFE);
    await page.getByRole('button', { name: 'Laporan saya', exact: true }).click();
    await page.waitForSelector(`.report-card[data-id="${report.id}"]`);

    const deed = `deeds/deeds/${report.deedId}`;
    for (const kind of BIRTH_DOCUMENTS) await operator.ok('POST', `${deed}/documents?kind=${kind}`, PDF, 201, { 'content-type': 'application/pdf' });
    const current = await operator.ok<Deed>('GET', deed, undefined, 200);
    const submitted = await operator.ok<Deed>(
      'POST',
      `${deed}/submit`,
      {
        version: current.version,
        particulars: { child: { fullName: `Maria Yasinta Wea M${tag}`, sex: 'F', religion: 'KATOLIK' } },
      },
      200,
    );
    const verified = await operator.ok<Deed>('POST', `${deed}/verify`, { version: submitted.version }, 200);
    expect((await stages(page))[report.id]).toBe('VERIFIED');

    const registered = await registrar.ok<Deed & { status: string; deedNumber: string }>('POST', `${deed}/register`, { version: verified.version }, 200);
    expect(registered.status).toBe('REGISTERED');
    expect((await stages(page))[report.id]).toBe('REGISTERED');
    const card = page.locator(`.report-card[data-id="${report.id}"]`);
    expect(await card.locator('.stage-word').textContent()).toBe('Tercatat');
    expect(await card.locator('.deed-number').textContent()).toBe(registered.deedNumber);

    await registrar.ok('POST', `${deed}/issue`, { version: registered.version }, 200);
    expect((await stages(page))[report.id]).toBe('READY');
    expect(await card.locator('.stage-word').textContent()).toBe('✓ Akta siap');
    expect(await card.locator('.road [aria-current="step"]').textContent()).toContain('Akta siap');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'mitra-progress-390');
    await context.close();
  });

  it('on a 1366 px desktop, and in English: the same form, no sideways scrolling', async () => {
    const { context, page } = await open('desktop');
    await signIn(page, MIDWIFE);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction('document.documentElement.lang === "en"');
    await page.waitForSelector('text=What you report');
    expect(await page.getByRole('button', { name: 'Send report' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'My reports' }).click();
    await page.waitForSelector('.report-card');
    expect(await page.locator('.report-card .stage-word').allTextContents()).toContain('✓ Deed ready (Akta siap)');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Indonesia' }).click();
    await page.waitForFunction('document.documentElement.lang === "id"');
    await context.close();
  });

  it('the parish secretary reports a death (OMAS) and sees only her parish’s reports', async () => {
    const { context, page } = await open('phone');
    await signIn(page, PARISH_SECRETARY);
    // A religious institution reports deaths: the form opens on a death, as a Lembaga Agama, in Aesesa.
    expect(await page.getByRole('radio', { name: 'Kematian' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Jenis lembaga pelapor').inputValue()).toBe('RELIGIOUS_INSTITUTION');
    expect(await page.textContent('[data-field="districtCode"]')).toContain('Aesesa');
    await page.getByLabel('Nama almarhum/almarhumah').fill(deceased.fullName);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    expect(await errorsOf(page, 'deceasedNik')).toEqual(['⚠ Kolom ini wajib diisi.']);
    expect(await errorsOf(page, 'eventDate')).toEqual(['⚠ Kolom ini wajib diisi.']);
    await page.getByLabel('NIK almarhum/almarhumah').fill(family.deceasedNik as string);
    expect(await page.textContent('[data-field="deceasedNik"] [data-nik-reads]')).toBe('Laki-laki, lahir 20 Mei 1950');
    await page.getByLabel('Tanggal meninggal').fill(daysAgo(1));
    await page.getByLabel('Tempat meninggal').fill('Rumah');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const answer = page.waitForResponse((r) => isReport(r.request()));
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    const created = await answer;
    expect(created.status()).toBe(201);
    const report = (await created.json()) as { id: string; deedId: string };
    await page.waitForSelector('[data-outcome="created"]');
    expect(await page.textContent('.mitra-outcome p')).toContain('kematian');

    const shown = await stages(page);
    expect(shown).toEqual({ [report.id]: 'REPORTED' });
    expect(await page.locator('.report-card h3').allTextContents()).toEqual(['Kematian']);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const deathCase = (await cases()).find((c) => c.id === report.deedId);
    expect(deathCase).toMatchObject({ deedType: 'DEATH', status: 'NOTIFIED' });
    await context.close();
  });

  it('the parish secretary reports burials (Laporan Pemakaman): a burial before the death is refused in Indonesian; the office answers matched or new case', async () => {
    const burialPosts: Request[] = [];
    const isBurial = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/deeds/burials';
    // The office registers the death the parish reported above: the burial by his NIK then finds a registered death.
    const deathCase = (await cases()).find((c) => c.deedType === 'DEATH');
    expect(deathCase).toBeDefined();
    const deed = `deeds/deeds/${deathCase?.id}`;
    for (const kind of DEATH_DOCUMENTS) await operator.ok('POST', `${deed}/documents?kind=${kind}`, PDF, 201, { 'content-type': 'application/pdf' });
    const current = await operator.ok<Deed>('GET', deed, undefined, 200);
    const submitted = await operator.ok<Deed>('POST', `${deed}/submit`, { version: current.version }, 200);
    const verified = await operator.ok<Deed>('POST', `${deed}/verify`, { version: submitted.version }, 200);
    expect(await registrar.ok<{ status: string }>('POST', `${deed}/register`, { version: verified.version }, 200)).toMatchObject({ status: 'REGISTERED' });

    const { context, page } = await open('phone');
    page.on('request', (r) => {
      if (isBurial(r)) burialPosts.push(r);
    });
    await signIn(page, PARISH_SECRETARY);
    await page.getByRole('button', { name: 'Laporan Pemakaman' }).click();
    await page.waitForSelector('form[aria-labelledby="mitra-burial-title"]');
    // A parish keeps its burial register: the form says so, in her kecamatan.
    expect(await page.getByLabel('Pencatat pemakaman').inputValue()).toBe('PARISH');
    expect(await page.textContent('[data-field="burial-districtCode"]')).toContain('Aesesa');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // His burial, but the day of burial typed before the day of death: refused on the phone, in Indonesian.
    await page.getByLabel('Nomor urut di buku pemakaman').fill(`${tag}/1`);
    await page.getByLabel('Nama almarhum/almarhumah').fill(deceased.fullName);
    await page.getByRole('radio', { name: 'Laki-laki' }).check();
    await page.getByLabel('NIK almarhum/almarhumah').fill(family.deceasedNik as string);
    await page.getByLabel('Tanggal meninggal').fill(daysAgo(1));
    await page.getByLabel('Tanggal dimakamkan').fill(daysAgo(3));
    await page.getByLabel('Nama tempat pemakaman').fill('Pemakaman Katolik Mbay');
    await page.getByLabel('Desa / kelurahan').selectOption('5316011001');
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    expect(await errorsOf(page, 'burial-burialDate')).toEqual(['⚠ Tanggal pemakaman tidak boleh sebelum tanggal kematian.']);
    await page.waitForFunction(`(document.activeElement && document.activeElement.id) === 'mitra-burial-burialDate'`);
    expect(await page.textContent('.send-area [role="alert"]')).toBe('Ada 1 isian yang perlu diperbaiki sebelum laporan dikirim.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(burialPosts).toHaveLength(0);

    // The right day: the office found his registered death (by the NIK).
    await page.getByLabel('Tanggal dimakamkan').fill(daysAgo(0));
    expect(await page.textContent('[data-field="burial-burialDate"] [data-date-reads]')).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    await shot(page, 'mitra-pemakaman-390');
    const answer = page.waitForResponse((r) => isBurial(r.request()));
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    expect((await answer).status()).toBe(201);
    await page.waitForSelector('[data-outcome="created"]');
    expect(await page.getAttribute('.mitra-outcome', 'data-match')).toBe('REGISTERED_DEATH');
    expect(await page.textContent('.mitra-outcome h2')).toContain('Pemakaman tercatat');
    expect(await page.textContent('.mitra-outcome')).toContain('Kematiannya sudah tercatat di Dinas.');
    await page.waitForFunction(`(document.activeElement && document.activeElement.tagName) === 'H2'`);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'mitra-pemakaman-matched-390');

    // A burial of a death nobody reported (no NIK known): the office opens a death case and waits for the family.
    await page.getByRole('button', { name: 'Laporkan pemakaman lain' }).click();
    const unknown = `Agustinus Nai M${tag}`;
    await page.getByLabel('Nama almarhum/almarhumah').fill(unknown);
    await page.getByRole('radio', { name: 'Laki-laki' }).check();
    await page.getByLabel('Tanggal dimakamkan').fill(daysAgo(1));
    await page.getByLabel('Nama tempat pemakaman').fill('Pemakaman Katolik Mbay');
    await page.getByLabel('Desa / kelurahan').selectOption('5316011001');
    const second = page.waitForResponse((r) => isBurial(r.request()));
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    expect((await second).status()).toBe(201);
    await page.waitForSelector('[data-outcome="created"][data-match="NEW_CASE"]');
    expect(await page.textContent('.mitra-outcome')).toContain('Dinas membuka berkas kematian baru');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(burialPosts).toHaveLength(2);
    // The office's queue holds the new death case, opened by the parish (no report of the family yet).
    const burials = await registrar.ok<{ items: { match: string; matchedBy: string; reporterKind: string }[] }>('GET', 'deeds/burials?villageCode=5316011001', undefined, 200);
    expect(burials.items.map((b) => [b.match, b.matchedBy, b.reporterKind])).toEqual([
      ['NEW_CASE', 'NONE', 'PARISH'],
      ['REGISTERED_DEATH', 'NIK', 'PARISH'],
    ]);
    expect((await cases()).filter((c) => c.deedType === 'DEATH').map((c) => c.status).sort()).toEqual(['NOTIFIED', 'REGISTERED']);
    await context.close();

    // The same form on a 1366 px desktop.
    const desk = await open('desktop');
    await signIn(desk.page, PARISH_SECRETARY);
    await desk.page.getByRole('button', { name: 'Laporan Pemakaman' }).click();
    await desk.page.waitForSelector('form[aria-labelledby="mitra-burial-title"]');
    await desk.page.getByLabel('Nama almarhum/almarhumah').fill('Maria Goreti Sea');
    await desk.page.getByRole('radio', { name: 'Perempuan' }).check();
    await desk.page.getByLabel('Tanggal meninggal').fill(daysAgo(2));
    await desk.page.getByLabel('Tanggal dimakamkan').fill(daysAgo(4));
    await desk.page.getByRole('button', { name: 'Kirim laporan' }).click();
    expect(await errorsOf(desk.page, 'burial-burialDate')).toEqual(['⚠ Tanggal pemakaman tidak boleh sebelum tanggal kematian.']);
    expect(await scrollsSideways(desk.page)).toBe(false);
    expect(await seriousAccessibilityViolations(desk.page)).toEqual([]);
    await shot(desk.page, 'mitra-pemakaman-1366');
    await desk.context.close();
  });

  it('reported no error in the browser', () => {
    // Going without signal and the lost answer fail requests on purpose.
    expect(problems.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });
});
