/**
 * The harness behind the services' access-matrix specs (DESIGN.md house rule 8: access is limited by role and by
 * region scope). A spec brings what is its own: the table of expectations (one row per endpoint of its OpenAPI
 * document), the fixtures its requests need, the app start and the region scopes inside and outside the fixtures.
 * This module brings the rest: the grid of callers (every role as a bearer token and as an API key, in and outside
 * the region, plus callers without or with bad credentials), the cell each caller should see and the cell it does
 * see, and the tests that check the table against the document and run every row for every caller.
 */
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from '../auth/principal';
import { TEST_JWT_SECRET, tokenFor, type TestApp } from './test-app';

/**
 * What a caller sees: ok, empty (a list that shows nothing of another region), 403 ROLE_NOT_ALLOWED, 403
 * OUTSIDE_REGION, 403 REGENCY_SCOPE_REQUIRED (what acts on the whole regency, for a scope that does not cover it) or 401.
 */
export type Cell = 'ok' | 'empty' | 'wrong role' | 'outside region' | 'regency scope' | 'not found' | 'unauthenticated';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly payload?: object | Buffer;
  /** Sent besides the caller's credentials (e.g. the content type of an upload). */
  readonly headers?: Record<string, string>;
}

/** One row of the table; `Body` is the shape `isEmpty` reads. */
export interface Expectation<Body = Record<string, unknown>> {
  /** Who may call it ('admin' is listed where it may: it may everywhere, within its region). */
  readonly roles: readonly Role[] | 'public';
  /**
   * What an allowed role sees of a record outside its region: a 403, an empty result, a 404 (records that are not
   * the caller's do not exist for them, wherever they are), or no difference.
   */
  readonly outsideRegion: 'outside region' | 'regency scope' | 'empty' | 'not found' | 'no region';
  /** The status of a success. */
  readonly success: number;
  /**
   * A request about a record in the region that succeeds for an allowed caller (changes get a fresh record each
   * time). It is made for one caller of the grid: a row whose records belong to their maker (a partner's own
   * reports) makes that caller's record first.
   */
  readonly request: (caller: MatrixCaller) => Promise<HttpRequest>;
  /** For outsideRegion 'empty': the answer shows nothing. */
  readonly isEmpty?: (body: Body) => boolean;
}

export interface MatrixCaller {
  readonly name: string;
  readonly headers: Record<string, string>;
  /** The caller's one role and whether its region scope covers the fixture; none for bad credentials. */
  readonly role?: Role;
  readonly inRegion?: boolean;
}

/** The answer of a list that shows nothing. */
export const noItems = (body: { items?: unknown }) => Array.isArray(body.items) && body.items.length === 0;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The API key of the grid for a role, with the region scope inside or outside the fixtures. */
export const matrixApiKey = (role: Role, where: 'in' | 'out') => `matrix-key-${role}-${where}-0123456789`;

/** The grid's API keys in clear: one per role and region scope. */
export function matrixApiKeys(roles: readonly Role[], inRegion: readonly string[], outside: readonly string[]) {
  return roles.flatMap((role) => [
    { id: `key-${role}-in`, key: matrixApiKey(role, 'in'), roles: [role], regions: inRegion },
    { id: `key-${role}-out`, key: matrixApiKey(role, 'out'), roles: [role], regions: outside },
  ]);
}

/** The grid's API keys as the API_KEYS setting takes them (hashed). */
export function matrixApiKeysSetting(roles: readonly Role[], inRegion: readonly string[], outside: readonly string[]): string {
  return JSON.stringify(matrixApiKeys(roles, inRegion, outside).map((k) => ({ id: k.id, sha256: sha256(k.key), roles: k.roles, regions: k.regions })));
}

