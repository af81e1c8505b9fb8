// Meja Petugas, the deed cases, in Debian's Chromium against the real parts (the four services on PostgreSQL and
// NATS, the development OpenID Connect provider, the gateway serving the app's build). BLAS: the parents are in the
// register (identity, REST), the midwife's Pustu reports the birth (its API key); in the browser the Boawae operator
// finds the case in the queue, uploads the checklist's documents (real small PDF and PNG files), submits with the
// child's name and verifies; the registrar registers it (deeds asks identity over NATS; the child gets a NIK),
// issues the kutipan and opens its PDF. OMAS: a parish reports a death; documents, a refused upload of a wrong file
// type, a reject (first without a reason: refused before sending) and a resubmission, a version conflict (a
// colleague rejects the case through REST while the page shows it), verify, register, issue. axe-core on every
// screen; 1366 px without sideways scrolling, also 1024 px and 390 px on the case.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { tokenFor } from '@adminduk/platform/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  bearer,
  launchChromium,
  newContext,
  PARTNER_KEY,
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
let files: string;
const problems: string[] = [];
const tag = `${process.pid}${Date.now() % 100_000}`;

/** Small real files, as a clerk's scanner makes them. */
function makeFiles(dir: string): void {
  writeFileSync(join(dir, 'surat-kelahiran.pdf'), '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  // A 2 × 2 grey PNG, made by hand: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC.
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 128, 128, 0, 128, 128]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  writeFileSync(join(dir, 'kk.png'), png);
  writeFileSync(join(dir, 'catatan.txt'), 'bukan dokumen persyaratan\n');
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A REST caller with a token of these roles and regions, made for this run. */
const as = async (roles: Parameters<typeof tokenFor>[0], regions: string[], sub: string): Promise<Rest> => restAs(system, bearer(await tokenFor(roles, regions, sub)));

/** A deed's answer where only its version is read. */
type Versioned = { version: number };

async function registerResident(rest: Rest, person: { fullName: string; birthDate: string; sex: 'M' | 'F'; maritalStatus: string }): Promise<{ id: string; nik: string }> {
  const body = await rest.ok<{ id: string; nik: string }>(
    'POST',
    'identity/residents',
    { ...person, birthPlace: 'Boawae', religion: 'KATOLIK', motherName: `Ibu ${person.fullName}`, districtCode: DISTRICT, villageCode: VILLAGE, address: 'RT 001 / RW 001, Natanage' },
    201,
  );
  return { id: body.id, nik: body.nik };
}

async function open(size: 'desktop' | 'tablet' | 'phone' = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, size);
  const page = await context.newPage();
  problems.push(...watchPage(page));
  return { context, page };
}


