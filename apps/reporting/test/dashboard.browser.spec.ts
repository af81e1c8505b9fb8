/**
 * The dashboard in a real browser (issue 7): the REAL reporting service on a throw-away PostgreSQL database and
 * NATS JetStream under a run-unique prefix, fed the contract events of a synthetic Nagekeo (dashboard-seed.ts), and
 * Debian's Chromium driven by playwright-core. What is checked is what a person at the office would check: the
 * regency's e-KTP coverage is the figure the seed gives (counted in this test, not read from the service), every
 * breakdown adds up to its total, drilling into a kecamatan shows that kecamatan's figures, the ranking is worst
 * first, the trend has a point per day with data, the CSV export holds the same figures, the keyboard works, and
 * the browser reports no error. A full-page screenshot is saved under the OS temp dir (its path is printed).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JetStreamManager } from 'nats';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STREAMS, SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { ensureStream, EventConsumerService, localDate, NatsService, uuidv7 } from '@adminduk/platform';
import { createDatabase, createTestApp, deletePrefixedStreams, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { REPORTING_SERVICE } from '../src/reporting.module';
import { REPORTING_DURABLES } from '../src/projections/projection-events.handler';
import { addDays, buildDashboardSeed, ektpCoverage, NAGEKEO, type DashboardSeed } from './dashboard-seed';

const CHROMIUM = '/usr/bin/chromium';
const prefix = uniqueNatsPrefix('dashboard');
const shotDir = join(tmpdir(), `adminduk-dashboard-${process.pid}-${Date.now()}`);

// Booting the service, publishing ~700 events and a browser session on a shared two-core machine.
jest.setTimeout(180_000);

let db: { name: string; url: string } | undefined;
let t: TestApp | undefined;
let browser: Browser | undefined;
let page: Page;
let baseUrl: string;
let seed: DashboardSeed;
const browserErrors: string[] = [];

/** The durable that takes each subject, to know when the projections have every event. */
const DURABLE_OF: Partial<Record<EventSubject, string>> = {
  [SUBJECTS.identity.residentRegistered]: REPORTING_DURABLES.residentRegistered,
  [SUBJECTS.identity.residentStatusChanged]: REPORTING_DURABLES.statusChanged,
  [SUBJECTS.identity.ektpStatusChanged]: REPORTING_DURABLES.ektpStatusChanged,
  [SUBJECTS.identity.kiaStatusChanged]: REPORTING_DURABLES.kiaStatusChanged,
  [SUBJECTS.deeds.deedStatusChanged]: REPORTING_DURABLES.deedStatusChanged,
  [SUBJECTS.outreach.visitCompleted]: REPORTING_DURABLES.visitCompleted,
};
const STREAM_OF: Partial<Record<EventSubject, string>> = {
  [SUBJECTS.identity.residentRegistered]: STREAMS.identity.name,
  [SUBJECTS.identity.residentStatusChanged]: STREAMS.identity.name,
  [SUBJECTS.identity.ektpStatusChanged]: STREAMS.identity.name,
  [SUBJECTS.identity.kiaStatusChanged]: STREAMS.identity.name,
  [SUBJECTS.deeds.deedStatusChanged]: STREAMS.deeds.name,
  [SUBJECTS.outreach.visitCompleted]: STREAMS.outreach.name,
};

// Figures as the page writes them (Indonesian conventions: 84,45%; 1.234).
const percentText = (p: number) => `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(p)}%`;
/**
 * What the public dashboard shows of a coverage (src/indicators/small-cells.ts): a total or a part of 1 to 4 people
 * withholds the percentage (a dash in the ranking, "Disamarkan" in its tooltip), and such a region ranks with those
 * without a figure.
 */
const small = (n: number) => n > 0 && n < 5;
const withheld = (c: { total: number; recorded: number; notRecorded: number }) => small(c.total) || small(c.recorded) || small(c.notRecorded);
const shownPercent = (c: { total: number; recorded: number; notRecorded: number; percent: number | null }) => (withheld(c) ? '—' : percentText(c.percent as number));
const countOf = (text: string | null) => Number((text ?? '').replace(/\./g, '').trim());