/** The callers of the grid: four with no or bad credentials, then every role as token and API key, in and outside the region. */
export async function matrixCallers(roles: readonly Role[], inRegion: readonly string[], outside: readonly string[]): Promise<MatrixCaller[]> {
  const expired = await new SignJWT({ roles: ['admin'], regions: ['*'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('late')
    .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  const callers: MatrixCaller[] = [
    { name: 'no credentials', headers: {} },
    { name: 'expired token', headers: { authorization: `Bearer ${expired}` } },
    { name: 'token signed with another secret', headers: { authorization: `Bearer ${await tokenFor(['admin'], ['*'], 'forger', 'x'.repeat(40))}` } },
    { name: 'unknown API key', headers: { 'x-api-key': 'not-a-configured-key' } },
  ];
  for (const role of roles) {
    for (const inside of [true, false]) {
      const where = inside ? 'in region' : 'outside region';
      callers.push({ name: `${role} token ${where}`, role, inRegion: inside, headers: { authorization: `Bearer ${await tokenFor([role], inside ? inRegion : outside, `${role}-${where}`)}` } });
      callers.push({ name: `${role} API key ${where}`, role, inRegion: inside, headers: { 'x-api-key': matrixApiKey(role, inside ? 'in' : 'out') } });
    }
  }
  return callers;
}

/** Every operation of the service's OpenAPI document as `METHOD /path/{param}`. */
export async function openApiRoutes(t: TestApp): Promise<string[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** How a service reads its table where the services differ. */
export interface MatrixRules {
  /** Admin passes the role check of every protected endpoint, listed in the row or not. */
  readonly adminEverywhere?: boolean;
  /** A success counts as empty only if its body is JSON (a service whose answers include files). */
  readonly emptyOnlyIfJson?: boolean;
}

/** The cell the table says a caller sees. */
export function expectedCell<Body>(e: Expectation<Body>, caller: MatrixCaller, rules: MatrixRules = {}): Cell {
  if (e.roles === 'public') return 'ok';
  if (!caller.role) return 'unauthenticated';
  if (!(rules.adminEverywhere && caller.role === 'admin') && !e.roles.includes(caller.role)) return 'wrong role';
  if (caller.inRegion || e.outsideRegion === 'no region') return 'ok';
  return e.outsideRegion;
}

interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, unknown>;
  readonly body: string;
  json(): unknown;
}

/** The cell an answer shows; anything that is no cell is spelled out (status, problem code, start of the body). */
export function observedCell<Body>(e: Expectation<Body>, res: Answer, rules: MatrixRules = {}): string {
  if (res.statusCode === e.success) {
    const json = !rules.emptyOnlyIfJson || String(res.headers['content-type']).includes('json');
    return e.outsideRegion === 'empty' && json && e.isEmpty?.(res.json() as Body) ? 'empty' : 'ok';
  }
  const problem = String(res.headers['content-type']).includes('application/problem+json');
  const code = problem ? (res.json() as { code?: string }).code : undefined;
  if (res.statusCode === 401 && code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (res.statusCode === 403 && code === 'ROLE_NOT_ALLOWED') return 'wrong role';
  if (res.statusCode === 403 && code === 'OUTSIDE_REGION') return 'outside region';
  if (res.statusCode === 403 && code === 'REGENCY_SCOPE_REQUIRED') return 'regency scope';
  if (res.statusCode === 404 && code?.endsWith('_NOT_FOUND')) return 'not found';
  return `HTTP ${res.statusCode} ${code ?? '(not problem+json)'} ${res.body.slice(0, 200)}`;
}

/** Sends a row's request as a caller (the request's own headers on top of the caller's credentials). */
export function sendAs(t: TestApp, request: HttpRequest, caller: MatrixCaller) {
  return t.app.inject({ method: request.method, url: request.url, headers: { ...caller.headers, ...request.headers }, ...(request.payload ? { payload: request.payload } : {}) });
}

export interface AccessMatrix<Body> extends MatrixRules {
  /** One row per endpoint of the OpenAPI document: `METHOD /path/{param}`. */
  readonly expectations: Readonly<Record<string, Expectation<Body>>>;
  /** Every role of the grid (a protected row that admits them all needs no refusal). */
  readonly roles: readonly Role[];
  /** Read when the tests run, after the spec's beforeAll has set them. */
  readonly app: () => TestApp;
  readonly callers: () => readonly MatrixCaller[];
  readonly routes: () => readonly string[];
  /** For each row of the grid (one request per caller); Jest's testTimeout if absent. */
  readonly timeout?: number;
}

/** The tests: the table against the document, 401 everywhere without credentials, then the grid row by row. */
export function describeAccessMatrix<Body>(m: AccessMatrix<Body>): void {
  describe('the expectations table', () => {
    it('has a row for every endpoint of the OpenAPI document, and none for endpoints that are gone', () => {
      const routes = m.routes();
      expect(routes.length).toBeGreaterThan(0);
      expect(routes.filter((r) => !(r in m.expectations))).toEqual([]);
      expect(Object.keys(m.expectations).filter((r) => !routes.includes(r))).toEqual([]);
    });

    it('answers 401 problem+json without credentials on every endpoint of the document that is not public', async () => {
      const answers: Record<string, number | string> = {};
      for (const route of m.routes()) {
        if (m.expectations[route]?.roles === 'public') continue;
        const [method, path] = route.split(' ') as [HttpRequest['method'], string];
        const url = path.replace(/\{[^}]+\}/g, '0190b5b4-0000-7000-8000-000000000000');
        const res = await m.app().app.inject({ method, url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
        answers[route] = res.statusCode === 401 && String(res.headers['content-type']).includes('problem+json') ? 401 : `${res.statusCode} ${res.headers['content-type']}`;
      }
      expect(Object.values(answers).length).toBeGreaterThan(0);
      expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((r) => [r, 401])));
    });
  });

  describe('role × region matrix', () => {
    it.each(Object.keys(m.expectations))(
      '%s',
      async (route) => {
        const e = m.expectations[route] as Expectation<Body>;
        const expected: Record<string, string> = {};
        const observed: Record<string, string> = {};
        for (const caller of m.callers()) {
          const res = await sendAs(m.app(), await e.request(caller), caller);
          expected[caller.name] = expectedCell(e, caller, m);
          observed[caller.name] = observedCell(e, res, m);
        }
        expect(observed).toEqual(expected);
      },
      m.timeout,
    );

    it('the matrix held a success and a refusal for every protected endpoint (the table is not vacuous)', () => {
      for (const [route, e] of Object.entries(m.expectations)) {
        if (e.roles === 'public') continue;
        const cells = m.callers().map((c) => expectedCell(e, c, m));
        expect({ route, ok: cells.includes('ok'), refused: cells.includes('wrong role') || e.roles.length === m.roles.length }).toEqual({ route, ok: true, refused: true });
      }
    });
  });
}
