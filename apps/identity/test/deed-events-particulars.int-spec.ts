// Particulars matched before the register changes (issue 19, item 4), on the machine's PostgreSQL and NATS
// JetStream: the test plays the deeds service, publishing registered-deed events that name their people, and
// checks as a registrar would that a death reported under someone else's name changes nothing until a registrar
// confirms it (then the resident is deceased, and the confirmation is in the audit trail), that a spelling
// variant of the same name is applied at once, that the parents of a birth and the spouses of a marriage are held
// alike, and that only a registrar decides: an operator may not, a review is decided once, a reason is required.
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditEntry, uuidv7 } from '@adminduk/platform';
import { tokenFor } from '@adminduk/platform/testing';
import { DEED_EVENT_DURABLES } from '../src/deed-events/deed-events.handler';
import { application, birthEvent, deathEvent, deedEventsHarness, marriageEvent, outboxEvents, reviews } from './deed-events-fixtures';

/** The registrar who decides (a token subject of its own, to find in the audit trail). */
const DECIDER = 'registrar-particulars';

const h = deedEventsHarness('particulars');
const app = h.app;
const { publish, acked } = h;
let reg: typeof h.reg;
beforeAll(() => {
  reg = h.reg;
});

interface ReviewBody {
  id: string;
  code: string;
  status: string;
  held: boolean;
  deedId: string;
  message: string;
  items: { code?: string; field?: string; message: string; residentIds?: string[] }[];
  residentIds: string[];
  resolution: string | null;
  resolutionReason: string | null;
  resolvedBy: string | null;
  followUps?: { id: string; code: string }[];
}

/** A call to the API as `roles` of the regency, signed as `subject`. */
async function as<T>(roles: ('registrar' | 'operator')[], subject: string, method: 'GET' | 'POST', url: string, payload?: object): Promise<{ status: number; body: T }> {
  const token = await tokenFor(roles, ['5316'], subject);
  const res = await app().app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() as T };
}
const registrar = <T>(method: 'GET' | 'POST', url: string, payload?: object) => as<T>(['registrar'], DECIDER, method, url, payload);

/** The held review of a deed, as the registrar finds it in the pending list. */
async function pendingReviewOf(deedId: string): Promise<ReviewBody> {
  const list = await registrar<{ items: ReviewBody[] }>('GET', '/deed-event-reviews?code=PARTICULARS_MISMATCH');
  expect(list.status).toBe(200);
  const review = list.body.items.find((r) => r.deedId === deedId);
  if (!review) throw new Error(`no pending review of deed ${deedId}`);
  return review;
}

/** A death event of `nik` whose deed names the deceased `fullName`. */
async function deathReported(nik: string, fullName: string, more: { sex?: 'M' | 'F'; birthDate?: string } = {}) {
  const payload = deathEvent(app(), nik, { deceased: { fullName, ...more } });
  await acked(DEED_EVENT_DURABLES.death, await publish(SUBJECTS.deeds.deathRegistered, payload));
  return payload;
}

