// Meja Petugas, the deed cases' further steps, in Debian's Chromium against the real parts (startOfficeSystem): the
// Boawae operator opens a death application at the counter ("Permohonan baru di loket": bad input refused before
// anything is sent, then the new case opens); the registrar corrects a registered and issued death deed (set up
// through REST: a parish's report, documents, submit, verify, register, issue), and the case shows the correction and
// its old kutipan as superseded; then looks at the uploaded death letter in the page and annuls the deed on a final
// court decision, after a confirmation (every kutipan then verifies as annulled); the operator archives a second
// report of a death (a duplicate with a mistyped NIK).
// axe-core on every new screen; 1366 px without sideways scrolling.
import { tokenFor } from '@adminduk/platform/testing';
import type { Browser, Page } from 'playwright-core';
import {
  bearer,
  launchChromium,
  newContext,
  publishTodaysVisit,
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
  type TodaysVisit,
} from './office-system';

jest.setTimeout(240_000);

const DISTRICT = '531603';
const VILLAGE = '5316031001';

let system: OfficeSystem;
let browser: Browser;
const problems: string[] = [];
const tag = `${process.pid}${Date.now() % 100_000}`;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A REST caller with a token of these roles and regions, made for this run. */
const as = async (roles: Parameters<typeof tokenFor>[0], regions: string[], sub: string): Promise<Rest> => restAs(system, bearer(await tokenFor(roles, regions, sub)));


async function desk(username: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await newContext(browser, 'desktop');
  const page = await context.newPage();
  problems.push(...watchPage(page));
  await signIn(system, page, username);
  return { page, close: () => context.close() };
}


async function textIn(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(`[...document.querySelectorAll(${JSON.stringify(selector)})].some((e) => e.textContent.includes(${JSON.stringify(text)}))`);
}

async function caseStatus(page: Page, status: string): Promise<void> {
  await page.waitForFunction(`document.querySelector('#meja-case-title')?.textContent?.endsWith(${JSON.stringify(` · ${status}`)}) === true`);
}

async function openCase(page: Page, id: string): Promise<void> {
  await page.goto(`${system.origin}/meja?kasus=${id}`);
  await ready(page);
  await page.waitForSelector('#meja-case-title:not(:has-text("Memuat"))');
}

const ids: { registered?: string; duplicate?: string; toHandOver?: string } = {};
let visit: TodaysVisit;
const DECEASED = `Kornelis Dhey Wea K${tag}`;
/** A NIK's last four digits, different on every run. */
const serial = String(1000 + (Number(tag) % 9000));

