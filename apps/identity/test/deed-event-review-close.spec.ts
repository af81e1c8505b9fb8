// Closing a review that holds nothing (issue 19's follow-up): NIK_NOT_IN_REGISTER, BIRTH_NOT_ADDED_TO_CARD and the
// like ask the office to do something through the ordinary endpoints; once done, an operator or the registrar
// closes the review with a reason (RESOLVED, DONE, audited), and it leaves the list of open reviews. Before,
// nothing could close them: they stayed in Pemeriksaan Data for ever.
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { heldDeathReview, openDeathReviewWithoutHold } from './deed-event-reviews-fixtures';

let t: TestApp;
let operator: string;

async function call(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['531601'], 'operator-aesesa');
});
afterAll(() => t?.close());

it('an operator closes an open review that holds nothing: RESOLVED, DONE, with the reason, who and when; gone from the open list', async () => {
  const id = await openDeathReviewWithoutHold(t);
  expect((await call('GET', '/deed-event-reviews', operator)).body.items.map((r: { id: string }) => r.id)).toContain(id);

  const closed = await call('POST', `/deed-event-reviews/${id}/close`, operator, { reason: '  the deceased lived in Kupang: the family reports there  ' });

  expect(closed.status).toBe(200);
  expect(closed.body).toMatchObject({ id, code: 'NIK_NOT_IN_REGISTER', status: 'RESOLVED', resolution: 'DONE', resolutionReason: 'the deceased lived in Kupang: the family reports there', resolvedBy: 'operator-aesesa', held: false, followUps: [] });
  expect(closed.body.resolvedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
  expect((await call('GET', '/deed-event-reviews', operator)).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
  expect((await call('GET', '/deed-event-reviews?status=RESOLVED', operator)).body.items.map((r: { id: string }) => r.id)).toContain(id);
});

it('a second close is 409 DEED_EVENT_REVIEW_RESOLVED and changes nothing', async () => {
  const id = await openDeathReviewWithoutHold(t);
  expect((await call('POST', `/deed-event-reviews/${id}/close`, operator, { reason: 'looked into it' })).status).toBe(200);
  const again = await call('POST', `/deed-event-reviews/${id}/close`, operator, { reason: 'again' });
  expect([again.status, again.body.code]).toEqual([409, 'DEED_EVENT_REVIEW_RESOLVED']);
  expect((await call('GET', `/deed-event-reviews/${id}`, operator)).body.resolutionReason).toBe('looked into it');
});

it('a review holding its event is not closed this way: 409 DEED_EVENT_REVIEW_HELD, it stays open for the registrar', async () => {
  const registrar = await tokenFor(['registrar'], ['5316'], 'registrar');
  const resident = await call('POST', '/residents', registrar, {
    fullName: 'Kornelis Dhae',
    birthPlace: 'Mbay',
    birthDate: '1950-03-04',
    sex: 'M',
    religion: 'KATOLIK',
    maritalStatus: 'KAWIN_TERCATAT',
    motherName: 'Maria Dhae',
    districtCode: '531601',
    villageCode: '5316012002',
    address: 'RT 002 / RW 001',
  });
  expect(resident.status).toBe(201);
  const id = await heldDeathReview(t, resident.body.id);
  const refused = await call('POST', `/deed-event-reviews/${id}/close`, operator, { reason: 'done' });
  expect([refused.status, refused.body.code]).toEqual([409, 'DEED_EVENT_REVIEW_HELD']);
  expect((await call('GET', `/deed-event-reviews/${id}`, operator)).body).toMatchObject({ status: 'OPEN', held: true });
});

it.each([
  ['no reason', {}],
  ['a blank reason', { reason: '   ' }],
  ['a reason of 501 characters', { reason: 'x'.repeat(501) }],
  ['a control character', { reason: 'done\u0000' }],
])('%s: 400, the review stays open', async (_what, payload) => {
  const id = await openDeathReviewWithoutHold(t);
  const refused = await call('POST', `/deed-event-reviews/${id}/close`, operator, payload);
  expect(refused.status).toBe(400);
  expect(refused.body.code).toMatch(/^(VALIDATION_FAILED|CONTROL_CHARACTER)$/);
  expect((await call('GET', `/deed-event-reviews/${id}`, operator)).body.status).toBe('OPEN');
});

it('an unknown review is 404 DEED_EVENT_REVIEW_NOT_FOUND; a malformed id 400', async () => {
  const missing = await call('POST', '/deed-event-reviews/01a2527c-0000-7000-8000-000000000000/close', operator, { reason: 'done' });
  expect([missing.status, missing.body.code]).toEqual([404, 'DEED_EVENT_REVIEW_NOT_FOUND']);
  expect((await call('POST', '/deed-event-reviews/not-a-uuid/close', operator, { reason: 'done' })).status).toBe(400);
});
