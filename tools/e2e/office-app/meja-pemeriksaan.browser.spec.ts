// Meja Petugas, "Pemeriksaan Data" (identity's reviews of the deeds events), in Debian's Chromium against the real
// parts (identity and deeds on PostgreSQL and NATS, the development OpenID Connect provider, the gateway serving the
// app's build). Three deaths are registered the real way through REST — a resident on his own card, a parish's
// report naming him by his NIK but with another name, documents, submit, verify, register — so that identity's
// consumer holds each death in a PARTICULARS_MISMATCH review instead of applying it. In the browser the registrar
// sees the open reviews (the desk's badge counts them), opens one, sees the deed's name beside the register's, and
// confirms it with a reason after the warning: the resident is deceased in the register. A second is rejected (the
// resident stays alive). The Boawae operator reads the third without the buttons (identity refuses the operator's
// confirmation anyway); a decision made meanwhile by another registrar is explained in Indonesian. axe-core on the
// list and a review at 1366 px and 390 px, neither scrolling sideways.
import { tokenFor } from '@adminduk/platform/testing';
import type { Browser, Page } from 'playwright-core';
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
  until,
  watchPage,
  type OfficeSystem,
  type Rest,
} from './office-system';

jest.setTimeout(240_000);

const DISTRICT = '531603';
const VILLAGE = '5316031001';

let system: OfficeSystem;
let browser: Browser;
let registrar: Rest;
const problems: string[] = [];
const tag = `${process.pid}${Date.now() % 100_000}`;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

const as = async (roles: Parameters<typeof tokenFor>[0], regions: string[], sub: string): Promise<Rest> => restAs(system, bearer(await tokenFor(roles, regions, sub)));

interface Held {
  readonly reviewId: string;
  readonly deedId: string;
  readonly deedNumber: string;
  readonly residentId: string;
  readonly registered: string;
  readonly reported: string;
}
const held: Record<'confirmed' | 'rejected' | 'raced', Held> = {} as never;
/** Reports a death through the parish and registers it at the desk (the deceased's particulars as given). */
let reportDeath: (deceased: { nik: string; fullName: string; sex: 'M' | 'F'; birthDate: string }, key: string) => Promise<{ deedId: string; deedNumber: string }>;

interface ReviewBody {
  readonly id: string;
  readonly deedId: string;
  readonly status: string;
  readonly resolution: string | null;
}

async function desk(username: string, size: 'desktop' | 'phone' = 'desktop'): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await newContext(browser, size);
  const page = await context.newPage();
  problems.push(...watchPage(page));
  await signIn(system, page, username);
  return { page, close: () => context.close() };
}

async function textIn(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(`[...document.querySelectorAll(${JSON.stringify(selector)})].some((e) => e.textContent.includes(${JSON.stringify(text)}))`);
}

async function openList(page: Page): Promise<void> {
  await page.goto(`${system.origin}/meja?bagian=pemeriksaan`);
  await ready(page);
  await page.waitForSelector('#meja-reviews-title');
  await page.waitForFunction(`!document.querySelector('.rv .status')?.textContent?.startsWith('Memuat')`);
}

async function openReview(page: Page, id: string): Promise<void> {
  await page.goto(`${system.origin}/meja?bagian=pemeriksaan&periksa=${id}`);
  await ready(page);
  await page.waitForFunction(`document.querySelector('#rv-title')?.textContent?.startsWith('Pemeriksaan:') === true`);
  // The deed and the residents are read after the review.
  await page.waitForSelector('.rv-people [data-resident], .rv-people li');
  // The deed's section says when its read is done (data-read); it must have been read, not failed.
  await page.waitForFunction(`document.querySelector('section[aria-labelledby="rv-deed"]')?.dataset.read !== 'pending'`);
  expect(await page.getAttribute('section[aria-labelledby="rv-deed"]', 'data-read')).toBe('ok');
}

