// Meja Petugas, "Penduduk & KK", in Debian's Chromium against the real parts (identity and deeds on PostgreSQL and
// NATS, the development OpenID Connect provider, the gateway serving the app's build). A Boawae family is registered
// through identity's REST (six residents, one family card); in the browser the registrar opens the tab "Penduduk &
// KK", finds the married son by NIK (a mistyped NIK is refused as it is typed, in Indonesian) and by name (a bare
// name is explained as too broad), opens his family card, and starts a pecah KK that breaks the rules: the
// 14-year-old daughter as head of the new card, with her nephew. Every violation is listed before anything is sent
// and Simpan stays disabled; the registrar fixes it (the married son, his wife and their child), saves, and identity
// holds the new card. Then an e-KTP recording on the father, and a version conflict (a colleague marks it print-ready
// through REST while the page shows the old state). axe-core on every screen; 1366 px without sideways scrolling,
// also 1024 px and 390 px on the card.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenFor } from '@adminduk/platform/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  bearer,
  launchChromium,
  newContext,
  ready,
  restAs,
  scrollsSideways,
  seriousAccessibilityViolations,
  shot,
  signIn,
  startOfficeSystem,
  watchPage,
  type OfficeSystem,
  type Rest,
} from './office-system';

jest.setTimeout(240_000);

const DISTRICT = '531603';
const VILLAGE = '5316031001';

let system: OfficeSystem;
let browser: Browser;
/** identity's REST API, as the registrar who set up the family. */
let rest: Rest;
const problems: string[] = [];
// A clan name of this run only (letters: names are searched by their letters).
const clan = `Dhae${[...`${process.pid}${Date.now() % 10_000}`].map((d) => 'abcdefghij'[Number(d)]).join('')}`;

interface Person {
  readonly id: string;
  readonly nik: string;
  readonly fullName: string;
}
const family: Record<'bapa' | 'mama' | 'putra' | 'menantu' | 'cucu' | 'putri' | 'nenek', Person> = {} as never;
let cardId: string;

/** A family card as identity answers it: what the tests read. */
interface Card {
  readonly kkNumber: string;
  readonly members: readonly { readonly residentId: string; readonly relationship: number }[];
}

async function register(given: string, birthDate: string, sex: 'M' | 'F', maritalStatus: string): Promise<Person> {
  const fullName = `${given} ${clan}`;
  const body = await rest.ok<{ id: string; nik: string }>(
    'POST',
    'identity/residents',
    { fullName, birthPlace: 'Boawae', birthDate, sex, religion: 'KATOLIK', maritalStatus, motherName: `Ibu ${given}`, districtCode: DISTRICT, villageCode: VILLAGE, address: 'RT 001 / RW 001, Natanage' },
    201,
  );
  return { id: body.id, nik: body.nik, fullName };
}

async function open(size: 'desktop' | 'tablet' | 'phone' = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, size);
  const page = await context.newPage();
  problems.push(...watchPage(page));
  return { context, page };
}


/** The codes of the violations listed live in the change form. */
const listedCodes = (page: Page) => page.evaluate(`[...document.querySelectorAll('#pk-verdict .pk-violations li')].map((li) => li.dataset.code)`) as Promise<string[]>;

async function textIn(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(`[...document.querySelectorAll(${JSON.stringify(selector)})].some((e) => e.textContent.includes(${JSON.stringify(text)}))`);
}

async function accessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
}

