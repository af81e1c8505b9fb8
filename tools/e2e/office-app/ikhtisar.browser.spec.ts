// Ikhtisar in Debian's Chromium against the real parts (the four services on PostgreSQL and NATS, the development
// OpenID Connect provider, the gateway serving the app's build): the analyst opens the overview on a 1366 px desktop,
// first honestly empty, then — after residents are registered through identity's REST and the reporting service has
// counted them from the NATS events — with the regency's key figures in Indonesian words and formats, and the link
// into the reporting dashboard. axe-core on every screen; no sideways scrolling at 1366 px and 390 px.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tokenFor, waitFor } from '@adminduk/platform/testing';
import { DEV_PEOPLE } from '../../oidc/people';
import {
  launchChromium,
  newContext,
  scrollsSideways,
  seriousAccessibilityViolations,
  shot,
  signIn,
  startOfficeSystem,
  watchPage,
  type OfficeSystem,
} from './office-system';

jest.setTimeout(180_000);

let system: OfficeSystem;
let browser: Browser;
const problems: string[] = [];
const ANALYST = DEV_PEOPLE.find((p) => p.username === 'analis');
const MIDWIFE = DEV_PEOPLE.find((p) => p.username === 'bidan-boawae');
/** A demo person's username; the demo people are the provider's (tools/oidc/people.ts). */
function who(person: { username: string } | undefined): string {
  if (!person) throw new Error('no such demo person');
  return person.username;
}
const tag = `${process.pid % 10_000}${Date.now() % 10_000}`;

