/**
 * Signing a person in and keeping them signed in, without a framework: OpenID Connect Authorization Code with PKCE
 * (S256), state and nonce, done by oauth4webapi (no hand-written OAuth). Everything this module touches comes in
 * as a dependency (the device store, the round-trip storage, the clock, fetch, navigation), so its rules are
 * tested in Jest without a browser (session.spec.ts).
 *
 * What is kept where:
 * - the refresh token, the ID token (for id_token_hint at sign-out), the person read from its claims and the
 *   current access token with its expiry: in the device store (IndexedDB), so that a reload or a day without
 *   signal in a village keeps the person signed in;
 * - the access token is refreshed shortly before it expires and once on a 401 — not at every page load. Refresh
 *   tokens are single-use (the provider rotates them, and treats a spent one coming back as stolen: it ends the
 *   whole sign-in). A refresh at every load raced with the next navigation: the answer with the new refresh token
 *   was lost with the page, the next load sent the spent one, and the person was signed out (found by the browser
 *   test on the real provider). So the access token is kept with the session, and every refresh runs under a lock
 *   shared by the app's tabs (Web Locks), reading the latest refresh token from the device first: a token another
 *   tab already rotated is never sent again;
 * - state, nonce and the PKCE verifier: in session storage, for the round trip to the provider and back only;
 * - the time the app was last used: in the device store; after INACTIVITY_LIMIT_MS unused, the start wipes the
 *   device (a lost tablet does not stay signed in).
 * Tokens and personal data are never logged.
 */
import {
  allowInsecureRequests,
  authorizationCodeGrantRequest,
  AuthorizationResponseError,
  calculatePKCECodeChallenge,
  clockSkew,
  customFetch,
  discoveryRequest,
  generateRandomCodeVerifier,
  generateRandomNonce,
  generateRandomState,
  getValidatedIdTokenClaims,
  None,
  processAuthorizationCodeResponse,
  processDiscoveryResponse,
  processRefreshTokenResponse,
  processRevocationResponse,
  refreshTokenGrantRequest,
  revocationRequest,
  ResponseBodyError,
  validateAuthResponse,
  type AuthorizationServer,
  type Client,
  type TokenEndpointResponse,
} from 'oauth4webapi';
import type { RuntimeConfig } from '../config/runtime-config';
import { isPerson, personFromClaims, type Person } from './person';

/** Where the provider sends the person back (WEB_REDIRECT_PATH in libs/platform/src/auth/oidc-claims.ts). */
export const WEB_REDIRECT_PATH = '/masuk/selesai';
/** Where the provider sends the person after signing out (WEB_POST_LOGOUT_PATH there). */
export const WEB_POST_LOGOUT_PATH = '/';
/** `offline_access`: a refresh token, so that a reload or an offline day keeps the person signed in. */
export const SCOPES = 'openid profile offline_access';
/** The device is wiped when the app has not been used for this long (3 days). */
export const INACTIVITY_LIMIT_MS = 3 * 24 * 60 * 60 * 1000;
/** The access token is refreshed this long before it expires. */
export const REFRESH_MARGIN_MS = 60 * 1000;
/** When the token response gives no expires_in: assume a short life (5 minutes). */
const DEFAULT_TOKEN_LIFE_MS = 5 * 60 * 1000;
/** The last-used time is written at most this often. */
const ACTIVITY_WRITE_INTERVAL_MS = 60 * 1000;
/** The session storage key of the sign-in round trip. */
export const ROUND_TRIP_KEY = 'adminduk.masuk';

/** What the device keeps between visits (IndexedDB). */
export interface StoredSession {
  readonly refreshToken: string;
  readonly idToken: string;
  readonly person: Person;
  /** The current access token and when it expires (ms since the epoch): a reload uses it while it is valid. */
  readonly accessToken?: string;
  readonly accessTokenExpiresAt?: number;
}

/** The device's persistent store (auth/device-store.ts over IndexedDB; a Map in the tests). */
export interface DeviceStore {
  readSession(): Promise<StoredSession | undefined>;
  writeSession(session: StoredSession): Promise<void>;
  clearSession(): Promise<void>;
  readLastUsed(): Promise<number | undefined>;
  writeLastUsed(at: number): Promise<void>;
  /** Everything the app keeps on the device: IndexedDB databases, caches of API data, local storage. */
  wipe(): Promise<void>;
}

