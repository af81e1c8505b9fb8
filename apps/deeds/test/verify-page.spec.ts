// /verify/{code} on a phone (service tier, SQLite): the QR code of a kutipan opens the verification in a browser,
// which asks for text/html and gets a small page in Bahasa Indonesia (SAH / SUDAH DIGANTI / DIBATALKAN, the deed's
// type, number and registration date, no NIK and no name) under a strict Content-Security-Policy; API callers keep
// the JSON answer. An unknown code and a malformed one get a page too (404, 400), a malformed one without echoing
// what was typed. Last, a real Chromium opens the page over HTTP as a phone would, and shows it styled with no CSP
// violation and nothing fetched but the page itself.
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { TestApp } from '@adminduk/platform/testing';
import { VERIFICATION_PAGE_CSP } from '../src/verify/verification-page.mapper';
import { bootDeeds, Caller, daysAgo, nik, verifiedDeath, type Reply } from './deed-fixtures';

jest.setTimeout(120_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let t: TestApp;
let operator: Caller;
let registrar: Caller;
let phone: Caller;
let apiCaller: Caller;

beforeAll(async () => {
  t = await bootDeeds();
  operator = await Caller.user(t, ['operator'], ['531601']);
  registrar = await Caller.user(t, ['registrar'], ['531601']);
  phone = new Caller(t, { accept: PHONE_ACCEPT });
  apiCaller = new Caller(t, {});
});
afterAll(() => t?.close());

/** A death deed registered and issued: its first copy's code, the deed and the deceased's NIK. */
async function issuedDeath(): Promise<{ code: string; deed: Reply['body']; deceasedNik: string }> {
  const deceasedNik = nik('1950-05-05', 'M');
  const verified = await verifiedDeath(t, operator, deceasedNik);
  const registered = await registrar.ok(`/deeds/${verified.body.id}/register`, { version: verified.body.version });
  const issued = await operator.ok(`/deeds/${verified.body.id}/issue`, { version: registered.body.version });
  return { code: issued.body.copies[0].code, deed: issued.body, deceasedNik };
}

function expectPageHeaders(reply: Reply): void {
  expect(reply.contentType).toBe('text/html; charset=utf-8');
  expect(reply.headers['content-security-policy']).toBe(VERIFICATION_PAGE_CSP);
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['cache-control']).toBe('no-store');
  expect(String(reply.headers.vary)).toMatch(/accept/i);
}

describe('GET /verify/{code} from a phone', () => {
  it('shows a valid copy as SAH with its type, number and registration date, and no NIK or name', async () => {
    const { code, deed, deceasedNik } = await issuedDeath();
    const page = await phone.get(`/verify/${code}`);
    expect(page.status).toBe(200);
    expectPageHeaders(page);
    const html = page.body as string;
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('<h1>SAH</h1>');
    expect(html).toContain('Kutipan Akta Kematian');
    expect(html).toContain(deed.deedNumber);
    const [y, m, d] = daysAgo(0).split('-').map(Number) as [number, number, number];
    const month = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][m - 1];
    expect(html).toContain(`Tanggal pencatatan</dt><dd>${d} ${month} ${y}`);
    expect(html).toContain(code);
    expect(html).not.toContain(deceasedNik);
    expect(html).not.toContain('Kornelis');
    expect(html).not.toMatch(/\d{16}/);
  });

  it('keeps JSON for API callers: no Accept, */*, application/json', async () => {
    const { code } = await issuedDeath();
    for (const accept of [undefined, '*/*', 'application/json']) {
      const reply = await apiCaller.call('GET', `/verify/${code}`, undefined, accept ? { accept } : {});
      expect(reply.status).toBe(200);
      expect(reply.contentType).toContain('application/json');
      expect(reply.body).toMatchObject({ code, status: 'VALID', documentName: 'Kutipan Akta Kematian' });
      expect(String(reply.headers.vary)).toMatch(/accept/i);
    }
  });

  it('shows a corrected copy as SUDAH DIGANTI and an annulled one as DIBATALKAN', async () => {
    const { code, deed } = await issuedDeath();
    const corrected = await registrar.ok(`/deeds/${deed.id}/corrections`, {
      version: deed.version,
      changes: [{ field: 'deceased.fullName', to: 'Kornelis Sawu Bhoko' }],
      reason: 'the family name was left out',
    });
    const superseded = await phone.get(`/verify/${code}`);
    expect(superseded.status).toBe(200);
    expect(superseded.body).toContain('<h1>SUDAH DIGANTI</h1>');
    expect(superseded.body).toContain('data-status="SUPERSEDED"');

    await registrar.ok(`/deeds/${deed.id}/annulment`, { version: corrected.body.version, courtDecision: { number: '88/Pdt.G/2026/PN Bjw', finalOn: daysAgo(0) }, reason: 'the person is alive' });
    const annulled = await phone.get(`/verify/${code}`);
    expect(annulled.status).toBe(200);
    expect(annulled.body).toContain('<h1>DIBATALKAN</h1>');
    expect(annulled.body).toContain('data-status="ANNULLED"');
    expect(annulled.body).not.toContain('88/Pdt.G/2026');
  });

  it('answers an unknown code with a 404 page, and an API caller with problem+json COPY_NOT_FOUND', async () => {
    const page = await phone.get('/verify/AAAAAAAAAAAAAAAA');
    expect(page.status).toBe(404);
    expectPageHeaders(page);
    expect(page.body).toContain('<h1>TIDAK DITEMUKAN</h1>');
    expect(page.body).toContain('AAAAAAAAAAAAAAAA');

    const api = await apiCaller.get('/verify/AAAAAAAAAAAAAAAA');
    expect(api).toMatchObject({ status: 404, body: { code: 'COPY_NOT_FOUND' } });
    expect(api.contentType).toContain('application/problem+json');
  });

  it('answers a malformed code with a 400 page that does not echo what was typed', async () => {
    const typed = encodeURIComponent('<script>alert(1)</script>');
    const page = await phone.get(`/verify/${typed}`);
    expect(page.status).toBe(400);
    expectPageHeaders(page);
    expect(page.body).toContain('<h1>KODE TIDAK VALID</h1>');
    expect(page.body).not.toContain('alert');
    expect(await apiCaller.get(`/verify/${typed}`)).toMatchObject({ status: 400, body: { code: 'VERIFICATION_CODE_INVALID' } });
  });
});

describe('the page in a real browser (Chromium, phone-sized)', () => {
  let browser: Browser | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(() => browser?.close());

  it('renders styled, with no CSP violation and no request but the page', async () => {
    const { code } = await issuedDeath();
    if (!browser) throw new Error('Chromium did not start');
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto(`${baseUrl}/verify/${code}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('SAH');
    expect(await page.getByRole('status').innerText()).toContain('tanda tangan elektroniknya cocok');
    // The inline style applied under the CSP (a browser's defaults would be 8px of margin and no border).
    // (Expressions as strings: they run in the page, and this project is type-checked without the DOM library.)
    expect(await page.evaluate<string>('getComputedStyle(document.body).paddingTop')).toBe('16px');
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('.status')).borderTopColor")).toBe('rgb(10, 107, 44)');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.endsWith('/favicon.ico'))).toEqual([`${baseUrl}/verify/${code}`]);
    await context.close();
  });
});
