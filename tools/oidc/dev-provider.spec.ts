// The development OpenID Connect provider as the office app and the services meet it: the CLI started as a child
// process on a free port with a fresh data folder, then plain HTTP (fetch with manual redirects, cookies carried
// by hand) through discovery, the sign-in pages, the token endpoint, refresh, sign-out and a restart. Tokens are
// verified with jose against the provider's own jwks_uri, as the services do.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { DEFAULT_OIDC_AUDIENCE, WEB_CLIENT_ID } from '@adminduk/platform';
import { freePort } from '@adminduk/platform/testing';

const ROOT = join(__dirname, '..', '..');
const APP = 'http://127.0.0.1:3999';
const REDIRECT_URI = `${APP}/masuk/selesai`;
const PASSWORD = 'nagekeo-demo';
const ACCESS_TTL = 120;

interface Running {
  readonly child: ChildProcess;
  readonly issuer: string;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

const running = new Set<Running>();
const folders: string[] = [];

afterAll(async () => {
  await Promise.all([...running].map((r) => stop(r)));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
}, 20_000);

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-oidc-'));
  folders.push(dir);
  return dir;
}

/** Starts the CLI and waits for its ready line. */
async function startProvider(dataDir: string, options: { extra?: readonly string[]; port?: number; issuer?: string } = {}): Promise<Running> {
  const port = options.port ?? (await freePort());
  const issuer = options.issuer ?? `http://127.0.0.1:${port}/oidc`;
  const extra = options.extra ?? [];
  const child = spawn(
    process.execPath,
    ['-r', './tools/scripts/ts-register.cjs', 'tools/oidc/main.ts', '--issuer', issuer, '--port', String(port), '--app-origin', APP, '--data', dataDir, ...extra],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const run: Running = { child, issuer, output: () => text, exited };
  running.add(run);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 20 s:\n${text}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (text.includes(`oidc provider ready at ${issuer}\n`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the provider exited with ${code} before it was ready:\n${text}`));
    });
  });
  return run;
}

async function stop(run: Running): Promise<number | null> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
  const code = await run.exited;
  running.delete(run);
  return code;
}

/** A browser's cookie jar and fetch with manual redirects. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const name = (pair ?? '').slice(0, (pair ?? '').indexOf('=')).trim();
      const value = (pair ?? '').slice((pair ?? '').indexOf('=') + 1).trim();
      const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('expires='));
      const gone = value === '' || (expires !== undefined && Date.parse(expires.slice(8)) <= Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  postForm(url: string, fields: Record<string, string>): Promise<Response> {
    return this.fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  }
}

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}

function location(response: Response, base: string): URL {
  const to = response.headers.get('location');
  if (!to) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(to, base);
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(issuer: string, params: Record<string, string>): string {
  const url = new URL(`${issuer}/auth`);
  for (const [k, v] of Object.entries({ client_id: WEB_CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid profile offline_access', ...params })) {
    url.searchParams.set(k, v);
  }
  return url.href;
}

interface Tokens {
  readonly access_token: string;
  readonly id_token: string;
  readonly refresh_token: string;
  readonly token_type: string;
  readonly expires_in: number;
}

/** Authorize → the sign-in page: its HTML and the absolute URL its form posts to. */
async function openLoginPage(browser: Browser, issuer: string, challenge: string, state: string, extra: Record<string, string> = {}): Promise<{ html: string; action: string }> {
  const start = await browser.fetch(authorizeUrl(issuer, { state, nonce: randomBytes(8).toString('hex'), code_challenge: challenge, code_challenge_method: 'S256', ...extra }));
  expect(start.status).toBe(303);
  const page = await browser.fetch(location(start, issuer).href);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
  if (!action) throw new Error(`no sign-in form:\n${html}`);
  return { html, action: new URL(unescapeHtml(action), issuer).href };
}

/**
 * The whole sign-in: returns the tokens and the browser (with its session at the provider). `extra` goes into the
 * authorization request; a `resource` in it is also sent to the token endpoint.
 */
async function signIn(issuer: string, username: string, extra: Record<string, string> = {}): Promise<{ tokens: Tokens; browser: Browser }> {
  const browser = new Browser();
  const { verifier, challenge } = pkce();
  const state = randomBytes(8).toString('hex');
  const { action } = await openLoginPage(browser, issuer, challenge, state, extra);
  const posted = await browser.postForm(action, { username, password: PASSWORD });
  expect(posted.status).toBe(303);
  const resumed = await browser.fetch(location(posted, issuer).href);
  expect(resumed.status).toBe(303);
  const back = location(resumed, issuer);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
  expect(back.searchParams.get('state')).toBe(state);
  const code = back.searchParams.get('code');
  expect(code).toBeTruthy();
  const tokens = await tokenRequest(issuer, { grant_type: 'authorization_code', code: code as string, redirect_uri: REDIRECT_URI, code_verifier: verifier, ...(extra['resource'] ? { resource: extra['resource'] } : {}) });
  expect(tokens.status).toBe(200);
  return { tokens: (await tokens.json()) as Tokens, browser };
}

function tokenRequest(issuer: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: WEB_CLIENT_ID, ...fields }).toString(),
  });
}

async function verifyAccessToken(issuer: string, token: string): Promise<Record<string, unknown>> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer, audience: DEFAULT_OIDC_AUDIENCE, requiredClaims: ['exp', 'iat', 'sub'] });
  return payload;
}

describe('the development OpenID Connect provider', () => {
  let provider: Running;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = freshDataDir();
    provider = await startProvider(dataDir, { extra: ['--access-token-ttl', String(ACCESS_TTL)] });
  }, 30_000);

  test('discovery names the issuer, PKCE with S256 and the end-session endpoint', async () => {
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc['issuer']).toBe(provider.issuer);
    expect(doc['code_challenge_methods_supported']).toEqual(['S256']);
    expect(doc['end_session_endpoint']).toBe(`${provider.issuer}/session/end`);
    expect(doc['authorization_endpoint']).toBe(`${provider.issuer}/auth`);
    expect(doc['jwks_uri']).toBe(`${provider.issuer}/jwks`);
    expect(doc['scopes_supported']).toEqual(expect.arrayContaining(['openid', 'profile', 'offline_access']));
    // Nothing outside the issuer's path.
    expect((await fetch(provider.issuer.replace('/oidc', '/.well-known/openid-configuration'))).status).toBe(404);
  });

  test('discovery states the issuer URL even when a proxy rewrote the Host header', async () => {
    const port = new URL(provider.issuer).port;
    const response = await fetch(`http://localhost:${port}/oidc/.well-known/openid-configuration`, { headers: { 'x-forwarded-host': 'evil.example' } });
    expect(((await response.json()) as Record<string, unknown>)['token_endpoint']).toBe(`${provider.issuer}/token`);
  });

  test('the midwife signs in with Authorization Code and PKCE: the access token carries her role, region and Pustu', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const { html, action } = await openLoginPage(browser, provider.issuer, challenge, 'st-1');
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/<label for="username">Nama pengguna<\/label>/);
    expect(html).toMatch(/<label for="password">Kata sandi<\/label>/);
    expect(html).toContain('<h1>Masuk</h1>');
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!127\.0\.0\.1)/);

    const posted = await browser.postForm(action, { username: 'bidan-boawae', password: PASSWORD });
    expect(posted.status).toBe(303);
    const resumed = await browser.fetch(location(posted, provider.issuer).href);
    const back = location(resumed, provider.issuer);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code') as string;
    expect(code).toBeTruthy();

    const response = await tokenRequest(provider.issuer, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as Tokens;
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.refresh_token).toBeTruthy();
    expect(['RS256', 'ES256']).toContain(decodeProtectedHeader(tokens.access_token).alg);

    const claims = await verifyAccessToken(provider.issuer, tokens.access_token);
    expect(claims).toMatchObject({ iss: provider.issuer, aud: DEFAULT_OIDC_AUDIENCE, sub: 'bidan-boawae', roles: ['partner'], regions: ['531603'], institution: 'pustu-boawae' });
    expect(typeof claims['exp']).toBe('number');
    expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(ACCESS_TTL);
    // The person's name stays out of the access token.
    expect(claims['name']).toBeUndefined();

    const idToken = decodeJwt(tokens.id_token);
    expect(idToken).toMatchObject({
      iss: provider.issuer,
      aud: WEB_CLIENT_ID,
      sub: 'bidan-boawae',
      name: 'Elisabeth Ine Lena',
      preferred_username: 'bidan-boawae',
      roles: ['partner'],
      regions: ['531603'],
      institution: 'pustu-boawae',
      // The institution's name, for the app to show; the access token carries the id only.
      institution_name: 'Pustu Boawae',
    });
    expect(decodeJwt(tokens.access_token)).not.toHaveProperty('institution_name');

    // The code is single-use.
    const again = await tokenRequest(provider.issuer, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(again.status).toBe(400);
  });

  test('a refresh gives a new access token and a new refresh token; the used one no longer works', async () => {
    const { tokens } = await signIn(provider.issuer, 'operator-boawae');
    const refreshed = await tokenRequest(provider.issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Tokens;
    expect(next.access_token).not.toBe(tokens.access_token);
    expect(next.refresh_token).toBeTruthy();
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(await verifyAccessToken(provider.issuer, next.access_token)).toMatchObject({ sub: 'operator-boawae', roles: ['operator'], regions: ['531603'] });

    const reused = await tokenRequest(provider.issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as { error: string }).error).toBe('invalid_grant');
  });

  test('the office app names the resource (RFC 8707) at every step, as apps/web does: the same tokens', async () => {
    const resource = DEFAULT_OIDC_AUDIENCE;
    const { tokens } = await signIn(provider.issuer, 'operator-aesesa', { resource, ui_locales: 'id' });
    expect(await verifyAccessToken(provider.issuer, tokens.access_token)).toMatchObject({ sub: 'operator-aesesa', roles: ['operator'], regions: ['531601'] });
    const refreshed = await tokenRequest(provider.issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, resource });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Tokens;
    expect(await verifyAccessToken(provider.issuer, next.access_token)).toMatchObject({ aud: resource });
    expect(decodeJwt(next.id_token)).toMatchObject({ sub: 'operator-aesesa', name: 'Maria Magdalena Nau' });

    const other = await tokenRequest(provider.issuer, { grant_type: 'refresh_token', refresh_token: next.refresh_token, resource: 'urn:somewhere:else' });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: string }).error).toBe('invalid_target');
  });

  test.each([
    ['a wrong password', 'bidan-boawae', 'nagekeo-salah'],
    ['an unknown username', 'bidan-tidak-ada', PASSWORD],
  ])('%s: the page says "Nama pengguna atau kata sandi salah." and nothing goes back to the app', async (_label, username, password) => {
    const browser = new Browser();
    const { action } = await openLoginPage(browser, provider.issuer, pkce().challenge, 'st-4');
    const response = await browser.postForm(action, { username, password });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('Nama pengguna atau kata sandi salah.');
    expect(html).not.toContain(password);
    expect(html).not.toMatch(/code=/);
  });

  test('the name typed is shown back escaped', async () => {
    const browser = new Browser();
    const { action } = await openLoginPage(browser, provider.issuer, pkce().challenge, 'st-5');
    const html = await (await browser.postForm(action, { username: '"><script>alert(1)</script>', password: 'x' })).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });

  test('the pages allow only their own style sheet (Content-Security-Policy)', async () => {
    const browser = new Browser();
    const start = await browser.fetch(authorizeUrl(provider.issuer, { state: 's', code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    const page = await browser.fetch(location(start, provider.issuer).href);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain(`form-action 'self'`);
    expect(csp).toContain(APP);
  });

  test('PKCE is required, and an unregistered redirect URI is refused', async () => {
    const withoutPkce = await new Browser().fetch(authorizeUrl(provider.issuer, { state: 'st-6' }));
    expect(withoutPkce.status).toBe(303);
    const refused = location(withoutPkce, provider.issuer);
    expect(refused.searchParams.get('error')).toBe('invalid_request');
    expect(refused.searchParams.get('code')).toBeNull();

    const plain = await new Browser().fetch(authorizeUrl(provider.issuer, { state: 'st-6', code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }));
    expect(location(plain, provider.issuer).searchParams.get('error')).toBe('invalid_request');

    const elsewhere = await new Browser().fetch(
      authorizeUrl(provider.issuer, { state: 'st-6', redirect_uri: 'http://127.0.0.1:4000/masuk/selesai', code_challenge: pkce().challenge, code_challenge_method: 'S256' }),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get('location')).toBeNull();
    const html = await elsewhere.text();
    expect(html).toContain('lang="id"');
    expect(html).toContain('redirect_uri');
  });

  test('signing out (confirmed) goes back to the app and revokes the refresh token', async () => {
    const { tokens, browser } = await signIn(provider.issuer, 'tim-jemput-bola');
    const url = new URL(`${provider.issuer}/session/end`);
    url.searchParams.set('id_token_hint', tokens.id_token);
    url.searchParams.set('post_logout_redirect_uri', `${APP}/`);
    url.searchParams.set('state', 'bye');
    const confirm = await browser.fetch(url.href);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('lang="id"');
    expect(html).toContain('<h1>Keluar</h1>');
    const action = unescapeHtml(/<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '');
    const xsrf = unescapeHtml(/name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '');
    expect(action).toBe(`${provider.issuer}/session/end/confirm`);

    // Still signed in until confirmed.
    const before = await tokenRequest(provider.issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(before.status).toBe(200);
    const current = (await before.json()) as Tokens;

    const done = await browser.postForm(action, { xsrf, logout: 'yes' });
    expect(done.status).toBe(303);
    const back = location(done, provider.issuer);
    expect(`${back.origin}${back.pathname}`).toBe(`${APP}/`);
    expect(back.searchParams.get('state')).toBe('bye');

    const after = await tokenRequest(provider.issuer, { grant_type: 'refresh_token', refresh_token: current.refresh_token });
    expect(after.status).toBe(400);
    expect(((await after.json()) as { error: string }).error).toBe('invalid_grant');

    // And the browser is signed out at the provider: the next authorization asks for the password again.
    const again = await browser.fetch(authorizeUrl(provider.issuer, { state: 's', code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(location(again, provider.issuer).pathname).toMatch(/^\/oidc\/interaction\//);
  });

  test('an expired or unknown sign-in page says so in Indonesian', async () => {
    const response = await fetch(`${provider.issuer}/interaction/tidak-ada`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Sesi masuk sudah berakhir');
    expect(html).toContain(`href="${APP}/"`);
  });

  test('Batal on the sign-in page returns access_denied to the app, without a code', async () => {
    const browser = new Browser();
    const { html } = await openLoginPage(browser, provider.issuer, pkce().challenge, 'st-7');
    const cancel = unescapeHtml(/<form method="post" action="([^"]+\/batal)"/.exec(html)?.[1] ?? '');
    const posted = await browser.postForm(new URL(cancel, provider.issuer).href, {});
    expect(posted.status).toBe(303);
    const back = location(await browser.fetch(location(posted, provider.issuer).href), provider.issuer);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-7');
    expect(back.searchParams.get('code')).toBeNull();
  });

  test('an app that forces prompt=consent still gets its code without a consent page', async () => {
    const { browser } = await signIn(provider.issuer, 'operator-keo-tengah');
    const { verifier, challenge } = pkce();
    const start = await browser.fetch(authorizeUrl(provider.issuer, { state: 'st-8', prompt: 'consent', code_challenge: challenge, code_challenge_method: 'S256' }));
    let response = start;
    const visited: string[] = [];
    for (let hops = 0; hops < 4 && response.status === 303 && !location(response, provider.issuer).href.startsWith(APP); hops++) {
      visited.push(location(response, provider.issuer).pathname);
      response = await browser.fetch(location(response, provider.issuer).href);
    }
    // The consent step was asked for (an interaction) and passed without a page.
    expect(visited.some((path) => path.startsWith('/oidc/interaction/'))).toBe(true);
    const back = location(response, provider.issuer);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    const code = back.searchParams.get('code') as string;
    const tokens = await tokenRequest(provider.issuer, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(tokens.status).toBe(200);
    expect(((await tokens.json()) as Tokens).refresh_token).toBeTruthy();
  });

  test('signing out without a post-logout URI ends on the Indonesian "signed out" page', async () => {
    const { tokens, browser } = await signIn(provider.issuer, 'operator-wolowae');
    const confirm = await browser.fetch(`${provider.issuer}/session/end?id_token_hint=${tokens.id_token}`);
    const html = await confirm.text();
    const xsrf = unescapeHtml(/name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '');
    const done = await browser.postForm(`${provider.issuer}/session/end/confirm`, { xsrf, logout: 'yes' });
    expect(done.status).toBe(303);
    const page = await browser.fetch(location(done, provider.issuer).href);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('lang="id"');
    expect(text).toContain('Anda sudah keluar');
    expect((await tokenRequest(provider.issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(400);
  });

  test("the registrar's token covers the regency and names no institution", async () => {
    const { tokens } = await signIn(provider.issuer, 'registrar');
    const claims = await verifyAccessToken(provider.issuer, tokens.access_token);
    expect(claims).toMatchObject({ sub: 'registrar', roles: ['registrar'], regions: ['5316'] });
    expect(claims).not.toHaveProperty('institution');
    expect(decodeJwt(tokens.id_token)).not.toHaveProperty('institution');
  });

  test('keys are kept in the data folder, readable by the owner only', () => {
    expect(statSync(join(dataDir, 'oidc-keys.json')).mode & 0o777).toBe(0o600);
  });
});

describe('a restart with the same data folder', () => {
  test('serves the same JWKS, and the people signed in stay signed in', async () => {
    const dataDir = freshDataDir();
    const first = await startProvider(dataDir);
    const keysBefore = (await (await fetch(`${first.issuer}/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(keysBefore.keys.length).toBeGreaterThan(0);
    expect(keysBefore.keys.every((k) => k.d === undefined)).toBe(true);
    const { tokens } = await signIn(first.issuer, 'analis');
    expect(await stop(first)).toBe(0);

    const second = await startProvider(dataDir, { port: Number(new URL(first.issuer).port) });
    expect(second.issuer).toBe(first.issuer);
    const keysAfter = (await (await fetch(`${second.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(keysAfter.keys.map((k) => k.kid)).toEqual(keysBefore.keys.map((k) => k.kid));
    // A token issued before the restart verifies against the keys published after it.
    await verifyAccessToken(second.issuer, tokens.access_token);
    // The refresh token issued before the restart still works.
    const refreshed = await tokenRequest(second.issuer, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const claims = decodeJwt(((await refreshed.json()) as Tokens).access_token);
    expect(claims).toMatchObject({ sub: 'analis', roles: ['analyst'], regions: ['5316'] });
    expect(statSync(join(dataDir, 'oidc-store.json')).mode & 0o777).toBe(0o600);
    expect(await stop(second)).toBe(0);
  });
});

/**
 * A reverse proxy as `npm start` puts in front of the provider: `/oidc/*` forwarded unchanged to the provider's
 * port, the Host header rewritten to the upstream (as @fastify/http-proxy does by default), no X-Forwarded-*.
 */
async function startProxy(port: number, upstreamPort: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/oidc/')) {
      res.writeHead(404).end();
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}` } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('behind a reverse proxy that forwards /oidc/* unchanged', () => {
  test('the whole sign-in runs through the proxy, and the provider also answers on its own port', async () => {
    const proxyPort = await freePort();
    const providerPort = await freePort();
    const issuer = `http://127.0.0.1:${proxyPort}/oidc`;
    const run = await startProvider(freshDataDir(), { issuer, port: providerPort });
    const proxy = await startProxy(proxyPort, providerPort);
    try {
      const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
      expect(discovery['issuer']).toBe(issuer);
      expect(discovery['token_endpoint']).toBe(`${issuer}/token`);

      const { tokens } = await signIn(issuer, 'sekretaris-paroki-mbay');
      expect(await verifyAccessToken(issuer, tokens.access_token)).toMatchObject({ roles: ['partner'], regions: ['531601'], institution: 'paroki-mbay' });

      // Directly on the provider's port, under the same path: the same issuer, the same keys, a working token endpoint.
      const direct = `http://127.0.0.1:${providerPort}/oidc`;
      const directDiscovery = (await (await fetch(`${direct}/.well-known/openid-configuration`)).json()) as Record<string, string>;
      expect(directDiscovery['issuer']).toBe(issuer);
      expect(await (await fetch(`${direct}/jwks`)).json()).toEqual(await (await fetch(`${issuer}/jwks`)).json());
      const refreshed = await tokenRequest(direct, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
      expect(refreshed.status).toBe(200);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
      await stop(run);
    }
  });
});

describe('people given with --people', () => {
  test('sign in instead of the demo people, with their own claims', async () => {
    const dataDir = freshDataDir();
    const file = join(dataDir, 'people.json');
    const person = { username: 'petugas-uji', password: 'rahasia-uji', name: 'Petugas Uji', roles: ['operator', 'registrar'], regions: ['531604', '531605'], description: 'uji' };
    writeFileSync(file, JSON.stringify([person]));
    const run = await startProvider(dataDir, { extra: ['--people', file] });
    try {
      const browser = new Browser();
      const { action } = await openLoginPage(browser, run.issuer, pkce().challenge, 's');
      const demo = await browser.postForm(action, { username: 'registrar', password: PASSWORD });
      expect(await demo.text()).toContain('Nama pengguna atau kata sandi salah.');
      const { verifier, challenge } = pkce();
      const other = new Browser();
      const page = await openLoginPage(other, run.issuer, challenge, 's2');
      const posted = await other.postForm(page.action, { username: 'petugas-uji', password: 'rahasia-uji' });
      const back = location(await other.fetch(location(posted, run.issuer).href), run.issuer);
      const response = await tokenRequest(run.issuer, { grant_type: 'authorization_code', code: back.searchParams.get('code') as string, redirect_uri: REDIRECT_URI, code_verifier: verifier });
      const tokens = (await response.json()) as Tokens;
      expect(await verifyAccessToken(run.issuer, tokens.access_token)).toMatchObject({ sub: 'petugas-uji', roles: ['operator', 'registrar'], regions: ['531604', '531605'] });
      expect(decodeJwt(tokens.id_token)).toMatchObject({ name: 'Petugas Uji' });
    } finally {
      await stop(run);
    }
  });
});

describe('the command line', () => {
  test('bad arguments: exit 2 with a message and the usage', async () => {
    const child = spawn(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'tools/oidc/main.ts', '--issuer', 'ftp://x', '--port', '1'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('issuer must be an http or https URL');
    expect(stderr).toContain('usage:');
  });

  test('SIGINT stops it with exit 0, and nothing but the ready line is on stdout', async () => {
    const run = await startProvider(freshDataDir());
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    running.delete(run);
    expect(run.output().trim()).toBe(`oidc provider ready at ${run.issuer}`);
  });
});
