/**
 * The sign-in rules, with oauth4webapi doing the protocol against a small provider in this file (discovery, token
 * endpoint with PKCE S256 and resource checks, refresh with rotation) and the app's storage, clock and navigation
 * replaced by plain objects. What is checked is what a person (or an attacker) would notice: a forged answer is
 * refused, a reload keeps the person signed in, a token is refreshed before it runs out and once on a 401, and
 * Keluar or three days unused leave nothing of the person on the device.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_CLAIM_NAMES, type RuntimeConfig } from '../config/runtime-config';
import {
  INACTIVITY_LIMIT_MS,
  REFRESH_MARGIN_MS,
  ROUND_TRIP_KEY,
  SCOPES,
  Session,
  SessionError,
  type Clock,
  type DeviceStore,
  type RoundTripStorage,
  type StoredSession,
} from './session';

const ORIGIN = 'https://adminduk.nagekeo.example';
const ISSUER = 'https://masuk.nagekeo.example/oidc';
const CONFIG: RuntimeConfig = {
  issuer: ISSUER,
  clientId: 'adminduk-web',
  resource: 'urn:adminduk:api',
  apiBase: `${ORIGIN}/api`,
  dashboardUrl: '/api/reporting/dashboard',
  claims: DEFAULT_CLAIM_NAMES,
};
const DAY = 24 * 60 * 60 * 1000;
const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

class MemoryDevice implements DeviceStore {
  session: StoredSession | undefined;
  lastUsed: number | undefined;
  /** Stands for the other data the app keeps (an outbox, downloaded records). */
  other = new Map<string, string>();
  wipes = 0;
  async readSession() {
    return this.session;
  }
  async writeSession(s: StoredSession) {
    this.session = s;
  }
  async clearSession() {
    this.session = undefined;
  }
  async readLastUsed() {
    return this.lastUsed;
  }
  async writeLastUsed(at: number) {
    this.lastUsed = at;
  }
  async wipe() {
    this.wipes++;
    this.session = undefined;
    this.lastUsed = undefined;
    this.other.clear();
  }
}

class MemoryStorage implements RoundTripStorage {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  clear() {
    this.items.clear();
  }
}

class FakeClock implements Clock {
  t = Date.now();
  private timers: { at: number; run: () => void; live: boolean }[] = [];
  now() {
    return this.t;
  }
  after(ms: number, run: () => void) {
    const timer = { at: this.t + ms, run, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  }
  /** Moves time on, running the timers that come due. */
  advance(ms: number) {
    this.t += ms;
    const due = this.timers.filter((x) => x.live && x.at <= this.t);
    this.timers = this.timers.filter((x) => !due.includes(x));
    for (const x of due) x.run();
  }
}

/** The provider and the API the app talks to. */
class World {
  readonly tokenRequests: URLSearchParams[] = [];
  /** Tokens revoked at the revocation endpoint (RFC 7009). */
  readonly revoked: string[] = [];
  readonly apiCalls: { url: string; authorization: string | null }[] = [];
  /** Codes issued at the authorization endpoint: code → what the request said. */
  readonly codes = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();
  refreshToken = 'rt-1';
  accessTokens = 0;
  validAccessToken: string | undefined;
  refuseRefresh = false;
  offline = false;
  /** The API refuses every token (to see that the app retries only once). */
  apiRefusesAll = false;

  constructor(private readonly clock: FakeClock) {}

  /** What the provider does when the browser arrives at its authorization URL: the person signs in, back with a code. */
  authorize(url: string): string {
    const u = new URL(url);
    const code = `code-${this.codes.size + 1}`;
    this.codes.set(code, { challenge: u.searchParams.get('code_challenge') ?? '', nonce: u.searchParams.get('nonce') ?? '', redirectUri: u.searchParams.get('redirect_uri') ?? '' });
    return `${u.searchParams.get('redirect_uri')}?code=${code}&state=${u.searchParams.get('state')}`;
  }