describe('a death reported under a name that is not the register\'s', () => {
  it('is refused (the resident stays alive, nothing changes) and listed for review with the differences; confirmed by a registrar, it is applied and audited', async () => {
    const head = await reg.resident('1950-05-05', 'M', 'KAWIN_TERCATAT', 'Yohanes Dhey');
    const wife = await reg.resident('1954-09-30', 'F', 'KAWIN_TERCATAT', 'Maria Goreti Wea');
    const card = await reg.card([
      { residentId: head.id, relationship: 1 },
      { residentId: wife.id, relationship: 3 },
    ]);
    const payload = await deathReported(head.nik, 'Kornelis Sawu', { sex: 'M', birthDate: '1951-01-01' });

    expect(await reg.residentStatus(head.id)).toMatchObject({ status: 'ALIVE', dateOfDeath: null });
    expect(await reg.cardById(card.id)).toMatchObject({ kkNumber: card.kkNumber, version: card.version, members: card.members });
    expect(await outboxEvents(app(), SUBJECTS.identity.residentStatusChanged, { residentId: head.id })).toEqual([]);
    expect(await application(app(), payload.deedId)).toMatchObject({ outcome: 'NEEDS_REVIEW' });

    const pending = await pendingReviewOf(payload.deedId);
    expect(pending).toMatchObject({ code: 'PARTICULARS_MISMATCH', status: 'OPEN', held: true, residentIds: [head.id] });
    expect(pending.items.map((i) => [i.field, i.code])).toEqual([
      ['deceased.fullName', 'FAMILY_NAME_DIFFERS'],
      ['deceased.fullName', 'GIVEN_NAME_DIFFERS'],
      ['deceased.birthDate', 'BIRTH_DATE_DIFFERS'],
    ]);
    const one = await registrar<ReviewBody>('GET', `/deed-event-reviews/${pending.id}`);
    expect(one).toMatchObject({ status: 200, body: { id: pending.id, held: true } });
    // No name, no NIK, no birth date in what the API or the review row shows.
    const shown = JSON.stringify([one.body, await reviews(app(), payload.deedId)].map((r) => JSON.stringify(r)));
    expect(shown).not.toMatch(/Kornelis|Sawu|Yohanes|Dhey|1951-01-01/);
    expect(shown).not.toContain(head.nik);

    const confirmed = await registrar<ReviewBody>('POST', `/deed-event-reviews/${pending.id}/confirm`, { reason: 'the family showed his baptismal certificate: the deed names him by another name' });
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'RESOLVED', held: false, resolution: 'CONFIRMED', resolvedBy: DECIDER, followUps: [] } });
    expect(await reg.residentStatus(head.id)).toMatchObject({ status: 'DECEASED', dateOfDeath: payload.eventDate });
    const after = await reg.cardById(card.id);
    expect(after.members).toEqual([expect.objectContaining({ residentId: wife.id, relationship: 1, maritalStatus: 'CERAI_MATI' })]);
    expect(await outboxEvents(app(), SUBJECTS.identity.residentStatusChanged, { residentId: head.id, to: 'DECEASED' })).toHaveLength(1);
    expect(await application(app(), payload.deedId)).toMatchObject({ outcome: 'APPLIED' });

    const audit = await app().app.get(MikroORM).em.fork().find(AuditEntry, { actorId: DECIDER, action: 'UPDATE' });
    expect(audit.map((a) => [a.resourceType, a.resourceId])).toEqual(expect.arrayContaining([['deed-event-review', pending.id]]));
    expect(audit.some((a) => a.resourceId === head.id)).toBe(true);
  });

  it('is applied at once when the name is a spelling variant of the register\'s (Johanes Dey for Yohanes Dhey)', async () => {
    const resident = await reg.resident('1948-03-03', 'M', 'KAWIN_TERCATAT', 'Yohanes Dhey');
    const payload = await deathReported(resident.nik, 'Johanes Dey', { sex: 'M', birthDate: '1948-03-03' });
    expect(await reg.residentStatus(resident.id)).toMatchObject({ status: 'DECEASED', dateOfDeath: payload.eventDate });
    expect(await reviews(app(), payload.deedId)).toEqual([]);
    expect(await application(app(), payload.deedId)).toMatchObject({ outcome: 'APPLIED' });
    // Nothing waits for a registrar.
    const pending = await registrar<{ items: ReviewBody[] }>('GET', '/deed-event-reviews');
    expect(pending.status).toBe(200);
    expect(pending.body.items.filter((r) => r.deedId === payload.deedId)).toEqual([]);
  });

  it('is refused for good when a registrar rejects it', async () => {
    const resident = await reg.resident('1949-04-04', 'M', 'KAWIN_TERCATAT', 'Petrus Bupu');
    const payload = await deathReported(resident.nik, 'Maria Goreti Wea', { sex: 'F' });
    const pending = await pendingReviewOf(payload.deedId);
    expect(pending.items.map((i) => i.code)).toEqual(['FAMILY_NAME_DIFFERS', 'GIVEN_NAME_DIFFERS', 'SEX_DIFFERS']);
    const rejected = await registrar<ReviewBody>('POST', `/deed-event-reviews/${pending.id}/reject`, { reason: 'wrong NIK on the deed: the deeds office corrects it' });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'RESOLVED', resolution: 'REJECTED', resolutionReason: 'wrong NIK on the deed: the deeds office corrects it' } });
    expect(await reg.residentStatus(resident.id)).toMatchObject({ status: 'ALIVE' });
    expect(await application(app(), payload.deedId)).toMatchObject({ outcome: 'REJECTED' });
    expect((await registrar<ReviewBody>('POST', `/deed-event-reviews/${pending.id}/confirm`, { reason: 'changed my mind' })).status).toBe(409);
    expect(await reg.residentStatus(resident.id)).toMatchObject({ status: 'ALIVE' });
  });
});