/** Session storage (or a stand-in): survives the redirect to the provider and back, not the tab. */
export interface RoundTripStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  clear(): void;
}

export interface Clock {
  now(): number;
  /** Runs `run` after `ms`; returns a function that cancels it. */
  after(ms: number, run: () => void): () => void;
}

export interface SessionDeps {
  readonly config: RuntimeConfig;
  /** The app's origin, e.g. 'http://127.0.0.1:3000'. */
  readonly origin: string;
  readonly device: DeviceStore;
  readonly roundTrip: RoundTripStorage;
  readonly clock: Clock;
  readonly fetch: typeof fetch;
  /** Leaves the app for the provider (location.assign in the browser). */
  readonly navigate: (url: string) => void;
  /** Tells the app's other tabs that this device was wiped (a BroadcastChannel in the browser). */
  readonly announceWipe?: () => void;
  /**
   * Runs `task` while holding the named lock of every tab of the app (navigator.locks in the browser); without it,
   * the task runs at once (one tab).
   */
  readonly withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
}

/** The name of the lock the app's tabs take to refresh the tokens. */
export const REFRESH_LOCK = 'adminduk-refresh';

/** Why a signed-out screen is shown: to tell the person what happened. */
export type SignedOutReason = 'inactive' | 'expired';

export type SessionState =
  | { readonly status: 'starting' }
  | { readonly status: 'signed-out'; readonly reason?: SignedOutReason }
  | { readonly status: 'signed-in'; readonly person: Person };

export type SessionErrorCode =
  /** The provider could not be reached (no signal, or the provider is down). */
  | 'PROVIDER_UNREACHABLE'
  /** Back at /masuk/selesai without a sign-in started in this tab (an old link, another tab, a reload). */
  | 'SIGN_IN_NOT_STARTED'
  /** The state sent back is not the one this tab sent: the answer is not for this sign-in, and is refused. */
  | 'SIGN_IN_STATE_MISMATCH'
  /** The provider said no (the person cancelled, or is not allowed to use the app). */
  | 'SIGN_IN_REFUSED'
  /** The provider's answer broke the protocol (wrong issuer, nonce, audience, missing tokens). */
  | 'SIGN_IN_INVALID';

export class SessionError extends Error {
  constructor(readonly code: SessionErrorCode) {
    super(code);
    this.name = 'SessionError';
  }
}

interface RoundTrip {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  /** The app path to go back to after signing in. */
  readonly returnTo: string;
}

interface AccessToken {
  readonly value: string;
  readonly expiresAt: number;
}

function readRoundTrip(raw: string | null): RoundTrip | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    const { state, nonce, verifier, returnTo } = v;
    if (typeof state === 'string' && typeof nonce === 'string' && typeof verifier === 'string' && typeof returnTo === 'string') return { state, nonce, verifier, returnTo };
  } catch {
    // Damaged: treated as absent.
  }
  return undefined;
}

/** Only a path of this app: never an absolute URL someone slipped into the round trip. */
function safeReturnPath(path: string | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') && path !== WEB_REDIRECT_PATH ? path : '/';
}

export class Session {
  private current: SessionState = { status: 'starting' };
  private readonly listeners = new Set<(state: SessionState) => void>();
  private server: Promise<AuthorizationServer> | undefined;
  private token: AccessToken | undefined;
  private stored: StoredSession | undefined;
  private refreshing: Promise<boolean> | undefined;
  private cancelTimer: (() => void) | undefined;
  private lastActivityWrite = 0;

  constructor(private readonly deps: SessionDeps) {}

  get state(): SessionState {
    return this.current;
  }

  /** Calls `listener` at every change of state; returns the unsubscribe function. */
  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * At the app's start: wipes the device when it has not been used for 3 days, else takes the stored session
   * back (signed in at once from the stored claims, also offline) and fetches a fresh access token in the
   * background when it can.
   */
  async start(): Promise<SessionState> {
    if (await this.wipeIfInactive()) return this.current;
    await this.noteActivity(true);
    const stored = await this.deps.device.readSession();
    if (!stored || !isPerson(stored.person) || typeof stored.refreshToken !== 'string') {
      if (stored) await this.deps.device.clearSession();
      this.set({ status: 'signed-out' });
      return this.current;
    }
    this.stored = stored;
    this.set({ status: 'signed-in', person: stored.person });
    if (!this.takeStoredToken(stored)) void this.refresh();
    return this.current;
  }