  idToken(nonce?: string): string {
    const now = Math.floor(this.clock.now() / 1000);
    const claims = {
      iss: ISSUER,
      aud: CONFIG.clientId,
      sub: 'person-7',
      iat: now,
      exp: now + 3600,
      ...(nonce ? { nonce } : {}),
      name: 'Maria Goreti Dhey',
      roles: ['partner'],
      regions: ['531603'],
      institution: 'Pustu Raja',
    };
    return `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.${b64url('signature')}`;
  }

  private newAccessToken(): string {
    this.accessTokens++;
    this.validAccessToken = `at-${this.accessTokens}`;
    return this.validAccessToken;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (this.offline) throw new TypeError('fetch failed');
    const request = new Request(input, init);
    const url = new URL(request.url);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url.href === `${ISSUER}/.well-known/openid-configuration`) {
      return json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        end_session_endpoint: `${ISSUER}/session/end`,
        revocation_endpoint: `${ISSUER}/token/revocation`,
        jwks_uri: `${ISSUER}/jwks`,
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.href === `${ISSUER}/token/revocation`) {
      const form = new URLSearchParams(await request.text());
      this.revoked.push(form.get('token') ?? '');
      if (form.get('token') === this.refreshToken) this.refuseRefresh = true;
      return new Response(null, { status: 200 });
    }
    if (url.href === `${ISSUER}/token`) {
      const form = new URLSearchParams(await request.text());
      this.tokenRequests.push(form);
      if (form.get('grant_type') === 'authorization_code') {
        const issued = this.codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const pkceOk = issued && b64url(createHash('sha256').update(verifier).digest()) === issued.challenge;
        if (!issued || !pkceOk || form.get('redirect_uri') !== issued.redirectUri) return json({ error: 'invalid_grant' }, 400);
        this.codes.delete(form.get('code') ?? '');
        return json({ access_token: this.newAccessToken(), token_type: 'Bearer', expires_in: 300, refresh_token: this.refreshToken, id_token: this.idToken(issued.nonce), scope: SCOPES });
      }
      if (form.get('grant_type') === 'refresh_token') {
        if (this.refuseRefresh || form.get('refresh_token') !== this.refreshToken) return json({ error: 'invalid_grant' }, 400);
        this.refreshToken = `rt-${Number(this.refreshToken.slice(3)) + 1}`; // rotation
        return json({ access_token: this.newAccessToken(), token_type: 'Bearer', expires_in: 300, refresh_token: this.refreshToken });
      }
      return json({ error: 'unsupported_grant_type' }, 400);
    }
    if (url.href.startsWith(`${ORIGIN}/api/`)) {
      const authorization = request.headers.get('authorization');
      this.apiCalls.push({ url: url.href, authorization });
      const ok = !this.apiRefusesAll && authorization === `Bearer ${this.validAccessToken}`;
      return ok ? json({ items: [] }) : json({ type: 'urn:adminduk:problem:unauthenticated', title: 'Not authenticated', status: 401, code: 'UNAUTHENTICATED' }, 401);
    }
    return json({ error: 'not found' }, 404);
  };
}

function setUp(device = new MemoryDevice()) {
  const clock = new FakeClock();
  const world = new World(clock);
  const roundTrip = new MemoryStorage();
  const navigations: string[] = [];
  let wipesAnnounced = 0;
  const make = () =>
    new Session({
      config: CONFIG,
      origin: ORIGIN,
      device,
      roundTrip,
      clock,
      fetch: world.fetch,
      navigate: (url) => navigations.push(url),
      announceWipe: () => wipesAnnounced++,
    });
  return { clock, world, device, roundTrip, navigations, make, session: make(), wipesAnnounced: () => wipesAnnounced };
}

