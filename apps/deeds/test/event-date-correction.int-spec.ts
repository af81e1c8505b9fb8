// Correcting a registered deed's event date (pembetulan, UU 23/2006 art. 71) on the machine's PostgreSQL and NATS
// JetStream (integration tier): the registrar corrects a death deed's date of death; the deed's view and its
// correction history show it (old → new), deeds.deed.corrected.v1 carries eventDate from/to (in the outbox, then
// in the DEEDS stream), and the kutipan issued after prints the corrected date. A bad date is refused with the
// domain's stable codes and nothing is written; only the registrar (or admin) of the deed's region may correct.
import { execFileSync } from 'node:child_process';
import { MikroORM } from '@mikro-orm/core';
import { STREAMS, SUBJECTS } from '@adminduk/contracts';
import { NatsService, OutboxEvent, OutboxStats } from '@adminduk/platform';
import { createDatabase, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { DeedRecord } from '../src/cases/deed-record.entity';
import { DeedCopy } from '../src/copies/deed-copy.entity';
import { dateInWords } from '../src/copies/kutipan-pdf.service';
import { OfficeClockService } from '../src/office-clock.service';
import { bootDeeds, Caller, completeAndVerify, DEATH_DOCUMENTS, daysAgo, deathReport, nik, PARTNERS, type Reply } from './deed-fixtures';
import { deleteStream, streamMessages } from './fake-identity';

jest.setTimeout(30_000);

let db: { name: string; url: string };
let deeds: TestApp;
let operator: Caller;
let registrar: Caller;

beforeAll(async () => {
  db = await createDatabase('deedseventdate');
  deeds = await bootDeeds({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: uniqueNatsPrefix('deeds-event-date') });
  await deeds.app.get(NatsService).ready();
  operator = await Caller.user(deeds, ['operator'], ['531601'], 'op-aesesa');
  registrar = await Caller.user(deeds, ['registrar'], ['5316'], 'pejabat-pencatatan-sipil');
}, 60_000);

afterAll(async () => {
  await deleteStream(deeds?.app.get(NatsService), STREAMS.deeds.name);
  await deeds?.close();
  await dropDatabase(db.name);
}, 30_000);

const em = () => deeds.app.get(MikroORM).em.fork();
const relayed = () => waitFor(async () => (await deeds.app.get(OutboxStats).pending()) === 0, 'the outbox to be relayed');
const correctedInOutbox = async (deedId: string) =>
  (await em().find(OutboxEvent, { subject: SUBJECTS.deeds.deedCorrected }, { orderBy: { occurredAt: 'asc' } })).map((r) => r.payload as Record<string, unknown>).filter((p) => p['deedId'] === deedId);

/** A death (died `diedDaysAgo` days ago, born 1950-05-05 as the deed says) reported today, registered today and issued. */
async function issuedDeath(diedDaysAgo = 1): Promise<Reply> {
  const reported = deathReport(nik('1950-05-05', 'M'), diedDaysAgo);
  const report = await Caller.partner(deeds, PARTNERS.rtLabolewa).ok('/notifications', reported, 201);
  const deceased = { ...reported.particulars.deceased, birthDate: '1950-05-05' };
  const verified = await completeAndVerify(operator, report.body.deedId, DEATH_DOCUMENTS, { particulars: { deceased } });
  const registered = await registrar.ok(`/deeds/${verified.body.id}/register`, { version: verified.body.version });
  return operator.ok(`/deeds/${verified.body.id}/issue`, { version: registered.body.version });
}

const correction = (version: number, to: string, extra: { field: string; to: string }[] = []) => ({
  version,
  changes: [...extra, { field: 'eventDate', to }],
  reason: 'tanggal kematian salah ketik pada surat keterangan kematian desa',
});

describe('correcting the date of death of a registered death deed', () => {
  it('view, history, outbox event and stream, and the kutipan issued after show the corrected date', async () => {
    const issued = await issuedDeath(1);
    const id = issued.body.id;
    const wrong = daysAgo(1);
    const right = daysAgo(3);
    expect(issued.body).toMatchObject({ status: 'ISSUED', eventDate: wrong, deedVersion: 1 });

    const corrected = await registrar.ok(`/deeds/${id}/corrections`, correction(issued.body.version, right));
    expect(corrected.body).toMatchObject({
      status: 'REGISTERED',
      deedVersion: 2,
      deedNumber: issued.body.deedNumber,
      eventDate: right,
      milestones: { eventDate: right },
      timeliness: { class: 'ON_TIME', daysAfterEvent: 3 },
    });
    expect(corrected.body.corrections).toEqual([
      expect.objectContaining({ version: 2, by: 'pejabat-pencatatan-sipil', changes: [{ field: 'eventDate', from: wrong, to: right }] }),
    ]);
    expect(corrected.body.history.at(-1)).toMatchObject({ type: 'CORRECT', status: 'REGISTERED' });

    // Read again: the stored record and its fold agree.
    const read = await registrar.get(`/deeds/${id}`);
    expect(read.body).toMatchObject({ eventDate: right, deedVersion: 2 });
    expect(read.body.corrections[0].changes).toEqual([{ field: 'eventDate', from: wrong, to: right }]);

    // Identity's event: eventDate old → new, the deed's date after the change, the deceased by NIK.
    expect(await correctedInOutbox(id)).toEqual([
      expect.objectContaining({
        deedType: 'DEATH',
        deedNumber: issued.body.deedNumber,
        deedVersion: 2,
        eventDate: right,
        fields: ['eventDate'],
        changes: [{ field: 'eventDate', from: wrong, to: right }],
        persons: [{ role: 'deceased', nik: issued.body.particulars.deceased.nik }],
      }),
    ]);
    await relayed();
    const inStream = (await streamMessages(deeds.app.get(NatsService), STREAMS.deeds.name)).filter((m) => m.envelope.payload.deedId === id);
    expect(inStream.filter((m) => m.subject === SUBJECTS.deeds.deedCorrected).map((m) => m.envelope.payload.changes)).toEqual([[{ field: 'eventDate', from: wrong, to: right }]]);
    // Reporting's status event of the CORRECT step carries the corrected date and the timeliness that follows it.
    expect(inStream.filter((m) => m.subject === SUBJECTS.deeds.deedStatusChanged).at(-1)?.envelope.payload).toMatchObject({ to: 'REGISTERED', eventDate: right, timeliness: 'ON_TIME' });

    // The kutipan issued after the correction prints the corrected date; the first one keeps the old.
    const reissued = await operator.ok(`/deeds/${id}/issue`, { version: corrected.body.version });
    const newCopy = reissued.body.copies[1];
    expect(newCopy).toMatchObject({ deedVersion: 2, status: 'VALID' });
    const copies = await em().find(DeedCopy, { deedId: id }, { orderBy: { deedVersion: 'asc' } });
    expect(copies.map((c) => c.content.eventDate)).toEqual([wrong, right]);
    const pdf = await operator.get(newCopy.pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf.raw }).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain(dateInWords(right).toUpperCase());
    expect(text).not.toContain(dateInWords(wrong).toUpperCase());
  });

  it('a date that makes the death late re-judges its timeliness (the registration stands)', async () => {
    const issued = await issuedDeath(1);
    const corrected = await registrar.ok(`/deeds/${issued.body.id}/corrections`, correction(issued.body.version, daysAgo(45)));
    expect(corrected.body).toMatchObject({ status: 'REGISTERED', deedNumber: issued.body.deedNumber, eventDate: daysAgo(45), timeliness: { class: 'LATE_UP_TO_ONE_YEAR', daysLate: 15 } });
  });

  it('checks the date of death against the deceased birth date as corrected in the same request', async () => {
    const issued = await issuedDeath(1);
    const id = issued.body.id;
    const refused = await registrar.post(`/deeds/${id}/corrections`, correction(issued.body.version, '1951-01-01', [{ field: 'deceased.birthDate', to: '1952-02-02' }]));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'EVENT_DATE_BEFORE_BIRTH' });
    const accepted = await registrar.ok(`/deeds/${id}/corrections`, correction(issued.body.version, daysAgo(2), [{ field: 'deceased.birthDate', to: '1952-02-02' }]));
    expect(accepted.body.particulars.deceased.birthDate).toBe('1952-02-02');
    expect(accepted.body.corrections[0].changes.map((c: { field: string }) => c.field)).toEqual(['deceased.birthDate', 'eventDate']);
  });
});

