// Every deed reaches the register (issue 19, item 7), on the machine's PostgreSQL and NATS JetStream: the test plays
// the deeds service and publishes registered-deed events into a DEEDS stream under its own prefix; identity's
// durable consumers apply them. Checked as a registrar would: an adoption moves the child from the old card to the
// adopter's as Anak under the deed's name (a version of each card written); a recognition and a legitimation record
// the father on the child (held when the father does not match the register); a late birth deed naming a child
// already on the register is linked to that resident (no second resident) and says so in
// identity.resident.birth-deed-linked.v1, as a newborn's deed does.
import { SUBJECTS } from '@adminduk/contracts';
import { DEED_EVENT_DURABLES } from '../src/deed-events/deed-events.handler';
import {
  adoptionEvent,
  application,
  birthEvent,
  daysAgo,
  deedEventsHarness,
  legitimationEvent,
  nameOf,
  outboxEvents,
  recognitionEvent,
  reviews,
} from './deed-events-fixtures';

/** Tedamude, another desa of kecamatan Aesesa (531601) than the fixtures' Labolewa. */
const OTHER_VILLAGE = '5316012004';

const h = deedEventsHarness('deed-child');
const app = h.app;
const { publish, acked } = h;
let reg: typeof h.reg;
beforeAll(() => {
  reg = h.reg;
});