  /**
   * Wipes the device if the app has not been used for INACTIVITY_LIMIT_MS (checked at start and when the app comes
   * back to the screen). Returns true when it did.
   */
  async wipeIfInactive(): Promise<boolean> {
    const last = await this.deps.device.readLastUsed();
    if (last === undefined || this.deps.clock.now() - last < INACTIVITY_LIMIT_MS) return false;
    await this.wipeDevice();
    this.set({ status: 'signed-out', reason: 'inactive' });
    await this.noteActivity(true);
    return true;
  }

  /** Records that the app is in use (written at most once a minute unless forced). */
  async noteActivity(force = false): Promise<void> {
    const now = this.deps.clock.now();
    if (!force && now - this.lastActivityWrite < ACTIVITY_WRITE_INTERVAL_MS) return;
    this.lastActivityWrite = now;
    await this.deps.device.writeLastUsed(now);
  }

  /** Sends the person to the provider's sign-in page; `returnTo` is the app path to come back to. */
  async signIn(returnTo = '/', uiLocale?: string): Promise<void> {
    const server = await this.discover();
    const verifier = generateRandomCodeVerifier();
    const roundTrip: RoundTrip = { state: generateRandomState(), nonce: generateRandomNonce(), verifier, returnTo: safeReturnPath(returnTo) };
    const url = new URL(server.authorization_endpoint as string);
    const params = new URLSearchParams({
      client_id: this.deps.config.clientId,
      redirect_uri: this.redirectUri(),
      response_type: 'code',
      scope: SCOPES,
      resource: this.deps.config.resource,
      state: roundTrip.state,
      nonce: roundTrip.nonce,
      code_challenge: await calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      // The password every time: on a tablet the team shares, a provider session left by the previous person (a
      // Keluar without signal, or one whose provider page was closed) must never sign the next one in as them.
      prompt: 'login',
    });
    if (uiLocale) params.set('ui_locales', uiLocale);
    for (const [k, v] of params) url.searchParams.set(k, v);
    this.deps.roundTrip.setItem(ROUND_TRIP_KEY, JSON.stringify(roundTrip));
    this.deps.navigate(url.href);
  }

  /**
   * Back from the provider at /masuk/selesai: checks the state, exchanges the code (with the PKCE verifier and the
   * resource), checks the ID token (issuer, audience, nonce), keeps the tokens. Returns the path to go on to.
   * The round trip is used once: a second visit to the same URL is refused.
   */
  async completeSignIn(callbackUrl: URL): Promise<string> {
    const roundTrip = readRoundTrip(this.deps.roundTrip.getItem(ROUND_TRIP_KEY));
    this.deps.roundTrip.removeItem(ROUND_TRIP_KEY);
    if (!roundTrip) throw new SessionError('SIGN_IN_NOT_STARTED');
    if (callbackUrl.searchParams.get('state') !== roundTrip.state) throw new SessionError('SIGN_IN_STATE_MISMATCH');
    const server = await this.discover();
    let params: URLSearchParams;
    try {
      params = validateAuthResponse(server, this.client(), callbackUrl, roundTrip.state);
    } catch (error) {
      throw new SessionError(error instanceof AuthorizationResponseError ? 'SIGN_IN_REFUSED' : 'SIGN_IN_INVALID');
    }
    let result: TokenEndpointResponse;
    try {
      const response = await authorizationCodeGrantRequest(server, this.client(), None(), params, this.redirectUri(), roundTrip.verifier, {
        ...this.httpOptions(),
        additionalParameters: { resource: this.deps.config.resource },
      });
      result = await processAuthorizationCodeResponse(server, this.client(), response, { expectedNonce: roundTrip.nonce, requireIdToken: true });
    } catch (error) {
      throw new SessionError(error instanceof TypeError ? 'PROVIDER_UNREACHABLE' : error instanceof ResponseBodyError ? 'SIGN_IN_REFUSED' : 'SIGN_IN_INVALID');
    }
    await this.adopt(result);
    return roundTrip.returnTo;
  }

  /** A valid access token for an API call, refreshed first when it is about to expire; undefined when there is none. */
  async accessToken(): Promise<string | undefined> {
    if (this.token && this.deps.clock.now() < this.token.expiresAt - REFRESH_MARGIN_MS) return this.token.value;
    await this.refresh();
    return this.token && this.deps.clock.now() < this.token.expiresAt ? this.token.value : undefined;
  }

