// BLAS end to end on the machine's PostgreSQL and NATS JetStream (integration tier): a health post reports a birth
// with its API key; an operator completes the application; a registrar registers it after the service asked
// identity (a stand-in served over NATS request/reply) about the parents and the family card; the birth deed is in
// the DEEDS stream with the card identity gave; the kutipan's PDF carries a code that /verify accepts; the health
// post sees the deed is ready; BLAS times are reported. Identity refusing the link, and a late birth on the head
// of the office's decision, too.
import { MikroORM } from '@mikro-orm/core';
import { PDFDocument } from 'pdf-lib';
import { STREAMS, SUBJECTS } from '@adminduk/contracts';
import { NatsService, OutboxStats } from '@adminduk/platform';
import { createDatabase, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { OutboxEvent } from '@adminduk/platform';
import { BIRTH_DOCUMENTS, birthReport, bootDeeds, Caller, completeAndVerify, daysAgo, family, PARTNERS } from './deed-fixtures';
import { deleteStream, REGISTER, startFakeIdentity, streamMessages } from './fake-identity';

jest.setTimeout(30_000);

const KK_BOAWAE = '5316030501200007';

let db: { name: string; url: string };
let deeds: TestApp;
let identity: TestApp;
let pustu: Caller;
let operator: Caller;
let registrar: Caller;
let anonymous: Caller;

beforeAll(async () => {
  db = await createDatabase('deedsblas');
  const prefix = uniqueNatsPrefix('deeds-blas');
  identity = await startFakeIdentity({ NATS_PREFIX: prefix });
  deeds = await bootDeeds({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  await deeds.app.get(NatsService).ready();
  pustu = Caller.partner(deeds, PARTNERS.pustuBoawae);
  operator = await Caller.user(deeds, ['operator'], ['531603'], 'op-boawae');
  registrar = await Caller.user(deeds, ['registrar'], ['5316'], 'pejabat-pencatatan-sipil');
  anonymous = new Caller(deeds, {});
}, 60_000);

afterAll(async () => {
  await deleteStream(deeds?.app.get(NatsService), STREAMS.deeds.name);
  await identity?.close();
  await deeds?.close();
  await dropDatabase(db.name);
}, 30_000);

/** The events of the DEEDS stream about one deed, once the outbox has been relayed. */
async function eventsOf(deedId: string) {
  await waitFor(async () => (await deeds.app.get(OutboxStats).pending()) === 0, 'the outbox to be relayed');
  return (await streamMessages(deeds.app.get(NatsService), STREAMS.deeds.name)).filter((m) => m.envelope.payload.deedId === deedId);
}

describe('BLAS: a baby is born, the birth deed is ready', () => {
  it('goes from the health post’s report to a registered, issued and verifiable birth deed', async () => {
    const parents = family('531603');
    REGISTER.addFamily(KK_BOAWAE, parents, '531603', '5316031001');

    const report = await pustu.post('/notifications', birthReport(parents, { daysAgoBorn: 2 }), { 'idempotency-key': 'pustu-natanage-0001' });
    expect(report.status).toBe(201);
    const id = report.body.deedId;

    const verified = await completeAndVerify(operator, id, BIRTH_DOCUMENTS, { particulars: { child: { fullName: 'Maria Yasinta Wea', sex: 'F', religion: 'KATOLIK' } } });
    expect(verified.body).toMatchObject({ status: 'VERIFIED', checklist: { complete: true } });

    const questions = REGISTER.residentQuestions;
    const registered = await registrar.post(`/deeds/${id}/register`, { version: verified.body.version });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ status: 'REGISTERED', deedVersion: 1, waitingFor: null, linkProblems: null });
    expect(registered.body.deedNumber).toMatch(new RegExp(`^5316-KL-\\d{4}${daysAgo(0).slice(0, 4)}-\\d{4}$`));
    expect(REGISTER.residentQuestions - questions).toBe(2);

    const issued = await operator.ok(`/deeds/${id}/issue`, { version: registered.body.version });
    expect(issued.body).toMatchObject({ status: 'ISSUED', durations: { eventToNotified: 2, notifiedToRegistered: 0, registeredToIssued: 0, eventToIssued: 2 } });

    // The birth deed reaches identity through the DEEDS stream, with the family card identity named.
    const events = await eventsOf(id);
    const births = events.filter((e) => e.subject === SUBJECTS.deeds.birthRegistered);
    expect(births).toHaveLength(1);
    expect(births[0]?.envelope).toMatchObject({
      producer: 'deeds',
      payload: {
        deedId: id,
        deedNumber: registered.body.deedNumber,
        eventDate: daysAgo(2),
        timeliness: 'ON_TIME',
        districtCode: '531603',
        villageCode: '5316031001',
        child: { fullName: 'Maria Yasinta Wea', sex: 'F', birthPlace: 'Pustu Natanage', religion: 'KATOLIK' },
        motherNik: parents.mother.nik,
        fatherNik: parents.father.nik,
        motherName: 'Maria Goreti Wea',
        fatherName: 'Yosef Dhey Nuwa',
        kkNumber: KK_BOAWAE,
      },
    });
    expect(events.filter((e) => e.subject === SUBJECTS.deeds.deedStatusChanged).map((e) => e.envelope.payload.to)).toEqual(['NOTIFIED', 'SUBMITTED', 'VERIFIED', 'REGISTERED', 'ISSUED']);

    // The kutipan: the code in the PDF is one /verify accepts.
    const pdf = await operator.get(issued.body.copies[0].pdf);
    const doc = await PDFDocument.load(pdf.raw, { updateMetadata: false });
    const code = /verification-code:([A-Z2-7]{16})/.exec(doc.getKeywords() ?? '')?.[1];
    expect(code).toBe(issued.body.copies[0].code);
    const verification = await anonymous.get(`/verify/${code}`);
    expect(verification.body).toMatchObject({ status: 'VALID', documentName: 'Kutipan Akta Kelahiran', deedNumber: registered.body.deedNumber, signature: { check: 'VALID' } });
    expect(JSON.stringify(verification.body)).not.toContain('Maria');

    // The health post sees that the deed is ready; BLAS counts it.
    expect((await pustu.get(`/notifications/${report.body.id}`)).body).toMatchObject({ status: 'ISSUED', ready: true, deedNumber: registered.body.deedNumber });
    const blas = await operator.get(`/reports/service-times?programme=BLAS&from=${daysAgo(30)}&to=${daysAgo(0)}`);
    expect(blas.body).toMatchObject({ programme: 'BLAS', deedType: 'BIRTH', issued: 1, eventToIssued: { count: 1, median: 2, p90: 2 }, timeliness: { ON_TIME: 1 } });
  });

  it('does not register a birth whose mother identity does not know on the card: 422, the problems kept, nothing published', async () => {
    const parents = family('531603');
    const stranger = family('531603').mother;
    REGISTER.addFamily('5316030501200008', { mother: stranger, father: parents.father }, '531603', '5316031001');
    const report = await pustu.ok('/notifications', birthReport(parents), 201);
    const verified = await completeAndVerify(operator, report.body.deedId, BIRTH_DOCUMENTS, { particulars: { child: { fullName: 'Anak Tanpa Kartu', sex: 'M', religion: 'KATOLIK' } } });
    const refused = await registrar.post(`/deeds/${report.body.deedId}/register`, { version: verified.body.version });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('IDENTITY_LINK_REFUSED');
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'PARENT_NOT_IN_REGISTER', field: 'particulars.mother.nik' })]);
    const deed = (await registrar.get(`/deeds/${report.body.deedId}`)).body;
    expect(deed).toMatchObject({ status: 'VERIFIED', deedNumber: null, version: verified.body.version, linkProblems: [expect.objectContaining({ code: 'PARENT_NOT_IN_REGISTER' })] });
    expect(JSON.stringify(refused.body)).not.toContain(parents.mother.nik);
    const outbox = await deeds.app.get(MikroORM).em.fork().find(OutboxEvent, { subject: SUBJECTS.deeds.birthRegistered });
    expect(outbox.filter((e) => (e.payload as { deedId: string }).deedId === report.body.deedId)).toEqual([]);
  });

  it('registers a late birth on the head of the office’s decision, and says so in the deed and its event', async () => {
    const parents = family('531603');
    REGISTER.addFamily('5316030501200009', parents, '531603', '5316031001');
    const report = await pustu.ok('/notifications', birthReport(parents, { daysAgoBorn: 90 }), 201);
    const verified = await completeAndVerify(operator, report.body.deedId, BIRTH_DOCUMENTS, { particulars: { child: { fullName: 'Anak Terlambat', sex: 'F', religion: 'KATOLIK' } } });
    const decision = { number: '470/DKPS/112/2026', date: daysAgo(0) };
    const registered = await registrar.ok(`/deeds/${report.body.deedId}/register`, { version: verified.body.version, headDecision: decision });
    expect(registered.body).toMatchObject({ status: 'REGISTERED', headDecision: decision, timeliness: { class: 'LATE_UP_TO_ONE_YEAR', daysLate: 30, headDecisionRequired: true } });
    const [birth] = (await eventsOf(report.body.deedId)).filter((e) => e.subject === SUBJECTS.deeds.birthRegistered);
    expect(birth?.envelope.payload).toMatchObject({ timeliness: 'LATE_UP_TO_ONE_YEAR', kkNumber: '5316030501200009' });
  });

  it('a late birth deed of a child already on the register names the child’s NIK, and its event carries it as childNik', async () => {
    const parents = family('531603');
    REGISTER.addFamily('5316030501200010', parents, '531603', '5316031001');
    const report = await pustu.ok('/notifications', birthReport(parents, { daysAgoBorn: 400 }), 201);
    const born = report.body.eventDate as string;
    const childNik = `531603${born.slice(8, 10)}${born.slice(5, 7)}${born.slice(2, 4)}0007`;
    const verified = await completeAndVerify(operator, report.body.deedId, BIRTH_DOCUMENTS, { particulars: { child: { nik: childNik, fullName: 'Anak Sudah Terdaftar', sex: 'M', religion: 'KATOLIK' } } });
    const registered = await registrar.ok(`/deeds/${report.body.deedId}/register`, { version: verified.body.version, headDecision: { number: '470/DKPS/113/2026', date: daysAgo(0) } });
    expect(registered.body.status).toBe('REGISTERED');
    const [birth] = (await eventsOf(report.body.deedId)).filter((e) => e.subject === SUBJECTS.deeds.birthRegistered);
    expect(birth?.envelope.payload).toMatchObject({ childNik, timeliness: 'LATE_OVER_ONE_YEAR', child: { fullName: 'Anak Sudah Terdaftar' } });
  });
});
