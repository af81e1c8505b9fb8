// Jemput Bola, the village visit, in Debian's Chromium against the real parts (the four services on PostgreSQL and
// NATS, the development OpenID Connect provider, the gateway serving the app's build): residents due for e-KTP
// recording are registered through REST; a team member signs in on a tablet (1024 × 768), downloads the village's
// day, loses the signal, notes recordings, reloads the app without signal (it opens from the service worker, still
// signed in, the notes still waiting), and gets the signal back: the notes are sent in order with their idempotency
// keys, an answer lost on the way is sent again and takes effect once, a record changed meanwhile is shown beside
// the note for the person to decide, and a refusal stays with its reason until the person acts. axe-core on every
// screen; no sideways scroll at 1024 px nor at 390 px. Besides the e-KTP: a child whose family shows all the KIA's
// documents gets the card printed and handed over, with the photos stored in identity; a child without a birth deed
// gets a KIA application (photos only, the office prints later) and a birth deed application with photos of its
// documents (taken as real image files, one too large to send as it is), all offline; sent with the rest, the case
// reaches deeds submitted on the visit and the outcome matches in outreach.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tokenFor } from '@adminduk/platform/testing';
import { DEV_PEOPLE } from '../../oidc/people';
import {
  launchChromium,
  newContext,
  publishTodaysVisit,
  ready,
  scrollsSideways,
  seriousAccessibilityViolations,
  shot,
  signIn,
  startOfficeSystem,
  until,
  watchPage,
  type OfficeSystem,
  type TodaysVisit,
} from './office-system';

jest.setTimeout(240_000);

const VILLAGE = '5316012002';
const TEAM = DEV_PEOPLE.find((p) => p.username === 'tim-jemput-bola');
if (!TEAM) throw new Error('no demo person tim-jemput-bola');

let system: OfficeSystem;
let browser: Browser;
let rest: string;
let registrar: string;
const problems: string[] = [];

interface Resident {
  readonly id: string;
  readonly fullName: string;
}