describe('a bad corrected date is refused with stable codes, and nothing is written', () => {
  let deed: Reply;
  beforeAll(async () => {
    deed = await issuedDeath(1);
  });

  const nothingWritten = async () => {
    const record = await em().findOneOrFail(DeedRecord, { id: deed.body.id });
    expect(record).toMatchObject({ actionCount: deed.body.version, eventDate: daysAgo(1), deedVersion: 1, status: 'ISSUED' });
    expect(await correctedInOutbox(deed.body.id)).toEqual([]);
  };

  it.each([
    ['in the future', 'EVENT_DATE_IN_FUTURE', () => daysAgo(-1)],
    ['before the deceased was born', 'EVENT_DATE_BEFORE_BIRTH', () => '1950-05-04'],
    ['before 1900 (and before the birth date: two violations)', 'DEED_ACTION_REFUSED', () => '1899-12-31'],
    ['not a real date', 'EVENT_DATE_INVALID', () => '2026-02-30'],
    ['not a date at all', 'EVENT_DATE_INVALID', () => 'kemarin'],
    ['the date the deed already has', 'EVENT_DATE_UNCHANGED', () => daysAgo(1)],
  ])('%s → 422 %s', async (_what, code, to) => {
    const reply = await registrar.post(`/deeds/${deed.body.id}/corrections`, correction(deed.body.version, to()));
    expect(reply.status).toBe(422);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.body.code).toBe(code);
    await nothingWritten();
  });

  it('reports every violation at once: before 1900 and before the birth date', async () => {
    const reply = await registrar.post(`/deeds/${deed.body.id}/corrections`, correction(deed.body.version, '1899-12-31'));
    expect(reply.body.errors.map((e: { code: string }) => e.code)).toEqual(['EVENT_DATE_TOO_EARLY', 'EVENT_DATE_BEFORE_BIRTH']);
  });

  it('after the registration day (a correction made days later) → 422 EVENT_DATE_AFTER_REGISTRATION', async () => {
    const clock = deeds.app.get(OfficeClockService);
    const later = clock.instant(new Date(Date.now() + 5 * 86_400_000));
    const spy = jest.spyOn(clock, 'now').mockReturnValue({ at: later, asOf: later.slice(0, 10) });
    try {
      const reply = await registrar.post(`/deeds/${deed.body.id}/corrections`, correction(deed.body.version, daysAgo(-2)));
      expect(reply.status).toBe(422);
      expect(reply.body).toMatchObject({ code: 'EVENT_DATE_AFTER_REGISTRATION' });
    } finally {
      spy.mockRestore();
    }
    await nothingWritten();
  });

  it('a field that is no particular is still 400 FIELD_NOT_CORRECTABLE; a stale version is 409', async () => {
    const unknown = await registrar.post(`/deeds/${deed.body.id}/corrections`, { version: deed.body.version, changes: [{ field: 'registeredAt', to: daysAgo(2) }], reason: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ code: 'FIELD_NOT_CORRECTABLE', field: 'registeredAt' })]);
    const stale = await registrar.post(`/deeds/${deed.body.id}/corrections`, correction(deed.body.version - 1, daysAgo(2)));
    expect(stale.status).toBe(409);
    await nothingWritten();
  });
});

