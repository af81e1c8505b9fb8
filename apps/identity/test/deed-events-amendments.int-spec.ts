// Corrections and annulments of registered deeds reach the register (issue 19, item 7), on the machine's PostgreSQL
// and NATS JetStream: the test plays the deeds service, publishing deeds.deed.corrected.v1 and deeds.deed.annulled.v1
// after the registered-deed events, and checks as a registrar would: a death deed annulled by a court brings the
// resident back to ALIVE (the status log names the deed and the decision; no family card is restored, which an
// operator is asked to do); a corrected birth deed corrects the child registered from it (identity.resident.corrected.v1),
// and a correction the NIK cannot take is a review, not a silent change; an annulled birth deed is unlinked from its
// child, who stays; an annulled divorce marries the spouses again; an annulled marriage asks an operator; a malformed
// event is dead-lettered.
import { DEAD_LETTER_HEADERS, deadLetterStream } from '@adminduk/platform';
import { SUBJECTS, type DeedAnnulled, type DeedCorrected } from '@adminduk/contracts';
import { DEED_EVENT_DURABLES } from '../src/deed-events/deed-events.handler';
import { application, auditOf, birthEvent, daysAgo, deathEvent, deedEventsHarness, divorceEvent, marriageEvent, outboxEvents, reviews, today } from './deed-events-fixtures';

const h = deedEventsHarness('deed-amend');
const app = h.app;
const { publish, acked } = h;
let reg: typeof h.reg;
beforeAll(() => {
  reg = h.reg;
});

type Registered = { deedId: string; deedNumber?: string; eventDate: string; districtCode: string; villageCode?: string };

function amended(deed: Registered, deedType: DeedCorrected['deedType'], persons: DeedCorrected['persons']) {
  return { deedId: deed.deedId, deedType, deedNumber: deed.deedNumber as string, eventDate: deed.eventDate, persons, districtCode: deed.districtCode, ...(deed.villageCode ? { villageCode: deed.villageCode } : {}) };
}

function corrected(deed: Registered, deedType: DeedCorrected['deedType'], persons: DeedCorrected['persons'], changes: DeedCorrected['changes'], deedVersion = 2): DeedCorrected {
  return { ...amended(deed, deedType, persons), correctedAt: `${today(app())}T10:00:00.000+08:00`, deedVersion, fields: changes.map((c) => c.field), changes, reason: 'salah ketik pada akta' };
}

function annulled(deed: Registered, deedType: DeedAnnulled['deedType'], persons: DeedAnnulled['persons']): DeedAnnulled {
  return { ...amended(deed, deedType, persons), annulledAt: `${today(app())}T11:00:00.000+08:00`, courtDecision: { number: '88/Pdt.G/2026/PN Bjw', finalOn: daysAgo(app(), 1) } };
}

