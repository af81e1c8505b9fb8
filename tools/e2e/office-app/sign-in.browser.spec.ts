// Sign-in for people, in Debian's Chromium against the real parts: the four services on PostgreSQL and NATS, the
// development OpenID Connect provider, and the gateway serving the app's build on one origin. A person signs in on
// the provider's page (Authorization Code + PKCE), lands in the workplace of their role, stays signed in across a
// reload and without signal (service worker), the app refreshes the short-lived access token before it expires,
// the services accept the provider's tokens (and refuse what the role may not do), and Keluar wipes the device and
// ends the session at the provider. axe-core runs on every screen; phone (390 px) and desktop (1366 px) layouts.
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { DEV_PASSWORD, DEV_PEOPLE } from '../../oidc/people';
import { startGateway } from '../../start/gateway';
import { launchChromium, newContext, type OfficeSystem, ready, scrollsSideways, seriousAccessibilityViolations, shot, startOfficeSystem, watchPage, WEB_DIST } from './office-system';

jest.setTimeout(120_000);

/** The provider's access tokens live 75 s here: the app refreshes them a minute before they expire (at ~15 s). */
const ACCESS_TOKEN_TTL = 75;

let system: OfficeSystem;
let browser: Browser;
const problems: string[] = [];

const person = (username: string) => {
  const found = DEV_PEOPLE.find((p) => p.username === username);
  if (!found) throw new Error(`no demo person ${username}`);
  return found;
};
const MIDWIFE = person('bidan-boawae');
const REGISTRAR = person('registrar');

beforeAll(async () => {
  system = await startOfficeSystem({ accessTokenTtlSeconds: ACCESS_TOKEN_TTL });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
}, 60_000);

async function open(size: 'phone' | 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, size);
  const page = await context.newPage();
  problems.push(...watchPage(page));
  return { context, page };
}



/** Buttons and navigation links smaller than 44 × 44 px (too small for a thumb). */
const smallTargets = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('button, nav a, .button')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => ({ text: el.textContent.trim(), box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.height < 44 || box.width < 44)
    .map(({ text, box }) => text + ' ' + Math.round(box.width) + 'x' + Math.round(box.height))`) as Promise<string[]>;


/** What a token request sent (form fields), for the requests to the provider's token endpoint. */
function tokenForm(request: Request): URLSearchParams | undefined {
  if (request.method() !== 'POST' || !request.url().includes('/oidc/') || !request.url().endsWith('/token')) return undefined;
  return new URLSearchParams(request.postData() ?? '');
}

interface TokenAnswer {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly expires_in: number;
}

/** From the start page through the provider's sign-in page and back; the token endpoint's answer. */
async function signIn(page: Page, who: { username: string }): Promise<TokenAnswer> {
  await page.goto(`${system.origin}/`);
  await ready(page);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
  // The provider's own page, in Indonesian, on the same origin.
  expect(await page.getAttribute('html', 'lang')).toBe('id');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByLabel('Nama pengguna').fill(who.username);
  await page.getByLabel('Kata sandi').fill(DEV_PASSWORD);
  const answer = page.waitForResponse((r) => tokenForm(r.request())?.get('grant_type') === 'authorization_code');
  await page.getByRole('button', { name: 'Masuk' }).click();
  const response = await answer;
  expect(response.status()).toBe(200);
  await page.waitForSelector('.who-name');
  await ready(page);
  return (await response.json()) as TokenAnswer;
}

async function api(path: string, token: string): Promise<{ status: number; body: { code?: string; items?: unknown[] } }> {
  const res = await fetch(`${system.origin}/api/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { code?: string; items?: unknown[] } };
}