beforeAll(async () => {
  system = await startOfficeSystem();
  browser = await launchChromium();

  const registrar = await as(['registrar'], ['5316'], 'meja-more-registrar');
  const parish = await as(['partner'], [DISTRICT], 'paroki-boawae-more');
  const operator = await as(['operator'], [DISTRICT], 'operator-rekan-more');
  const report = { deedType: 'DEATH', partnerKind: 'RELIGIOUS_INSTITUTION', eventDate: daysAgo(2), districtCode: DISTRICT, villageCode: VILLAGE };

  /**
   * A death on the register registered as a deed: the deceased on his own card; the parish reports the death; the
   * counter adds the documents, submits and verifies; the registrar registers it. Answers the case.
   */
  const registeredDeath = async (fullName: string, birthDate: string, key: string): Promise<{ id: string; version: number }> => {
    const resident = await registrar.ok<{ id: string; nik: string }>(
      'POST',
      'identity/residents',
      { fullName, birthDate, sex: 'M', maritalStatus: 'CERAI_MATI', birthPlace: 'Boawae', religion: 'KATOLIK', motherName: `Ibu ${fullName}`, districtCode: DISTRICT, villageCode: VILLAGE, address: 'RT 002 / RW 001, Natanage' },
      201,
    );
    await registrar.ok('POST', 'identity/family-cards', { members: [{ residentId: resident.id, relationship: 1 }] }, 201);
    const death = await parish.ok<{ deedId: string }>(
      'POST',
      'deeds/notifications',
      { ...report, particulars: { deceased: { nik: resident.nik, fullName, sex: 'M' }, place: 'Rumah duka, Natanage' } },
      201,
      { 'idempotency-key': key },
    );
    for (const kind of ['DEATH_LETTER_HEALTH', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS']) {
      await operator.ok(`POST`, `deeds/deeds/${death.deedId}/documents?kind=${kind}`, Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), 201, { 'content-type': 'application/pdf' });
    }
    type Deed = { id: string; status: string; version: number };
    let deed = await operator.ok<Deed>('GET', `deeds/deeds/${death.deedId}`, undefined, 200);
    deed = await operator.ok<Deed>('POST', `deeds/deeds/${death.deedId}/submit`, { version: deed.version }, 200);
    deed = await operator.ok<Deed>('POST', `deeds/deeds/${death.deedId}/verify`, { version: deed.version }, 200);
    deed = await registrar.ok<Deed>('POST', `deeds/deeds/${death.deedId}/register`, { version: deed.version }, 200);
    expect(deed.status).toBe('REGISTERED');
    return deed;
  };

  // The first: registered and issued at the office (corrected, then annulled, in the tests).
  const first = await registeredDeath(DECEASED, '1941-04-04', `more-death-${tag}`);
  ids.registered = first.id;
  const issued = await registrar.ok<{ status: string }>('POST', `deeds/deeds/${first.id}/issue`, { version: first.version, channel: 'OFFICE' }, 200);
  expect(issued.status).toBe('ISSUED');

  // The second: registered, its kutipan to be handed over on today's Jemput Bola visit to Natanage. The village has a
  // resident due for e-KTP recording besides, so that the planner visits it.
  ids.toHandOver = (await registeredDeath(`Petrus Bhoga P${tag}`, '1939-09-09', `more-handover-${tag}`)).id;
  await registrar.ok(
    'POST',
    'identity/residents',
    { fullName: `Lusia Dhiu L${tag}`, birthDate: '2000-02-02', sex: 'F', maritalStatus: 'BELUM_KAWIN', birthPlace: 'Boawae', religion: 'KATOLIK', motherName: 'Ibu Lusia', districtCode: DISTRICT, villageCode: VILLAGE, address: 'RT 001 / RW 001, Natanage' },
    201,
  );
  visit = await publishTodaysVisit(system, await tokenFor(['registrar'], ['5316'], 'meja-more-planner'), {
    villageCode: VILLAGE,
    teamName: 'Tim Jemput Bola Boawae',
    ready: (b) => (b?.EKTP_RECORDING ?? 0) >= 1 && (b?.HANDOVER ?? 0) >= 1,
  });

  // A second report of a death, with the NIK mistyped: another case, which the office archives.
  const duplicate = await parish.ok<{ deedId: string }>(
    'POST',
    'deeds/notifications',
    { ...report, particulars: { deceased: { nik: `531603040441${serial}`, fullName: DECEASED }, place: 'Rumah duka' } },
    201,
    { 'idempotency-key': `more-duplicate-${tag}` },
  );
  ids.duplicate = duplicate.deedId;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
}, 60_000);

