// The consumers of the deeds events on SQLite (service tier): each event is handed to its handler exactly as the
// platform's consumer does it (the edge check of the contracts, the inbox transaction, the message's request
// context), without NATS. What a registrar would check afterwards: the child's record, card and KIA; the
// deceased's status and the card's new head and number; the spouses' marital status; the events in the outbox;
// the audit trail's 'system' actor; and, for what the register cannot do by itself, the review items.
import { SUBJECTS, type EventEnvelope } from '@adminduk/contracts';
import { InboxService, parseEventMessage, runInContext, uuidv7, type InboxOutcome } from '@adminduk/platform';
import { createTestApp, type TestApp } from '@adminduk/platform/testing';
import { DEED_EVENT_DURABLES, DeedEventsHandler } from '../src/deed-events/deed-events.handler';
import { DeedEventsModule } from '../src/deed-events/deed-events.module';
import { KiaService } from '../src/kia/kia.service';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import {
  ADDRESS,
  application,
  auditOf,
  birthEvent,
  daysAgo,
  deathEvent,
  DISTRICT,
  divorceEvent,
  kkPrefix,
  marriageEvent,
  nikPrefix,
  outboxEvents,
  Registrar,
  reviews,
  VILLAGE,
  type Card,
} from './deed-events-fixtures';

let t: TestApp;
let reg: Registrar;

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  reg = new Registrar(t);
});
afterAll(() => t?.close());

type DeedSubject = (typeof SUBJECTS.deeds)[keyof typeof SUBJECTS.deeds];

/** Delivers an event as the platform's consumer would: edge check, inbox transaction, request context. */
async function deliver(subject: DeedSubject, payload: object, id: string = uuidv7()): Promise<InboxOutcome> {
  const bytes = new TextEncoder().encode(JSON.stringify({ id, subject, occurredAt: new Date().toISOString(), producer: 'deeds', payload }));
  const parsed = parseEventMessage(bytes, subject);
  if (!parsed.ok) throw new Error(`the test event breaks the contract: ${parsed.detail}`);
  const handler = t.app.get(DeedEventsHandler);
  const event = parsed.envelope as EventEnvelope<never>;
  const [durable, handle] = ((): [string, (em: Parameters<DeedEventsHandler['onBirthRegistered']>[0]) => Promise<void>] => {
    switch (subject) {
      case SUBJECTS.deeds.birthRegistered:
        return [DEED_EVENT_DURABLES.birth, (em) => handler.onBirthRegistered(em, event)];
      case SUBJECTS.deeds.deathRegistered:
        return [DEED_EVENT_DURABLES.death, (em) => handler.onDeathRegistered(em, event)];
      case SUBJECTS.deeds.marriageRegistered:
        return [DEED_EVENT_DURABLES.marriage, (em) => handler.onMarriageRegistered(em, event)];
      case SUBJECTS.deeds.divorceRegistered:
        return [DEED_EVENT_DURABLES.divorce, (em) => handler.onDivorceRegistered(em, event)];
      default:
        throw new Error(`no consumer of ${subject}`);
    }
  })();
  return runInContext({ requestId: `test-${id}`, endpoint: subject }, () => t.app.get(InboxService).runOnce(durable, event, handle));
}

const newMember = (card: Card, before: Card) => card.members.find((m) => !before.members.some((b) => b.residentId === m.residentId));
const codes = async (deedId: string) => (await reviews(t, deedId)).map((r) => r.code);