describe('who may correct an event date', () => {
  let deed: Reply;
  beforeAll(async () => {
    deed = await issuedDeath(1);
  });

  it('not an operator (403 ROLE_NOT_ALLOWED), nor a partner, nor a registrar outside the deed’s region (403 OUTSIDE_REGION)', async () => {
    const byOperator = await operator.post(`/deeds/${deed.body.id}/corrections`, correction(deed.body.version, daysAgo(2)));
    expect(byOperator).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    const byPartner = await Caller.partner(deeds, PARTNERS.rtLabolewa).post(`/deeds/${deed.body.id}/corrections`, correction(deed.body.version, daysAgo(2)));
    expect(byPartner.status).toBe(403);
    const elsewhere = await Caller.user(deeds, ['registrar'], ['531602'], 'pps-nangaroro');
    const outside = await elsewhere.post(`/deeds/${deed.body.id}/corrections`, correction(deed.body.version, daysAgo(2)));
    expect(outside).toMatchObject({ status: 403, body: { code: 'OUTSIDE_REGION' } });
    expect((await em().findOneOrFail(DeedRecord, { id: deed.body.id })).eventDate).toBe(daysAgo(1));
  });

  it('the registrar of the region, and an admin', async () => {
    const byRegistrar = await (await Caller.user(deeds, ['registrar'], ['531601'], 'pps-aesesa')).ok(`/deeds/${deed.body.id}/corrections`, correction(deed.body.version, daysAgo(2)));
    expect(byRegistrar.body.eventDate).toBe(daysAgo(2));
    const byAdmin = await (await Caller.user(deeds, ['admin'], ['*'], 'admin-1')).ok(`/deeds/${deed.body.id}/corrections`, correction(byRegistrar.body.version, daysAgo(3)));
    expect(byAdmin.body).toMatchObject({ eventDate: daysAgo(3), deedVersion: 3 });
    expect(byAdmin.body.corrections.map((c: { changes: unknown[] }) => c.changes)).toEqual([
      [{ field: 'eventDate', from: daysAgo(1), to: daysAgo(2) }],
      [{ field: 'eventDate', from: daysAgo(2), to: daysAgo(3) }],
    ]);
  });
});