async function call<T = Record<string, unknown>>(method: string, path: string, body?: object, token = rest): Promise<{ status: number; body: T }> {
  const res = await fetch(`${system.origin}/api/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

let people = 0;
async function register(fullName: string, birthDate: string, sex?: 'M' | 'F'): Promise<Resident> {
  people += 1;
  const res = await call<{ id: string }>('POST', 'identity/residents', {
    fullName,
    birthPlace: 'Mbay',
    birthDate,
    sex: sex ?? (people % 2 ? 'F' : 'M'),
    religion: 'KATOLIK',
    maritalStatus: 'BELUM_KAWIN',
    motherName: `Ibu ${fullName}`,
    districtCode: '531601',
    villageCode: VILLAGE,
    address: `RT 00${people} / RW 001`,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, fullName };
}

interface Ektp {
  status: string;
  version: number;
  recordings: { channel: string; place: string; visitId: string | null }[];
}
const ektpOf = async (r: Resident) => (await call<Ektp>('GET', `identity/residents/${r.id}/ektp`)).body;

beforeAll(async () => {
  system = await startOfficeSystem();
  browser = await launchChromium();
  rest = await tokenFor(['operator'], ['5316'], 'petugas-kantor');
  registrar = await tokenFor(['registrar'], ['5316'], 'pps-nagekeo');
}, 240_000);

interface Visit {
  id: string;
  date: string;
  villageCode: string;
  teamName: string;
  linked?: { EKTP_RECORDING: number; KIA: number; HANDOVER: number; BIRTH_DEED: number };
}

/**
 * Photos as a camera gives them, drawn by Chromium: a small JPEG, and a large PNG (2400 × 1800 of coloured blocks,
 * well over the deeds service's 2 MiB) that the app must shrink before keeping it.
 */
async function photographs(page: Page, dir: string): Promise<{ small: string; large: string }> {
  const data = (await page.evaluate(`(async () => {
    const draw = (w, h, block) => {
      const c = document.createElement('canvas');
      c.width = w; c.height = h;
      const g = c.getContext('2d');
      for (let y = 0; y < h; y += block) for (let x = 0; x < w; x += block) {
        g.fillStyle = 'rgb(' + ((x * 7 + y * 3) % 256) + ',' + ((x * y) % 251) + ',' + Math.floor(Math.random() * 256) + ')';
        g.fillRect(x, y, block, block);
      }
      g.fillStyle = '#000'; g.font = '48px sans-serif'; g.fillText('SURAT KETERANGAN', 40, 80);
      return c;
    };
    return { small: draw(800, 600, 20).toDataURL('image/jpeg', 0.8), large: draw(2400, 1800, 3).toDataURL('image/png') };
  })()`)) as { small: string; large: string };
  const small = join(dir, 'kk.jpg');
  const large = join(dir, 'surat-keterangan-lahir.png');
  writeFileSync(small, Buffer.from(data.small.split(',')[1] ?? '', 'base64'));
  writeFileSync(large, Buffer.from(data.large.split(',')[1] ?? '', 'base64'));
  return { small, large };
}

afterAll(async () => {
  await browser?.close();
  await system?.close();
}, 60_000);




const waiting = (page: Page) => page.textContent('.jb-waiting');
const command = (page: Page, r: Resident) => page.locator(`.jb-command[data-target="${r.id}"]`);
const waitingReaches = (page: Page, n: number) => page.waitForFunction(`document.querySelector('.jb-waiting').textContent === 'Menunggu dikirim: ${n}'`);
const states = (page: Page) => page.locator('.jb-command').evaluateAll((els) => els.map((e) => [e.getAttribute('data-target'), e.getAttribute('data-state')]));

describe('Jemput Bola: a village visit without signal', () => {
  let context: BrowserContext;
  let page: Page;
  let ana: Resident;
  let benediktus: Resident;
  let katarina: Resident;
  let dominikus: Resident;
  let yohanes: Resident;
  let maria: Resident;
  let reportedDeed: string;
  let planned: TodaysVisit;
  const photos = mkdtempSync(join(tmpdir(), 'adminduk-foto-'));
  afterAll(() => rmSync(photos, { recursive: true, force: true }));

  beforeAll(async () => {
    ana = await register('Ana Maria Bhoki', '1995-04-12');
    benediktus = await register('Benediktus Dhey', '2001-08-30');
    katarina = await register('Katarina Wea', '1988-01-05');
    dominikus = await register('Dominikus Meo', '1979-11-21');
    // A child: no e-KTP yet, but a KIA to print and no birth deed. Not due at all: an adult recorded at the office.
    yohanes = await register('Yohanes Bupu', '2015-06-01', 'M');
    // A child under 5 whose family holds her birth deed (issued where she was born, unknown to the register): her KIA
    // application is complete on the visit.
    maria = await register('Maria Goreti Lado', '2023-02-14', 'F');
    // Her mother brought the KK to the counter last week: its scan is on her KIA application already.
    const kk = await fetch(`${system.origin}/api/identity/residents/${maria.id}/kia/documents?kind=KK`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rest}`, 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="kk-lado.jpg"' },
      body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
    });
    expect(kk.status).toBe(201);
    const recorded = await register('Fransiska Ngole', '1990-02-02');
    expect((await call('POST', `identity/residents/${recorded.id}/ektp/actions`, { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Dinas', channel: 'OFFICE' })).status).toBe(201);
    // The Pustu reported a birth in the village three days ago; the family has not brought the documents yet.
    const pustu = await tokenFor(['partner'], ['531601'], 'pustu-labolewa');
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const reported = await call<{ deedId: string }>(
      'POST',
      'deeds/notifications',
      { deedType: 'BIRTH', partnerKind: 'HEALTH_POST', eventDate: threeDaysAgo, districtCode: '531601', villageCode: VILLAGE, particulars: { child: { sex: 'F' }, mother: { fullName: 'Veronika Sina' } } },
      pustu,
    );
    expect(reported.status).toBe(201);
    reportedDeed = reported.body.deedId;
    planned = await publishTodaysVisit(system, registrar, { villageCode: VILLAGE, teamName: 'Tim Jemput Bola Aesesa', ready: (b) => (b?.EKTP_RECORDING ?? 0) >= 4 && (b?.BIRTH_DEED ?? 0) >= 2 });

    context = await newContext(browser, 'tablet');
    page = await context.newPage();
    problems.push(...watchPage(page));
  });
  afterAll(() => context?.close());

  it('downloads the village’s day before leaving (today’s visit of the published plan): who is due, how much is kept, when', async () => {
    await signIn(system, page, 'tim-jemput-bola');
    await page.goto(`${system.origin}/jemput-bola`);
    await ready(page);
    expect(await page.textContent('#page-title')).toBe('Jemput Bola');
    expect(await page.locator('.workplace .notice').count()).toBe(0);
    await page.waitForSelector(`#jb-village option[value="${VILLAGE}"]`, { state: 'attached' });
    // Today's visit, from the published plan: choosing it chooses its village.
    const visitChip = page.getByRole('button', { name: /^Labolewa \(Aesesa\), tim Tim Jemput Bola Aesesa$/ });
    await visitChip.click();
    expect(await visitChip.getAttribute('aria-pressed')).toBe('true');
    expect(await page.inputValue('#jb-village')).toBe(VILLAGE);
    await page.getByRole('button', { name: 'Unduh data desa' }).click();
    await page.waitForFunction(`document.querySelector('[data-testid="jb-stored"]').textContent.includes('6 warga')`);
    const stored = await page.textContent('[data-testid="jb-stored"]');
    expect(stored).toMatch(/^Tersimpan di tablet: Labolewa, 6 warga dengan layanan hari ini dan 1 laporan menunggu dokumen \(± \d+ kB\), diunduh \d+ \w+ \d{4}, \d\d\.\d\d WITA\.$/);
    expect(await page.textContent('[data-testid="jb-visit"]')).toMatch(/^Kunjungan: \d+ \w+ \d{4}, tim Tim Jemput Bola Aesesa\. /);
    expect(await page.locator('.jb-person h3').allTextContents()).toEqual(['Ana Maria Bhoki', 'Benediktus Dhey', 'Dominikus Meo', 'Katarina Wea', 'Maria Goreti Lado', 'Yohanes Bupu']);
    expect(await page.textContent('.jb-summary')).toBe('Wajib KTP belum rekam: 4 · Anak yang dapat dicetakkan KIA: 2 · Anak tanpa akta kelahiran: 2');
    // The child: no e-KTP recording, a KIA and a birth deed application.
    const child = page.locator(`.jb-person[data-resident="${yohanes.id}"]`);
    expect(await child.getByRole('button').allTextContents()).toEqual(['Permohonan KIA', 'Terima permohonan akta']);
    // The Pustu's report, waiting for its documents: no name yet, so the mother's.
    const report = page.locator(`.jb-person[data-report="${reportedDeed}"]`);
    expect(await report.locator('h4').textContent()).toBe('Bayi dari Veronika Sina');
    expect(await report.locator('p').first().textContent()).toMatch(/^Laporan kelahiran, \d+ \w+ \d{4} · Dilaporkan oleh Pustu\/Puskesmas$/);
    expect(await waiting(page)).toBe('Menunggu dikirim: 0');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'jemput-bola-1024');
  });

  it('notes recordings without signal, and keeps them across a reload from the service worker', async () => {
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await ready(page);
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await context.setOffline(true);
    await page.waitForSelector('.jb-signal[data-online="false"]');

    for (const r of [ana, benediktus, katarina, dominikus]) {
      await page.getByRole('button', { name: `Catat Perekaman KTP-el untuk ${r.fullName}` }).click();
      const form = page.getByRole('form', { name: `Catat Perekaman KTP-el untuk ${r.fullName}` });
      expect(await form.getByLabel('Tempat perekaman').inputValue()).toMatch(/^Kantor Desa /);
      await form.getByRole('button', { name: 'Simpan' }).click();
      await command(page, r).waitFor();
    }
    expect(await waiting(page)).toBe('Menunggu dikirim: 4');
    expect(await page.textContent('.jb-keep')).toContain('Jangan Keluar sebelum semua terkirim');

    const { small, large } = await photographs(page, photos);
    // Yohanes' KIA (9 years old: his photo too, Permendagri 2/2016): without a birth deed the application cannot be
    // complete, so the card cannot be printed on the visit; the three photos go to the office as the application.
    await page.getByRole('button', { name: 'Permohonan KIA untuk Yohanes Bupu' }).click();
    const kiaForm = page.getByRole('form', { name: 'Permohonan KIA untuk Yohanes Bupu' });
    expect(await kiaForm.locator('[data-requirement]').evaluateAll((els) => els.map((e) => e.getAttribute('data-requirement')))).toEqual(['BIRTH_DEED', 'KK', 'KTP_PARENTS', 'CHILD_PHOTO']);
    await kiaForm.getByLabel('Foto: Kartu Keluarga (KK)').setInputFiles(small);
    await kiaForm.getByLabel('Foto: KTP-el orang tua').setInputFiles(small);
    await kiaForm.getByLabel('Foto: Pas foto anak berwarna 2 × 3').setInputFiles(small);
    await kiaForm.locator('[data-requirement="CHILD_PHOTO"][data-kept="true"]').waitFor();
    await kiaForm.locator('[data-requirement="KTP_PARENTS"][data-kept="true"]').waitFor();
    expect(await kiaForm.getByRole('status').textContent()).toBe(
      'Belum lengkap: Kutipan Akta Kelahiran anak (belum ada: ajukan akta kelahiran dulu). Foto dikirim ke kantor sebagai permohonan; KIA dicetak di kantor setelah lengkap.',
    );
    expect(await kiaForm.getByRole('radio').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await kiaForm.getByRole('button', { name: 'Simpan permohonan' }).click();
    await waitingReaches(page, 7);

    // Maria's KIA (under 5: no photo of her): complete, printed on the team's printer and handed to the parents.
    await page.getByRole('button', { name: 'Permohonan KIA untuk Maria Goreti Lado' }).click();
    const mariaKia = page.getByRole('form', { name: 'Permohonan KIA untuk Maria Goreti Lado' });
    // The KK is at the office already: not asked again.
    expect(await mariaKia.locator('.hint').first().textContent()).toBe('Sudah ada di kantor: Kartu Keluarga (KK).');
    expect(await mariaKia.locator('[data-requirement]').evaluateAll((els) => els.map((e) => e.getAttribute('data-requirement')))).toEqual(['BIRTH_DEED', 'KTP_PARENTS']);
    await mariaKia.getByLabel('Foto: Kutipan Akta Kelahiran anak').setInputFiles(small);
    await mariaKia.getByLabel('Foto: KTP-el orang tua').setInputFiles(small);
    await mariaKia.locator('[data-requirement="KTP_PARENTS"][data-kept="true"]').waitFor();
    await mariaKia.locator('[data-requirement="BIRTH_DEED"][data-kept="true"]').waitFor();
    expect(await mariaKia.getByRole('status').textContent()).toBe('Persyaratan lengkap.');
    expect(await mariaKia.getByLabel('Dicetak di printer tim dan diserahkan kepada orang tua sekarang').isChecked()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'jemput-bola-kia-1024');
    await mariaKia.getByRole('button', { name: 'Catat: KIA dicetak dan diserahkan' }).click();
    // Two photos, the print and the hand-over.
    await waitingReaches(page, 11);

    // His birth deed application: the register's particulars, the checklist judged on the tablet as deeds judges it.
    await page.getByRole('button', { name: 'Terima permohonan akta untuk Yohanes Bupu' }).click();
    const akta = page.getByRole('form', { name: 'Permohonan akta kelahiran untuk Yohanes Bupu' });
    expect(await akta.locator('.jb-facts').textContent()).toContain('Yohanes Bupu (laki-laki), Mbay, 1 Juni 2015');
    expect(await akta.locator('.jb-facts').textContent()).toContain('Ibu Yohanes Bupu');
    expect(await akta.getByRole('status').textContent()).toBe(
      'Belum lengkap: Bukti kelahiran, Kartu Keluarga, KTP-el orang tua, Bukti perkawinan orang tua. Permohonan disimpan sebagai draf di kantor; petugas melengkapinya.',
    );
    // The parents are not married: no proof of marriage is asked for (a child of an unmarried mother).
    await akta.getByLabel('Orang tua terikat perkawinan yang sah (bukti perkawinan diperlukan)').uncheck();
    expect(await akta.locator('[data-requirement]').evaluateAll((els) => els.map((e) => e.getAttribute('data-requirement')))).toEqual(['BIRTH_PROOF', 'FAMILY_CARD', 'PARENTS_KTP']);
    await akta.locator('[data-requirement="BIRTH_PROOF"] select').selectOption('BIRTH_LETTER_VILLAGE');
    await akta.getByLabel('Foto: Surat Keterangan Kelahiran dari Desa/Kelurahan').setInputFiles(large);
    await akta.getByLabel('Foto: Kartu Keluarga (KK)').setInputFiles(small);
    await akta.getByLabel('Foto: KTP-el orang tua').setInputFiles(small);
    await akta.locator('[data-requirement="PARENTS_KTP"][data-kept="true"]').waitFor();
    await akta.locator('[data-requirement="BIRTH_PROOF"][data-kept="true"]').waitFor();
    // The large photo was shrunk to a JPEG the service takes (under its 2 MiB).
    const keptKb = Number((await akta.locator('[data-requirement="BIRTH_PROOF"] .jb-badge').textContent())?.match(/(\d+) kB/)?.[1]);
    expect(keptKb).toBeGreaterThan(10);
    expect(keptKb).toBeLessThan(2048);
    expect(await akta.getByRole('status').textContent()).toBe('Persyaratan lengkap: permohonan diajukan saat terkirim.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'jemput-bola-akta-1024');
    // The form on a phone too: nothing runs off the side.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, 'jemput-bola-akta-390');
    await page.setViewportSize({ width: 1024, height: 768 });
    await akta.getByRole('button', { name: 'Simpan dan ajukan' }).click();
    // The opening, three photos and the submission.
    await waitingReaches(page, 16);

    // The Pustu's report: the particulars it lacks are asked for, the documents photographed; complete, it is submitted.
    await page.getByRole('button', { name: 'Lengkapi dokumen laporan Bayi dari Veronika Sina' }).click();
    const lapor = page.getByRole('form', { name: 'Lengkapi laporan Bayi dari Veronika Sina' });
    await lapor.waitFor();
    expect(await lapor.locator('.jb-particulars label').allTextContents()).toEqual(['Nama anak', 'Agama anak', 'Tempat kejadian']);
    await lapor.getByLabel('Nama anak').fill('Maria Imakulata');
    await lapor.getByLabel('Agama anak').selectOption('KATOLIK');
    await lapor.getByLabel('Tempat kejadian').fill('Pustu Labolewa');
    for (const [requirement, label] of [
      ['BIRTH_PROOF', 'Foto: Surat Keterangan Kelahiran (bidan, Pustu/Puskesmas, rumah sakit)'],
      ['FAMILY_CARD', 'Foto: Kartu Keluarga (KK)'],
      ['PARENTS_KTP', 'Foto: KTP-el orang tua'],
      ['PARENTS_MARRIAGE_PROOF', 'Foto: Buku Nikah'],
    ] as const) {
      await lapor.getByLabel(label).setInputFiles(small);
      await lapor.locator(`[data-requirement="${requirement}"][data-kept="true"]`).waitFor();
    }
    expect(await lapor.getByRole('status').textContent()).toBe('Lengkap: laporan diajukan saat terkirim.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await lapor.getByRole('button', { name: 'Simpan dan ajukan' }).click();
    await waitingReaches(page, 21);
    expect(await page.locator(`.jb-person[data-resident="${yohanes.id}"] .jb-task`).allTextContents()).toEqual(['KIA: Menunggu dikirim', 'Akta kelahiran: Menunggu dikirim']);

    await page.reload();
    await ready(page);
    expect(await page.textContent('.banner.offline')).toContain('Tidak ada sinyal');
    expect(await page.textContent('.who-name')).toBe(TEAM.name);
    await page.waitForSelector('.jb-command');
    expect(await waiting(page)).toBe('Menunggu dikirim: 21');
    expect(await states(page)).toEqual([
      ...[ana, benediktus, katarina, dominikus].map((r) => [r.id, 'queued']),
      ...[1, 2, 3].map(() => [`kia:${yohanes.id}`, 'queued']),
      ...[1, 2, 3, 4].map(() => [`kia:${maria.id}`, 'queued']),
      ...[1, 2, 3, 4, 5].map(() => [`akta:${yohanes.id}`, 'queued']),
      ...[1, 2, 3, 4, 5].map(() => [`laporan:${reportedDeed}`, 'queued']),
    ]);
    expect(await page.locator(`.jb-command[data-target="akta:${yohanes.id}"] strong`).allTextContents()).toEqual([
      'Permohonan akta kelahiran: Yohanes Bupu',
      'Foto Surat Keterangan Kelahiran dari Desa/Kelurahan: Yohanes Bupu',
      'Foto Kartu Keluarga (KK): Yohanes Bupu',
      'Foto KTP-el orang tua: Yohanes Bupu',
      'Pengajuan akta: Yohanes Bupu',
    ]);
    expect(await command(page, ana).locator('.hint').first().textContent()).toMatch(new RegExp(`^Dicatat \\d+ Desember \\d{4}, \\d\\d\\.\\d\\d WITA di Kantor Desa Labolewa oleh ${TEAM.name}$`));
    // The day is still on the tablet too.
    expect(await page.locator(`.jb-command[data-target="kia:${maria.id}"] strong`).allTextContents()).toEqual([
      'Foto Kutipan Akta Kelahiran anak untuk KIA: Maria Goreti Lado',
      'Foto KTP-el orang tua untuk KIA: Maria Goreti Lado',
      'KIA dicetak: Maria Goreti Lado',
      'KIA diserahkan: Maria Goreti Lado',
    ]);
    expect(await page.locator('.jb-person[data-resident]').count()).toBe(6);
    expect(await page.locator('.jb-person[data-report]').count()).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'jemput-bola-offline-1024');
  });

  it('sends them when the signal returns: in order, once each (a lost answer is sent again and not recorded twice), a changed record and a refusal wait for the person', async () => {
    // Meanwhile, at the office: Katarina's biometrics were recorded there; Dominikus moved out of the regency.
    expect((await call('POST', `identity/residents/${katarina.id}/ektp/actions`, { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Dinas Dukcapil', channel: 'OFFICE' })).status).toBe(201);
    const dom = await call<{ version: number }>('GET', `identity/residents/${dominikus.id}`);
    expect((await call('POST', `identity/residents/${dominikus.id}/move-out`, { version: dom.body.version, toRegionCode: '5371' })).status).toBe(200);

    // The first answer for Ana is lost on the way back (the request reached identity; the tablet never hears).
    const sent: { target: string; key: string | undefined; status?: number; code?: string; details?: string[] }[] = [];
    let lost = false;
    await page.route('**/api/identity/residents/*/ektp/actions', async (route) => {
      const target = route.request().url().split('/residents/')[1]?.split('/')[0] ?? '';
      const entry: (typeof sent)[number] = { target, key: route.request().headers()['idempotency-key'] };
      sent.push(entry);
      const response = await route.fetch();
      entry.status = response.status();
      if (response.status() >= 400) {
        const problem = (await response.json()) as { code?: string; errors?: { code?: string }[] };
        entry.code = problem.code;
        entry.details = (problem.errors ?? []).flatMap((e) => (e.code ? [e.code] : []));
      }
      if (target === ana.id && !lost) {
        lost = true;
        await route.abort('internetdisconnected');
        return;
      }
      await route.fulfill({ response });
    });

    await context.setOffline(false);
    await page.waitForFunction(`document.querySelector('.jb-command[data-target="${ana.id}"]').dataset.state === 'sent'`, undefined, { timeout: 60_000 });
    await page.waitForFunction(`document.querySelector('.jb-command[data-target="${dominikus.id}"]').dataset.state === 'refused'`);
    await page.waitForFunction(`document.querySelector('.jb-command[data-target="${katarina.id}"]').dataset.state === 'conflict'`);
    await page.waitForFunction(`document.querySelector('.jb-command[data-target="${benediktus.id}"]').dataset.state === 'sent'`);
    await page.waitForFunction(`[...document.querySelectorAll('.jb-command[data-target$="${yohanes.id}"], .jb-command[data-target$="${maria.id}"], .jb-command[data-target="laporan:${reportedDeed}"]')].every((e) => e.dataset.state === 'sent')`);
    // The Pustu's report is submitted, with the particulars completed in the village and its four photos.
    type Reported = { status: string; particulars: { child: { fullName: string; sex: string; religion: string }; mother: { fullName: string }; place: string }; checklist: { complete: boolean }; documents: unknown[] };
    const completedReport = (await call<Reported>('GET', `deeds/deeds/${reportedDeed}`, undefined, registrar)).body;
    expect(completedReport).toMatchObject({
      status: 'SUBMITTED',
      particulars: { child: { fullName: 'Maria Imakulata', sex: 'F', religion: 'KATOLIK' }, mother: { fullName: 'Veronika Sina' }, place: 'Pustu Labolewa' },
      checklist: { complete: true },
    });
    expect(completedReport.documents).toHaveLength(4);

    // Maria's KIA: printed and handed over, once each; the counter's KK and the visit's two photos kept for the first card.
    type Kia = { status: string; version: number; documents: { kind: string; forCard: number; contentType: string }[]; application: { documents: unknown[] } | null };
    const mariaNow = (await call<Kia>('GET', `identity/residents/${maria.id}/kia`)).body;
    expect(mariaNow).toMatchObject({ status: 'ISSUED', version: 2 });
    expect(mariaNow.documents.map((d) => [d.forCard, d.kind, d.contentType])).toEqual([
      [1, 'KK', 'image/jpeg'],
      [1, 'BIRTH_DEED', 'image/jpeg'],
      [1, 'KTP_PARENTS', 'image/jpeg'],
    ]);
    // Yohanes' KIA: not printed; his application waits at the office with its three photos, the birth deed missing.
    const yohanesNow = (await call<Kia & { application: { checklists: { missing: string[] }[] } }>('GET', `identity/residents/${yohanes.id}/kia`)).body;
    expect(yohanesNow).toMatchObject({ status: 'NOT_ISSUED', version: 0, application: { checklists: [{ missing: ['BIRTH_DEED'] }] } });
    expect(yohanesNow.documents.map((d) => d.kind)).toEqual(['KK', 'KTP_PARENTS', 'CHILD_PHOTO']);
    // His birth deed application reached deeds once: on the visit, submitted, its checklist complete with the three photos.
    type Summary = { id: string; eventDate: string; villageCode: string | null };
    const births = (await call<{ items: Summary[] }>('GET', `deeds/deeds?deedType=BIRTH&districtCode=531601&limit=200`)).body.items;
    const opened = births.filter((d) => d.eventDate === '2015-06-01' && d.villageCode === VILLAGE).map((d) => d.id);
    expect(opened).toHaveLength(1);
    type Deed = { status: string; channel: string; visitId: string; parentsMarried: boolean; checklist: { complete: boolean }; documents: { kind: string; contentType: string; size: number }[]; particulars: { child: { fullName: string } } };
    const deed = (await call<Deed>('GET', `deeds/deeds/${opened[0]}`, undefined, registrar)).body;
    expect(deed).toMatchObject({ status: 'SUBMITTED', channel: 'OUTREACH', visitId: planned.visit.id, parentsMarried: false, checklist: { complete: true }, particulars: { child: { fullName: 'Yohanes Bupu' } } });
    expect(deed.documents.map((d) => [d.kind, d.contentType])).toEqual([
      ['BIRTH_LETTER_VILLAGE', 'image/jpeg'],
      ['KK', 'image/jpeg'],
      ['KTP_PARENTS', 'image/jpeg'],
    ]);
    expect(Math.max(...deed.documents.map((d) => d.size))).toBeLessThan(2 * 1024 * 1024);

    // Ana's note was sent twice with the same key; identity took it once and answered the second as the first.
    const forAna = sent.filter((s) => s.target === ana.id);
    expect(forAna.length).toBeGreaterThanOrEqual(2);
    expect(new Set(forAna.map((s) => s.key)).size).toBe(1);
    expect(forAna.map((s) => s.status)).toEqual(forAna.map(() => 201));
    // In the order they were noted: Ana first.
    expect(sent[0]?.target).toBe(ana.id);

    for (const r of [ana, benediktus]) {
      const now = await ektpOf(r);
      expect(now).toMatchObject({ status: 'RECORDED', version: 1 });
      expect(now.recordings).toEqual([expect.objectContaining({ channel: 'OUTREACH', visitId: planned.visit.id, place: expect.stringMatching(/^Kantor Desa /) })]);
    }

    // Katarina: both versions on screen; the register already has her recording, so the person drops the note.
    const conflict = command(page, katarina);
    expect(await conflict.textContent()).toContain('Data berubah sejak diunduh');
    expect(await conflict.textContent()).toContain('Catatan Anda');
    expect(await conflict.textContent()).toMatch(/Register sekarang.*Sudah rekam \(versi 1\).*di Kantor Dinas, Kantor Dinas Dukcapil/s);
    // Sending again would add a second capture: the screen says so, and dropping the note is the first choice.
    expect(await conflict.textContent()).toContain('Register sudah mencatat perekaman warga ini.');
    expect(await conflict.getByRole('button', { name: 'Kirim lagi pada data terbaru' }).getAttribute('class')).toBe('button secondary');
    expect(await conflict.getByRole('button', { name: 'Batalkan catatan saya' }).getAttribute('class')).toBe('button primary');

    // Dominikus: refused, with the Indonesian reason: the rule that refused it (he moved out of the regency).
    const refusal = sent.find((s) => s.target === dominikus.id);
    expect(refusal).toMatchObject({ status: 422, code: 'EKTP_ACTION_REFUSED', details: ['RESIDENT_MOVED_OUT'] });
    const refused = command(page, dominikus);
    expect(await refused.getByRole('alert').textContent()).toBe('Alasan: Penduduk ini tercatat sudah pindah keluar kabupaten.');
    expect(await waiting(page)).toBe('Menunggu dikirim: 0');
    expect(await page.textContent('.jb-decisions')).toBe('Perlu keputusan Anda: 2');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'jemput-bola-sync-1024');

    // Nothing vanishes by itself: after a reload both still wait for the person.
    await page.unroute('**/api/identity/residents/*/ektp/actions');
    await page.reload();
    await ready(page);
    await page.waitForSelector(`.jb-command[data-target="${dominikus.id}"][data-state="refused"]`);
    await page.waitForSelector(`.jb-command[data-target="${katarina.id}"][data-state="conflict"]`);

    await command(page, katarina).getByRole('button', { name: 'Batalkan catatan saya' }).click();
    await command(page, katarina).waitFor({ state: 'detached' });
    expect(await page.locator(`.jb-person[data-resident="${katarina.id}"] .jb-badge`).textContent()).toBe('Sudah rekam');
    expect((await ektpOf(katarina)).recordings).toEqual([expect.objectContaining({ channel: 'OFFICE' })]);

    await command(page, dominikus).getByRole('button', { name: 'Hapus dari daftar' }).click();
    await command(page, dominikus).waitFor({ state: 'detached' });
    expect(await waiting(page)).toBe('Menunggu dikirim: 0');
    expect(await page.locator('.jb-decisions').count()).toBe(0);

    // The visit's outcome: what the team did, which outreach finds linked to the visit in identity and deeds (MATCH).
    await until(
      'the work linked to the visit',
      async () => (await call<Visit>('GET', `outreach/plans/${planned.planId}/visits/${planned.visit.id}`)).body.linked,
      (l) => l?.EKTP_RECORDING === 2 && l.KIA === 1 && l.HANDOVER === 1 && l.BIRTH_DEED === 1,
    );
    const summary = '2 Perekaman KTP-el, 1 KIA dicetak, 1 dokumen diserahkan, 1 permohonan akta kelahiran';
    await page.getByRole('button', { name: `Laporkan hasil: ${summary}` }).click();
    expect(await page.textContent('#jb-outcome-confirm')).toBe(`Hasil kunjungan hanya dapat dilaporkan sekali. Laporkan ${summary} sekarang?`);
    await page.getByRole('button', { name: 'Ya, laporkan' }).click();
    await page.waitForSelector('.jb-reconciliation li[data-kind="EKTP_RECORDING"]');
    expect(await page.locator('.jb-reconciliation li').allTextContents()).toEqual([
      'Perekaman KTP-el: dilaporkan 2, tercatat di register 2: cocok',
      'Akta Kelahiran: dilaporkan 1, tercatat di register 1: cocok',
      'KIA: dilaporkan 1, tercatat di register 1: cocok',
      'Penyerahan dokumen: dilaporkan 1, tercatat di register 1: cocok',
    ]);
    expect(await page.locator('.jb-reconciliation li').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['MATCH', 'MATCH', 'MATCH', 'MATCH']);
    // The refusal stays beside his name, so that nobody notes him again unknowingly.
    expect(await page.textContent(`.jb-person[data-resident="${dominikus.id}"] .jb-refused-before`)).toBe(
      'Catatan sebelumnya ditolak: Penduduk ini tercatat sudah pindah keluar kabupaten.',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('fits a 390 px phone without sideways scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'jemput-bola-390');
  });

  it('Keluar deletes the day and the outbox from the tablet', async () => {
    const before = (await page.evaluate('indexedDB.databases().then((l) => l.map((d) => d.name))')) as string[];
    expect(before).toEqual(expect.arrayContaining(['adminduk-outbox', 'adminduk-jemput-bola']));
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(`${system.origin}/`);
    await ready(page);
    const after = (await page.evaluate('indexedDB.databases().then((l) => l.map((d) => d.name))')) as string[];
    expect(after.filter((name) => name === 'adminduk-outbox' || name === 'adminduk-jemput-bola')).toEqual([]);
  });

  it('reported no error in the browser', () => {
    // The offline reload and the lost answer ask for what is not there on purpose.
    expect(problems.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });
});