beforeAll(async () => {
  system = await startOfficeSystem();
  browser = await launchChromium();
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



/** The overview once its figures (or its honest empty state) are on screen. */
async function figuresShown(page: Page): Promise<void> {
  await page.waitForSelector('.ikhtisar[aria-busy="false"]');
  await page.waitForSelector('.ikhtisar .figures, .ikhtisar [data-empty]');
}

interface Indicator {
  readonly id: string;
  readonly value: number | null;
  readonly total: number;
  readonly parts: { key: string; count: number }[];
}

/** The figures as a signed-in analyst reads them: exact counts (a public answer withholds counts of 1–4). */
async function indicators(region: string): Promise<Indicator[]> {
  const analyst = await tokenFor(['analyst'], ['5316'], 'e2e-ikhtisar-analyst');
  const res = await fetch(`${system.origin}/api/reporting/indicators?region=${region}`, { headers: { authorization: `Bearer ${analyst}` } });
  return ((await res.json()) as { indicators: Indicator[] }).indicators;
}

describe('Ikhtisar on the real services', () => {
  it('the analyst sees an honest empty overview while reporting has counted nothing', async () => {
    const { context, page } = await open('desktop');
    await signIn(system, page, who(ANALYST));
    expect(new URL(page.url()).pathname).toBe('/ikhtisar');
    await figuresShown(page);
    expect(await page.textContent('#page-title')).toBe('Ikhtisar');
    expect(await page.textContent('[data-empty]')).toContain('Layanan laporan belum punya data untuk Kabupaten Nagekeo');
    expect(await page.locator('.workplace .notice').filter({ hasText: 'sedang dibangun' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Buka Dasbor Indikator Kependudukan' }).getAttribute('href')).toBe('/api/reporting/dashboard#/region/5316');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('after residents are registered, the regency’s figures with target and whether reached; the dashboard link opens it', async () => {
    const registrar = await tokenFor(['registrar'], ['5316'], 'e2e-ikhtisar-registrar');
    const people = [
      { fullName: `Maria Ngole I${tag}`, birthDate: '1985-04-02', sex: 'F', maritalStatus: 'KAWIN_TERCATAT', districtCode: '531601', villageCode: '5316011001' },
      { fullName: `Yohanes Bupu I${tag}`, birthDate: '1979-10-11', sex: 'M', maritalStatus: 'KAWIN_TERCATAT', districtCode: '531603', villageCode: '5316031001' },
      { fullName: `Agnes Wea I${tag}`, birthDate: '2019-01-20', sex: 'F', maritalStatus: 'BELUM_KAWIN', districtCode: '531603', villageCode: '5316031001' },
    ];
    const identity = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
      const res = await fetch(`${system.origin}/api/identity/${path}`, {
        method,
        headers: { authorization: `Bearer ${registrar}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as { id: string; version: number } };
    };
    const ids: string[] = [];
    for (const p of people) {
      const res = await identity('POST', 'residents', { ...p, birthPlace: 'Mbay', religion: 'KATOLIK', motherName: `Ibu ${p.fullName}`, address: 'RT 001 / RW 001' });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // One of the two adults records the e-KTP biometrics at the office.
    const ektpRecord = await identity('GET', `residents/${ids[0]}/ektp`);
    expect((await identity('POST', `residents/${ids[0]}/ektp/actions`, { type: 'RECORD_BIOMETRICS', version: ektpRecord.body.version, channel: 'OFFICE', place: 'Kantor Dinas Dukcapil' })).status).toBe(201);
    // The reporting service learns them from identity's events over NATS.
    const counted = await waitFor(
      async () => {
        const list = await indicators('5316');
        const ektp = list.find((i) => i.id === 'EKTP_RECORDING');
        return ektp && ektp.total >= 2 && ektp.parts.some((p) => p.key === 'RECORDED' && p.count >= 1) ? list : undefined;
      },
      'reporting to count the residents',
      60_000,
      500,
    );
    const ektp = counted.find((i) => i.id === 'EKTP_RECORDING') as Indicator;

    const { context, page } = await open('desktop');
    await signIn(system, page, who(ANALYST));
    await figuresShown(page);
    expect(await page.textContent('.ikhtisar-region')).toMatch(/^Kabupaten Nagekeo, per \d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(await page.locator('.figure h3').allTextContents()).toEqual([
      'Perekaman KTP-el',
      'Kepemilikan KIA',
      'Akta kelahiran anak 0–17 tahun',
      'Kematian dengan akta',
      'BLAS (Bayi Lahir Akta Siap)',
      'OMAS (Orang Mati Akta Siap)',
    ]);
    const card = page.locator('.figure[data-indicator="EKTP_RECORDING"]');
    const expected = ektp.value === null ? 'Belum ada data' : `${ektp.value.toFixed(2).replace('.', ',')}%`;
    expect(await card.locator('.figure-value').textContent()).toBe(expected);
    expect(await card.locator('.figure-target').textContent()).toBe('Target: 99,40%');
    expect(await card.locator('.figure-reached').textContent()).toMatch(/^(✓ Tercapai|✗ Belum tercapai)$/);
    const recorded = ektp.parts.find((p) => p.key === 'RECORDED')?.count ?? 0;
    expect(await card.locator('.figure-whole').textContent()).toBe(`${recorded} dari ${ektp.total} wajib KTP sudah merekam`);
    expect(await page.locator('.figure[data-indicator="BLAS"] .figure-target').textContent()).toBe('Target: paling lama 60 hari');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'ikhtisar-1366');

    const link = page.getByRole('link', { name: 'Buka Dasbor Indikator Kependudukan' });
    expect(await link.getAttribute('href')).toBe('/api/reporting/dashboard#/region/5316');
    const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/reporting/dashboard'), link.click()]);
    expect(response.status()).toBe(200);
    await context.close();
  });

  it('a midwife on a phone sees her kecamatan’s figures, without sideways scrolling', async () => {
    const { context, page } = await open('phone');
    await signIn(system, page, who(MIDWIFE));
    await page.getByRole('link', { name: 'Ikhtisar' }).click();
    await figuresShown(page);
    expect(await page.textContent('.ikhtisar-region')).toMatch(/^Kecamatan Boawae, per /);
    expect(await page.getByRole('link', { name: 'Buka Dasbor Indikator Kependudukan' }).getAttribute('href')).toBe('/api/reporting/dashboard#/region/531603');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('reported no error in the browser', () => {
    expect(problems).toEqual([]);
  });
});