describe('every deed reaches the register', () => {
  it("an adoption moves the child from the old card onto the adopter's as Anak, under the deed's name, a version of each card written", async () => {
    // The child's family: a mother heading her own card with her child.
    const mother = await reg.resident('1990-01-10', 'F', 'CERAI_HIDUP_TERCATAT');
    const child = await reg.resident('2019-02-14', 'F', 'BELUM_KAWIN');
    const sibling = await reg.resident('2016-08-01', 'M', 'BELUM_KAWIN');
    const oldCard = await reg.card([
      { residentId: mother.id, relationship: 1 },
      { residentId: sibling.id, relationship: 4, motherResidentId: mother.id },
      { residentId: child.id, relationship: 4, motherResidentId: mother.id },
    ]);
    // The adopters: a married couple on their card.
    const adopters = await reg.couple();
    const newName = `Maria Angela Adopsi ${process.pid}`;
    const payload = adoptionEvent(app(), child, adopters.husband, newName);
    await acked(DEED_EVENT_DURABLES.adoption, await publish(SUBJECTS.deeds.adoptionRegistered, payload));

    const left = await reg.cardById(oldCard.id);
    expect(left.members.map((m) => m.residentId)).toEqual([mother.id, sibling.id]);
    expect(left.version).toBe(oldCard.version + 1);
    const joined = await reg.cardById(adopters.card.id);
    expect(joined.version).toBe(adopters.card.version + 1);
    expect(joined.members.find((m) => m.residentId === child.id)).toMatchObject({ relationship: 4, relationshipLabel: 'Anak' });
    expect(await reg.residentById(child.id)).toMatchObject({ fullName: newName, familyCardId: adopters.card.id, status: 'ALIVE' });

    expect(await outboxEvents(app(), SUBJECTS.identity.familyCardChanged, { familyCardId: oldCard.id, version: oldCard.version + 1 })).toHaveLength(1);
    expect(await outboxEvents(app(), SUBJECTS.identity.familyCardChanged, { familyCardId: adopters.card.id, version: adopters.card.version + 1 })).toHaveLength(1);
    expect(await application(app(), payload.deedId)).toMatchObject({ outcome: 'APPLIED' });
    expect(await reviews(app(), payload.deedId)).toEqual([]);
  });

  it('an adoption by an adopter on no card changes nothing and opens ADOPTION_NOT_APPLIED', async () => {
    const mother = await reg.resident('1991-03-03', 'F', 'BELUM_KAWIN');
    const child = await reg.resident('2020-04-04', 'M', 'BELUM_KAWIN');
    const card = await reg.card([
      { residentId: mother.id, relationship: 1 },
      { residentId: child.id, relationship: 4, motherResidentId: mother.id },
    ]);
    const adopter = await reg.resident('1979-07-07', 'M', 'KAWIN_TERCATAT');
    const payload = adoptionEvent(app(), child, adopter);
    await acked(DEED_EVENT_DURABLES.adoption, await publish(SUBJECTS.deeds.adoptionRegistered, payload));
    expect((await reviews(app(), payload.deedId)).map((r) => [r.code, r.items.map((i) => i.code)])).toEqual([['ADOPTION_NOT_APPLIED', ['ADOPTER_WITHOUT_CARD']]]);
    expect((await reg.cardById(card.id)).version).toBe(card.version);
    expect((await reg.residentById(child.id)).familyCardId).toBe(card.id);
  });

  it("an adoption by an adopter whose card is in another desa changes nothing: the child's move comes first", async () => {
    const mother = await reg.resident('1993-02-02', 'F', 'BELUM_KAWIN');
    const child = await reg.resident('2022-03-03', 'F', 'BELUM_KAWIN');
    const card = await reg.card([
      { residentId: mother.id, relationship: 1 },
      { residentId: child.id, relationship: 4, motherResidentId: mother.id },
    ]);
    // The adopter lives in another desa of kecamatan Aesesa.
    const elsewhere = await reg.call<{ id: string; nik: string; fullName: string }>('POST', '/residents', {
      fullName: `Petrus Nuwa ${process.pid}`, birthPlace: 'Mbay', birthDate: '1978-08-08', sex: 'M', religion: 'KATOLIK', maritalStatus: 'KAWIN_TERCATAT',
      motherName: 'Ibu Petrus', districtCode: '531601', villageCode: OTHER_VILLAGE, address: 'RT 001 / RW 001',
    });
    expect([elsewhere.status, elsewhere.status === 201 ? '' : JSON.stringify(elsewhere.body)]).toEqual([201, '']);
    const adopterCard = await reg.card([{ residentId: elsewhere.body.id, relationship: 1 }]);
    const payload = adoptionEvent(app(), child, elsewhere.body, undefined, { adopter: { fullName: elsewhere.body.fullName } });
    await acked(DEED_EVENT_DURABLES.adoption, await publish(SUBJECTS.deeds.adoptionRegistered, payload));
    expect((await reviews(app(), payload.deedId)).map((r) => [r.code, r.items.map((i) => i.code)])).toEqual([['ADOPTION_NOT_APPLIED', ['ADOPTER_CARD_ELSEWHERE']]]);
    expect((await reg.cardById(card.id)).version).toBe(card.version);
    expect((await reg.cardById(adopterCard.id)).members).toHaveLength(1);
  });

  it("a recognition records the father on the child and on the child's card membership; one whose father does not match the register is held", async () => {
    const mother = await reg.resident('1995-05-05', 'F', 'BELUM_KAWIN');
    const child = await reg.resident('2021-06-06', 'M', 'BELUM_KAWIN');
    const card = await reg.card([
      { residentId: mother.id, relationship: 1 },
      { residentId: child.id, relationship: 4, motherResidentId: mother.id },
    ]);
    const father = await reg.resident('1992-09-09', 'M', 'BELUM_KAWIN', `Yohanes Ngapa ${process.pid}`);
    expect((await reg.residentById(child.id)).fatherName).toBeUndefined();

    const wrong = recognitionEvent(app(), child, father, { father: { fullName: 'Kornelis Sawu', sex: 'M' } });
    await acked(DEED_EVENT_DURABLES.recognition, await publish(SUBJECTS.deeds.recognitionRegistered, wrong));
    expect((await reviews(app(), wrong.deedId)).map((r) => [r.code, [...new Set(r.items.map((i) => i.field))]])).toEqual([['PARTICULARS_MISMATCH', ['father.fullName']]]);
    expect((await reg.residentById(child.id)).fatherName).toBeUndefined();
    // A registrar who rejects the held deed: still nothing recorded.
    const [held] = await reviews(app(), wrong.deedId);
    expect((await reg.call('POST', `/deed-event-reviews/${held?.id}/reject`, { reason: 'the father named on the deed is another man' })).status).toBe(200);
    expect((await reg.residentById(child.id)).fatherName).toBeUndefined();

    const payload = recognitionEvent(app(), child, father);
    await acked(DEED_EVENT_DURABLES.recognition, await publish(SUBJECTS.deeds.recognitionRegistered, payload));
    expect((await reg.residentById(child.id)).fatherName).toBe(nameOf(father.nik));
    expect(await application(app(), payload.deedId)).toMatchObject({ outcome: 'APPLIED', residentIds: expect.arrayContaining([child.id, father.id]) });
    // The deed names the father's NIK and he is a resident: he is the father of the child's membership, in a new
    // version of the card (same No. KK), published as the other card operations are.
    const after = await reg.cardById(card.id);
    expect(after).toMatchObject({ kkNumber: card.kkNumber, version: card.version + 1 });
    expect(after.members.find((m) => m.residentId === child.id)).toMatchObject({ fatherResidentId: father.id, motherResidentId: mother.id });
    expect(await outboxEvents(app(), SUBJECTS.identity.familyCardChanged, { familyCardId: card.id, version: card.version + 1 })).toEqual([
      expect.objectContaining({ kkNumber: card.kkNumber, facts: [{ type: 'FATHER_RECORDED', residentId: child.id }], memberCount: 2 }),
    ]);
    const versions = await reg.call<{ items: { version: number; operation: string }[] }>('GET', `/family-cards/${card.id}/versions`);
    expect(versions.body.items.map((v) => v.operation)).toContain('RECORD_FATHER');
  });

  it('a legitimation records the father on the child', async () => {
    const { husband } = await reg.couple();
    const child = await reg.resident('2017-10-10', 'F', 'BELUM_KAWIN');
    const payload = legitimationEvent(app(), child, husband);
    await acked(DEED_EVENT_DURABLES.legitimation, await publish(SUBJECTS.deeds.legitimationRegistered, payload));
    expect((await reg.residentById(child.id)).fatherName).toBe(nameOf(husband.nik));
  });

  it("a legitimation held for the child's name is applied on a registrar's confirmation", async () => {
    const { husband } = await reg.couple();
    const child = await reg.resident('2016-11-11', 'M', 'BELUM_KAWIN');
    const payload = legitimationEvent(app(), child, husband, { child: { nik: child.nik, fullName: 'Kornelis Sawu' } });
    await acked(DEED_EVENT_DURABLES.legitimation, await publish(SUBJECTS.deeds.legitimationRegistered, payload));
    const [held] = await reviews(app(), payload.deedId);
    expect(held?.code).toBe('PARTICULARS_MISMATCH');
    expect((await reg.residentById(child.id)).fatherName).toBeUndefined();
    expect((await reg.call('POST', `/deed-event-reviews/${held?.id}/confirm`, { reason: 'the child was baptised Kornelis; same child, checked at the counter' })).status).toBe(200);
    expect((await reg.residentById(child.id)).fatherName).toBe(nameOf(husband.nik));
  });

  it('a late birth deed naming a child already on the register is linked to that resident: no second resident, the link event', async () => {
    const { husband, wife, card } = await reg.couple();
    const born = daysAgo(app(), 400);
    const child = await reg.resident(born, 'M', 'BELUM_KAWIN');
    const registered = (await outboxEvents(app(), SUBJECTS.identity.residentRegistered)).length;
    const payload = birthEvent(app(), {
      eventDate: born,
      timeliness: 'LATE_OVER_ONE_YEAR',
      childNik: child.nik,
      child: { fullName: nameOf(child.nik), sex: 'M', birthPlace: 'Mbay', religion: 'KATOLIK' },
      motherNik: wife.nik,
      fatherNik: husband.nik,
      kkNumber: card.kkNumber,
    });
    await acked(DEED_EVENT_DURABLES.birth, await publish(SUBJECTS.deeds.birthRegistered, payload));

    expect(await outboxEvents(app(), SUBJECTS.identity.residentRegistered)).toHaveLength(registered);
    expect((await reg.cardById(card.id)).members).toHaveLength(2);
    const named = await reg.call<{ items: unknown[] }>('GET', `/residents?name=${encodeURIComponent(nameOf(child.nik))}&birthDate=${born}`);
    expect(named.body.items).toHaveLength(1);
    expect(await outboxEvents(app(), SUBJECTS.identity.residentBirthDeedLinked, { deedId: payload.deedId })).toEqual([
      expect.objectContaining({ residentId: child.id, link: 'EXISTING_RESIDENT', deedNumber: payload.deedNumber, districtCode: '531601', documents: ['BIRTH_DEED'] }),
    ]);
    expect(await application(app(), payload.deedId)).toMatchObject({ outcome: 'APPLIED', residentIds: [child.id] });
  });

  it("a late birth deed whose child's particulars do not match the resident under that NIK is held, nothing linked", async () => {
    const { husband, wife } = await reg.couple();
    const born = daysAgo(app(), 500);
    const child = await reg.resident(born, 'F', 'BELUM_KAWIN');
    const payload = birthEvent(app(), { eventDate: born, childNik: child.nik, child: { fullName: 'Orang Lain Sama Sekali', sex: 'F', birthPlace: 'Mbay', religion: 'KATOLIK' }, motherNik: wife.nik, fatherNik: husband.nik });
    await acked(DEED_EVENT_DURABLES.birth, await publish(SUBJECTS.deeds.birthRegistered, payload));
    expect((await reviews(app(), payload.deedId)).map((r) => [r.code, [...new Set(r.items.map((i) => i.field))]])).toEqual([['PARTICULARS_MISMATCH', ['child.fullName']]]);
    expect(await outboxEvents(app(), SUBJECTS.identity.residentBirthDeedLinked, { deedId: payload.deedId })).toEqual([]);
  });

  it("a newborn registered from a birth deed is linked to it too (NEWBORN)", async () => {
    const { husband, wife, card } = await reg.couple();
    const payload = birthEvent(app(), { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    await acked(DEED_EVENT_DURABLES.birth, await publish(SUBJECTS.deeds.birthRegistered, payload));
    const [registered] = await outboxEvents(app(), SUBJECTS.identity.residentRegistered, { origin: 'BIRTH', birthDate: payload.eventDate });
    const childId = (await application(app(), payload.deedId))?.residentIds[0];
    expect(registered).toBeDefined();
    // One application, three documents: the deed, the family card reissued with the child, the child's KIA (an integrated service).
    expect(await outboxEvents(app(), SUBJECTS.identity.residentBirthDeedLinked, { deedId: payload.deedId })).toEqual([
      expect.objectContaining({ residentId: childId, link: 'NEWBORN', documents: ['BIRTH_DEED', 'FAMILY_CARD', 'KIA'] }),
    ]);
  });
});