/** Signs in through the whole round trip; returns the callback URL the provider sent the browser to. */
async function signIn(t: ReturnType<typeof setUp>, returnTo = '/mitra'): Promise<string> {
  await t.session.start();
  await t.session.signIn(returnTo);
  const callback = t.world.authorize(t.navigations.at(-1) as string);
  await t.session.completeSignIn(new URL(callback));
  return callback;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('signing in (Authorization Code + PKCE S256)', () => {
  it('sends the person to the provider with PKCE, state, nonce, the scopes and the resource, keeping the secrets in session storage only', async () => {
    const t = setUp();
    await t.session.start();
    await t.session.signIn('/mitra', 'id');
    const url = new URL(t.navigations[0] as string);
    expect(url.origin + url.pathname).toBe(`${ISSUER}/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'adminduk-web',
      redirect_uri: `${ORIGIN}/masuk/selesai`,
      response_type: 'code',
      scope: 'openid profile offline_access',
      resource: 'urn:adminduk:api',
      state: expect.any(String),
      nonce: expect.any(String),
      code_challenge: expect.any(String),
      code_challenge_method: 'S256',
      ui_locales: 'id',
      prompt: 'login',
    });
    const kept = JSON.parse(t.roundTrip.getItem(ROUND_TRIP_KEY) as string);
    expect(kept).toEqual({ state: url.searchParams.get('state'), nonce: url.searchParams.get('nonce'), verifier: expect.any(String), returnTo: '/mitra' });
    // The challenge is the verifier's SHA-256; the verifier itself never leaves the device before the token request.
    expect(b64url(createHash('sha256').update(kept.verifier).digest())).toBe(url.searchParams.get('code_challenge'));
    expect(url.href).not.toContain(kept.verifier);
    expect(t.device.session).toBeUndefined();
  });

  it('exchanges the code and keeps the tokens on the device (refresh, ID, and the access token with its expiry)', async () => {
    const t = setUp();
    await t.session.start();
    await t.session.signIn('/mitra');
    const returnTo = await t.session.completeSignIn(new URL(t.world.authorize(t.navigations[0] as string)));
    expect(returnTo).toBe('/mitra');
    const exchange = t.world.tokenRequests[0] as URLSearchParams;
    expect(exchange.get('grant_type')).toBe('authorization_code');
    expect(exchange.get('resource')).toBe('urn:adminduk:api');
    expect(exchange.get('client_id')).toBe('adminduk-web');
    expect(t.session.state).toEqual({
      status: 'signed-in',
      person: { sub: 'person-7', name: 'Maria Goreti Dhey', roles: ['partner'], regions: ['531603'], institution: 'Pustu Raja' },
    });
    expect(t.device.session).toEqual({
      refreshToken: 'rt-1',
      idToken: expect.stringMatching(/^ey/),
      person: expect.objectContaining({ name: 'Maria Goreti Dhey' }),
      accessToken: 'at-1',
      accessTokenExpiresAt: t.clock.now() + 300_000,
    });
    expect(await t.session.accessToken()).toBe('at-1');
    // The round trip is used once.
    expect(t.roundTrip.getItem(ROUND_TRIP_KEY)).toBeNull();
  });

  it('refuses a callback whose state is not the one this tab sent, before any token request', async () => {
    const t = setUp();
    await t.session.start();
    await t.session.signIn('/mitra');
    const callback = new URL(t.world.authorize(t.navigations[0] as string));
    callback.searchParams.set('state', 'state-of-an-attacker');
    await expect(t.session.completeSignIn(callback)).rejects.toEqual(new SessionError('SIGN_IN_STATE_MISMATCH'));
    expect(t.world.tokenRequests).toHaveLength(0);
    expect(t.device.session).toBeUndefined();
    expect(t.session.state).toEqual({ status: 'signed-out' });
    // The round trip is gone: the genuine answer replayed afterwards is refused too.
    callback.searchParams.set('state', 'anything');
    await expect(t.session.completeSignIn(callback)).rejects.toEqual(new SessionError('SIGN_IN_NOT_STARTED'));
  });

  it('refuses a callback with no sign-in started in this tab', async () => {
    const t = setUp();
    await t.session.start();
    await expect(t.session.completeSignIn(new URL(`${ORIGIN}/masuk/selesai?code=code-1&state=s`))).rejects.toEqual(new SessionError('SIGN_IN_NOT_STARTED'));
  });

  it("says so when the provider refuses (the person cancelled), and when the code's PKCE verifier does not match", async () => {
    const t = setUp();
    await t.session.start();
    await t.session.signIn('/');
    const state = new URL(t.navigations[0] as string).searchParams.get('state');
    await expect(t.session.completeSignIn(new URL(`${ORIGIN}/masuk/selesai?error=access_denied&state=${state}`))).rejects.toEqual(new SessionError('SIGN_IN_REFUSED'));

    await t.session.signIn('/');
    const callback = new URL(t.world.authorize(t.navigations[1] as string));
    const kept = JSON.parse(t.roundTrip.getItem(ROUND_TRIP_KEY) as string);
    t.roundTrip.setItem(ROUND_TRIP_KEY, JSON.stringify({ ...kept, verifier: 'x'.repeat(43) }));
    await expect(t.session.completeSignIn(callback)).rejects.toEqual(new SessionError('SIGN_IN_REFUSED'));
    expect(t.device.session).toBeUndefined();
  });

  it('refuses an ID token for another nonce', async () => {
    const t = setUp();
    await t.session.start();
    await t.session.signIn('/');
    const callback = new URL(t.world.authorize(t.navigations[0] as string));
    const issued = t.world.codes.get(callback.searchParams.get('code') as string);
    t.world.codes.set(callback.searchParams.get('code') as string, { ...(issued as { challenge: string; nonce: string; redirectUri: string }), nonce: 'another-nonce' });
    await expect(t.session.completeSignIn(callback)).rejects.toEqual(new SessionError('SIGN_IN_INVALID'));
  });
});

describe('staying signed in', () => {
  it('keeps the access token until shortly before it expires, then refreshes it (the provider rotates the refresh token)', async () => {
    const t = setUp();
    await signIn(t);
    t.clock.advance(200_000);
    expect(await t.session.accessToken()).toBe('at-1');
    expect(t.world.tokenRequests).toHaveLength(1);
    t.clock.t += 300_000 - 200_000 - REFRESH_MARGIN_MS + 1_000; // 59 s before expiry, no timer run
    expect(await t.session.accessToken()).toBe('at-2');
    const refresh = t.world.tokenRequests[1] as URLSearchParams;
    expect(Object.fromEntries(refresh)).toEqual(expect.objectContaining({ grant_type: 'refresh_token', refresh_token: 'rt-1', resource: 'urn:adminduk:api', client_id: 'adminduk-web' }));
    expect(t.device.session?.refreshToken).toBe('rt-2');
  });

  it('refreshes on its own a minute before expiry, without waiting for a call', async () => {
    const t = setUp();
    await signIn(t);
    t.clock.advance(300_000 - REFRESH_MARGIN_MS);
    await settle();
    await settle();
    expect(t.world.tokenRequests.map((r) => r.get('grant_type'))).toEqual(['authorization_code', 'refresh_token']);
    expect(await t.session.accessToken()).toBe('at-2');
  });

  it('sends the bearer token with API calls, and on a 401 refreshes once and sends the call again', async () => {
    const t = setUp();
    await signIn(t);
    const first = await t.session.fetch(`${ORIGIN}/api/identity/residents`);
    expect(first.status).toBe(200);
    // The provider has since replaced the token (e.g. the person's roles changed): the API refuses at-1.
    t.world.validAccessToken = 'at-elsewhere';
    const second = await t.session.fetch(new Request(`${ORIGIN}/api/deeds/notifications`, { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json' } }));
    expect(second.status).toBe(200);
    expect(t.world.apiCalls.map((c) => c.authorization)).toEqual(['Bearer at-1', 'Bearer at-1', 'Bearer at-2']);
  });

  it('retries only once when the API keeps refusing', async () => {
    const t = setUp();
    await signIn(t);
    t.world.apiRefusesAll = true;
    const response = await t.session.fetch(`${ORIGIN}/api/identity/residents`);
    expect(response.status).toBe(401);
    expect(t.world.apiCalls).toHaveLength(2);
    expect(t.world.tokenRequests.filter((r) => r.get('grant_type') === 'refresh_token')).toHaveLength(1);
  });

  it('keeps the person signed in after a reload, from the device, with the access token still valid: no refresh', async () => {
    const t = setUp();
    await signIn(t);
    const reloaded = t.make();
    const state = await reloaded.start();
    expect(state).toEqual({ status: 'signed-in', person: expect.objectContaining({ name: 'Maria Goreti Dhey', roles: ['partner'] }) });
    expect(await reloaded.accessToken()).toBe('at-1');
    expect(t.world.tokenRequests.filter((r) => r.get('grant_type') === 'refresh_token')).toHaveLength(0);
  });

  it('after a reload near the expiry, refreshes with the latest refresh token', async () => {
    const t = setUp();
    await signIn(t);
    t.clock.t += 250_000; // 50 s left: within the margin
    const reloaded = t.make();
    await reloaded.start();
    expect(await reloaded.accessToken()).toBe('at-2');
    expect(t.world.tokenRequests.filter((r) => r.get('grant_type') === 'refresh_token').map((r) => r.get('refresh_token'))).toEqual(['rt-1']);
  });

  it('two tabs never send the same refresh token: the second finds the first one’s new tokens on the device', async () => {
    const t = setUp();
    await signIn(t);
    const other = t.make();
    await other.start();
    t.clock.t += 250_000;
    // Tab one refreshes (rt-1 → rt-2); tab two, which still holds rt-1, then needs a token too.
    expect(await t.session.accessToken()).toBe('at-2');
    expect(await other.accessToken()).toBe('at-2');
    expect(t.world.tokenRequests.filter((r) => r.get('grant_type') === 'refresh_token').map((r) => r.get('refresh_token'))).toEqual(['rt-1']);
    expect(other.state.status).toBe('signed-in');
  });

  it('keeps the person signed in when the app starts without signal (no access token until the signal is back)', async () => {
    const t = setUp();
    await signIn(t);
    t.clock.t += 400_000; // the stored access token has expired
    t.world.offline = true;
    const reloaded = t.make();
    expect((await reloaded.start()).status).toBe('signed-in');
    expect(await reloaded.accessToken()).toBeUndefined();
    t.world.offline = false;
    expect(await reloaded.accessToken()).toBe('at-2');
  });

  it('ends the session when the provider refuses the refresh token, and says why', async () => {
    const t = setUp();
    await signIn(t);
    t.world.refuseRefresh = true;
    t.clock.t += 300_000;
    expect(await t.session.accessToken()).toBeUndefined();
    expect(t.session.state).toEqual({ status: 'signed-out', reason: 'expired' });
    expect(t.device.session).toBeUndefined();
  });
});

describe('Keluar (sign-out)', () => {
  it('wipes everything the app keeps on the device, then ends the session at the provider', async () => {
    const t = setUp();
    await signIn(t);
    t.device.other.set('outbox', 'a queued report');
    t.roundTrip.setItem('something', 'of this tab');
    const idToken = t.device.session?.idToken;
    await t.session.signOut();
    expect(t.device.wipes).toBe(1);
    expect(t.device.session).toBeUndefined();
    expect(t.device.other.size).toBe(0);
    expect(t.roundTrip.items.size).toBe(0);
    expect(t.wipesAnnounced()).toBe(1);
    expect(t.session.state).toEqual({ status: 'signed-out' });
    expect(await t.session.accessToken()).toBeUndefined();
    const end = new URL(t.navigations.at(-1) as string);
    expect(end.origin + end.pathname).toBe(`${ISSUER}/session/end`);
    expect(Object.fromEntries(end.searchParams)).toEqual({ client_id: 'adminduk-web', id_token_hint: idToken, post_logout_redirect_uri: `${ORIGIN}/` });
  });

  it('revokes the refresh token at the provider before wiping, so no copy of it stays usable', async () => {
    const t = setUp();
    await signIn(t);
    const refreshToken = t.device.session?.refreshToken as string;
    await t.session.signOut();
    expect(t.world.revoked).toEqual([refreshToken]);
    expect(t.device.session).toBeUndefined();
  });

  it('a tab never takes over another person’s session found on the device: it ends its own and leaves theirs', async () => {
    const t = setUp();
    await signIn(t);
    const stale = t.make();
    await stale.start();
    // Meanwhile another person signs in on this device (another tab).
    const other = t.device.session as StoredSession;
    await t.device.writeSession({ ...other, refreshToken: 'rt-of-someone-else', person: { ...other.person, sub: 'person-9', name: 'Yohanes Bosco Meo' }, accessToken: 'at-of-someone-else' });
    t.clock.t += 250_000;
    expect(await stale.accessToken()).toBeUndefined();
    expect(stale.state).toEqual({ status: 'signed-out', reason: 'expired' });
    expect(t.device.session?.person.sub).toBe('person-9');
    expect(t.world.tokenRequests.filter((r) => r.get('refresh_token') === 'rt-of-someone-else')).toHaveLength(0);
  });

  it('still wipes the device without signal, and comes back to the start page', async () => {
    const t = setUp();
    await signIn(t);
    t.world.offline = true;
    const offline = t.make();
    await offline.start();
    await offline.signOut();
    expect(t.device.wipes).toBe(1);
    expect(t.device.session).toBeUndefined();
    expect(t.navigations.at(-1)).toBe('/');
  });
});

describe('a lost tablet: the device is wiped after 3 days unused', () => {
  it('wipes at start when the app was last used 3 days ago', async () => {
    const t = setUp();
    await signIn(t);
    t.device.other.set('outbox', 'a queued report');
    t.clock.t += INACTIVITY_LIMIT_MS;
    const later = t.make();
    expect(await later.start()).toEqual({ status: 'signed-out', reason: 'inactive' });
    expect(t.device.wipes).toBe(1);
    expect(t.device.session).toBeUndefined();
    expect(t.device.other.size).toBe(0);
    // The new start is the last use now: the next start is not wiped again.
    expect(t.device.lastUsed).toBe(t.clock.now());
  });

  it('keeps the device when it was used within 3 days', async () => {
    const t = setUp();
    await signIn(t);
    t.clock.t += 3 * DAY - 60_000;
    const later = t.make();
    expect((await later.start()).status).toBe('signed-in');
    expect(t.device.wipes).toBe(0);
  });

  it('also wipes when an app left open comes back to the screen after 3 days', async () => {
    const t = setUp();
    await signIn(t);
    t.clock.t += 2 * DAY;
    expect(await t.session.wipeIfInactive()).toBe(false);
    t.clock.t += 2 * DAY;
    expect(await t.session.wipeIfInactive()).toBe(true);
    expect(t.session.state).toEqual({ status: 'signed-out', reason: 'inactive' });
    expect(await t.session.accessToken()).toBeUndefined();
  });

  it('counts use: an API call moves the last-used time on', async () => {
    const t = setUp();
    await signIn(t);
    t.clock.t += 2 * DAY;
    await t.session.fetch(`${ORIGIN}/api/identity/residents`);
    await settle();
    expect(t.device.lastUsed).toBe(t.clock.now());
  });
});
