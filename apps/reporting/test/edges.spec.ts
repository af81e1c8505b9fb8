// The HTTP edges on reporting (issue 16 item 1; DESIGN.md house rule 11): control characters and over-deep JSON are
// refused with 400 before any handler or database call; answers carry the security headers, the dashboard keeps its
// own CSP, exports are attachments; the public figures are rate-limited per client address.
import { DEEP_ARRAYS, edgeCall, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { startReporting } from './reporting-fixtures';

let t: TestApp;

beforeAll(async () => {
  t = await startReporting();
});
afterAll(() => t?.close());

describe('input refused at the edge', () => {
  it('a NUL in a query value of the public figures: 400 VALIDATION_FAILED naming the field', async () => {
    expect(await edgeCall(t, 'GET', '/indicators?date=2026-01-01%00')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ code: 'CONTROL_CHARACTER', field: 'date' }] } });
  });

  it('2,000 nested arrays: 400 BODY_TOO_DEEP, and the read models are not rebuilt', async () => {
    const registrar = { authorization: `Bearer ${await tokenFor(['registrar'], ['5316'])}` };
    expect(await edgeCall(t, 'POST', '/replay', registrar, DEEP_ARRAYS)).toMatchObject({ status: 400, body: { code: 'BODY_TOO_DEEP' } });
  });
});

describe('security headers', () => {
  it('public figures: nosniff, no-store, CSP', async () => {
    const res = await edgeCall(t, 'GET', '/indicators');
    expect(res.status).toBe(200);
    expect([res.headers['x-content-type-options'], res.headers['cache-control']]).toEqual(['nosniff', 'no-store']);
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('an export is an attachment with a safe file name', async () => {
    const res = await edgeCall(t, 'GET', '/exports/KIA.csv');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="KIA_5316_\d{4}-\d{2}-\d{2}\.csv"$/);
  });

  it('the dashboard keeps its own CSP and its revalidated caching', async () => {
    const res = await edgeCall(t, 'GET', '/dashboard');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-security-policy'])).not.toBe(String((await edgeCall(t, 'GET', '/indicators')).headers['content-security-policy']));
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-disposition']).toBeUndefined();
  });
});

describe('rate limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startReporting({ RATE_LIMIT_PUBLIC_MAX: '5' });
  });
  afterAll(() => limited?.close());

  it('the public figures answer 429 TOO_MANY_REQUESTS with Retry-After after 5 requests in the window', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await edgeCall(limited, 'GET', '/indicators')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await edgeCall(limited, 'GET', '/dashboard');
    expect(refused).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('the client address behind a proxy (TRUST_PROXY; issue 16: X-Forwarded-For was believed from anyone)', () => {
  const fromAddress = (t: TestApp, remoteAddress: string, forwardedFor: string) =>
    t.app.inject({ method: 'GET', url: '/indicators', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } }).then((r) => r.statusCode);

  it('a client reaching the service directly from the internet cannot pick a fresh address per request', async () => {
    const limited = await startReporting({ RATE_LIMIT_PUBLIC_MAX: '3' });
    try {
      const statuses: number[] = [];
      // Before: every request counted for the address it claimed, so none was ever limited.
      for (let i = 0; i < 4; i++) statuses.push(await fromAddress(limited, '203.0.113.9', `198.51.100.${i + 1}`));
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it("behind the office's proxy (a private address) each client counts for itself", async () => {
    const limited = await startReporting({ RATE_LIMIT_PUBLIC_MAX: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push(await fromAddress(limited, '10.1.2.3', `198.51.100.${i + 1}`));
      expect(statuses).toEqual([200, 200, 200, 200]);
    } finally {
      await limited.close();
    }
  });

  it('TRUST_PROXY=false believes no proxy', async () => {
    const limited = await startReporting({ RATE_LIMIT_PUBLIC_MAX: '3', TRUST_PROXY: 'false' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push(await fromAddress(limited, '10.1.2.3', `198.51.100.${i + 1}`));
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