async function settle(seedEvents: DashboardSeed['events'], nats: NatsService, jsm: JetStreamManager): Promise<void> {
  const js = await nats.jetstream();
  const lastSeq = new Map<EventSubject, number>();
  for (const e of seedEvents) {
    const envelope = { id: uuidv7(), subject: e.subject, occurredAt: e.occurredAt, producer: e.subject.split('.')[0], payload: e.payload };
    // As the producers' outbox relays publish: the envelope as JSON, the event id as Nats-Msg-Id.
    const ack = await js.publish(nats.subject(e.subject), new TextEncoder().encode(JSON.stringify(envelope)), { msgID: envelope.id });
    lastSeq.set(e.subject, ack.seq);
  }
  for (const [subject, seq] of lastSeq) {
    const stream = nats.streamName(STREAM_OF[subject] as string);
    const durable = DURABLE_OF[subject] as string;
    await waitFor(async () => (await jsm.consumers.info(stream, durable)).ack_floor.stream_seq >= seq, `${durable} to take every seeded event`, 120_000, 200);
  }
}

async function ready(): Promise<void> {
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 60_000 });
  const state = await page.getAttribute('body', 'data-state');
  if (state !== 'ready') throw new Error(`the dashboard shows an error: ${await page.textContent('#error')}`);
}

/** Clicks something that changes the view and waits for the new view to be drawn. */
async function navigate(action: () => Promise<unknown>): Promise<void> {
  // (Browser-side code as strings: this file is compiled without the DOM's types.)
  await page.evaluate("document.body.dataset.state = 'navigating'");
  await action();
  await ready();
}

async function card(id: string) {
  const el = page.locator(`article.card[data-indicator="${id}"]`);
  return {
    value: (await el.locator('.value').textContent())?.trim(),
    total: countOf(await el.locator('tfoot .total').textContent()),
    parts: Object.fromEntries(
      await Promise.all(
        (await el.locator('tbody tr').all()).map(async (row) => [await row.getAttribute('data-part'), countOf(await row.locator('td.count').textContent())] as const),
      ),
    ) as Record<string, number>,
  };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the dashboard's browser test needs it (apt-get install chromium).`);
  }
  db = await createDatabase('reporting_dashboard');
  t = await createTestApp(REPORTING_SERVICE.name, REPORTING_SERVICE.module, REPORTING_SERVICE.openApi, { DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  const nats = t.app.get(NatsService);
  const jsm = await nats.jetstreamManager();
  for (const stream of [STREAMS.identity, STREAMS.deeds, STREAMS.outreach]) await ensureStream(jsm, nats, stream);
  await t.app.get(EventConsumerService).ready();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');

  seed = buildDashboardSeed(localDate(t.config.utcOffset));
  await settle(seed.events, nats, jsm);

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'id-ID' });
  // Generous waits: the machine running npm test is shared by many Jest workers.
  context.setDefaultTimeout(60_000);
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') browserErrors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => browserErrors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => browserErrors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto(`${baseUrl}/dashboard`);
  await ready();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await deletePrefixedStreams(prefix);
  if (db) await dropDatabase(db.name);
}, 60_000);