describe('the parents of a birth and the spouses of a marriage are matched too', () => {
  it('holds a birth whose mother, named by NIK, has another name; applies it on confirmation', async () => {
    const mother = await reg.resident('1990-02-02', 'F', 'KAWIN_TERCATAT', 'Regina Tiba');
    const payload = birthEvent(app(), { motherNik: mother.nik, motherName: 'Elisabet Gore' });
    await acked(DEED_EVENT_DURABLES.birth, await publish(SUBJECTS.deeds.birthRegistered, payload));
    const children = () => reg.call<{ items: unknown[] }>('GET', `/residents?name=${encodeURIComponent(payload.child.fullName)}&birthDate=${payload.eventDate}`);
    expect((await children()).body.items).toEqual([]);
    const pending = await pendingReviewOf(payload.deedId);
    expect(pending.items.map((i) => [i.field, i.code])).toEqual([
      ['mother.fullName', 'FAMILY_NAME_DIFFERS'],
      ['mother.fullName', 'GIVEN_NAME_DIFFERS'],
    ]);
    const confirmed = await registrar<ReviewBody>('POST', `/deed-event-reviews/${pending.id}/confirm`, { reason: 'the mother uses her married name on the birth letter' });
    expect(confirmed.status).toBe(200);
    expect((await children()).body.items).toHaveLength(1);
    const child = await application(app(), payload.deedId);
    expect(child?.residentIds).toContain(mother.id);
    expect(child?.residentIds).toHaveLength(2);
  });

  it('holds a marriage whose wife is reported under another name, and changes neither spouse', async () => {
    const groom = await reg.resident('1994-02-02', 'M', 'BELUM_KAWIN', 'Benediktus Nuwa');
    const bride = await reg.resident('1996-06-06', 'F', 'BELUM_KAWIN', 'Katarina Lado');
    const payload = marriageEvent(app(), groom.nik, bride.nik, { husband: { fullName: 'Benediktus Nuwa' }, wife: { fullName: 'Theresia Bupu' } });
    await acked(DEED_EVENT_DURABLES.marriage, await publish(SUBJECTS.deeds.marriageRegistered, payload));
    expect((await reg.residentById(groom.id)).maritalStatus).toBe('BELUM_KAWIN');
    expect((await reg.residentById(bride.id)).maritalStatus).toBe('BELUM_KAWIN');
    const pending = await pendingReviewOf(payload.deedId);
    expect(pending.items.map((i) => [i.field, i.code])).toEqual([
      ['wife.fullName', 'FAMILY_NAME_DIFFERS'],
      ['wife.fullName', 'GIVEN_NAME_DIFFERS'],
    ]);
  });
});

describe('only a registrar decides, once, with a reason', () => {
  let reviewId: string;

  beforeAll(async () => {
    const resident = await reg.resident('1947-07-07', 'M', 'KAWIN_TERCATAT', 'Hendrikus Gore');
    reviewId = (await pendingReviewOf((await deathReported(resident.nik, 'Stefanus Meo')).deedId)).id;
  }, 60_000);

  it('refuses an operator (403 ROLE_NOT_ALLOWED), who may still read the review', async () => {
    expect(await as<{ code: string }>(['operator'], 'operator-particulars', 'POST', `/deed-event-reviews/${reviewId}/confirm`, { reason: 'looks right to me' })).toMatchObject({
      status: 403,
      body: { code: 'ROLE_NOT_ALLOWED' },
    });
    expect((await as<ReviewBody>(['operator'], 'operator-particulars', 'GET', `/deed-event-reviews/${reviewId}`)).body).toMatchObject({ status: 'OPEN', held: true });
  });

  it('answers 400 without a reason or with a blank one, 404 for an unknown review, and 409 when it is confirmed twice', async () => {
    expect(await registrar<{ code: string }>('POST', `/deed-event-reviews/${reviewId}/confirm`, {})).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await registrar<{ code: string }>('POST', `/deed-event-reviews/${reviewId}/confirm`, { reason: '   ' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await registrar<{ code: string }>('POST', `/deed-event-reviews/${reviewId}/confirm`, { reason: 'checked\u0000' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await registrar<{ code: string }>('POST', `/deed-event-reviews/${uuidv7()}/confirm`, { reason: 'checked' })).toMatchObject({ status: 404, body: { code: 'DEED_EVENT_REVIEW_NOT_FOUND' } });
    expect(await registrar<{ code: string }>('GET', `/deed-event-reviews/${uuidv7()}`)).toMatchObject({ status: 404, body: { code: 'DEED_EVENT_REVIEW_NOT_FOUND' } });
    expect((await registrar('POST', `/deed-event-reviews/${reviewId}/confirm`, { reason: 'checked with the family' })).status).toBe(200);
    expect(await registrar<{ code: string }>('POST', `/deed-event-reviews/${reviewId}/confirm`, { reason: 'checked with the family' })).toMatchObject({ status: 409, body: { code: 'DEED_EVENT_REVIEW_RESOLVED' } });
    expect(await registrar<{ code: string }>('POST', `/deed-event-reviews/${reviewId}/reject`, { reason: 'too late' })).toMatchObject({ status: 409, body: { code: 'DEED_EVENT_REVIEW_RESOLVED' } });
  });
});
