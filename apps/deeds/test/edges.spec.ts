// The HTTP edges on deeds (issue 16 item 1; DESIGN.md house rule 11): control characters and over-deep JSON are
// refused with 400 before any handler or database call, answers carry the security headers, and the public
// /verify is rate-limited per client address (429 TOO_MANY_REQUESTS with Retry-After).
import { MikroORM } from '@mikro-orm/core';
import { DEEP_ARRAYS, edgeCall, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { DeedRecord } from '../src/cases/deed-record.entity';
import { bootDeeds, daysAgo, family } from './deed-fixtures';

let t: TestApp;
let auth: Record<string, string>;

const parents = family();
const application = (child: Record<string, unknown> = {}) => ({
  deedType: 'BIRTH',
  eventDate: daysAgo(3),
  districtCode: '531601',
  villageCode: '5316012002',
  particulars: { child: { fullName: 'Yohanes Ngapa', sex: 'M', religion: 'KATOLIK', ...child }, mother: parents.mother, father: parents.father, place: 'Mbay' },
});

beforeAll(async () => {
  t = await bootDeeds();
  auth = { authorization: `Bearer ${await tokenFor(['operator'], ['531601'])}` };
});
afterAll(() => t?.close());

const records = () => t.app.get(MikroORM).em.fork().count(DeedRecord, {});

describe('input refused at the edge', () => {
  it("a NUL in the child's name: 400 VALIDATION_FAILED naming the field, nothing written", async () => {
    const before = await records();
    const res = await edgeCall(t, 'POST', '/deeds', auth, application({ fullName: 'Yohanes\u0000Ngapa' }));
    expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ code: 'CONTROL_CHARACTER', field: 'particulars.child.fullName' }] } });
    expect(await records()).toBe(before);
  });

  it('a NUL in a path parameter of the public /verify', async () => {
    expect((await edgeCall(t, 'GET', '/verify/abc%00def')).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ code: 'CONTROL_CHARACTER', field: 'code' }] });
  });

  it('2,000 nested arrays: 400 BODY_TOO_DEEP', async () => {
    expect(await edgeCall(t, 'POST', '/deeds', auth, DEEP_ARRAYS)).toMatchObject({ status: 400, body: { code: 'BODY_TOO_DEEP' } });
  });
});

describe('security headers', () => {
  it('on an answer with personal data and on the public verification page alike', async () => {
    const list = await edgeCall(t, 'GET', '/deeds', auth);
    expect(list.status).toBe(200);
    expect([list.headers['x-content-type-options'], list.headers['cache-control']]).toEqual(['nosniff', 'no-store']);
    const page = await edgeCall(t, 'GET', '/verify/unknown-code', { accept: 'text/html' });
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // The page keeps its own, stricter CSP (one inline style by its hash).
    expect(String(page.headers['content-security-policy'])).toContain('sha256-');
  });
});

describe('rate limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await bootDeeds({ RATE_LIMIT_PUBLIC_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(() => limited?.close());

  it('answers 429 TOO_MANY_REQUESTS with Retry-After once a client has made too many public requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await edgeCall(limited, 'GET', '/verify/no-such-code')).status);
    // A malformed code: 400 each time, until the limit.
    expect(statuses).toEqual([400, 400, 400]);
    const refused = await edgeCall(limited, 'GET', '/verify/no-such-code');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Signed-in work from the same address is not held up by the public limit.
    expect((await edgeCall(limited, 'GET', '/deeds', { authorization: `Bearer ${await tokenFor(['operator'], ['531601'])}` })).status).toBe(200);
    // Nor are the probes.
    expect((await edgeCall(limited, 'GET', '/health/live')).status).toBe(200);
  });

  it('refuses a client after repeated authentication failures, even with a good token, until the window ends', async () => {
    const failures = await bootDeeds({ RATE_LIMIT_AUTH_FAILURES: '2', RATE_LIMIT_WINDOW_MS: '60000' });
    try {
      const good = { authorization: `Bearer ${await tokenFor(['operator'], ['531601'])}` };
      // Requests without credentials answered 401 (an app before sign-in) are not failed authentications.
      for (let i = 0; i < 3; i++) expect((await edgeCall(failures, 'GET', '/deeds')).status).toBe(401);
      expect((await edgeCall(failures, 'GET', '/deeds', good)).status).toBe(200);
      // Credentials refused twice: a wrong token, an unknown API key.
      expect((await edgeCall(failures, 'GET', '/deeds', { authorization: 'Bearer not-a-token' })).status).toBe(401);
      expect((await edgeCall(failures, 'GET', '/deeds', { 'x-api-key': 'guessed-key-0123456789abcdef' })).status).toBe(401);
      const refused = await edgeCall(failures, 'GET', '/deeds', good);
      expect(refused).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS' } });
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await failures.close();
    }
  });
});