/** Buttons, navigation and in-page links smaller than 44 × 44 px. */
const smallTargets = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('button, nav a, .button, .meja-table a, .meja-back a')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => ({ text: el.textContent.trim(), box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.height < 44 || box.width < 44)
    .map(({ text, box }) => text + ' ' + Math.round(box.width) + 'x' + Math.round(box.height))`) as Promise<string[]>;

/** Waits until an element's text contains `text` (evaluated in the page as a string: the tools compile without the DOM's types). */
async function textIn(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(`[...document.querySelectorAll(${JSON.stringify(selector)})].some((e) => e.textContent.includes(${JSON.stringify(text)}))`);
}

/** The case page: its heading says the type and the status. */
async function caseStatus(page: Page, status: string): Promise<void> {
  await page.waitForFunction(`document.querySelector('#meja-case-title')?.textContent?.endsWith(${JSON.stringify(` · ${status}`)}) === true`);
}

async function okNotice(page: Page, text: string): Promise<void> {
  await textIn(page, '.meja-ok', text);
}

async function upload(page: Page, requirement: string, file: string): Promise<void> {
  const row = page.locator(`tr[data-requirement="${requirement}"].row-missing`);
  const before = await row.textContent();
  const stored = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/documents?'));
  await row.locator('input[type="file"]').setInputFiles(join(files, file));
  await row.getByRole('button', { name: 'Unggah' }).click();
  expect((await stored).status()).toBe(201);
  // The case is read again: the requirement is met, or shows one more document of those it needs.
  await page.waitForFunction(`((now) => now === null || now.textContent !== ${JSON.stringify(before)})(document.querySelector('tr[data-requirement="${requirement}"].row-missing'))`);
  await okNotice(page, 'sudah diunggah');
}

/** Opens a case from the queue, as a clerk does. */
async function openFromQueue(page: Page, deedId: string): Promise<void> {
  await page.goto(`${system.origin}/meja`);
  await ready(page);
  const row = page.locator(`tr[data-case="${deedId}"]`);
  await row.waitFor();
  await row.locator('th a').click();
  await page.waitForSelector('#meja-case-title:not(:has-text("Memuat"))');
}

/** Opens the kutipan: the PDF comes through the deeds API with the bearer token; it is saved, and rendered with WEB_SHOTS_DIR. */
async function openKutipan(page: Page, context: BrowserContext, name: string): Promise<void> {
  const response = page.waitForResponse((r) => /\/api\/deeds\/deeds\/[^/]+\/copies\/[^/]+\/pdf$/.test(r.url()));
  const popup = context.waitForEvent('page', { timeout: 15_000 }).catch(() => undefined);
  await page.getByRole('button', { name: 'Buka kutipan (PDF)' }).first().click();
  const pdf = await response;
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.request().allHeaders())['authorization']).toMatch(/^Bearer /);
  const tab = await popup;
  // The PDF as the page holds it (a Blob URL in this tab: the response passed by the service worker, whose body
  // Playwright cannot read back).
  const url = tab ? tab.url() : await page.getByRole('link', { name: 'Unduh kutipan (PDF)' }).getAttribute('href');
  expect(url).toMatch(/^blob:/);
  await tab?.close();
  const base64 = (await page.evaluate(
    `fetch(${JSON.stringify(url)}).then((r) => r.arrayBuffer()).then((b) => { let s = ''; for (const x of new Uint8Array(b)) s += String.fromCharCode(x); return btoa(s); })`,
  )) as string;
  const bytes = Buffer.from(base64, 'base64');
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(1000);
  // The service worker keeps no personal data: nothing of /api/ in any cache.
  const cached = (await page.evaluate(`caches.keys().then((keys) => Promise.all(keys.map((k) => caches.open(k).then((c) => c.keys())))).then((all) => all.flat().map((r) => r.url))`)) as string[];
  expect(cached.filter((u) => u.includes('/api/'))).toEqual([]);
  const dir = process.env.WEB_SHOTS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.pdf`), bytes);
    if (existsSync('/usr/bin/pdftoppm')) execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, `${name}.pdf`), join(dir, name)]);
  }
}