  /**
   * A new access token from the refresh token (one request at a time). False when there is no refresh token or
   * the provider cannot be reached (the person stays signed in, offline); a refused refresh token (expired or
   * revoked) ends the session.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /**
   * fetch for the services' clients: adds the bearer token; on a 401, refreshes once and sends the request again.
   * (openapi-fetch hands it a Request; anything fetch takes works.)
   */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const again = request.clone();
    const token = await this.accessToken();
    void this.noteActivity();
    const response = await this.deps.fetch(this.withToken(request, token));
    if (response.status !== 401 || this.current.status !== 'signed-in') return response;
    if (!(await this.refresh()) || !this.token) return response;
    return this.deps.fetch(this.withToken(again, this.token.value));
  };

  /**
   * Keluar: wipes everything the app keeps on the device (IndexedDB, caches of API data, session storage, the
   * token in memory), then ends the session at the provider (end_session_endpoint with id_token_hint and
   * post_logout_redirect_uri), or comes back to the start page when the provider cannot be reached.
   */
  async signOut(): Promise<void> {
    const idToken = this.stored?.idToken;
    const refreshToken = this.stored?.refreshToken;
    let endSession: string | undefined;
    try {
      const server = await this.discover();
      endSession = server.end_session_endpoint;
      // The refresh token is revoked first (best effort: without signal the wipe still happens), so that it is
      // useless wherever a copy of it may be, whatever becomes of the provider's sign-out page.
      if (refreshToken && server.revocation_endpoint) {
        await processRevocationResponse(await revocationRequest(server, this.client(), None(), refreshToken, { ...this.httpOptions(), additionalParameters: { token_type_hint: 'refresh_token' } })).catch(() => undefined);
      }
    } catch {
      endSession = undefined;
    }
    // Under the tabs' refresh lock: a refresh in flight in another tab must not write the session back after the wipe.
    await (this.deps.withLock ? this.deps.withLock(REFRESH_LOCK, () => this.wipeDevice()) : this.wipeDevice());
    this.set({ status: 'signed-out' });
    if (!endSession) {
      this.deps.navigate(WEB_POST_LOGOUT_PATH);
      return;
    }
    const url = new URL(endSession);
    url.searchParams.set('client_id', this.deps.config.clientId);
    url.searchParams.set('post_logout_redirect_uri', `${this.deps.origin}${WEB_POST_LOGOUT_PATH}`);
    if (idToken) url.searchParams.set('id_token_hint', idToken);
    this.deps.navigate(url.href);
  }

  private doRefresh(): Promise<boolean> {
    const task = () => this.refreshHoldingLock();
    return this.deps.withLock ? this.deps.withLock(REFRESH_LOCK, task) : task();
  }

  /**
   * Under the tabs' lock: the device's session may be newer than this tab's (another tab refreshed meanwhile).
   * A valid access token there is taken as it is; else the device's refresh token (the latest) is used.
   */
  private async refreshHoldingLock(): Promise<boolean> {
    if (!this.stored) return false;
    const latest = await this.deps.device.readSession();
    if (!latest) {
      // Signed out in another tab (the device was wiped).
      await this.endLocally('expired');
      return false;
    }
    if (latest.person.sub !== this.stored.person.sub) {
      // Another person signed in on this device meanwhile (in another tab): this tab never takes their session,
      // nor touches it; it shows its own as over.
      this.cancelTimer?.();
      this.token = undefined;
      this.stored = undefined;
      this.set({ status: 'signed-out', reason: 'expired' });
      return false;
    }
    if (latest.refreshToken !== this.stored.refreshToken) {
      this.stored = latest;
      if (this.takeStoredToken(latest)) return true;
    }
    const stored = this.stored;
    let result: TokenEndpointResponse;
    try {
      const server = await this.discover();
      const response = await refreshTokenGrantRequest(server, this.client(), None(), stored.refreshToken, {
        ...this.httpOptions(),
        additionalParameters: { resource: this.deps.config.resource },
      });
      result = await processRefreshTokenResponse(server, this.client(), response);
    } catch (error) {
      if (error instanceof ResponseBodyError && (error.error === 'invalid_grant' || error.error === 'unauthorized_client')) {
        await this.endLocally('expired');
      }
      return false;
    }
    if (this.stored !== stored) return false; // signed out meanwhile
    await this.adopt(result);
    return true;
  }

  /** Uses the device's access token when it is still valid beyond the margin; true when it did. */
  private takeStoredToken(stored: StoredSession): boolean {
    const { accessToken, accessTokenExpiresAt } = stored;
    const left = (accessTokenExpiresAt ?? 0) - this.deps.clock.now();
    if (!accessToken || left <= REFRESH_MARGIN_MS) return false;
    this.token = { value: accessToken, expiresAt: accessTokenExpiresAt as number };
    this.scheduleRefresh(left);
    return true;
  }

  /** Takes a token response: the access token into memory, all of it onto the device. */
  private async adopt(result: TokenEndpointResponse): Promise<void> {
    const claims = getValidatedIdTokenClaims(result);
    const idToken = result.id_token ?? this.stored?.idToken;
    const person = claims ? personFromClaims(claims as Record<string, unknown>, this.deps.config.claims) : this.stored?.person;
    if (!person || !idToken) throw new SessionError('SIGN_IN_INVALID');
    const now = this.deps.clock.now();
    const life = typeof result.expires_in === 'number' && result.expires_in > 0 ? result.expires_in * 1000 : DEFAULT_TOKEN_LIFE_MS;
    this.token = { value: result.access_token, expiresAt: now + life };
    // A provider that rotates refresh tokens sends a new one; else the old one stays valid.
    const refreshToken = result.refresh_token ?? this.stored?.refreshToken;
    if (refreshToken) {
      this.stored = { refreshToken, idToken, person, accessToken: result.access_token, accessTokenExpiresAt: now + life };
      await this.deps.device.writeSession(this.stored);
    } else {
      // No refresh token (the provider did not grant offline_access): signed in for this tab's memory only.
      this.stored = undefined;
      await this.deps.device.clearSession();
    }
    this.scheduleRefresh(life);
    this.set({ status: 'signed-in', person });
  }

  private scheduleRefresh(life: number): void {
    this.cancelTimer?.();
    if (!this.stored) return;
    this.cancelTimer = this.deps.clock.after(Math.max(life - REFRESH_MARGIN_MS, 0), () => void this.refresh());
  }

  /** The refresh token was refused: the session is over on this device (its other data stays, e.g. queued work). */
  private async endLocally(reason: SignedOutReason): Promise<void> {
    this.cancelTimer?.();
    this.token = undefined;
    this.stored = undefined;
    await this.deps.device.clearSession();
    this.set({ status: 'signed-out', reason });
    // The app's other tabs follow: the session they show is over on this device.
    this.deps.announceWipe?.();
  }

  private async wipeDevice(): Promise<void> {
    this.cancelTimer?.();
    this.token = undefined;
    this.stored = undefined;
    this.deps.roundTrip.clear();
    await this.deps.device.wipe();
    this.deps.announceWipe?.();
  }

  private withToken(request: Request, token: string | undefined): Request {
    if (!token) return request;
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${token}`);
    return new Request(request, { headers });
  }

  private discover(): Promise<AuthorizationServer> {
    if (!this.server) {
      const issuer = new URL(this.deps.config.issuer);
      this.server = discoveryRequest(issuer, { ...this.httpOptions(), algorithm: 'oidc' })
        .then((response) => processDiscoveryResponse(issuer, response))
        .catch((error: unknown) => {
          this.server = undefined; // try again next time (the signal may come back)
          throw error instanceof TypeError ? new SessionError('PROVIDER_UNREACHABLE') : error;
        });
    }
    return this.server;
  }

  /** The app's OAuth client; its clock is the injected one (oauth4webapi checks token times against it). */
  private client(): Client {
    return { client_id: this.deps.config.clientId, [clockSkew]: Math.round((this.deps.clock.now() - Date.now()) / 1000) };
  }

  private httpOptions(): { [customFetch]: typeof fetch; [allowInsecureRequests]?: boolean } {
    // http is accepted only for a provider on this machine (checked in runtime-config.ts).
    const insecure = new URL(this.deps.config.issuer).protocol === 'http:';
    return { [customFetch]: this.deps.fetch, ...(insecure ? { [allowInsecureRequests]: true } : {}) };
  }

  private redirectUri(): string {
    return `${this.deps.origin}${WEB_REDIRECT_PATH}`;
  }

  private set(state: SessionState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
