// The HTTP edges on identity (issue 16 item 1; DESIGN.md house rule 11): control characters and over-deep JSON are
// refused with 400 before any handler or database call; every answer carries the security headers and is not
// stored by caches.
import { MikroORM } from '@mikro-orm/core';
import { createTestApp, DEEP_ARRAYS, edgeCall, nestedObjects, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { Resident } from '../src/residents/resident.entity';

let t: TestApp;
let auth: Record<string, string>;

const maria = {
  fullName: 'Maria Goreti Wea',
  birthPlace: 'Mbay',
  birthDate: '1990-03-01',
  sex: 'F',
  religion: 'KATOLIK',
  maritalStatus: 'KAWIN_TERCATAT',
  motherName: 'Yohana Bhoki',
  districtCode: '531601',
  villageCode: '5316012002',
  address: 'RT 002 / RW 001, Labolewa',
};

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  auth = { authorization: `Bearer ${await tokenFor(['operator'], ['5316'])}` };
});
afterAll(() => t?.close());

const residents = () => t.app.get(MikroORM).em.fork().count(Resident, {});

describe('control characters: 400 VALIDATION_FAILED naming the field, nothing written', () => {
  it.each([
    ['a NUL in the name', { fullName: 'Maria\u0000 Goreti Wea' }, 'fullName'],
    ["a NUL in the mother's name", { motherName: 'Yohana\u0000Bhoki' }, 'motherName'],
    ['a NUL in the address', { address: 'RT 002\u0000' }, 'address'],
    ['an escape in the birth place', { birthPlace: 'Mbay\u001b[2J' }, 'birthPlace'],
    ['a bell in the name', { fullName: 'Maria\u0007Goreti' }, 'fullName'],
    ['a DEL in the address', { address: 'RT 002\u007f' }, 'address'],
  ])('%s', async (_what, change, field) => {
    const before = await residents();
    const res = await edgeCall(t, 'POST', '/residents', auth, { ...maria, ...change });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ code: 'CONTROL_CHARACTER', field }] });
    expect(await residents()).toBe(before);
  });

  it('a NUL in a query value, and in a field name', async () => {
    expect((await edgeCall(t, 'GET', '/residents?name=Maria%00Wea&birthDate=1990-03-01', auth)).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ code: 'CONTROL_CHARACTER', field: 'name' }] });
    const key = await edgeCall(t, 'POST', '/residents', auth, { ...maria, 'full\u0000Name': 'x' });
    expect(key).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ code: 'CONTROL_CHARACTER' }] } });
    expect(key.text).not.toContain('\\u0000');
  });

  it('lets tab and line breaks through to the field rules (a name refuses them itself)', async () => {
    const res = await edgeCall(t, 'POST', '/residents', auth, { ...maria, fullName: 'Maria\tGoreti' });
    expect(res).toMatchObject({ status: 422, body: { code: 'PARTICULARS_INVALID', errors: [{ code: 'NAME_CONTROL_CHARACTER', field: 'fullName' }] } });
  });
});

describe('JSON depth: 400 BODY_TOO_DEEP instead of 500', () => {
  it('refuses 2,000 nested arrays (4 KB)', async () => {
    const res = await edgeCall(t, 'POST', '/residents', auth, DEEP_ARRAYS);
    expect(res).toMatchObject({ status: 400, body: { code: 'BODY_TOO_DEEP' } });
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a field nested deeper than 32 levels, and takes one of 31 to the field checks', async () => {
    expect((await edgeCall(t, 'POST', '/residents', auth, { ...maria, address: nestedObjects(32) })).body.code).toBe('BODY_TOO_DEEP');
    expect((await edgeCall(t, 'POST', '/residents', auth, { ...maria, address: nestedObjects(31) })).body.code).toBe('VALIDATION_FAILED');
  });
});

describe('security headers', () => {
  it('an answer with personal data: nosniff, no-store, a CSP that forbids framing', async () => {
    const res = await edgeCall(t, 'GET', '/residents?nik=5316014103900001', auth);
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('a refusal too', async () => {
    const res = await edgeCall(t, 'GET', '/residents?nik=5316014103900001');
    expect(res.status).toBe(401);
    expect([res.headers['x-content-type-options'], res.headers['cache-control']]).toEqual(['nosniff', 'no-store']);
  });

  it('Swagger UI at /docs under a CSP of its own origin only', async () => {
    const res = await edgeCall(t, 'GET', '/docs');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-security-policy'])).toMatch(/default-src 'self'.*script-src 'self'/);
  });
});
