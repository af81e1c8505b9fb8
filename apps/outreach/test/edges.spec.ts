// The HTTP edges on outreach (issue 16 item 1; DESIGN.md house rule 11): control characters and over-deep JSON are
// refused with 400 before any handler or database call, and answers carry the security headers.
import { MikroORM } from '@mikro-orm/core';
import { DEEP_ARRAYS, edgeCall, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { Team } from '../src/teams/team.entity';
import { startOutreach } from './outreach-fixtures';

let t: TestApp;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await startOutreach();
  auth = { authorization: `Bearer ${await tokenFor(['registrar'], ['5316'])}` };
});
afterAll(() => t?.close());

const teams = () => t.app.get(MikroORM).em.fork().count(Team, {});

it("a NUL in a team's name: 400 VALIDATION_FAILED naming the field, nothing written", async () => {
  const before = await teams();
  const res = await edgeCall(t, 'POST', '/teams', auth, { name: 'Tim\u0000Jemput Bola', staffCount: 4, equipment: [], services: [] });
  expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ code: 'CONTROL_CHARACTER', field: 'name' }] } });
  expect(await teams()).toBe(before);
});

it('2,000 nested arrays: 400 BODY_TOO_DEEP', async () => {
  expect(await edgeCall(t, 'POST', '/teams', auth, DEEP_ARRAYS)).toMatchObject({ status: 400, body: { code: 'BODY_TOO_DEEP' } });
});

it('security headers on an answer: nosniff, no-store, CSP', async () => {
  const res = await edgeCall(t, 'GET', '/teams', auth);
  expect(res.status).toBe(200);
  expect([res.headers['x-content-type-options'], res.headers['cache-control']]).toEqual(['nosniff', 'no-store']);
  expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
});