describe('deeds.birth.registered.v1', () => {
  it("registers the child with a new NIK on the parents' card as Anak, prints an UNDER_5 KIA, and records the events, audited as the system", async () => {
    const { husband, wife, card } = await reg.couple();
    const payload = birthEvent(t, { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    expect(await deliver(SUBJECTS.deeds.birthRegistered, payload)).toBe('processed');

    const after = await reg.cardById(card.id);
    expect(after).toMatchObject({ kkNumber: card.kkNumber, version: 2, status: 'ACTIVE' });
    const member = newMember(after, card);
    expect(member).toMatchObject({ relationship: 4, relationshipLabel: 'Anak', fatherResidentId: husband.id, motherResidentId: wife.id, maritalStatus: 'BELUM_KAWIN' });
    const childId = member?.residentId as string;

    const child = await reg.residentById(childId);
    expect(child).toMatchObject({
      fullName: payload.child.fullName,
      birthPlace: payload.child.birthPlace,
      birthDate: payload.eventDate,
      sex: 'F',
      religion: 'KATOLIK',
      maritalStatus: 'BELUM_KAWIN',
      motherName: payload.motherName,
      fatherName: payload.fatherName,
      status: 'ALIVE',
      familyCardId: card.id,
      districtCode: DISTRICT,
      villageCode: VILLAGE,
      address: ADDRESS,
    });
    expect(child.nik).toMatch(new RegExp(`^${nikPrefix(DISTRICT, payload.eventDate, 'F')}\\d{4}$`));

    const kia = await reg.kia(childId);
    expect(kia).toMatchObject({ status: 'PRINTED', version: 1, card: { kiaType: 'UNDER_5', printedBy: 'system' } });

    expect(await outboxEvents(t, SUBJECTS.identity.residentRegistered, { residentId: childId })).toEqual([
      expect.objectContaining({ nik: child.nik, birthDate: payload.eventDate, sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'BIRTH', districtCode: DISTRICT }),
    ]);
    expect(await outboxEvents(t, SUBJECTS.identity.familyCardChanged, { familyCardId: card.id, version: 2 })).toEqual([
      expect.objectContaining({ kkNumber: card.kkNumber, memberCount: 3, facts: [{ type: 'MEMBER_ADDED', residentId: childId }, { type: 'CARD_REPRINTED' }] }),
    ]);
    expect(await outboxEvents(t, SUBJECTS.identity.kiaStatusChanged, { residentId: childId })).toEqual([
      expect.objectContaining({ from: 'NOT_ISSUED', to: 'PRINTED', kiaType: 'UNDER_5', action: 'PRINT' }),
    ]);

    const audit = await auditOf(t, childId);
    expect(audit.length).toBeGreaterThanOrEqual(3);
    for (const entry of audit.filter((e) => e.action !== 'READ')) {
      expect(entry).toMatchObject({ actorId: 'system', actorKind: 'system', endpoint: SUBJECTS.deeds.birthRegistered, outcome: 'SUCCESS' });
    }
    expect(audit.filter((e) => e.actorKind === 'system').map((e) => `${e.action} ${e.resourceType}`)).toEqual(['CREATE resident', 'UPDATE resident', 'UPDATE kia']);
    expect(await application(t, payload.deedId)).toMatchObject({ outcome: 'APPLIED', residentIds: [childId] });
    expect(await reviews(t, payload.deedId)).toEqual([]);
  });

  it('registers one child for one deed: a redelivered event is a duplicate, and a second event of the same deed has no effect', async () => {
    const { husband, wife, card } = await reg.couple();
    const payload = birthEvent(t, { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    const id = uuidv7();
    expect(await deliver(SUBJECTS.deeds.birthRegistered, payload, id)).toBe('processed');
    expect(await deliver(SUBJECTS.deeds.birthRegistered, payload, id)).toBe('duplicate');
    expect(await deliver(SUBJECTS.deeds.birthRegistered, payload)).toBe('processed');

    const after = await reg.cardById(card.id);
    expect(after.members).toHaveLength(3);
    expect(after.version).toBe(2);
    const named = await reg.call<{ items: unknown[] }>('GET', `/residents?name=${encodeURIComponent(payload.child.fullName)}&birthDate=${payload.eventDate}`);
    expect(named.body.items).toHaveLength(1);
    expect(await application(t, payload.deedId)).toMatchObject({ eventId: id, outcome: 'APPLIED' });
  });

  it("joins the mother's card when the event names no No. KK, or one that is no longer any active card's", async () => {
    const { husband, wife, card } = await reg.couple();
    const first = birthEvent(t, { motherNik: wife.nik, child: { fullName: `Bayi Pertama ${uuidv7()}`, sex: 'M', birthPlace: 'Mbay', religion: 'KATOLIK' } });
    expect(await deliver(SUBJECTS.deeds.birthRegistered, first)).toBe('processed');
    const second = birthEvent(t, { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: `${kkPrefix(t)}9999`, eventDate: daysAgo(t, 400) });
    expect(await deliver(SUBJECTS.deeds.birthRegistered, second)).toBe('processed');

    const after = await reg.cardById(card.id);
    expect(after.members.map((m) => m.relationship)).toEqual([1, 3, 4, 4]);
    expect(after.members[2]).toMatchObject({ motherResidentId: wife.id });
    expect(after.members[2]?.fatherResidentId).toBeUndefined();
    expect(await reviews(t, first.deedId)).toEqual([]);
    expect(await reviews(t, second.deedId)).toEqual([]);
  });

  it('registers the child of parents who are not in the register on no card, with a KIA, and asks for a review', async () => {
    const payload = birthEvent(t, { motherNik: '5316017008950003', fatherNik: '5316011205900004' });
    expect(await deliver(SUBJECTS.deeds.birthRegistered, payload)).toBe('processed');
    const [review] = await reviews(t, payload.deedId);
    expect(review).toMatchObject({ code: 'BIRTH_NO_FAMILY_CARD', status: 'OPEN', districtCode: DISTRICT, subject: SUBJECTS.deeds.birthRegistered });
    expect(review?.items.map((i) => [i.code, i.field])).toEqual([
      ['NIK_NOT_IN_REGISTER', 'motherNik'],
      ['NIK_NOT_IN_REGISTER', 'fatherNik'],
    ]);
    expect(JSON.stringify(review)).not.toContain('5316017008950003');
    const childId = review?.residentIds[0] as string;
    const child = await reg.residentById(childId);
    expect(child).toMatchObject({ birthDate: payload.eventDate, villageCode: VILLAGE, address: ADDRESS, status: 'ALIVE' });
    expect(child.familyCardId).toBeUndefined();
    expect((await reg.kia(childId)).status).toBe('PRINTED');
    expect(await application(t, payload.deedId)).toMatchObject({ outcome: 'NEEDS_REVIEW', residentIds: [childId] });
  });

  it('registers nothing when no address can be found (no card, no village, no parent in the register): BIRTH_ADDRESS_UNKNOWN', async () => {
    const { villageCode: _village, address: _address, ...payload } = birthEvent(t, { motherNik: '5316017008950005' });
    expect(await deliver(SUBJECTS.deeds.birthRegistered, payload)).toBe('processed');
    expect(await codes(payload.deedId)).toEqual(['BIRTH_ADDRESS_UNKNOWN']);
    const named = await reg.call<{ items: unknown[] }>('GET', `/residents?name=${encodeURIComponent(payload.child.fullName)}&birthDate=${payload.eventDate}`);
    expect(named.body.items).toEqual([]);
  });

  it('leaves nothing half-done when a step fails for a reason that is no rule (the event is retried and then applied whole)', async () => {
    const { husband, wife, card } = await reg.couple();
    const payload = birthEvent(t, { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    const kia = t.app.select(DeedEventsModule).get(KiaService);
    const failure = jest.spyOn(kia, 'actIn').mockRejectedValueOnce(new Error('connection to the database lost'));
    const id = uuidv7();
    const births = (await outboxEvents(t, SUBJECTS.identity.residentRegistered, { origin: 'BIRTH' })).length;
    await expect(deliver(SUBJECTS.deeds.birthRegistered, payload, id)).rejects.toThrow('connection to the database lost');
    failure.mockRestore();
    expect((await reg.cardById(card.id)).members).toHaveLength(2);
    expect(await application(t, payload.deedId)).toBeNull();
    expect(await outboxEvents(t, SUBJECTS.identity.residentRegistered, { origin: 'BIRTH' })).toHaveLength(births);

    expect(await deliver(SUBJECTS.deeds.birthRegistered, payload, id)).toBe('processed');
    const after = await reg.cardById(card.id);
    expect(after.members).toHaveLength(3);
    expect((await reg.kia(newMember(after, card)?.residentId as string)).status).toBe('PRINTED');
  });

  it('does not register a second record of a child registered by hand before the deed: BIRTH_POSSIBLE_DUPLICATE', async () => {
    const { husband, wife, card } = await reg.couple();
    const payload = birthEvent(t, { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    const byHand = await reg.call<{ id: string }>('POST', '/residents', {
      fullName: payload.child.fullName,
      birthPlace: 'Mbay',
      birthDate: payload.eventDate,
      sex: 'F',
      religion: 'KATOLIK',
      maritalStatus: 'BELUM_KAWIN',
      motherName: payload.motherName,
      districtCode: DISTRICT,
      villageCode: VILLAGE,
      address: ADDRESS,
    });
    expect(byHand.status).toBe(201);
    expect(await deliver(SUBJECTS.deeds.birthRegistered, payload)).toBe('processed');
    const [review] = await reviews(t, payload.deedId);
    expect(review).toMatchObject({ code: 'BIRTH_POSSIBLE_DUPLICATE', residentIds: [byHand.body.id] });
    expect((await reg.cardById(card.id)).members).toHaveLength(2);
  });
});

describe('deeds.death.registered.v1', () => {
  it('records the death of the head effective the date of death; the wife heads the card under a new No. KK and is Cerai Mati', async () => {
    const { husband, wife, card } = await reg.couple();
    const child = await reg.resident('2015-02-03', 'M', 'BELUM_KAWIN');
    const withChild = await reg.call<Card>('POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'BIRTH', residentId: child.id, fatherResidentId: husband.id, motherResidentId: wife.id });
    expect(withChild.status).toBe(200);
    const payload = deathEvent(t, husband.nik);
    expect(await deliver(SUBJECTS.deeds.deathRegistered, payload)).toBe('processed');

    const status = await reg.residentStatus(husband.id);
    expect(status).toMatchObject({ status: 'DECEASED', dateOfDeath: payload.eventDate });
    expect(status.history.at(-1)).toMatchObject({ type: 'DIE', by: 'system' });
    const deceased = await reg.residentById(husband.id);
    expect(deceased.status).toBe('DECEASED');
    expect(deceased.familyCardId).toBeUndefined();

    const after = await reg.cardById(card.id);
    expect(after.kkNumber).not.toBe(card.kkNumber);
    expect(after.kkNumber.startsWith(kkPrefix(t))).toBe(true);
    expect(after.members.map((m) => [m.residentId, m.relationship])).toEqual([
      [wife.id, 1],
      [child.id, 4],
    ]);
    expect(after.members[0]?.maritalStatus).toBe('CERAI_MATI');

    expect(await outboxEvents(t, SUBJECTS.identity.residentStatusChanged, { residentId: husband.id })).toEqual([
      expect.objectContaining({ from: 'ALIVE', to: 'DECEASED', change: 'DEATH', effectiveDate: payload.eventDate }),
    ]);
    expect(await outboxEvents(t, SUBJECTS.identity.familyCardChanged, { familyCardId: card.id, kkNumber: after.kkNumber })).toEqual([
      expect.objectContaining({ previousKkNumber: card.kkNumber, memberCount: 2 }),
    ]);
    expect(await outboxEvents(t, SUBJECTS.identity.residentMaritalStatusChanged, { residentId: wife.id })).toEqual([
      expect.objectContaining({ from: 'KAWIN_TERCATAT', to: 'CERAI_MATI' }),
    ]);
    expect((await auditOf(t, husband.id)).filter((e) => e.actorKind === 'system').map((e) => e.action)).toEqual(['UPDATE', 'UPDATE']);
    expect(await reviews(t, payload.deedId)).toEqual([]);
  });

  it('keeps the deceased on the card and asks an operator when the rules cannot choose the new head; the operator can then finish', async () => {
    const head = await reg.resident('1960-01-15', 'M', 'CERAI_MATI');
    const niece = await reg.resident('1995-06-20', 'F', 'BELUM_KAWIN');
    const child = await reg.resident('2012-08-08', 'M', 'BELUM_KAWIN');
    const card = await reg.card([
      { residentId: head.id, relationship: 1 },
      { residentId: child.id, relationship: 4, fatherResidentId: head.id },
      { residentId: niece.id, relationship: 9 },
    ]);
    const payload = deathEvent(t, head.nik);
    expect(await deliver(SUBJECTS.deeds.deathRegistered, payload)).toBe('processed');

    expect((await reg.residentById(head.id)).status).toBe('DECEASED');
    const [review] = await reviews(t, payload.deedId);
    expect(review).toMatchObject({ code: 'DEATH_CARD_NEEDS_OPERATOR', familyCardId: card.id, residentIds: [head.id] });
    expect(review?.items.map((i) => i.code)).toContain('HEAD_CHOICE_REQUIRED');
    const still = await reg.cardById(card.id);
    expect(still).toMatchObject({ kkNumber: card.kkNumber, version: 1 });
    expect(still.members.map((m) => m.residentId)).toContain(head.id);

    const resolved = await reg.call<Card>('POST', `/family-cards/${card.id}/members/${head.id}/removal`, {
      version: 1,
      reason: 'DEATH',
      newHeadResidentId: niece.id,
      relationships: [{ residentId: child.id, relationship: 9 }],
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.members.map((m) => [m.residentId, m.relationship])).toEqual([
      [child.id, 9],
      [niece.id, 1],
    ]);
  });

  it('changes nothing for a NIK that is not in the register: NIK_NOT_IN_REGISTER', async () => {
    const payload = deathEvent(t, '5316015505600009');
    expect(await deliver(SUBJECTS.deeds.deathRegistered, payload)).toBe('processed');
    const [review] = await reviews(t, payload.deedId);
    expect(review).toMatchObject({ code: 'NIK_NOT_IN_REGISTER', residentIds: [] });
    expect(review?.items).toEqual([{ code: 'NIK_NOT_IN_REGISTER', field: 'deceasedNik', message: expect.stringContaining('******') }]);
    expect(review?.message).not.toMatch(/\d{16}/);
    expect(await application(t, payload.deedId)).toMatchObject({ outcome: 'NEEDS_REVIEW', residentIds: [] });
  });

  it('does not record a death twice when the counter recorded it first, and still takes the member off the card', async () => {
    const { husband, wife, card } = await reg.couple();
    const before = await reg.residentById(wife.id);
    const counter = await reg.call('POST', `/residents/${wife.id}/death`, { version: before.version, dateOfDeath: daysAgo(t, 2) });
    expect(counter.status).toBe(200);
    const payload = deathEvent(t, wife.nik, { eventDate: daysAgo(t, 2) });
    expect(await deliver(SUBJECTS.deeds.deathRegistered, payload)).toBe('processed');

    expect((await reg.residentStatus(wife.id)).history.filter((h) => h.type === 'DIE')).toHaveLength(1);
    const after = await reg.cardById(card.id);
    expect(after).toMatchObject({ kkNumber: card.kkNumber, version: 2 });
    expect(after.members).toEqual([expect.objectContaining({ residentId: husband.id, relationship: 1, maritalStatus: 'CERAI_MATI' })]);
    expect(await reviews(t, payload.deedId)).toEqual([]);
  });
});

describe('deeds.marriage.registered.v1 and deeds.divorce.registered.v1', () => {
  it('records a marriage: both spouses Kawin Tercatat, each with a marital-status-changed event', async () => {
    const groom = await reg.resident('1996-03-03', 'M', 'BELUM_KAWIN');
    const bride = await reg.resident('1998-07-07', 'F', 'CERAI_HIDUP_TERCATAT');
    const payload = marriageEvent(t, groom.nik, bride.nik);
    expect(await deliver(SUBJECTS.deeds.marriageRegistered, payload)).toBe('processed');
    expect((await reg.residentById(groom.id)).maritalStatus).toBe('KAWIN_TERCATAT');
    expect((await reg.residentById(bride.id)).maritalStatus).toBe('KAWIN_TERCATAT');
    expect(await outboxEvents(t, SUBJECTS.identity.residentMaritalStatusChanged, { residentId: groom.id })).toEqual([
      expect.objectContaining({ from: 'BELUM_KAWIN', to: 'KAWIN_TERCATAT', districtCode: DISTRICT }),
    ]);
    expect(await outboxEvents(t, SUBJECTS.identity.residentMaritalStatusChanged, { residentId: bride.id })).toEqual([
      expect.objectContaining({ from: 'CERAI_HIDUP_TERCATAT', to: 'KAWIN_TERCATAT' }),
    ]);
    expect((await auditOf(t, groom.id)).filter((e) => e.actorKind === 'system').map((e) => e.action)).toEqual(['UPDATE']);
    expect(await application(t, payload.deedId)).toMatchObject({ outcome: 'APPLIED', residentIds: [groom.id, bride.id] });
  });

  it('refuses a bride who is married to someone else: MARRIAGE_NOT_APPLIED, neither spouse changed', async () => {
    const groom = await reg.resident('1993-01-01', 'M', 'BELUM_KAWIN');
    const { wife } = await reg.couple();
    const payload = marriageEvent(t, groom.nik, wife.nik);
    expect(await deliver(SUBJECTS.deeds.marriageRegistered, payload)).toBe('processed');
    const [review] = await reviews(t, payload.deedId);
    expect(review).toMatchObject({ code: 'MARRIAGE_NOT_APPLIED', residentIds: [groom.id, wife.id] });
    expect(review?.items).toEqual([expect.objectContaining({ code: 'ALREADY_MARRIED', field: 'wifeNik', residentIds: [wife.id] })]);
    expect((await reg.residentById(groom.id)).maritalStatus).toBe('BELUM_KAWIN');
    expect(await outboxEvents(t, SUBJECTS.identity.residentMaritalStatusChanged, { residentId: groom.id })).toEqual([]);
  });

  it('changes nothing for a couple the register already holds as married to each other (a late registration)', async () => {
    const { husband, wife } = await reg.couple();
    const payload = marriageEvent(t, husband.nik, wife.nik);
    expect(await deliver(SUBJECTS.deeds.marriageRegistered, payload)).toBe('processed');
    expect(await reviews(t, payload.deedId)).toEqual([]);
    expect(await outboxEvents(t, SUBJECTS.identity.residentMaritalStatusChanged, { residentId: husband.id })).toEqual([]);
    expect(await application(t, payload.deedId)).toMatchObject({ outcome: 'APPLIED' });
  });

  it('lets the head of a card with a polygamy permission marry again: he stays Kawin Tercatat, the bride becomes it', async () => {
    const husband = await reg.resident('1975-05-05', 'M', 'KAWIN_TERCATAT');
    const first = await reg.resident('1978-08-08', 'F', 'KAWIN_TERCATAT');
    const issued = await reg.call<Card>('POST', '/family-cards', { polygamyPermitted: true, members: [{ residentId: husband.id, relationship: 1 }, { residentId: first.id, relationship: 3 }] });
    expect(issued.status).toBe(201);
    const bride = await reg.resident('1990-12-12', 'F', 'BELUM_KAWIN');
    const payload = marriageEvent(t, husband.nik, bride.nik, { route: 'KUA' });
    expect(await deliver(SUBJECTS.deeds.marriageRegistered, payload)).toBe('processed');
    expect(await reviews(t, payload.deedId)).toEqual([]);
    expect((await reg.residentById(bride.id)).maritalStatus).toBe('KAWIN_TERCATAT');
    expect(await outboxEvents(t, SUBJECTS.identity.residentMaritalStatusChanged, { residentId: husband.id })).toEqual([]);
  });

  it('marries the spouse in the register when the other is not in it, and asks for a review', async () => {
    const bride = await reg.resident('1999-09-09', 'F', 'BELUM_KAWIN');
    const payload = marriageEvent(t, '3201011001950007', bride.nik, { route: 'KUA' });
    expect(await deliver(SUBJECTS.deeds.marriageRegistered, payload)).toBe('processed');
    expect((await reg.residentById(bride.id)).maritalStatus).toBe('KAWIN_TERCATAT');
    expect(await codes(payload.deedId)).toEqual(['NIK_NOT_IN_REGISTER']);
  });

  it("records a divorce of the head and his wife: both Cerai Hidup Tercatat, she leaves his card (new No. KK), the children stay", async () => {
    const { husband, wife, card } = await reg.couple();
    const child = await reg.resident('2016-05-05', 'F', 'BELUM_KAWIN');
    expect((await reg.call('POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'BIRTH', residentId: child.id, fatherResidentId: husband.id, motherResidentId: wife.id })).status).toBe(200);
    const payload = divorceEvent(t, husband.nik, wife.nik);
    expect(await deliver(SUBJECTS.deeds.divorceRegistered, payload)).toBe('processed');

    expect((await reg.residentById(husband.id)).maritalStatus).toBe('CERAI_HIDUP_TERCATAT');
    const ex = await reg.residentById(wife.id);
    expect(ex.maritalStatus).toBe('CERAI_HIDUP_TERCATAT');
    expect(ex.familyCardId).toBeUndefined();
    const after = await reg.cardById(card.id);
    expect(after.kkNumber).not.toBe(card.kkNumber);
    expect(after.members.map((m) => [m.residentId, m.relationship])).toEqual([
      [husband.id, 1],
      [child.id, 4],
    ]);
    expect(await outboxEvents(t, SUBJECTS.identity.residentMaritalStatusChanged, { residentId: wife.id, to: 'CERAI_HIDUP_TERCATAT' })).toHaveLength(1);
    expect(await outboxEvents(t, SUBJECTS.identity.familyCardChanged, { familyCardId: card.id, kkNumber: after.kkNumber })).toEqual([
      expect.objectContaining({ previousKkNumber: card.kkNumber, facts: expect.arrayContaining([{ type: 'MEMBER_REMOVED', residentId: wife.id }]) }),
    ]);
    const [review] = await reviews(t, payload.deedId);
    expect(review).toMatchObject({ code: 'DIVORCED_SPOUSE_WITHOUT_CARD', residentIds: [wife.id], familyCardId: card.id });
  });

  it('refuses a divorce of someone who is not married: DIVORCE_NOT_APPLIED', async () => {
    const man = await reg.resident('1990-10-10', 'M', 'BELUM_KAWIN');
    const woman = await reg.resident('1991-11-11', 'F', 'KAWIN_TERCATAT');
    const payload = divorceEvent(t, man.nik, woman.nik);
    expect(await deliver(SUBJECTS.deeds.divorceRegistered, payload)).toBe('processed');
    const [review] = await reviews(t, payload.deedId);
    expect(review?.code).toBe('DIVORCE_NOT_APPLIED');
    expect(review?.items.map((i) => i.code)).toEqual(['NOT_MARRIED']);
    expect((await reg.residentById(woman.id)).maritalStatus).toBe('KAWIN_TERCATAT');
  });
});