describe('Meja Petugas: opening at the counter, correction, annulment, archive', () => {
  it('the operator opens a death application at the counter: bad input is refused before sending, then the case opens', async () => {
    const { page, close } = await desk('operator-boawae');
    await page.goto(`${system.origin}/meja`);
    await ready(page);
    let opens = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/deeds\/deeds$/.test(r.url())) opens++;
    });
    await page.getByRole('button', { name: 'Permohonan baru di loket' }).click();
    await page.waitForFunction(`document.activeElement?.id === 'meja-open-title'`);
    // The queue's filters have labels of their own: the form's fields are found inside it.
    const form = page.locator('#meja-open');
    await form.getByLabel('Jenis akta').selectOption('DEATH');
    await form.getByLabel('Tanggal peristiwa').fill(daysAgo(1));
    await form.getByLabel('NIK yang meninggal').fill('1234');
    await form.getByRole('button', { name: 'Buka berkas' }).click();
    await textIn(page, '.meja-open .meja-error', 'Belum dapat dikirim');
    await page.waitForFunction(`document.activeElement?.id === 'open-deceased-nik'`);
    expect(await page.getAttribute('#open-deceased-fullName', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#open-deceased-fullName-error')).toContain('wajib diisi');
    expect(opens).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    const name = `Yohanes Bupu L${tag}`;
    await form.getByLabel('NIK yang meninggal').fill(`531603050542${serial}`);
    await form.getByLabel('Nama lengkap yang meninggal').fill(name);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/deeds\/deeds$/.test(r.url()));
    await form.getByRole('button', { name: 'Buka berkas' }).click();
    expect((await answer).status()).toBe(201);
    await caseStatus(page, 'Disiapkan');
    expect(await page.textContent('#meja-case-title')).toContain('Kematian');
    expect(await page.textContent('#meja-particulars ~ dl')).toContain(name);
    expect(new URL(page.url()).searchParams.get('kasus')).toMatch(/^[0-9a-f-]{36}$/);
    expect(opens).toBe(1);
    await close();
  });

  it('the registrar corrects a registered deed: the case shows the correction, the old kutipan superseded', async () => {
    const { page, close } = await desk('registrar');
    await openCase(page, ids.registered as string);
    await caseStatus(page, 'Akta siap');
    let corrections = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/corrections')) corrections++;
    });
    // Without a reason: refused here.
    await page.getByLabel('Data yang dibetulkan').selectOption('deceased.fullName');
    await page.getByLabel('Isian yang benar').fill(`Kornelis Dhey Bupu K${tag}`);
    await page.getByRole('button', { name: 'Betulkan akta' }).click();
    await page.waitForFunction(`document.activeElement?.id === 'correct-correctReason'`);
    expect(corrections).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByLabel('Alasan pembetulan').fill('Salah tulis nama keluarga pada laporan paroki');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/corrections'));
    await page.getByRole('button', { name: 'Betulkan akta' }).click();
    expect((await answer).status()).toBe(200);
    await textIn(page, '.meja-ok', 'Akta dibetulkan');
    await textIn(page, '#meja-summary ~ dl', `menjadi “Kornelis Dhey Bupu K${tag}”`);
    expect(await page.textContent('#meja-particulars ~ dl')).toContain(`Kornelis Dhey Bupu K${tag}`);
    await textIn(page, '#meja-history ~ div', 'Pembetulan akta');
    await textIn(page, '#meja-copies ~ *', 'Sudah diganti');
    // The annulment is offered to the registrar, with its court decision.
    expect(await page.textContent('.meja-actions')).toContain('Tanggal berkekuatan hukum tetap');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await close();
  });

  it('the registrar looks at an uploaded document, then annuls the corrected deed on a final court decision, after confirming it', async () => {
    const { page, close } = await desk('registrar');
    await openCase(page, ids.registered as string);
    await caseStatus(page, 'Tercatat');
    // First the registrar looks at the death letter uploaded by the counter: shown in the page, from the service.
    await page.getByRole('button', { name: 'Lihat Surat Keterangan Kematian (rumah sakit, Puskesmas)' }).click();
    const preview = page.locator('figure.meja-preview');
    await preview.waitFor();
    expect(await preview.locator('#meja-preview-title').textContent()).toBe('Surat Keterangan Kematian (rumah sakit, Puskesmas)');
    expect(await preview.locator('object').getAttribute('type')).toBe('application/pdf');
    const href = (await preview.getByRole('link', { name: 'Unduh berkas' }).first().getAttribute('href')) ?? '';
    expect(href).toMatch(/^blob:/);
    expect(await page.evaluate(`fetch(${JSON.stringify(href)}).then((r) => r.text())`)).toMatch(/^%PDF-1\.4/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await preview.getByRole('button', { name: 'Tutup pratinjau' }).click();
    await preview.waitFor({ state: 'detached' });

    let annulments = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/annulment')) annulments++;
    });
    // Without the court decision: refused here, the first missing field focused.
    await page.getByRole('button', { name: 'Batalkan akta', exact: true }).click();
    await page.waitForFunction(`document.activeElement?.id === 'annul-courtNumber'`);
    await page.getByLabel('Nomor putusan pengadilan').fill(`12/Pdt.P/2026/PN Bjw-${tag}`);
    await page.getByLabel('Tanggal berkekuatan hukum tetap').fill(daysAgo(1));
    await page.getByLabel('Keterangan (boleh kosong)').fill('Akta atas orang yang masih hidup');
    // Irreversible: the registrar confirms, with the decision in front of them.
    await page.getByRole('button', { name: 'Batalkan akta', exact: true }).click();
    await textIn(page, '#annul-confirm', `Batalkan akta ini berdasarkan putusan 12/Pdt.P/2026/PN Bjw-${tag}?`);
    expect(annulments).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tidak', exact: true }).click();
    expect(annulments).toBe(0);
    await page.getByRole('button', { name: 'Batalkan akta', exact: true }).click();
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/annulment'));
    await page.getByRole('button', { name: 'Ya, batalkan akta' }).click();
    expect((await answer).status()).toBe(200);
    await caseStatus(page, 'Dibatalkan');
    await textIn(page, '.meja-ok', 'Akta dibatalkan.');
    await textIn(page, '#meja-summary ~ dl', `Putusan 12/Pdt.P/2026/PN Bjw-${tag}`);
    expect(annulments).toBe(1);
    // The service holds the annulment; every kutipan of it verifies as annulled.
    type Annulled = { status: string; annulment: unknown; copies: { status: string; code: string }[] };
    const deed = await (await as(['registrar'], ['5316'], 'meja-more-check')).ok<Annulled>('GET', `deeds/deeds/${ids.registered}`, undefined, 200);
    expect(deed).toMatchObject({ status: 'ANNULLED', annulment: { courtDecision: { number: `12/Pdt.P/2026/PN Bjw-${tag}` }, reason: 'Akta atas orang yang masih hidup' } });
    expect(deed.copies.map((c) => c.status)).toEqual(deed.copies.map(() => 'ANNULLED'));
    const verified = await fetch(`${system.origin}/api/deeds/verify/${deed.copies[0]?.code}`);
    expect(((await verified.json()) as { status: string }).status).toBe('ANNULLED');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, 'meja-annulled-1366');
    await close();
  });

  it('the registrar issues a kutipan to be handed over on today’s Jemput Bola visit to the family’s village', async () => {
    const { page, close } = await desk('registrar');
    await openCase(page, ids.toHandOver as string);
    await caseStatus(page, 'Tercatat');
    await page.getByLabel('saat Jemput Bola ke desa keluarga').check();
    const choice = page.getByLabel('Kunjungan Jemput Bola');
    await choice.waitFor();
    expect(await choice.locator('option').allTextContents()).toEqual([expect.stringMatching(/^\d+ \w+ \d{4}: Natanage, tim Tim Jemput Bola Boawae$/)]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/issue'));
    await page.getByRole('button', { name: 'Terbitkan kutipan', exact: true }).click();
    const issued = await answer;
    expect(issued.status()).toBe(200);
    await caseStatus(page, 'Akta siap');
    await textIn(page, '.meja-ok', 'Kutipan diterbitkan, diserahkan saat Jemput Bola. Akta siap.');
    // Deeds holds the step on the visit; outreach counts it as that visit's hand-over.
    const reader = await as(['registrar'], ['5316'], 'meja-more-reader');
    const deed = await reader.ok<{ history: { type: string; channel?: string; visitId?: string }[] }>('GET', `deeds/deeds/${ids.toHandOver}`, undefined, 200);
    expect(deed.history.at(-1)).toMatchObject({ type: 'ISSUE', channel: 'OUTREACH', visitId: visit.visit.id });
    await until(
      'the hand-over linked to the visit',
      async () => (await reader.ok<{ linked?: { HANDOVER?: number } }>('GET', `outreach/plans/${visit.planId}/visits/${visit.visit.id}`, undefined, 200)).linked?.HANDOVER,
      (n) => n === 1,
    );
    expect(await scrollsSideways(page)).toBe(false);
    await close();
  });

  it('the operator archives the duplicate report with a reason', async () => {
    const { page, close } = await desk('operator-boawae');
    await openCase(page, ids.duplicate as string);
    await caseStatus(page, 'Dilaporkan');
    // Correction and annulment are the registrar's.
    expect(await page.textContent('.meja-actions')).not.toContain('Pembetulan akta');
    let archives = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/archive')) archives++;
    });
    await page.getByRole('button', { name: 'Arsipkan', exact: true }).click();
    await page.waitForFunction(`document.activeElement?.id === 'archive-archiveReason'`);
    expect(archives).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Alasan pengarsipan').fill('Laporan ganda: NIK salah ketik, peristiwa sudah tercatat');
    await page.getByRole('button', { name: 'Arsipkan', exact: true }).click();
    await caseStatus(page, 'Diarsipkan');
    await textIn(page, '#meja-summary ~ dl', 'Laporan ganda');
    expect(archives).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    await close();
  });

  it('reported no error in the browser', () => {
    expect(problems.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