const badge = (page: Page) => page.evaluate(`Number(document.querySelector('.meja-badge')?.dataset.count ?? 0)`) as Promise<number>;

beforeAll(async () => {
  system = await startOfficeSystem({ services: ['identity', 'deeds'] });
  browser = await launchChromium();

  registrar = await as(['registrar'], ['5316'], 'pemeriksaan-registrar');
  const parish = await as(['partner'], [DISTRICT], 'paroki-boawae-pemeriksaan');
  const operator = await as(['operator'], [DISTRICT], 'operator-rekan-pemeriksaan');
  reportDeath = async (deceased, key) => {
    const death = await parish.ok<{ deedId: string }>(
      'POST',
      'deeds/notifications',
      { deedType: 'DEATH', partnerKind: 'RELIGIOUS_INSTITUTION', eventDate: daysAgo(2), districtCode: DISTRICT, villageCode: VILLAGE, particulars: { deceased, place: 'Rumah duka, Natanage' } },
      201,
      { 'idempotency-key': key },
    );
    for (const kind of ['DEATH_LETTER_HEALTH', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS']) {
      await operator.ok('POST', `deeds/deeds/${death.deedId}/documents?kind=${kind}`, Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), 201, { 'content-type': 'application/pdf' });
    }
    type Deed = { id: string; status: string; version: number; deedNumber: string | null };
    let deed = await operator.ok<Deed>('GET', `deeds/deeds/${death.deedId}`, undefined, 200);
    deed = await operator.ok<Deed>('POST', `deeds/deeds/${death.deedId}/submit`, { version: deed.version }, 200);
    deed = await operator.ok<Deed>('POST', `deeds/deeds/${death.deedId}/verify`, { version: deed.version }, 200);
    deed = await registrar.ok<Deed>('POST', `deeds/deeds/${death.deedId}/register`, { version: deed.version }, 200);
    expect(deed.status).toBe('REGISTERED');
    return { deedId: death.deedId, deedNumber: deed.deedNumber ?? '' };
  };

  /**
   * A resident on his own card, and a death deed registered for his NIK under another name: identity holds it.
   * Answers the review, once identity's consumer has opened it.
   */
  const heldDeath = async (registered: string, reported: string, key: string): Promise<Held> => {
    const resident = await registrar.ok<{ id: string; nik: string }>(
      'POST',
      'identity/residents',
      { fullName: registered, birthDate: '1941-04-04', sex: 'M', maritalStatus: 'CERAI_MATI', birthPlace: 'Boawae', religion: 'KATOLIK', motherName: `Ibu ${registered}`, districtCode: DISTRICT, villageCode: VILLAGE, address: 'RT 002 / RW 001, Natanage' },
      201,
    );
    await registrar.ok('POST', 'identity/family-cards', { members: [{ residentId: resident.id, relationship: 1 }] }, 201);
    const death = await parish.ok<{ deedId: string }>(
      'POST',
      'deeds/notifications',
      {
        deedType: 'DEATH',
        partnerKind: 'RELIGIOUS_INSTITUTION',
        eventDate: daysAgo(2),
        districtCode: DISTRICT,
        villageCode: VILLAGE,
        particulars: { deceased: { nik: resident.nik, fullName: reported, sex: 'M', birthDate: '1941-04-05' }, place: 'Rumah duka, Natanage' },
      },
      201,
      { 'idempotency-key': key },
    );
    for (const kind of ['DEATH_LETTER_HEALTH', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS']) {
      await operator.ok('POST', `deeds/deeds/${death.deedId}/documents?kind=${kind}`, Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), 201, { 'content-type': 'application/pdf' });
    }
    type Deed = { id: string; status: string; version: number; deedNumber: string | null };
    let deed = await operator.ok<Deed>('GET', `deeds/deeds/${death.deedId}`, undefined, 200);
    deed = await operator.ok<Deed>('POST', `deeds/deeds/${death.deedId}/submit`, { version: deed.version }, 200);
    deed = await operator.ok<Deed>('POST', `deeds/deeds/${death.deedId}/verify`, { version: deed.version }, 200);
    deed = await registrar.ok<Deed>('POST', `deeds/deeds/${death.deedId}/register`, { version: deed.version }, 200);
    expect(deed.status).toBe('REGISTERED');
    const review = await until(
      `identity's review of the death deed ${death.deedId}`,
      async () => (await registrar.ok<{ items: ReviewBody[] }>('GET', 'identity/deed-event-reviews?code=PARTICULARS_MISMATCH', undefined, 200)).items.find((r) => r.deedId === death.deedId),
      (r) => r !== undefined,
    );
    return { reviewId: (review as ReviewBody).id, deedId: death.deedId, deedNumber: deed.deedNumber ?? '', residentId: resident.id, registered, reported };
  };

  // The register knows him as Wea; the parish wrote his mother's clan, Bhoga (FAMILY_NAME_DIFFERS), and a day later.
  held.confirmed = await heldDeath(`Kornelis K${tag} Wea`, `Kornelis K${tag} Bhoga`, `pemeriksaan-1-${tag}`);
  // Another man's given name for this NIK (GIVEN_NAME_DIFFERS): a wrong NIK on the report.
  held.rejected = await heldDeath(`Petrus P${tag} Ngole`, 'Paulus Ngole', `pemeriksaan-2-${tag}`);
  held.raced = await heldDeath(`Yohanes Y${tag} Dhiu`, `Yohanes Y${tag} Rangga`, `pemeriksaan-3-${tag}`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
}, 180_000);

afterEach(() => {
  expect(problems.filter((p) => !/status of 40[39]/.test(p))).toEqual([]);
  problems.length = 0;
});

describe('Meja Petugas: Pemeriksaan Data (the deeds events identity holds)', () => {
  it('the registrar sees the open reviews, held ones first, with the badge counting them', async () => {
    const { page, close } = await desk('registrar');
    await page.goto(`${system.origin}/meja`);
    await ready(page);
    await page.waitForSelector('.meja-badge');
    expect(await badge(page)).toBe(3);
    const tab = page.getByRole('link', { name: /^Pemeriksaan Data/ });
    expect(await tab.textContent()).toContain('3 menunggu');
    await tab.click();
    await page.waitForFunction(`document.activeElement?.id === 'meja-reviews-title'`);
    await page.waitForSelector(`.rv-item[data-review="${held.confirmed.reviewId}"]`);
    // The deed's number and village come from deeds, read after the list.
    await textIn(page, `.rv-item[data-review="${held.confirmed.reviewId}"] .rv-deed`, `Akta Kematian · ${held.confirmed.deedNumber}`);
    const item = page.locator(`.rv-item[data-review="${held.confirmed.reviewId}"]`);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('Data diri pada akta berbeda dengan data penduduk');
    expect(text).toContain('Menunggu keputusan Petugas Registrasi');
    expect(text).toContain('Nama lengkap yang meninggal: Nama keluarga (kata terakhir) pada akta berbeda dengan data penduduk.');
    expect(text).toContain('Boawae · Natanage · Sejak ');
    expect(await page.locator('.rv-item').count()).toBe(3);
    // The oldest held first.
    expect(await page.evaluate(`[...document.querySelectorAll('.rv-item')].map((li) => li.dataset.review)`)).toEqual([held.confirmed.reviewId, held.rejected.reviewId, held.raced.reviewId]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, 'pemeriksaan-list-1366');
    await close();
  });

  it('the registrar opens a review, sees the deed beside the register, and confirms it: the resident is deceased', async () => {
    const { page, close } = await desk('registrar');
    await openList(page);
    // Keyboard: the review's link, then Enter.
    await page.locator(`.rv-item[data-review="${held.confirmed.reviewId}"] h3 a`).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(`document.activeElement?.id === 'rv-title'`);
    await page.waitForSelector('tr[data-field="deceased.fullName"]');
    await page.waitForFunction(`document.querySelector('tr[data-field="deceased.fullName"] .rv-register-value')?.textContent !== '(tidak dapat dibaca)'`);
    const nameRow = page.locator('tr[data-field="deceased.fullName"]');
    expect(await nameRow.locator('th').textContent()).toBe('Nama lengkap yang meninggal');
    expect(await nameRow.locator('.rv-deed-value').textContent()).toBe(held.confirmed.reported);
    expect(await nameRow.locator('.rv-register-value').textContent()).toBe(held.confirmed.registered);
    const dateRow = page.locator('tr[data-field="deceased.birthDate"]');
    expect(await dateRow.locator('.rv-deed-value').textContent()).toBe('5 April 1941');
    expect(await dateRow.locator('.rv-register-value').textContent()).toBe('4 April 1941');
    await textIn(page, '#rv-deed ~ dl', held.confirmed.deedNumber);
    await textIn(page, '.rv-people', 'Hidup');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, 'pemeriksaan-review-1366');

    let decisions = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/deed-event-reviews\/.+\/(confirm|reject)$/.test(r.url())) decisions++;
    });
    // Without a reason: refused here, the box focused.
    await page.getByRole('button', { name: 'Konfirmasi dan terapkan' }).click();
    await page.waitForFunction(`document.activeElement?.id === 'rv-reason'`);
    expect(await page.textContent('#rv-reason-error')).toBe('Tulis alasan keputusan.');
    expect(await page.getAttribute('#rv-reason', 'aria-invalid')).toBe('true');
    await page.getByLabel('Alasan keputusan').fill('Keluarga menunjukkan surat baptis:\norang yang sama, nama marga ibu dipakai pada laporan paroki');
    await page.getByRole('button', { name: 'Konfirmasi dan terapkan' }).click();
    await textIn(page, '#rv-warning', 'tidak dapat dibatalkan');
    await textIn(page, '#rv-warning', 'jejak audit');
    expect(decisions).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Batal goes back; then the decision for real.
    await page.getByRole('button', { name: 'Batal' }).click();
    expect(decisions).toBe(0);
    await page.getByRole('button', { name: 'Konfirmasi dan terapkan' }).click();
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/confirm'));
    await page.getByRole('button', { name: 'Ya, terapkan pada data penduduk' }).click();
    expect((await answer).status()).toBe(200);
    await textIn(page, '.meja-ok', 'Dikonfirmasi. Perubahan dari akta sudah diterapkan pada data penduduk.');
    await textIn(page, '#rv-resolution ~ p', 'Dikonfirmasi dan diterapkan pada data penduduk');
    await textIn(page, '#rv-resolution ~ p', 'Alasan: Keluarga menunjukkan surat baptis: orang yang sama');
    await textIn(page, '.rv-resident-status', 'Meninggal');
    expect(await page.getByRole('button', { name: 'Konfirmasi dan terapkan' }).count()).toBe(0);
    expect(decisions).toBe(1);
    // The badge counts one fewer.
    await page.waitForFunction(`document.querySelector('.meja-badge')?.dataset.count === '2'`);

    // The register: identity holds him deceased; the desk's resident screen says so.
    const resident = await registrar.ok<{ status: string }>('GET', `identity/residents/${held.confirmed.residentId}`, undefined, 200);
    expect(resident.status).toBe('DECEASED');
    await page.getByRole('link', { name: `Buka data penduduk ${held.confirmed.registered}` }).click();
    await page.waitForSelector('[data-section="penduduk"][data-screen="resident"]');
    await textIn(page, '[data-section="penduduk"]', 'Meninggal');

    // The list no longer shows it.
    await openList(page);
    expect(await page.locator(`.rv-item[data-review="${held.confirmed.reviewId}"]`).count()).toBe(0);
    expect(await page.locator('.rv-item').count()).toBe(2);
    await close();
  });

  it('the registrar rejects another with a reason: nothing changes in the register', async () => {
    const { page, close } = await desk('registrar');
    await openReview(page, held.rejected.reviewId);
    expect(await page.locator('tr[data-field="deceased.fullName"] .rv-deed-value').textContent()).toBe('Paulus Ngole');
    await page.getByLabel('Alasan keputusan').fill('NIK pada laporan paroki salah ketik: orang lain. Paroki diminta membetulkan laporannya.');
    await page.getByRole('button', { name: 'Tolak', exact: true }).click();
    await textIn(page, '#rv-warning', 'tidak akan diterapkan pada data penduduk');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/reject'));
    await page.getByRole('button', { name: 'Ya, tolak' }).click();
    expect((await answer).status()).toBe(200);
    await textIn(page, '.meja-ok', 'Ditolak. Tidak ada yang diubah pada data penduduk.');
    await textIn(page, '#rv-resolution ~ p', 'Ditolak: tidak ada yang diterapkan');
    await textIn(page, '.rv-resident-status', 'Hidup');
    const resident = await registrar.ok<{ status: string }>('GET', `identity/residents/${held.rejected.residentId}`, undefined, 200);
    expect(resident.status).toBe('ALIVE');
    const review = await registrar.ok<ReviewBody>('GET', `identity/deed-event-reviews/${held.rejected.reviewId}`, undefined, 200);
    expect(review).toMatchObject({ status: 'RESOLVED', resolution: 'REJECTED' });
    await close();
  });

  it('the operator reads a review without the buttons; identity refuses the operator’s confirmation anyway', async () => {
    const { page, close } = await desk('operator-boawae');
    await page.goto(`${system.origin}/meja`);
    await ready(page);
    await page.waitForFunction(`document.querySelector('.meja-badge')?.dataset.count === '1'`);
    await openReview(page, held.raced.reviewId);
    await page.waitForSelector('tr[data-field="deceased.fullName"]');
    await textIn(page, '.rv-readonly', 'Hanya Petugas Registrasi');
    expect(await page.getByRole('button', { name: 'Konfirmasi dan terapkan' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Tolak', exact: true }).count()).toBe(0);
    expect(await page.locator('#rv-reason').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const operator = await as(['operator'], [DISTRICT], 'operator-boawae-check');
    const refused = await operator.call<{ code: string }>('POST', `identity/deed-event-reviews/${held.raced.reviewId}/confirm`, { reason: 'mencoba' });
    expect(refused).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    await close();
  });

  it('on a 390 px phone the list and a review read without sideways scrolling, and pass axe-core', async () => {
    const { page, close } = await desk('registrar', 'phone');
    await openList(page);
    await page.waitForSelector(`.rv-item[data-review="${held.raced.reviewId}"]`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, 'pemeriksaan-list-390');
    await openReview(page, held.raced.reviewId);
    await page.waitForSelector('tr[data-field="deceased.fullName"]');
    await page.getByRole('button', { name: 'Konfirmasi dan terapkan' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    // Every button is at least 44 px high.
    const heights = (await page.evaluate(`[...document.querySelectorAll('.rv-review button')].map((b) => b.getBoundingClientRect().height)`)) as number[];
    expect(heights.every((h) => h >= 44)).toBe(true);
    await shot(page, 'pemeriksaan-review-390');
    await close();
  });

  it('a decision made meanwhile by another registrar is explained in Indonesian, and the screen shows it', async () => {
    const { page, close } = await desk('registrar');
    await openReview(page, held.raced.reviewId);
    await page.getByLabel('Alasan keputusan').fill('Surat baptis ditunjukkan keluarga');
    await page.getByRole('button', { name: 'Konfirmasi dan terapkan' }).click();
    await page.getByRole('button', { name: 'Ya, terapkan pada data penduduk' }).waitFor();
    // Meanwhile a colleague rejects it.
    const colleague = await as(['registrar'], ['5316'], 'pemeriksaan-colleague');
    await colleague.ok('POST', `identity/deed-event-reviews/${held.raced.reviewId}/reject`, { reason: 'Ditolak oleh rekan: bukan orang yang sama' }, 200);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/confirm'));
    await page.getByRole('button', { name: 'Ya, terapkan pada data penduduk' }).click();
    expect((await answer).status()).toBe(409);
    await textIn(page, '.meja-error', 'Catatan pemeriksaan akta ini sudah diputuskan sebelumnya; tidak dapat diputuskan lagi.');
    await textIn(page, '#rv-resolution ~ p', 'Ditolak: tidak ada yang diterapkan');
    expect(await page.getByRole('button', { name: 'Konfirmasi dan terapkan' }).count()).toBe(0);
    const resident = await registrar.ok<{ status: string }>('GET', `identity/residents/${held.raced.residentId}`, undefined, 200);
    expect(resident.status).toBe('ALIVE');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'pemeriksaan-conflict-1366');
    await close();
  });
  it('the operator marks a review that holds nothing as done, with what was done: it leaves the list (issue 19 follow-up)', async () => {
    // A death of someone from Kota Kupang (NIK 5371…): the deed is registered here, the register has nobody to change.
    const stranger = await reportDeath({ nik: `537101120570${(Date.now() % 9000) + 1000}`, fullName: `Agustinus A${tag} Lake`, sex: 'M', birthDate: '1970-05-12' }, `pemeriksaan-4-${tag}`);
    const review = (await until(
      `identity's review of the death deed ${stranger.deedId}`,
      async () => (await registrar.ok<{ items: ReviewBody[] }>('GET', 'identity/deed-event-reviews?code=NIK_NOT_IN_REGISTER', undefined, 200)).items.find((r) => r.deedId === stranger.deedId),
      (r) => r !== undefined,
    )) as ReviewBody;
    const { page, close } = await desk('operator-boawae');
    await page.goto(`${system.origin}/meja?bagian=pemeriksaan&periksa=${review.id}`);
    await ready(page);
    await page.waitForFunction(`document.querySelector('#rv-title')?.textContent?.startsWith('Pemeriksaan:') === true`);
    await page.waitForFunction(`document.querySelector('section[aria-labelledby="rv-deed"]')?.dataset.read !== 'pending'`);
    await textIn(page, '#rv-decide', 'Tandai selesai');
    // No reason: said at the field, nothing sent.
    await page.getByRole('button', { name: 'Tandai selesai', exact: true }).click();
    await textIn(page, '#rv-reason-error', 'Tulis alasan keputusan.');
    await page.getByLabel('Apa yang sudah dilakukan').fill('Almarhum warga Kota Kupang: keluarga diarahkan melapor ke Dukcapil Kota Kupang.');
    await page.getByRole('button', { name: 'Tandai selesai', exact: true }).click();
    await textIn(page, '#rv-warning', 'keluar dari daftar pemeriksaan');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/close'));
    await page.getByRole('button', { name: 'Ya, tandai selesai' }).click();
    expect((await answer).status()).toBe(200);
    await textIn(page, '.meja-ok', 'Ditandai selesai.');
    await textIn(page, '#rv-resolution ~ p', 'Ditandai selesai');
    await shot(page, 'pemeriksaan-closed-1366');
    expect(await registrar.ok<ReviewBody>('GET', `identity/deed-event-reviews/${review.id}`, undefined, 200)).toMatchObject({ status: 'RESOLVED', resolution: 'DONE' });
    const open = await registrar.ok<{ items: ReviewBody[] }>('GET', 'identity/deed-event-reviews', undefined, 200);
    expect(open.items.map((r) => r.id)).not.toContain(review.id);
    await close();
  });
});