describe('a corrected or annulled deed reaches the register', () => {
  it('an annulled death deed brings the resident back to ALIVE, audited with the deed and the decision; no card is restored', async () => {
    const { husband, wife, card } = await reg.couple();
    const death = deathEvent(app(), husband.nik);
    await acked(DEED_EVENT_DURABLES.death, await publish(SUBJECTS.deeds.deathRegistered, death));
    expect(await reg.residentStatus(husband.id)).toMatchObject({ status: 'DECEASED', dateOfDeath: death.eventDate });

    const payload = annulled(death, 'DEATH', [{ role: 'deceased', nik: husband.nik }]);
    await acked(DEED_EVENT_DURABLES.annulled, await publish(SUBJECTS.deeds.deedAnnulled, payload));

    const status = await reg.residentStatus(husband.id);
    expect(status).toMatchObject({ status: 'ALIVE', dateOfDeath: null });
    expect(status.history.at(-1)).toMatchObject({ type: 'ANNUL_DEATH', by: 'system' });
    expect(await outboxEvents(app(), SUBJECTS.identity.residentStatusChanged, { residentId: husband.id, from: 'DECEASED', to: 'ALIVE' })).toHaveLength(1);
    expect((await auditOf(app(), husband.id)).filter((a) => a.action === 'UPDATE').length).toBeGreaterThan(0);
    // The head died and left the card; its new head stays: an operator puts him back on a card.
    expect((await reg.cardById(card.id)).members.map((m) => m.residentId)).toEqual([wife.id]);
    expect((await reviews(app(), payload.deedId)).filter((r) => r.subject === SUBJECTS.deeds.deedAnnulled).map((r) => r.code)).toEqual(['ANNULMENT_NEEDS_OPERATOR']);
  });

  it('a corrected death date moves the date of death in the status log', async () => {
    const resident = await reg.resident('1940-01-01', 'M', 'CERAI_MATI');
    const death = deathEvent(app(), resident.nik, { eventDate: daysAgo(app(), 5) });
    await acked(DEED_EVENT_DURABLES.death, await publish(SUBJECTS.deeds.deathRegistered, death));
    const payload = corrected(death, 'DEATH', [{ role: 'deceased', nik: resident.nik }], [{ field: 'eventDate', from: death.eventDate, to: daysAgo(app(), 6) }]);
    await acked(DEED_EVENT_DURABLES.corrected, await publish(SUBJECTS.deeds.deedCorrected, payload));
    expect(await reg.residentStatus(resident.id)).toMatchObject({ status: 'DECEASED', dateOfDeath: daysAgo(app(), 6) });
    expect((await reg.residentStatus(resident.id)).history.at(-1)).toMatchObject({ type: 'CORRECT_DEATH' });
    expect(await reviews(app(), payload.deedId)).toEqual([]);
  });

  it("a corrected birth deed corrects the child registered from it; a correction the NIK cannot take is a review and changes nothing of that resident", async () => {
    const { husband, wife, card } = await reg.couple();
    const birth = birthEvent(app(), { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    await acked(DEED_EVENT_DURABLES.birth, await publish(SUBJECTS.deeds.birthRegistered, birth));
    const childId = (await reg.cardById(card.id)).members.find((m) => m.relationship === 4)?.residentId as string;
    expect(childId).toBeDefined();
    const persons: DeedCorrected['persons'] = [{ role: 'mother', nik: wife.nik }, { role: 'father', nik: husband.nik }];
    const newName = `Maria Goreti Bayi ${process.pid}`;

    const first = corrected(birth, 'BIRTH', persons, [{ field: 'child.fullName', from: birth.child.fullName, to: newName }]);
    await acked(DEED_EVENT_DURABLES.corrected, await publish(SUBJECTS.deeds.deedCorrected, first));
    expect(await reg.residentById(childId)).toMatchObject({ fullName: newName, sex: 'F' });
    expect(await outboxEvents(app(), SUBJECTS.identity.residentCorrected, { residentId: childId })).toEqual([expect.objectContaining({ fields: ['fullName'], sex: 'F', birthDate: birth.eventDate })]);
    expect(await application(app(), first.deedId)).toMatchObject({ outcome: 'APPLIED' });

    // The second correction (version 3) changes the sex, which the child's NIK encodes (PP 37/2007: +40 on the day
    // for a girl) and never changes: refused for an operator; the father's name on the child is corrected.
    const second = corrected(birth, 'BIRTH', persons, [
      { field: 'child.sex', from: 'F', to: 'M' },
      { field: 'father.fullName', from: birth.fatherName as string, to: 'Yohanes Bosco Ngapa' },
    ], 3);
    await acked(DEED_EVENT_DURABLES.corrected, await publish(SUBJECTS.deeds.deedCorrected, second));
    expect(await reg.residentById(childId)).toMatchObject({ fullName: newName, sex: 'F' });
    const [review] = (await reviews(app(), second.deedId)).filter((r) => r.subject === SUBJECTS.deeds.deedCorrected);
    expect(review?.code).toBe('CORRECTION_NOT_APPLIED');
    expect(review?.items.map((i) => i.code)).toContain('NIK_MISMATCH');
    // The sex and the father's name were asked in one correction of the resident: refused together.
    expect((await reg.residentById(childId)).fatherName).toBe(birth.fatherName);

    // The same correction again (the deeds service republishing it) is acknowledged without effect.
    await acked(DEED_EVENT_DURABLES.corrected, await publish(SUBJECTS.deeds.deedCorrected, first));
    expect(await outboxEvents(app(), SUBJECTS.identity.residentCorrected, { residentId: childId })).toHaveLength(1);
  });

  it('an annulled birth deed is unlinked from its child, who stays on the register and the card', async () => {
    const { husband, wife, card } = await reg.couple();
    const birth = birthEvent(app(), { motherNik: wife.nik, fatherNik: husband.nik, kkNumber: card.kkNumber });
    await acked(DEED_EVENT_DURABLES.birth, await publish(SUBJECTS.deeds.birthRegistered, birth));
    const childId = (await reg.cardById(card.id)).members.find((m) => m.relationship === 4)?.residentId as string;
    const payload = annulled(birth, 'BIRTH', [{ role: 'mother', nik: wife.nik }, { role: 'father', nik: husband.nik }]);
    await acked(DEED_EVENT_DURABLES.annulled, await publish(SUBJECTS.deeds.deedAnnulled, payload));
    expect(await outboxEvents(app(), SUBJECTS.identity.residentBirthDeedUnlinked, { deedId: birth.deedId })).toEqual([
      expect.objectContaining({ residentId: childId, deedNumber: birth.deedNumber, reason: 'DEED_ANNULLED' }),
    ]);
    expect(await reg.residentById(childId)).toMatchObject({ status: 'ALIVE', familyCardId: card.id });
    expect((await reviews(app(), payload.deedId)).filter((r) => r.subject === SUBJECTS.deeds.deedAnnulled)).toEqual([]);
  });

  it('an annulled divorce marries the spouses again; an annulled marriage asks an operator (no marital history to go back to)', async () => {
    const { husband, wife } = await reg.couple();
    const divorce = divorceEvent(app(), husband.nik, wife.nik);
    await acked(DEED_EVENT_DURABLES.divorce, await publish(SUBJECTS.deeds.divorceRegistered, divorce));
    expect(await reg.residentById(wife.id)).toMatchObject({ maritalStatus: 'CERAI_HIDUP_TERCATAT' });
    const undo = annulled(divorce, 'DIVORCE', [{ role: 'husband', nik: husband.nik }, { role: 'wife', nik: wife.nik }]);
    await acked(DEED_EVENT_DURABLES.annulled, await publish(SUBJECTS.deeds.deedAnnulled, undo));
    expect(await reg.residentById(husband.id)).toMatchObject({ maritalStatus: 'KAWIN_TERCATAT' });
    expect(await reg.residentById(wife.id)).toMatchObject({ maritalStatus: 'KAWIN_TERCATAT' });
    // She left his card at the divorce: an operator moves her back if they live together.
    expect((await reviews(app(), undo.deedId)).filter((r) => r.subject === SUBJECTS.deeds.deedAnnulled).map((r) => r.code)).toEqual(['ANNULMENT_NEEDS_OPERATOR']);

    const groom = await reg.resident('1996-01-01', 'M', 'BELUM_KAWIN');
    const bride = await reg.resident('1997-02-02', 'F', 'BELUM_KAWIN');
    const marriage = marriageEvent(app(), groom.nik, bride.nik);
    await acked(DEED_EVENT_DURABLES.marriage, await publish(SUBJECTS.deeds.marriageRegistered, marriage));
    const void_ = annulled(marriage, 'MARRIAGE', [{ role: 'husband', nik: groom.nik }, { role: 'wife', nik: bride.nik }]);
    await acked(DEED_EVENT_DURABLES.annulled, await publish(SUBJECTS.deeds.deedAnnulled, void_));
    expect(await reg.residentById(groom.id)).toMatchObject({ maritalStatus: 'KAWIN_TERCATAT' });
    const [review] = (await reviews(app(), void_.deedId)).filter((r) => r.subject === SUBJECTS.deeds.deedAnnulled);
    expect([review?.code, review?.items.map((i) => i.code)]).toEqual(['ANNULMENT_NOT_APPLIED', ['PREVIOUS_MARITAL_STATUS_UNKNOWN']]);
  });

  it('dead-letters a correction that breaks the contract, and the ones after it flow on', async () => {
    const resident = await reg.resident('1941-01-01', 'F', 'CERAI_MATI');
    const death = deathEvent(app(), resident.nik);
    await acked(DEED_EVENT_DURABLES.death, await publish(SUBJECTS.deeds.deathRegistered, death));
    const { reason: _missing, ...broken } = corrected(death, 'DEATH', [{ role: 'deceased', nik: resident.nik }], [{ field: 'deceased.fullName', from: 'x', to: 'y' }]);
    await publish(SUBJECTS.deeds.deedCorrected, broken);
    const name = `Maria Yosefina ${process.pid}`;
    const good = corrected(death, 'DEATH', [{ role: 'deceased', nik: resident.nik }], [{ field: 'deceased.fullName', from: 'x', to: name }]);
    await acked(DEED_EVENT_DURABLES.corrected, await publish(SUBJECTS.deeds.deedCorrected, good));
    // The deed's own correction reaches a deceased's record (the counter's edit would not).
    expect(await reg.residentById(resident.id)).toMatchObject({ fullName: name, status: 'DECEASED' });
    const dead = await h.jsm.streams.getMessage(h.streamName(deadLetterStream('identity').name), { last_by_subj: `${h.prefix}.deadletter.identity.${SUBJECTS.deeds.deedCorrected}` });
    expect(dead.header.get(DEAD_LETTER_HEADERS.reason)).toBe('INVALID_PAYLOAD');
    expect(dead.header.get(DEAD_LETTER_HEADERS.consumer)).toBe(DEED_EVENT_DURABLES.corrected);
  });
});