describe('the dashboard in Chromium, on the real reporting service', () => {
  let asOf: string;

  it("opens on the regency, as of the office's today, with its URL", async () => {
    asOf = await page.inputValue('#as-of');
    // The page and this test agree on the day (the service's default), unless the test ran across midnight WITA.
    expect([seed.today, addDays(seed.today, 1)]).toContain(asOf);
    expect(await page.textContent('#page-title')).toBe('Dasbor Indikator Kabupaten Nagekeo');
    expect(await page.textContent('.breadcrumbs [aria-current="page"]')).toBe('Kabupaten Nagekeo');
    expect(new URL(page.url()).hash).toBe(`#/region/${NAGEKEO}`);
    expect(await page.locator('article.card').count()).toBe(13); // the office's ten and the Ministry's IKD, burial register and integrated services (issue 18)
  });

  it("shows the regency's e-KTP recording coverage as counted from the seed, with its breakdown", async () => {
    const expected = ektpCoverage(seed, NAGEKEO, asOf);
    const ektp = await card('EKTP_RECORDING');
    expect(ektp.value).toBe(percentText(expected.percent as number));
    expect(ektp.total).toBe(expected.total);
    expect(ektp.parts).toEqual({ RECORDED: expected.recorded, NOT_RECORDED: expected.notRecorded });
    // Below the Ministry's 99.4%: said in words, not only in colour.
    const text = await page.locator('article.card[data-indicator="EKTP_RECORDING"]').textContent();
    expect(text).toContain('Target ≥ 99,4%');
    expect(text).toContain('Belum tercapai');
  });

  it('shows breakdowns whose parts add up to the total shown, on every card', async () => {
    for (const el of await page.locator('article.card').all()) {
      const id = (await el.getAttribute('data-indicator')) as string;
      if ((await el.locator('tfoot .total').count()) === 0) continue;
      const c = await card(id);
      expect({ id, sum: Object.values(c.parts).reduce((a, b) => a + b, 0) }).toEqual({ id, sum: c.total });
    }
    // The seed has residents, deeds and visits: these cards are not empty.
    for (const id of ['EKTP_RECORDING', 'KIA', 'BIRTH_DEED_0_18', 'DEATH_DEED', 'OUTREACH_ACTIVITY']) expect({ id, total: (await card(id)).total > 0 }).toEqual({ id, total: true });
  });

  it('ranks the kecamatan by e-KTP coverage, worst first, with their figures', async () => {
    // Worst first; a withheld percentage ranks last, by code (as regions without a figure do).
    const key = (c: ReturnType<typeof ektpCoverage>) => (withheld(c) ? null : c.percent);
    const expected = seed.districts
      .map((d) => ({ code: d.code, name: d.name, ...ektpCoverage(seed, d.code, asOf) }))
      .sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
        return x - y || a.code.localeCompare(b.code);
      });
    const rows = await page.locator('#ranking-table tbody tr').all();
    const shown = await Promise.all(rows.map(async (r) => ({ name: (await r.locator('th a').textContent())?.trim(), value: (await r.locator('td.value').textContent())?.trim(), total: countOf(await r.locator('td.num').nth(1).textContent()) })));
    expect(shown).toEqual(expected.map((e) => ({ name: e.name, value: shownPercent(e), total: small(e.total) ? Number.NaN : e.total })));
  });

  it('draws the trend from the day the records date it, says so, and gives the same in its table', async () => {
    // The seed imports its register over two weeks without saying since when (no registered_on, recordings
    // undated): the records tell the figure only from the last import day on (historyFrom).
    const historyFrom = seed.adults.map((a) => a.enteredOn).sort().at(-1) as string;
    const from = addDays(asOf, -89);
    let days = 0;
    let measured = 0;
    for (let d = from; d <= asOf; d = addDays(d, 1), days++) if (d >= historyFrom && ektpCoverage(seed, NAGEKEO, d).total > 0) measured++;
    expect(days).toBe(90);
    expect(await page.locator('#series svg circle.point').count()).toBe(measured);
    expect(await page.locator('#series .series-table tbody tr').count()).toBe(days);
    // The newest row is today's figure; the oldest measured day is historyFrom; the days before say "tidak tercatat".
    const newest = page.locator('#series .series-table tbody tr').first();
    expect((await newest.locator('td').first().textContent())?.trim()).toBe(percentText(ektpCoverage(seed, NAGEKEO, asOf).percent as number));
    expect(await page.locator('#series svg circle.point').first().getAttribute('data-date')).toBe(historyFrom);
    const oldest = page.locator('#series .series-table tbody tr').last();
    expect((await oldest.locator('td').first().textContent())?.trim()).toBe('tidak tercatat');
    const since = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${historyFrom}T00:00:00Z`));
    expect(await page.locator('#series figcaption .history-note').textContent()).toContain(`Riwayat tercatat sejak ${since}`);
  });

  it('saves a full-page screenshot of the regency view', async () => {
    mkdirSync(shotDir, { recursive: true });
    const file = join(shotDir, 'dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`dashboard screenshot: ${file}\n`);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });

  it("drills into the worst kecamatan from the ranking and shows that kecamatan's figures, its villages and a shareable URL", async () => {
    const worst = seed.districts
      .map((d) => ({ ...d, c: ektpCoverage(seed, d.code, asOf) }))
      .filter((d) => !withheld(d.c))
      .sort((a, b) => (a.c.percent as number) - (b.c.percent as number) || a.code.localeCompare(b.code))[0] as { code: string; name: string; c: ReturnType<typeof ektpCoverage> };
    await navigate(() => page.locator('#ranking-table tbody tr').first().locator('th a').click());
    expect(new URL(page.url()).hash).toBe(`#/region/${worst.code}/indicator/EKTP_RECORDING`);
    expect(await page.locator('.breadcrumbs li').allTextContents()).toEqual(['Kabupaten Nagekeo', `Kecamatan ${worst.name}`]);
    const ektp = await card('EKTP_RECORDING');
    expect(ektp.value).toBe(percentText(worst.c.percent as number));
    expect(ektp.parts).toEqual({ RECORDED: worst.c.recorded, NOT_RECORDED: worst.c.notRecorded });
    // Its villages are ranked now; the seeded ones have the seed's figures.
    const villageRows = page.locator('#ranking-table tbody tr');
    expect(await villageRows.count()).toBeGreaterThanOrEqual(3);
    for (const row of await villageRows.all()) {
      const code = (await row.getAttribute('data-region')) as string;
      const c = ektpCoverage(seed, code, asOf);
      if (c.total > 0) expect({ code, value: (await row.locator('td.value').textContent())?.trim() }).toEqual({ code, value: shownPercent(c) });
    }
    // The same view opened from the link alone (shared by message) shows the same figure.
    const other = await page.context().newPage();
    other.on('console', (m) => {
      if (m.type() === 'error') browserErrors.push(`console (shared link): ${m.text()}`);
    });
    other.on('pageerror', (e) => browserErrors.push(`page (shared link): ${e.message}`));
    await other.goto(page.url());
    await other.waitForSelector('body[data-state="ready"]');
    expect((await other.locator('article.card[data-indicator="EKTP_RECORDING"] .value').textContent())?.trim()).toBe(ektp.value);
    await other.close();
  });

  it("downloads the kecamatan's figures as CSV from the export link", async () => {
    const worstCode = new URL(page.url()).hash.split('/')[2];
    const expected = ektpCoverage(seed, worstCode, asOf);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#exports a[data-format="csv"]').click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const [header, ...lines] = csv.trim().split(/\r\n/);
    const columns = (header as string).split(',');
    const row = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v]))).find((r) => r.region_code === worstCode);
    expect(row).toMatchObject({ indicator: 'EKTP_RECORDING', as_of: asOf, total: String(expected.total), part_RECORDED: String(expected.recorded), part_NOT_RECORDED: String(expected.notRecorded) });
    expect(Number(row?.value)).toBe(expected.percent);
    // The JSON link next to it gives the same row.
    const json = await (await page.request.get((await page.getAttribute('#exports a[data-format="json"]', 'href')) as string)).json();
    expect(json.rows.find((r: { region_code: string }) => r.region_code === worstCode)).toMatchObject({ total: expected.total, part_RECORDED: expected.recorded, value: expected.percent });
  });

  it('goes back up by the breadcrumb and switches indicator from the keyboard', async () => {
    await navigate(() => page.locator('.breadcrumbs a', { hasText: 'Kabupaten Nagekeo' }).click());
    expect(new URL(page.url()).hash).toBe(`#/region/${NAGEKEO}/indicator/EKTP_RECORDING`);
    await page.locator('article.card[data-indicator="KIA"] h3 a').focus();
    await navigate(() => page.keyboard.press('Enter'));
    expect(new URL(page.url()).hash).toBe(`#/region/${NAGEKEO}/indicator/KIA`);
    expect(await page.textContent('#h-focus')).toBe('Kepemilikan KIA');
    expect(await page.getAttribute('article.card[data-indicator="KIA"] h3 a', 'aria-current')).toBe('true');
    expect(await page.locator('#ranking-table tbody tr').count()).toBe(seed.districts.length);
  });

  it("shows the figures as of an earlier day chosen in the date picker, then today's again", async () => {
    const earlier = addDays(asOf, -30);
    await page.fill('#as-of', earlier);
    await navigate(() => page.press('#as-of', 'Enter'));
    expect(new URL(page.url()).hash).toBe(`#/region/${NAGEKEO}/indicator/KIA?date=${earlier}`);
    const then = ektpCoverage(seed, NAGEKEO, earlier);
    const ektp = await card('EKTP_RECORDING');
    expect(ektp.value).toBe(percentText(then.percent as number));
    expect(ektp.parts).toEqual({ RECORDED: then.recorded, NOT_RECORDED: then.notRecorded });
    await navigate(() => page.click('#latest'));
    expect(new URL(page.url()).hash).toBe(`#/region/${NAGEKEO}/indicator/KIA`);
    expect(await page.inputValue('#as-of')).toBe(asOf);
  });

  it('says what is wrong, with the problem code, when a link names a region outside the regency', async () => {
    const other = await page.context().newPage();
    const errors: string[] = [];
    other.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await other.goto(`${baseUrl}/dashboard#/region/531699`);
    await other.waitForSelector('body[data-state="error"]');
    const message = await other.textContent('#error');
    expect(message).toContain('REGION_NOT_FOUND');
    expect(await other.getAttribute('#error', 'role')).toBe('alert');
    await other.click('#error a');
    await other.waitForSelector('body[data-state="ready"]');
    expect(await other.textContent('.breadcrumbs [aria-current="page"]')).toBe('Kabupaten Nagekeo');
    // The browser logs the refused requests themselves (404), and nothing else.
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await other.close();
  });

  it('fits a phone screen: one column, nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // The chart is redrawn for the new width after the resize settles.
    await page.waitForFunction("(document.querySelector('#series svg')?.getAttribute('viewBox') ?? '').split(' ')[2] !== '720'");
    const widths = await page.evaluate<{ page: number; screen: number }>('({ page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth })');
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    const [first, second] = await page.locator('article.card').all();
    const a = await first?.boundingBox();
    const b = await second?.boundingBox();
    expect(b && a && b.y > a.y && Math.abs(b.x - a.x) < 1).toBe(true);
    // The ranking fits the phone: every column visible without scrolling sideways, and its caption wraps between
    // words, never inside one.
    const ranking = await page.evaluate<{ table: number; panel: number; brokenWords: string[] }>(`(() => {
      const table = document.querySelector('#ranking-table');
      const caption = table.querySelector('caption');
      const broken = [];
      const text = caption.firstChild;
      const words = [...text.textContent.matchAll(/\\S+/g)];
      for (const w of words) {
        const range = document.createRange();
        range.setStart(text, w.index);
        range.setEnd(text, w.index + w[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(w[0]);
      }
      return { table: table.getBoundingClientRect().width, panel: document.querySelector('#ranking').clientWidth, brokenWords: broken };
    })()`);
    expect(ranking.table).toBeLessThanOrEqual(ranking.panel);
    expect(ranking.brokenWords).toEqual([]);
    await page.locator('#ranking').screenshot({ path: join(shotDir, 'dashboard-phone-ranking.png') });
    const file = join(shotDir, 'dashboard-phone.png');
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`dashboard phone screenshot: ${file}\n`);
  });

  it('reports no error in the browser (console, scripts, requests, Content-Security-Policy)', () => {
    expect(browserErrors).toEqual([]);
  });
});