describe('sign-in for people, on the real provider and services', () => {
  it('a midwife signs in on a phone: Laporan Mitra, her name and Pustu, and the services take her token as her Pustu’s', async () => {
    const { context, page } = await open('phone');
    expect(await page.goto(`${system.origin}/`).then(() => ready(page)).then(() => page.getAttribute('html', 'lang'))).toBe('id');
    expect(await page.getByRole('button', { name: 'Masuk' }).isVisible()).toBe(true);
    expect(await page.textContent('#page-title')).toBe('Selamat datang di Adminduk Nagekeo');
    expect(await page.getAttribute('a.skip-link', 'href')).toBe('#main');
    expect(await smallTargets(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'start-390');

    const tokens = await signIn(page, MIDWIFE);
    expect(new URL(page.url()).pathname).toBe('/mitra');
    expect(await page.textContent('.who-name')).toBe(MIDWIFE.name);
    expect(await page.textContent('.who-role')).toBe(`Mitra (${MIDWIFE.institutionName})`);
    expect(await page.locator('nav.workplaces a').allTextContents()).toEqual(['Laporan Mitra', 'Ikhtisar']);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'mitra-390');
    // The code exchange carried the PKCE verifier and asked for the APIs' audience; a refresh token came back.
    expect(tokens.refresh_token).toEqual(expect.any(String));

    // The access token is the provider's JWT for the APIs: the deeds service lists her Pustu's reports, and refuses
    // her the clerk's work queue (a partner's role).
    expect(await api('deeds/notifications', tokens.access_token)).toMatchObject({ status: 200, body: { items: [] } });
    expect(await api('deeds/deeds', tokens.access_token)).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    // The ID token is for the app, not for the APIs.
    expect((await api('deeds/notifications', tokens.id_token as string)).status).toBe(401);

    // The clerk's desk is not hers; a reload keeps her signed in.
    await page.goto(`${system.origin}/meja`);
    await ready(page);
    expect(await page.textContent('#page-title')).toBe('Bukan tempat kerja Anda');
    await page.goto(`${system.origin}/ikhtisar`);
    await ready(page);
    await page.reload();
    await ready(page);
    expect(await page.textContent('.who-name')).toBe(MIDWIFE.name);
    expect(await page.textContent('#page-title')).toBe('Ikhtisar');
    await context.close();
  });

  it('the app refreshes the access token before it expires; the new token works and a new refresh token replaces the old', async () => {
    const { context, page } = await open('desktop');
    const first = await signIn(page, REGISTRAR);
    expect(first.expires_in).toBeLessThanOrEqual(ACCESS_TOKEN_TTL);
    const refresh = await page.waitForResponse((r) => tokenForm(r.request())?.get('grant_type') === 'refresh_token', { timeout: (ACCESS_TOKEN_TTL + 30) * 1000 });
    expect(refresh.status()).toBe(200);
    const sent = tokenForm(refresh.request());
    expect(sent?.get('refresh_token')).toBe(first.refresh_token);
    expect(sent?.get('resource')).toBe('urn:adminduk:api');
    const second = (await refresh.json()) as TokenAnswer;
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    // The registrar's new token reads the clerk's work queue.
    expect(await api('deeds/deeds', second.access_token)).toMatchObject({ status: 200, body: { items: [] } });
    expect(await page.locator('nav.workplaces a').allTextContents()).toEqual(['Meja Petugas', 'Ikhtisar']);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await shot(page, 'meja-1366');

    // English second: the switch is kept across a reload; Indonesian again.
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction('document.documentElement.lang === "en"');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await page.reload();
    await ready(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Indonesia' }).click();
    await page.waitForFunction('document.documentElement.lang === "id"');
    expect(await page.getByRole('button', { name: 'Keluar' }).isVisible()).toBe(true);
    await context.close();
  });

  it('refuses a sign-in answer this browser did not ask for, and explains it in Indonesian', async () => {
    const { context, page } = await open('phone');
    await page.goto(`${system.origin}/`);
    await ready(page);
    await page.evaluate(`sessionStorage.setItem('adminduk.masuk', JSON.stringify({ state: 'mine', nonce: 'n', verifier: '${'v'.repeat(43)}', returnTo: '/' }))`);
    await page.goto(`${system.origin}/masuk/selesai?code=stolen&state=someone-elses`);
    await page.waitForSelector('text=Proses masuk tidak berhasil');
    expect(await page.textContent('[role="alert"]')).toContain('ditolak demi keamanan');
    // The code is taken off the address bar.
    expect(new URL(page.url()).search).toBe('');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('explains a wrong config.json in Indonesian, naming every problem', async () => {
    const wrong = await startGateway({
      host: '127.0.0.1',
      port: 0,
      webDir: WEB_DIST,
      services: [],
      appConfig: { issuer: 'http://sso.example/oidc', clientId: 'adminduk-web', resource: 'urn:adminduk:api' },
    });
    try {
      const { context, page } = await open('phone');
      await page.goto(`${wrong.url}/`);
      await page.waitForSelector('body[data-state="config-error"]');
      expect(await page.textContent('#page-title')).toBe('Aplikasi belum dapat dibuka');
      expect(await page.locator('[data-page="config-error"] li').allTextContents()).toEqual([
        'Kolom "apiBase" belum diisi.',
        'Kolom "dashboardUrl" belum diisi.',
        'Kolom "issuer" harus memakai https (http hanya untuk layanan masuk di komputer ini).',
      ]);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await context.close();
    } finally {
      await wrong.close();
    }
  });

  it('opens without signal from the service worker, still signed in, and says "Tidak ada sinyal"', async () => {
    const { context, page } = await open('desktop');
    await signIn(page, MIDWIFE);
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await ready(page);
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    expect(await page.textContent('.banner.offline')).toContain('Tidak ada sinyal');
    expect(await page.textContent('.who-name')).toBe(MIDWIFE.name);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.setOffline(false);
    await context.close();
  });

  it('Keluar wipes the device and ends the session at the provider: the refresh token no longer works', async () => {
    const { context, page } = await open('phone');
    const tokens = await signIn(page, MIDWIFE);
    await page.getByRole('button', { name: 'Keluar' }).click();
    // The provider asks to confirm, in Indonesian, then sends the person back to the app.
    await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(`${system.origin}/`);
    await ready(page);
    expect(await page.getByRole('button', { name: 'Masuk' }).isVisible()).toBe(true);
    const left = (await page.evaluate(`new Promise((resolve) => {
      const open = indexedDB.open('adminduk-sesi');
      open.onsuccess = () => { const tx = open.result.transaction('kv'); const req = tx.objectStore('kv').getAllKeys(); req.onsuccess = () => resolve(req.result); };
      open.onerror = () => resolve([]);
    })`)) as string[];
    expect(left).not.toContain('session');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    // The grant is over at the provider: its refresh token is refused.
    const again = await fetch(`${system.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string, client_id: 'adminduk-web', resource: 'urn:adminduk:api' }),
    });
    expect(again.status).toBe(400);
    await context.close();
  });

  it('reported no error in the browser', () => {
    // The offline reload asks for what is not there on purpose.
    expect(problems.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });
});