beforeAll(async () => {
  system = await startOfficeSystem({ services: ['identity', 'deeds'] });
  browser = await launchChromium();
  rest = restAs(system, bearer(await tokenFor(['registrar'], ['5316'], 'meja-penduduk-setup')));
  // A Boawae family (NIKs issued by the office): the parents, their married son with his wife and child, their
  // 14-year-old daughter.
  family.bapa = await register('Yohanes', '1960-04-12', 'M', 'KAWIN_TERCATAT');
  family.mama = await register('Maria Goreti', '1962-09-30', 'F', 'KAWIN_TERCATAT');
  family.putra = await register('Fransiskus', '1990-01-15', 'M', 'KAWIN_TERCATAT');
  family.menantu = await register('Theresia', '1992-03-05', 'F', 'KAWIN_TERCATAT');
  family.cucu = await register('Mikael', '2015-06-01', 'M', 'BELUM_KAWIN');
  family.putri = await register('Agnes', '2012-08-20', 'F', 'BELUM_KAWIN');
  // The father's widowed mother, registered (moving in from another regency) but on no card yet.
  family.nenek = await register('Bernadeta', '1935-03-03', 'F', 'CERAI_MATI');
  const card = await rest.ok<{ id: string }>(
    'POST',
    'identity/family-cards',
    {
      members: [
        { residentId: family.bapa.id, relationship: 1 },
        { residentId: family.mama.id, relationship: 3 },
        { residentId: family.putra.id, relationship: 4, fatherResidentId: family.bapa.id, motherResidentId: family.mama.id },
        { residentId: family.menantu.id, relationship: 5 },
        { residentId: family.cucu.id, relationship: 6, fatherResidentId: family.putra.id, motherResidentId: family.menantu.id },
        { residentId: family.putri.id, relationship: 4, fatherResidentId: family.bapa.id, motherResidentId: family.mama.id },
      ],
    },
    201,
  );
  cardId = card.id;
});

afterAll(async () => {
  await browser?.close();
  await system?.close();
});

afterEach(() => {
  const pageErrors = problems.filter((p) => p.startsWith('page:'));
  problems.length = 0;
  expect(pageErrors).toEqual([]);
});