const family: { motherNik?: string; kkNumber?: string; birthDeedId?: string; lateDeedId?: string; deathDeedId?: string; grandfather?: { id: string; nik: string } } = {};
const childName = `Maria Yasinta Wea M${tag}`;
const GRANDFATHER = `Kornelis Dhey Bupu M${tag}`;

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'meja-files-'));
  makeFiles(files);
  system = await startOfficeSystem();
  browser = await launchChromium();

  // The register: the parents on one card, the grandfather on his own.
  const registrar = await as(['registrar'], ['5316'], 'meja-test-registrar');
  const father = await registerResident(registrar, { fullName: `Yosef Nuwa M${tag}`, birthDate: '1988-07-12', sex: 'M', maritalStatus: 'KAWIN_TERCATAT' });
  const mother = await registerResident(registrar, { fullName: `Maria Goreti Wea M${tag}`, birthDate: '1990-03-01', sex: 'F', maritalStatus: 'KAWIN_TERCATAT' });
  const card = await registrar.ok<{ kkNumber: string }>('POST', 'identity/family-cards', { members: [{ residentId: father.id, relationship: 1 }, { residentId: mother.id, relationship: 3 }] }, 201);
  Object.assign(family, { motherNik: mother.nik, kkNumber: card.kkNumber });
  family.grandfather = await registerResident(registrar, { fullName: GRANDFATHER, birthDate: '1940-02-02', sex: 'M', maritalStatus: 'CERAI_MATI' });
  await registrar.ok('POST', 'identity/family-cards', { members: [{ residentId: family.grandfather.id, relationship: 1 }] }, 201);

  // The midwife's Pustu reports the birth with its API key (BLAS); a late birth reported too (no NIK of the mother).
  const pustu = restAs(system, { 'x-api-key': PARTNER_KEY.key });
  const birth = await pustu.ok<{ deedId: string }>(
    'POST',
    'deeds/notifications',
    {
      deedType: 'BIRTH',
      partnerKind: 'HEALTH_POST',
      eventDate: daysAgo(3),
      districtCode: DISTRICT,
      villageCode: VILLAGE,
      particulars: {
        child: { sex: 'F' },
        mother: { nik: mother.nik, fullName: `Maria Goreti Wea M${tag}`, sex: 'F', birthDate: '1990-03-01' },
        father: { nik: father.nik, fullName: `Yosef Nuwa M${tag}`, sex: 'M', birthDate: '1988-07-12' },
        place: 'Pustu Boawae',
        kkNumber: card.kkNumber,
      },
    },
    201,
    { 'idempotency-key': `meja-birth-${tag}` },
  );
  family.birthDeedId = birth.deedId;
  const late = await pustu.ok<{ deedId: string }>(
    'POST',
    'deeds/notifications',
    { deedType: 'BIRTH', partnerKind: 'HEALTH_POST', eventDate: daysAgo(75), districtCode: DISTRICT, villageCode: VILLAGE, particulars: { child: { sex: 'M' }, mother: { fullName: `Anastasia Bupu M${tag}` }, place: 'Rumah, Natanage' } },
    201,
    { 'idempotency-key': `meja-late-${tag}` },
  );
  family.lateDeedId = late.deedId;

  // A parish reports the grandfather's death (OMAS).
  const parish = await as(['partner'], [DISTRICT], 'paroki-boawae');
  const death = await parish.ok<{ deedId: string }>(
    'POST',
    'deeds/notifications',
    {
      deedType: 'DEATH',
      partnerKind: 'RELIGIOUS_INSTITUTION',
      eventDate: daysAgo(1),
      districtCode: DISTRICT,
      villageCode: VILLAGE,
      particulars: { deceased: { nik: family.grandfather.nik, fullName: GRANDFATHER, sex: 'M' }, place: 'Rumah duka, Natanage' },
    },
    201,
    { 'idempotency-key': `meja-death-${tag}` },
  );
  family.deathDeedId = death.deedId;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
  if (files) rmSync(files, { recursive: true, force: true });
}, 60_000);