describe('Penduduk & KK in Meja Petugas', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await open('desktop'));
    await signIn(system, page, 'registrar');
  });

  afterAll(async () => {
    await context?.close();
  });

  it('finds a resident by NIK: a mistyped NIK is refused as it is typed, in Indonesian', async () => {
    await page.waitForURL((url) => url.pathname === '/meja');
    await page.locator('.meja-sections').getByRole('link', { name: 'Penduduk & KK' }).click();
    await page.waitForSelector('[data-section="penduduk"] #pk-nik');
    await accessible(page);

    const nik = page.getByLabel('NIK', { exact: true });
    // 31 + 1 = day 32: no such birth date (PP 37/2007 art. 37), and serial 0000.
    await nik.fill(`${DISTRICT}3202900000`);
    await page.waitForSelector('#pk-nik-check li[data-code="NIK_BIRTH_DATE_INVALID"]');
    await page.waitForSelector('#pk-nik-check li[data-code="NIK_SERIAL_INVALID"]');
    expect(await nik.getAttribute('aria-invalid')).toBe('true');
    await nik.fill('53160312a4600001');
    await textIn(page, '#pk-nik-check', 'NIK harus 16 angka');

    await nik.fill(family.putra.nik);
    await textIn(page, '#pk-nik-check', 'NIK sah: lahir 15 Januari 1990, Laki-laki, kecamatan Boawae');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.waitForSelector(`tr[data-resident="${family.putra.id}"]`);
    expect(await page.locator('.pk-results tbody tr').count()).toBe(1);
    await textIn(page, '.pk-results', '1 penduduk ditemukan');
    await accessible(page);
    await shot(page, 'meja-penduduk-1366');
  });

  it('finds the family by name: a bare name is explained, the kecamatan and desa narrow it', async () => {
    await page.getByLabel('Dengan nama').check();
    await page.getByLabel('Nama', { exact: true }).fill(clan.toLowerCase());
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await textIn(page, '#pk-name-check', 'Pencarian nama terlalu luas');
    await page.getByLabel('Kecamatan').selectOption(DISTRICT);
    await page.getByLabel('Desa/Kelurahan').selectOption(VILLAGE);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.waitForFunction(`new URLSearchParams(location.search).get('desa') === ${JSON.stringify(VILLAGE)}`);
    await textIn(page, '.pk-results [role="status"]', 'ditemukan');
    // The six on the card, and the grandmother who is on no card yet. The results of the search before (one row, by
    // NIK) may still be on screen for a moment: wait for the new ones rather than count at once.
    await page.waitForFunction(`document.querySelectorAll('.pk-results tbody tr').length === 7`);
    expect(await page.locator('.pk-results tbody tr').count()).toBe(7);
    await page.waitForSelector(`tr[data-resident="${family.cucu.id}"]`);
    await accessible(page);
  });

  it('opens a resident and their family card, with members, SHDK and history', async () => {
    await page.getByRole('link', { name: `Buka data ${family.putra.fullName}` }).click();
    await page.waitForSelector('#pk-resident-title');
    await textIn(page, '.pk-resident', 'Kawin Tercatat');
    await page.waitForSelector('[data-ektp-status]');
    await page.waitForSelector('[data-kia-status]');
    await accessible(page);

    await page.locator('.pk-card-link').click();
    await page.waitForSelector('#pk-card-title');
    await page.waitForSelector('.pk-table tr[data-version="1"]');
    const rows = await page.locator('.pk-members tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText.split('\t')[3]));
    expect(rows).toEqual(['Kepala Keluarga', 'Istri', 'Anak', 'Menantu', 'Cucu', 'Anak']);
    await textIn(page, '.pk-table', 'KK diterbitkan');
    await accessible(page);
    await shot(page, 'meja-kk-1366');
  });

  it('pecah KK: every broken rule listed before sending, Simpan disabled; fixed, saved, and identity holds the new card', async () => {
    await page.getByRole('link', { name: 'Pecah KK' }).click();
    await page.waitForSelector('form[data-change="pecah"]');
    const submit = page.getByRole('button', { name: 'Simpan pecah KK' });
    expect(await submit.isDisabled()).toBe(true);

    // The 14-year-old daughter as head of a new card, with her nephew.
    await page.getByLabel('Kepala Keluarga KK baru').selectOption(family.putri.id);
    await page.getByRole('checkbox', { name: new RegExp(family.cucu.fullName) }).check();
    await page.waitForSelector('#pk-verdict .pk-violations');
    const codes = await listedCodes(page);
    expect(codes).toEqual(expect.arrayContaining(['SPLIT_NEW_HEAD_NOT_MARRIED_CHILD', 'HEAD_NOT_WAJIB_KTP', 'CHILD_AGE_GAP']));
    await textIn(page, '#pk-verdict', 'Kepala Keluarga harus sudah Wajib KTP');
    await textIn(page, '#pk-verdict', 'Pecah KK: Kepala Keluarga baru harus anak yang sudah kawin');
    await textIn(page, '#pk-verdict', `Anggota: ${family.putri.fullName}, ${family.cucu.fullName}`);
    // The new card as it would be: she heads it, he is her Anak.
    await textIn(page, '[data-preview="pk-preview-new"]', 'Kepala Keluarga');
    expect(await submit.isDisabled()).toBe(true);
    await accessible(page);
    await shot(page, 'meja-pecah-kk-1366');

    // Fixed: the married son heads the new card, with his wife and their child.
    await page.getByLabel('Kepala Keluarga KK baru').selectOption(family.putra.id);
    await page.getByRole('checkbox', { name: new RegExp(family.menantu.fullName) }).check();
    await textIn(page, '#pk-verdict', 'Semua aturan Kartu Keluarga terpenuhi');
    expect(await listedCodes(page)).toEqual([]);
    expect(await submit.isDisabled()).toBe(false);
    const sent = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/family-cards/${cardId}/split`));
    await submit.click();
    expect((await sent).status()).toBe(200);
    await page.waitForSelector('[data-news="change"]');
    await textIn(page, '[data-news="change"]', 'Pecah KK tersimpan');
    // The card is read again: the parents and their daughter remain.
    await page.waitForFunction(`document.querySelectorAll('.pk-members tbody tr').length === 3`);
    await accessible(page);

    // Identity holds it: the son heads a new card with his wife (Istri) and child (Anak); the original card has a new number.
    const son = await rest.ok<{ familyCardId?: string }>('GET', `identity/residents/${family.putra.id}`, undefined, 200);
    expect(son.familyCardId).toBeDefined();
    expect(son.familyCardId).not.toBe(cardId);
    const newCard = await rest.ok<Card>('GET', `identity/family-cards/${son.familyCardId}`, undefined, 200);
    expect(newCard.members.map((m: { residentId: string; relationship: number }) => [m.residentId, m.relationship])).toEqual([
      [family.putra.id, 1],
      [family.menantu.id, 3],
      [family.cucu.id, 4],
    ]);
    const original = await rest.ok<Card>('GET', `identity/family-cards/${cardId}`, undefined, 200);
    expect(original.members.map((m: { residentId: string }) => m.residentId)).toEqual([family.bapa.id, family.mama.id, family.putri.id]);

    // The link to the new card opens it.
    await page.locator('[data-news="change"] a').click();
    await page.waitForSelector(`.pk-members tr[data-member="${family.cucu.id}"]`);
    await textIn(page, '#pk-card-title', newCard.kkNumber.replace(/^(\d{2})(\d{2})(\d{2})(\d{6})(\d{4})$/, '$1.$2.$3.$4.$5'));
  });

  it('records an e-KTP step with the version read; a colleague’s change in between is a conflict, and the page reloads', async () => {
    await page.goto(`${system.origin}/meja?bagian=penduduk&penduduk=${family.bapa.id}`);
    await ready(page);
    await page.waitForSelector('[data-ektp-status="NOT_RECORDED"]');
    await page.locator('.pk-ektp').getByLabel('Tindakan').selectOption('RECORD_BIOMETRICS');
    expect(await page.getByLabel('Tempat perekaman').inputValue()).toBe('Kantor Dinas Dukcapil Kabupaten Nagekeo');
    const recorded = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/residents/${family.bapa.id}/ektp/actions`));
    await page.locator('.pk-ektp').getByRole('button', { name: 'Simpan' }).click();
    const answer = await recorded;
    expect(answer.status()).toBe(201);
    expect((await answer.request().allHeaders())['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    await page.waitForSelector('[data-ektp-status="RECORDED"]');
    await textIn(page, '.pk-ektp', 'Tersimpan: Perekaman KTP-el (biometrik)');
    await accessible(page);
    expect((await rest.ok<{ status: string }>('GET', `identity/residents/${family.bapa.id}/ektp`, undefined, 200)).status).toBe('RECORDED');

    // A colleague marks it print-ready while this page still shows "Sudah perekaman".
    const ektp = await rest.ok<{ version: number }>('GET', `identity/residents/${family.bapa.id}/ektp`, undefined, 200);
    await rest.ok('POST', `identity/residents/${family.bapa.id}/ektp/actions`, { type: 'MARK_PRINT_READY', version: ektp.version }, 201);
    await page.locator('.pk-ektp').getByLabel('Tindakan').selectOption('MARK_PRINT_READY');
    await page.locator('.pk-ektp').getByRole('button', { name: 'Simpan' }).click();
    await textIn(page, '.pk-ektp [role="alert"]', 'Data berubah sejak diunduh');
    await page.waitForSelector('[data-ektp-status="PRINT_READY"]');
    await accessible(page);
    await shot(page, 'meja-penduduk-resident-1366');
  });

  it('activates the IKD once the e-KTP is recorded, then deactivates it for a lost phone, with the reason shown (issue 18)', async () => {
    // The mother has no recorded e-KTP: the panel says what is needed first, and offers nothing.
    await page.goto(`${system.origin}/meja?bagian=penduduk&penduduk=${family.mama.id}`);
    await ready(page);
    await page.waitForSelector('[data-ikd-status="NOT_ACTIVATED"]');
    await textIn(page, '.pk-ikd', 'IKD dapat diaktifkan setelah Perekaman KTP-el.');
    expect(await page.locator('.pk-ikd').getByRole('button', { name: 'Simpan' }).count()).toBe(0);

    // The father's e-KTP is recorded (the test before): activate.
    await page.goto(`${system.origin}/meja?bagian=penduduk&penduduk=${family.bapa.id}`);
    await ready(page);
    await page.waitForSelector('[data-ikd-status="NOT_ACTIVATED"]');
    await page.locator('.pk-ikd').getByLabel('Tindakan').selectOption('ACTIVATE');
    const activated = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/residents/${family.bapa.id}/ikd/actions`));
    await page.locator('.pk-ikd').getByRole('button', { name: 'Simpan' }).click();
    expect((await activated).status()).toBe(201);
    await page.waitForSelector('[data-ikd-status="ACTIVE"]');
    await textIn(page, '.pk-ikd', 'Tersimpan: Aktivasi IKD.');
    expect((await rest.ok<{ status: string }>('GET', `identity/residents/${family.bapa.id}/ikd`, undefined, 200)).status).toBe('ACTIVE');

    // The phone is lost: deactivated, with its reason, shown back.
    await page.locator('.pk-ikd').getByLabel('Tindakan').selectOption('DEACTIVATE');
    await page.getByLabel('Alasan dinonaktifkan').selectOption('PHONE_LOST');
    await page.locator('.pk-ikd').getByRole('button', { name: 'Simpan' }).click();
    await page.waitForSelector('[data-ikd-status="DEACTIVATED"]');
    await textIn(page, '.pk-ikd', 'HP hilang');
    const ikd = await rest.ok<{ status: string; history: { type: string; reason?: string }[] }>('GET', `identity/residents/${family.bapa.id}/ikd`, undefined, 200);
    expect(ikd.history.map((h) => [h.type, h.reason ?? null])).toEqual([
      ['ACTIVATE', null],
      ['DEACTIVATE', 'PHONE_LOST'],
    ]);
    // Re-activation (a new phone) is what is offered now.
    expect(await page.locator('.pk-ikd').getByLabel('Tindakan').locator('option').allTextContents()).toContain('Aktivasi ulang IKD (HP baru)');
    await accessible(page);
    await page.locator('.pk-ikd').scrollIntoViewIfNeeded();
    await shot(page, 'meja-penduduk-ikd-1366');

    // On a phone: the panel fits, and is as accessible.
    const small = await newContext(browser, 'phone');
    const p = await small.newPage();
    problems.push(...watchPage(p));
    await signIn(system, p, 'registrar');
    await p.waitForFunction(`location.pathname === '/meja'`);
    await p.goto(`${system.origin}/meja?bagian=penduduk&penduduk=${family.bapa.id}`);
    await ready(p);
    await p.waitForSelector('[data-ikd-status="DEACTIVATED"]');
    expect(await scrollsSideways(p)).toBe(false);
    expect(await seriousAccessibilityViolations(p)).toEqual([]);
    await p.locator('.pk-ikd').scrollIntoViewIfNeeded();
    await shot(p, 'meja-penduduk-ikd-390');
    await small.close();
  });

  it('prints a KIA for the grandchild (5 to under 17), with the version read, after its documents: one uploaded, the rest confirmed as seen', async () => {
    await page.goto(`${system.origin}/meja?bagian=penduduk&penduduk=${family.cucu.id}`);
    await ready(page);
    await page.waitForSelector('[data-kia-status="NOT_ISSUED"]');
    await textIn(page, '.pk-kia', 'Anak 5 sampai di bawah 17 tahun');
    // The application's documents (Permendagri 2/2016 for a child of 5 or over): none on file yet.
    const docs = page.locator('.pk-kia-docs li');
    expect(await docs.evaluateAll((els) => els.map((e) => [e.getAttribute('data-kia-document'), e.getAttribute('data-on-file')]))).toEqual([
      ['BIRTH_DEED', 'false'],
      ['KK', 'false'],
      ['KTP_PARENTS', 'false'],
      ['CHILD_PHOTO', 'false'],
    ]);
    // The child's photo, scanned at the counter: a file that is not what it says is refused before it is sent.
    const dir = mkdtempSync(join(tmpdir(), 'adminduk-kia-'));
    const fake = join(dir, 'foto-anak.jpg');
    writeFileSync(fake, '%PDF-1.7 bukan foto');
    const photo = join(dir, 'pas-foto.jpg');
    writeFileSync(photo, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]));
    const upload = page.locator('.pk-kia-docs li[data-kia-document="CHILD_PHOTO"]');
    await upload.getByLabel('Berkas Pas foto anak berwarna 2 × 3').setInputFiles(fake);
    await upload.getByRole('button', { name: 'Unggah' }).click();
    await textIn(page, '.pk-kia-docs li[data-kia-document="CHILD_PHOTO"] [role="alert"]', 'Isi berkas');
    await upload.getByLabel('Berkas Pas foto anak berwarna 2 × 3').setInputFiles(photo);
    await upload.getByRole('button', { name: 'Unggah' }).click();
    await page.waitForSelector('.pk-kia-docs li[data-kia-document="CHILD_PHOTO"][data-on-file="true"]');
    rmSync(dir, { recursive: true, force: true });
    // Printing with documents missing: the clerk is told which, and confirms the originals were seen.
    await page.locator('.pk-kia').getByLabel('Tindakan').selectOption('PRINT');
    await textIn(page, '.pk-kia .pk-warning', 'Berkas belum lengkap: Kutipan Akta Kelahiran anak, Kartu Keluarga (KK), KTP-el orang tua.');
    const save = page.locator('.pk-kia').getByRole('button', { name: 'Simpan' });
    expect(await save.isDisabled()).toBe(true);
    await accessible(page);
    await page.locator('.pk-kia').getByLabel('Dokumen aslinya sudah saya periksa di loket').check();
    await shot(page, 'meja-penduduk-kia-1366');
    await save.click();
    await page.waitForSelector('[data-kia-status="PRINTED"]');
    await accessible(page);
    const kia = await rest.ok<{ status: string; card?: { kiaType: string } | null; documents: { kind: string; forCard: number }[] }>('GET', `identity/residents/${family.cucu.id}/kia`, undefined, 200);
    expect([kia.status, kia.card?.kiaType]).toEqual(['PRINTED', 'FROM_5_TO_UNDER_17']);
    expect(kia.documents.map((d) => [d.forCard, d.kind])).toEqual([[1, 'CHILD_PHOTO']]);
  });

  it('pindah keluar with its SKPWNI, then datang kembali: the domain’s rule judges the form as it is typed', async () => {
    const paulus = await register('Paulus', '1985-07-07', 'M', 'BELUM_KAWIN');
    await page.goto(`${system.origin}/meja?bagian=penduduk&penduduk=${paulus.id}`);
    await ready(page);
    await page.waitForSelector('[data-resident-status="ALIVE"]');
    const panel = page.locator('.pk-status');
    expect(await panel.textContent()).toContain('Kematian dicatat lewat akta kematian di Kasus Akta');
    await panel.getByLabel('Perubahan').selectOption('MOVE_OUT');
    // A destination inside the regency is refused before anything is sent, in the domain's words.
    await panel.getByLabel('Kode wilayah tujuan').fill('531601');
    await panel.locator('.pk-violations li[data-code="DESTINATION_INSIDE_REGENCY"]').waitFor();
    await accessible(page);
    await panel.getByLabel('Kode wilayah tujuan').fill('5371');
    await textIn(page, '#pk-status-region-hint', 'Wilayah: Kota Kupang');
    expect(await panel.locator('.pk-violations').count()).toBe(0);
    await panel.getByLabel('Nomor SKPWNI (Surat Keterangan Pindah)').fill('SKPWNI/5316/0042/2026');
    await panel.getByRole('button', { name: 'Catat: Pindah keluar kabupaten (SKPWNI)' }).click();
    await page.waitForSelector('[data-resident-status="MOVED_OUT"]');
    await textIn(page, '.pk-status', 'Tercatat: Pindah keluar kabupaten (SKPWNI).');
    await textIn(page, '.pk-status', 'Antarkabupaten/kota');
    await page.waitForSelector('.pk-particulars [data-status="MOVED_OUT"], [data-status="MOVED_OUT"]');
    await accessible(page);

    // He comes back, to Labolewa in Aesesa: the kecamatan, the village and the address are asked for by name.
    await panel.getByLabel('Perubahan').selectOption('RETURN');
    await panel.getByRole('button', { name: 'Catat: Datang kembali ke kabupaten' }).click();
    await textIn(page, '.pk-status [role="alert"]', 'Isi dulu: kecamatan tujuan, desa/kelurahan tujuan, alamat.');
    await panel.getByLabel('Kecamatan tujuan').selectOption({ label: 'Aesesa' });
    await panel.getByLabel('Desa/kelurahan tujuan').selectOption({ label: 'Labolewa' });
    await panel.getByLabel('Alamat (RT/RW, dusun)').fill('RT 002 / RW 001, Labolewa');
    await panel.getByRole('button', { name: 'Catat: Datang kembali ke kabupaten' }).click();
    await page.waitForSelector('[data-resident-status="ALIVE"]');
    await textIn(page, '.pk-status', 'Tercatat: Datang kembali ke kabupaten.');
    await accessible(page);
    await shot(page, 'meja-penduduk-status-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, 'meja-penduduk-status-390');
    await page.setViewportSize({ width: 1366, height: 768 });
    const status = await rest.ok<{ status: string; villageCode: string; moves: { type: string; to: string; reference: string | null }[] }>('GET', `identity/residents/${paulus.id}/status`, undefined, 200);
    expect([status.status, status.villageCode, status.moves.map((m: { type: string; to: string; reference: string | null }) => [m.type, m.to, m.reference])]).toEqual([
      'ALIVE',
      '5316012002',
      [
        ['MOVE_OUT', '5371', 'SKPWNI/5316/0042/2026'],
        ['RETURN', '5316012002', null],
      ],
    ]);
  });

  it('pindah datang: the grandmother joins the card; as Anak the ages do not fit, as Orang Tua they do', async () => {
    await page.goto(`${system.origin}/meja?bagian=penduduk&kk=${cardId}`);
    await ready(page);
    await page.getByRole('link', { name: 'Anggota pindah datang' }).click();
    await page.waitForSelector('form[data-change="masuk"]');
    await page.getByLabel('NIK penduduk yang datang').fill(family.nenek.nik);
    await page.locator('form[data-change="masuk"]').getByRole('button', { name: 'Cari', exact: true }).click();
    await textIn(page, '#pk-in-found', `Ditemukan: ${family.nenek.fullName}, lahir 3 Maret 1935`);
    const submit = page.getByRole('button', { name: 'Simpan pindah datang' });
    await page.getByLabel('Hubungan dengan Kepala Keluarga').selectOption({ label: 'Anak' });
    await page.waitForSelector('#pk-verdict .pk-violations li[data-code="CHILD_AGE_GAP"]');
    expect(await submit.isDisabled()).toBe(true);
    await accessible(page);
    await page.getByLabel('Hubungan dengan Kepala Keluarga').selectOption({ label: 'Orang Tua' });
    await textIn(page, '#pk-verdict', 'Semua aturan Kartu Keluarga terpenuhi');
    await submit.click();
    await textIn(page, '[data-news="change"]', 'Pindah datang tersimpan');
    await page.waitForSelector(`.pk-members tr[data-member="${family.nenek.id}"]`);
    const card = await rest.ok<Card>('GET', `identity/family-cards/${cardId}`, undefined, 200);
    expect(card.members.map((m: { residentId: string; relationship: number }) => [m.residentId, m.relationship])).toContainEqual([family.nenek.id, 7]);
  });

  it('the card is usable at 1024 px and does not break at 390 px', async () => {
    for (const size of ['tablet', 'phone'] as const) {
      const small = await newContext(browser, size);
      const p = await small.newPage();
      problems.push(...watchPage(p));
      // The same person, signed in again in this context; the desk opens first.
      await signIn(system, p, 'registrar');
      await p.waitForFunction(`location.pathname === '/meja'`);
      await p.goto(`${system.origin}/meja?bagian=penduduk&kk=${cardId}&ubah=kepala`);
      await ready(p);
      await p.waitForSelector('form[data-change="kepala"]');
      await p.getByLabel('Kepala Keluarga baru').selectOption(family.mama.id);
      await textIn(p, '#pk-verdict', 'Semua aturan Kartu Keluarga terpenuhi');
      expect(await scrollsSideways(p)).toBe(false);
      expect(await seriousAccessibilityViolations(p)).toEqual([]);
      await small.close();
    }
  });
  it('a daughter moves to another village alone: the form asks what happens to the family card, and she leaves it', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${system.origin}/meja?bagian=penduduk&penduduk=${family.putri.id}`);
    await ready(page);
    await page.waitForSelector('[data-resident-status="ALIVE"]');
    const panel = page.locator('.pk-status');
    await panel.getByLabel('Perubahan').selectOption('MOVE_WITHIN');
    await panel.getByLabel('Kecamatan tujuan').selectOption({ label: 'Boawae' });
    await panel.getByLabel('Desa/kelurahan tujuan').selectOption({ label: 'Nageoga' });
    await panel.getByLabel('Alamat (RT/RW, dusun)').fill('RT 003 / RW 002, Nageoga');
    // She shares the card with her parents and grandmother: the whole family only on the head's application.
    const choice = panel.locator('.pk-family-choice');
    await choice.waitFor();
    expect(await choice.locator('legend').textContent()).toMatch(/^Kartu Keluarga: ada \d+ anggota lain pada KK ini$/);
    expect(await choice.getByRole('radio').first().isDisabled()).toBe(true);
    await panel.getByRole('button', { name: 'Catat: Pindah dalam kabupaten (antardesa/antarkecamatan)' }).click();
    await textIn(page, '.pk-status [role="alert"]', 'Isi dulu: pilihan Kartu Keluarga.');
    await accessible(page);
    await choice.getByLabel(/^Pindah sendiri/).check();
    await panel.getByRole('button', { name: 'Catat: Pindah dalam kabupaten (antardesa/antarkecamatan)' }).click();
    await textIn(page, '.pk-status', 'Tercatat: Pindah dalam kabupaten (antardesa/antarkecamatan).');
    const now = await rest.ok<{ villageCode: string; familyCardId?: string }>('GET', `identity/residents/${family.putri.id}`, undefined, 200);
    expect([now.villageCode, now.familyCardId ?? null]).toEqual(['5316031005', null]);
    const card = await rest.ok<{ members: { residentId: string }[] }>('GET', `identity/family-cards/${cardId}`, undefined, 200);
    expect(card.members.map((m) => m.residentId)).not.toContain(family.putri.id);
    expect(card.members.map((m) => m.residentId)).toContain(family.bapa.id);
  });
});