describe('Meja Petugas: the deed cases, on the real services', () => {
  it('BLAS: the operator finds the reported birth, uploads the documents, submits and verifies; the registrar registers it, issues it and opens the kutipan', async () => {
    const { context, page } = await open('desktop');
    await signIn(system, page, 'operator-boawae');
    expect(new URL(page.url()).pathname).toBe('/meja');
    expect(await page.textContent('#page-title')).toBe('Meja Petugas');
    // No deeds event is held for review yet: the third tab has no badge.
    expect(await page.locator('.meja-sections a').allTextContents()).toEqual(['Kasus Akta', 'Penduduk & KK', 'Pemeriksaan Data', 'Impor Data']);
    // The workplace is no longer "being built"; only the next section says so.
    expect(await page.locator('.notice', { hasText: 'sedang dibangun' }).count()).toBe(0);

    // The queue: the late birth first, in words; the new birth with its BLAS clock and deadline.
    const birthRow = page.locator(`tr[data-case="${family.birthDeedId}"]`);
    await birthRow.waitFor();
    const rows = await page.locator('.meja-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')));
    expect(rows.indexOf(family.lateDeedId as string)).toBe(0);
    const lateText = await page.locator(`tr[data-case="${family.lateDeedId}"]`).textContent();
    expect(lateText).toContain('TERLAMBAT');
    expect(lateText).toContain('perlu keputusan Kepala Dinas');
    const birthText = await birthRow.textContent();
    expect(birthText).toContain('Kelahiran');
    expect(birthText).toContain('Dilaporkan');
    expect(birthText).toContain('Tepat waktu');
    expect(birthText).toMatch(/0 hari|Hari ini/);
    expect(await page.locator('.meja-table thead th').allTextContents()).toEqual(['Kasus', 'Status', 'Tanggal peristiwa', 'Sejak dilaporkan', 'Batas pelaporan', 'Kecamatan']);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'meja-queue-1366');

    // The filter by status keeps the case (Dilaporkan).
    await page.getByLabel('Status').selectOption('NOTIFIED');
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.waitForFunction(`!document.querySelector('.meja .status')?.textContent?.includes('Memuat')`);
    await birthRow.waitFor();

    // The case: what is missing, the upload of each document.
    await birthRow.locator('th a').click();
    await caseStatus(page, 'Dilaporkan');
    expect(new URL(page.url()).search).toBe(`?kasus=${family.birthDeedId}`);
    // Focus moves after the screen updates: wait for it (a busy machine is slower than a person).
    await page.waitForFunction(`(document.activeElement?.id) === 'meja-case-title'`);
    expect(await page.textContent('.meja-incomplete')).toContain('4 masih kurang');
    expect(await page.textContent('#meja-summary + dl')).toContain('Pustu / Puskesmas');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'meja-case-1366');
    // The operator is offered no registration.
    expect(await page.getByRole('button', { name: 'Catat akta' }).count()).toBe(0);

    // Submitting before the documents are in is refused here, with the service's message.
    let sentSubmit = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/submit')) sentSubmit++;
    });
    await page.getByLabel('Nama lengkap anak').fill(childName);
    await page.getByLabel('Agama anak').selectOption('KATOLIK');
    await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
    await textIn(page, '.meja-error', 'Persyaratan belum lengkap');
    expect(sentSubmit).toBe(0);

    await upload(page, 'BIRTH_PROOF', 'surat-kelahiran.pdf');
    await upload(page, 'FAMILY_CARD', 'kk.png');
    await upload(page, 'PARENTS_KTP', 'surat-kelahiran.pdf');
    await upload(page, 'PARENTS_MARRIAGE_PROOF', 'surat-kelahiran.pdf');
    expect(await page.textContent('.meja-complete')).toContain('Persyaratan lengkap');

    await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
    await okNotice(page, 'Permohonan diajukan');
    await caseStatus(page, 'Diajukan');
    expect(sentSubmit).toBe(1);
    // Focus moves after the screen updates: wait for it (a busy machine is slower than a person).
    await page.waitForFunction(`(document.activeElement?.classList.contains("meja-ok")) === true`);
    await page.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await okNotice(page, 'Kasus diverifikasi');
    await caseStatus(page, 'Diverifikasi');
    expect(await page.getByRole('button', { name: 'Catat akta' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();

    // The registrar registers (deeds asks identity over NATS), then issues and opens the kutipan.
    const desk = await open('desktop');
    await signIn(system, desk.page, 'registrar');
    await openFromQueue(desk.page, family.birthDeedId as string);
    await caseStatus(desk.page, 'Diverifikasi');
    await desk.page.getByRole('button', { name: 'Catat akta' }).click();
    await okNotice(desk.page, 'Akta tercatat dengan nomor 5316-KL-');
    await caseStatus(desk.page, 'Tercatat');
    const registrar = await as(['registrar'], ['5316'], 'meja-test-registrar');
    let childNik: string | undefined;
    for (let i = 0; i < 120 && !childNik; i++) {
      const found = await registrar.call<{ items?: { fullName: string; nik: string }[] }>('GET', `identity/residents?kkNumber=${family.kkNumber}`);
      childNik = found.body.items?.find((r) => r.fullName === childName)?.nik;
      if (!childNik) await new Promise((r) => setTimeout(r, 500));
    }
    expect(childNik).toMatch(/^531603\d{10}$/);

    await desk.page.getByRole('button', { name: 'Terbitkan kutipan' }).click();
    await okNotice(desk.page, 'Akta siap');
    await caseStatus(desk.page, 'Akta siap');
    expect(await desk.page.textContent('#meja-history ~ div')).toContain('Kutipan diterbitkan');
    expect(await desk.page.textContent('#meja-history ~ div')).toContain('Pejabat Pencatatan Sipil registrar');
    await openKutipan(desk.page, desk.context, 'kutipan-kelahiran');
    expect(await scrollsSideways(desk.page)).toBe(false);
    expect(await seriousAccessibilityViolations(desk.page)).toEqual([]);
    await shot(desk.page, 'meja-case-issued-1366');

    // Usable at 1024 px; never sideways at 390 px.
    await desk.page.setViewportSize({ width: 1024, height: 768 });
    expect(await scrollsSideways(desk.page)).toBe(false);
    await desk.page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(desk.page)).toBe(false);
    await desk.context.close();
  });

  it('OMAS: a wrong file type is refused before sending; reject needs a reason; a change made elsewhere is "Data berubah sejak diunduh"; verify, register, issue', async () => {
    const { context, page } = await open('desktop');
    await signIn(system, page, 'operator-boawae');
    await openFromQueue(page, family.deathDeedId as string);
    await caseStatus(page, 'Dilaporkan');
    expect(await page.textContent('#meja-summary + dl')).toContain('Lembaga Agama');
    expect(await page.textContent('#meja-summary + dl')).toContain('OMAS');

    let uploads = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/documents?')) uploads++;
    });
    const letterRow = page.locator('tr[data-requirement="DEATH_PROOF"].row-missing');
    await letterRow.locator('input[type="file"]').setInputFiles(join(files, 'catatan.txt'));
    await letterRow.getByRole('button', { name: 'Unggah' }).click();
    await textIn(page, '.field-error', 'Jenis berkas tidak diterima');
    expect(uploads).toBe(0);
    expect(await letterRow.locator('input[type="file"]').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await upload(page, 'DEATH_PROOF', 'surat-kelahiran.pdf');
    await upload(page, 'FAMILY_CARD', 'kk.png');
    await upload(page, 'DECEASED_KTP', 'kk.png');
    await upload(page, 'REPORTER_KTP', 'kk.png');
    await upload(page, 'WITNESSES_KTP', 'kk.png');
    expect(await page.textContent('tr[data-requirement="WITNESSES_KTP"]')).toContain('1 dari 2');
    await upload(page, 'WITNESSES_KTP', 'kk.png');
    expect(uploads).toBe(6);
    await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
    await caseStatus(page, 'Diajukan');

    // Reject: without a reason it is refused here; with one, the case goes back.
    let rejects = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/reject')) rejects++;
    });
    await page.getByRole('button', { name: 'Tolak' }).click();
    await textIn(page, '#reject-reason-error', 'wajib diisi');
    expect(rejects).toBe(0);
    // Focus moves after the screen updates: wait for it (a busy machine is slower than a person).
    await page.waitForFunction(`(document.activeElement?.id) === 'reject-reason'`);
    await page.getByLabel('Alasan penolakan (dibaca pemohon)').fill('KTP-el saksi kedua tidak terbaca; mohon bawa aslinya.');
    await page.getByRole('button', { name: 'Tolak' }).click();
    await caseStatus(page, 'Ditolak');
    expect(rejects).toBe(1);
    expect(await page.textContent('#meja-summary ~ .notice')).toContain('KTP-el saksi kedua tidak terbaca');
    // After a rejection a clearer copy can be added beside the documents already in.
    const extra = page.locator('.meja-extra');
    await extra.getByLabel('Jenis dokumen').selectOption('KTP_WITNESS');
    await extra.locator('input[type="file"]').setInputFiles(join(files, 'kk.png'));
    const replaced = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/documents?kind=KTP_WITNESS'));
    await extra.getByRole('button', { name: 'Unggah' }).click();
    expect((await replaced).status()).toBe(201);
    await okNotice(page, 'KTP-el saksi sudah diunggah');
    expect(await page.locator('#meja-docs ~ div:last-of-type tbody tr').count()).toBe(7);

    // Resubmitted; then a colleague rejects it through REST while this page shows it.
    await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
    await caseStatus(page, 'Diajukan');
    const colleague = await as(['operator'], [DISTRICT], 'operator-rekan');
    const current = await colleague.ok<Versioned>('GET', `deeds/deeds/${family.deathDeedId}`, undefined, 200);
    await colleague.ok('POST', `deeds/deeds/${family.deathDeedId}/reject`, { version: current.version, reason: 'Surat kematian belum ditandatangani kepala desa.' }, 200);
    await page.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await textIn(page, '.meja-error', 'Data berubah sejak diunduh');
    await caseStatus(page, 'Ditolak');
    expect(await page.textContent('#meja-summary ~ .notice')).toContain('belum ditandatangani kepala desa');
    // Focus moves after the screen updates: wait for it (a busy machine is slower than a person).
    await page.waitForFunction(`(document.activeElement?.classList.contains("meja-error")) === true`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'meja-case-conflict-1366');

    await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
    await caseStatus(page, 'Diajukan');
    await page.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await caseStatus(page, 'Diverifikasi');
    expect(await page.textContent('#meja-history ~ div')).toMatch(/Ditolak[\s\S]*Permohonan diajukan[\s\S]*Ditolak[\s\S]*Diverifikasi/);
    await context.close();

    const desk = await open('desktop');
    await signIn(system, desk.page, 'registrar');
    await openFromQueue(desk.page, family.deathDeedId as string);
    await desk.page.getByRole('button', { name: 'Catat akta' }).click();
    await okNotice(desk.page, 'Akta tercatat dengan nomor 5316-KM-');
    await desk.page.getByRole('button', { name: 'Terbitkan kutipan' }).click();
    await caseStatus(desk.page, 'Akta siap');
    await openKutipan(desk.page, desk.context, 'kutipan-kematian');
    expect(await seriousAccessibilityViolations(desk.page)).toEqual([]);

    // The desk's other section, residents and family cards (tested in meja-penduduk.browser.spec.ts), opens from its tab.
    await desk.page.getByRole('link', { name: 'Penduduk & KK' }).click();
    await desk.page.waitForSelector('#meja-penduduk-title');
    expect(await seriousAccessibilityViolations(desk.page)).toEqual([]);
    await desk.context.close();
  });

  it('a late birth: the registrar is asked for the head of office’s decision before anything is sent; identity’s refusal is shown by its code', async () => {
    // Prepared at the counter through REST: documents, submitted, verified.
    const operator = await as(['operator'], [DISTRICT], 'operator-rekan');
    const id = family.lateDeedId as string;
    for (const kind of ['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS', 'MARRIAGE_BOOK']) {
      const res = await operator.call('POST', `deeds/deeds/${id}/documents?kind=${kind}`, Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), { 'content-type': 'application/pdf' });
      expect(res.status).toBe(201);
    }
    const read = await operator.ok<Versioned>('GET', `deeds/deeds/${id}`, undefined, 200);
    const submitted = await operator.ok<Versioned>('POST', `deeds/deeds/${id}/submit`, { version: read.version, particulars: { child: { sex: 'M', fullName: `Fransiskus Bupu M${tag}`, religion: 'KATOLIK' } } }, 200);
    await operator.ok('POST', `deeds/deeds/${id}/verify`, { version: submitted.version }, 200);

    const { context, page } = await open('desktop');
    await signIn(system, page, 'registrar');
    await openFromQueue(page, id);
    await caseStatus(page, 'Diverifikasi');
    expect(await page.textContent('#meja-summary + dl')).toContain('TERLAMBAT');
    expect(await page.textContent('.meja-actions')).toContain('isi keputusan Kepala Dinas lebih dulu');
    let registrations = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/register')) registrations++;
    });
    await page.getByRole('button', { name: 'Catat akta' }).click();
    await textIn(page, '.meja-error', 'memerlukan keputusan Kepala Dinas');
    expect(registrations).toBe(0);
    // Focus moves after the screen updates: wait for it (a busy machine is slower than a person).
    await page.waitForFunction(`(document.activeElement?.id) === 'register-headNumber'`);
    expect(await page.getAttribute('#register-headDate', 'aria-invalid')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Nomor keputusan Kepala Dinas').fill('470/012/DKPS/2026');
    await page.getByLabel('Tanggal keputusan').fill(daysAgo(0));
    const answer = page.waitForResponse((r) => r.url().endsWith('/register'));
    await page.getByRole('button', { name: 'Catat akta' }).click();
    // No parent of this birth is in the register: identity refuses the link, and says which particular.
    expect((await answer).status()).toBe(422);
    await textIn(page, '.meja-error', 'No. KK');
    expect(registrations).toBe(1);
    await caseStatus(page, 'Diverifikasi');
    await shot(page, 'meja-case-refused-1366');
    await context.close();
  });

  it('reported no error in the browser', () => {
    // A refused step answers 4xx on purpose (the conflict); the console reports such answers as failed loads.
    expect(problems.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
