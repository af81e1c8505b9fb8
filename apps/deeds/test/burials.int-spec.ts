// The burial register (Buku Pokok Pemakaman) on the machine's PostgreSQL and NATS JetStream: cemetery keepers,
// parishes and mosques report burials with their API keys; each burial is attached to a death record (registered,
// an open case, or a new case the burial opens: an OMAS lead) and published as deeds.burial.recorded.v1.
import { MikroORM } from '@mikro-orm/core';
import { STREAMS, SUBJECTS } from '@adminduk/contracts';
import { NatsService, OutboxStats } from '@adminduk/platform';
import { createDatabase, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { Burial } from '../src/burials/burial.entity';
import { bootDeeds, Caller, DEATH_DOCUMENTS, completeAndVerify, daysAgo, deathReport, nik, PARTNERS, type PartnerKey } from './deed-fixtures';
import { deleteStream, streamMessages } from './fake-identity';

jest.setTimeout(60_000);

const CEMETERY: PartnerKey = { id: 'tpu-labolewa', key: 'tpu-labolewa-key-0123456789abcdefg', regions: ['531601'] };
const MOSQUE: PartnerKey = { id: 'masjid-mbay', key: 'masjid-mbay-key-0123456789abcdefgh', regions: ['531601'] };
const PARISH_BOAWAE: PartnerKey = { id: 'paroki-boawae', key: 'paroki-boawae-key-0123456789abcdef', regions: ['531603'] };
const LABOLEWA = '5316012002';

let db: { name: string; url: string };
let deeds: TestApp;
let cemetery: Caller;
let mosque: Caller;
let parishBoawae: Caller;
let rt: Caller;
let operator: Caller;
let operatorBoawae: Caller;
let registrar: Caller;

beforeAll(async () => {
  db = await createDatabase('deedsburials');
  deeds = await bootDeeds({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: uniqueNatsPrefix('deeds-burials') }, {}, [CEMETERY, MOSQUE, PARISH_BOAWAE]);
  await deeds.app.get(NatsService).ready();
  cemetery = Caller.partner(deeds, CEMETERY);
  mosque = Caller.partner(deeds, MOSQUE);
  parishBoawae = Caller.partner(deeds, PARISH_BOAWAE);
  rt = Caller.partner(deeds, PARTNERS.rtLabolewa);
  operator = await Caller.user(deeds, ['operator'], ['531601'], 'op-aesesa');
  operatorBoawae = await Caller.user(deeds, ['operator'], ['531603'], 'op-boawae');
  registrar = await Caller.user(deeds, ['registrar'], ['5316'], 'pejabat-pencatatan-sipil');
}, 60_000);

afterAll(async () => {
  await deleteStream(deeds?.app.get(NatsService), STREAMS.deeds.name);
  await deeds?.close();
  await dropDatabase(db.name);
}, 30_000);

let entry = 0;
/** A burial in the public cemetery of Labolewa, buried yesterday, with a fresh register entry number. */
function burial(overrides: Record<string, unknown> = {}) {
  entry += 1;
  return {
    reporterKind: 'CEMETERY',
    registerEntryNumber: `${entry}/2026`,
    fullName: 'Kornelis Sawu',
    sex: 'M',
    burialDate: daysAgo(1),
    cemeteryName: 'Pemakaman Umum Labolewa',
    villageCode: LABOLEWA,
    ...overrides,
  };
}

/** A death reported by the RT head of Labolewa: its deed id. */
async function reportedDeath(deceased: { nik: string; fullName: string; sex: 'M' | 'F' }, daysAgoDied = 3): Promise<string> {
  const report = deathReport(deceased.nik, daysAgoDied);
  const res = await rt.ok('/notifications', { ...report, particulars: { ...report.particulars, deceased } }, 201);
  return res.body.deedId;
}

async function register(deedId: string): Promise<void> {
  const verified = await completeAndVerify(operator, deedId, DEATH_DOCUMENTS);
  await registrar.ok(`/deeds/${deedId}/register`, { version: verified.body.version });
}

const relayed = () => waitFor(async () => (await deeds.app.get(OutboxStats).pending()) === 0, 'the outbox to be relayed');
const events = async (subject: string, match: (payload: Record<string, unknown>) => boolean) => {
  await relayed();
  return (await streamMessages(deeds.app.get(NatsService), STREAMS.deeds.name)).filter((m) => m.subject === subject && match(m.envelope.payload)).map((m) => m.envelope.payload);
};
const burialRows = (where: Record<string, unknown>) => deeds.app.get(MikroORM).em.fork().count(Burial, where);

describe('matching a burial with the deaths', () => {
  it('a NIK whose death is registered: REGISTERED_DEATH, published without name or NIK', async () => {
    const deceasedNik = nik('1944-04-04', 'M');
    const deedId = await reportedDeath({ nik: deceasedNik, fullName: 'Paulus Raga', sex: 'M' });
    await register(deedId);

    const res = await cemetery.post('/burials', burial({ nik: deceasedNik, fullName: 'Paulus Raga', dateOfDeath: daysAgo(3) }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ duplicate: false, deathDeedId: deedId, match: 'REGISTERED_DEATH', matchedBy: 'NIK', deathStatus: 'REGISTERED', districtCode: '531601', villageCode: LABOLEWA });
    expect(JSON.stringify(res.body)).not.toContain(deceasedNik);

    const [event, ...more] = await events(SUBJECTS.deeds.burialRecorded, (p) => p.burialId === res.body.id);
    expect(more).toHaveLength(0);
    expect(event).toEqual({
      burialId: res.body.id,
      buriedOn: daysAgo(1),
      diedOn: daysAgo(3),
      reporterKind: 'CEMETERY',
      deathDeedId: deedId,
      match: 'REGISTERED_DEATH',
      matchedBy: 'NIK',
      recordedAt: res.body.recordedAt,
      districtCode: '531601',
      villageCode: LABOLEWA,
    });
  });

  it('a NIK whose death case is open: DEATH_CASE; once the death is registered, its events carry the burial’s deathDeedId', async () => {
    const deceasedNik = nik('1950-01-21', 'F');
    const deedId = await reportedDeath({ nik: deceasedNik, fullName: 'Yuliana Bhoki', sex: 'F' });
    const res = await mosque.post('/burials', burial({ reporterKind: 'MOSQUE', nik: deceasedNik, fullName: 'Yuliana Bhoki', sex: 'F' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ deathDeedId: deedId, match: 'DEATH_CASE', matchedBy: 'NIK', deathStatus: 'NOTIFIED' });

    await register(deedId);
    expect((await mosque.get(`/burials/${res.body.id}`)).body).toMatchObject({ deathDeedId: deedId, deathStatus: 'REGISTERED' });
    // Reporting joins the burial to its death by deathDeedId: the death's registration is published under it.
    expect(await events(SUBJECTS.deeds.deathRegistered, (p) => p.deedId === res.body.deathDeedId)).toHaveLength(1);
    expect(await events(SUBJECTS.deeds.deedStatusChanged, (p) => p.deedId === res.body.deathDeedId && p.to === 'REGISTERED')).toHaveLength(1);
  });

  it('no death anywhere: NEW_CASE, a NOTIFIED death case in the office’s list, which a later report of the death joins', async () => {
    const deceasedNik = nik('1938-09-09', 'M');
    const res = await cemetery.post('/burials', burial({ nik: deceasedNik, fullName: 'Stefanus Ngole', dateOfDeath: daysAgo(2) }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ match: 'NEW_CASE', matchedBy: 'NONE', deathStatus: 'NOTIFIED' });

    const cases = await operator.get('/deeds?deedType=DEATH&status=NOTIFIED&limit=200');
    expect(cases.body.items.find((c: { id: string }) => c.id === res.body.deathDeedId)).toMatchObject({ status: 'NOTIFIED', villageCode: LABOLEWA, eventDate: daysAgo(2) });
    const deed = await operator.get(`/deeds/${res.body.deathDeedId}`);
    expect(deed.body).toMatchObject({ channel: 'PARTNER', status: 'NOTIFIED', particulars: { deceased: { nik: deceasedNik, fullName: 'Stefanus Ngole', sex: 'M' } } });

    // The family's report (here the RT head's) lands on the case the burial opened.
    const report = await rt.post('/notifications', deathReport(deceasedNik, 2));
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ duplicate: true, deedId: res.body.deathDeedId });
    expect(await events(SUBJECTS.deeds.burialRecorded, (p) => p.burialId === res.body.id && p.match === 'NEW_CASE' && p.deathDeedId === res.body.deathDeedId)).toHaveLength(1);
  });

  it('no NIK: matched by the particulars (village, sex, a spelling variant of the name, died within 30 days before the burial)', async () => {
    const deedId = await reportedDeath({ nik: nik('1941-02-02', 'M'), fullName: 'Yohanes Dhey Woda', sex: 'M' }, 4);
    const res = await cemetery.post('/burials', burial({ fullName: 'Johanes Dey Woda' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ deathDeedId: deedId, match: 'DEATH_CASE', matchedBy: 'PARTICULARS' });

    // Another sex, or a day of death that is not the record's, is no match.
    const other = await cemetery.post('/burials', burial({ fullName: 'Yohanes Dhey Woda', sex: 'F' }));
    expect(other.body).toMatchObject({ match: 'NEW_CASE', matchedBy: 'NONE' });
    const otherDay = await cemetery.post('/burials', burial({ fullName: 'Yohanes Dhey Woda', dateOfDeath: daysAgo(6), burialDate: daysAgo(2) }));
    expect(otherDay.body).toMatchObject({ match: 'NEW_CASE', matchedBy: 'NONE' });
  });

  it('two deaths that both match the particulars: ambiguous, a new case with a stable key of its own', async () => {
    const first = await reportedDeath({ nik: nik('1930-03-03', 'F'), fullName: 'Maria Bupu', sex: 'F' }, 5);
    const second = await reportedDeath({ nik: nik('1932-06-06', 'F'), fullName: 'Maria Bupu', sex: 'F' }, 5);
    const body = burial({ fullName: 'Maria Bupu', sex: 'F', dateOfDeath: daysAgo(5), registerEntryNumber: undefined });
    const res = await cemetery.post('/burials', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ match: 'NEW_CASE', matchedBy: 'NONE' });
    expect([first, second]).not.toContain(res.body.deathDeedId);
    const deed = await operator.get(`/deeds/${res.body.deathDeedId}`);
    expect(deed.body).toMatchObject({ status: 'NOTIFIED', channel: 'PARTNER', particulars: { deceased: { fullName: 'Maria Bupu', sex: 'F' } } });
    expect(deed.body.particulars.deceased.nik).toBeUndefined();

    // The same burial reported again (no NIK, no entry number): the same burial, no second case.
    const again = await cemetery.post('/burials', body);
    expect(again).toMatchObject({ status: 200, body: { id: res.body.id, duplicate: true, deathDeedId: res.body.deathDeedId } });
  });
});

describe('one burial, one row', () => {
  it('the same register entry reported twice: 200 and one row; another partner keeps its own record of the same burial', async () => {
    const deceasedNik = nik('1945-05-15', 'M');
    const body = burial({ nik: deceasedNik, fullName: 'Petrus Lado' });
    const first = await cemetery.post('/burials', body);
    expect(first.status).toBe(201);
    const again = await cemetery.post('/burials', { ...body, cemeteryName: 'TPU Labolewa' });
    expect(again).toMatchObject({ status: 200, body: { id: first.body.id, duplicate: true, deathDeedId: first.body.deathDeedId } });
    // The mosque's register has the same burial: its own record, on the same death record, never the cemetery's.
    const byMosque = await mosque.post('/burials', burial({ reporterKind: 'MOSQUE', nik: deceasedNik, fullName: 'Petrus Lado', cemeteryName: 'Makam Masjid Labolewa' }));
    expect(byMosque).toMatchObject({ status: 201, body: { duplicate: false, deathDeedId: first.body.deathDeedId, match: 'DEATH_CASE', matchedBy: 'NIK', cemeteryName: 'Makam Masjid Labolewa' } });
    expect(byMosque.body.id).not.toBe(first.body.id);
    expect(JSON.stringify(byMosque.body)).not.toContain(body.registerEntryNumber as string);
    expect(await burialRows({ deceasedNik })).toBe(2);
    expect(await events(SUBJECTS.deeds.burialRecorded, (p) => p.deathDeedId === first.body.deathDeedId)).toHaveLength(2);
  });

  it("an entry number of the partner's register used again for another burial is refused (409), nothing written", async () => {
    const first = await cemetery.post('/burials', burial({ nik: nik('1944-04-14', 'M'), fullName: 'Markus Bhoko', registerEntryNumber: 'BUKU-II/77' }));
    expect(first.status).toBe(201);
    const before = await burialRows({});
    const reused = await cemetery.post('/burials', burial({ nik: nik('1951-01-21', 'F'), fullName: 'Agnes Wea', sex: 'F', registerEntryNumber: 'buku ii 77' }));
    expect(reused).toMatchObject({ status: 409, body: { code: 'BURIAL_ENTRY_NUMBER_REUSED' } });
    expect(await burialRows({})).toBe(before);
    // Another partner's register may have its own entry 77.
    expect((await mosque.post('/burials', burial({ reporterKind: 'MOSQUE', nik: nik('1951-01-21', 'F'), fullName: 'Agnes Wea', sex: 'F', registerEntryNumber: 'BUKU-II/77' }))).status).toBe(201);
  });

  it('the same burial reported several times at the same moment: one row, one case', async () => {
    const body = burial({ nik: nik('1936-06-16', 'F'), fullName: 'Veronika Dhiu', sex: 'F' });
    const replies = await Promise.all([cemetery, cemetery, cemetery, cemetery].map((c) => c.post('/burials', body)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(replies.map((r) => r.body.deathDeedId)).size).toBe(1);
    expect(await burialRows({ deceasedName: 'Veronika Dhiu' })).toBe(1);
  });

  it('a retry with the same Idempotency-Key gets the first answer; the key with another body is refused', async () => {
    const body = burial({ nik: nik('1947-07-07', 'M'), fullName: 'Lukas Meo' });
    const headers = { 'idempotency-key': 'burial-retry-1' };
    const first = await cemetery.post('/burials', body, headers);
    expect(first.status).toBe(201);
    const retry = await cemetery.post('/burials', body, headers);
    expect(retry).toMatchObject({ status: 201, body: { id: first.body.id, match: 'NEW_CASE' } });
    expect(await burialRows({ idempotencyKey: 'burial-retry-1' })).toBe(1);
    const reused = await cemetery.post('/burials', burial({ fullName: 'Someone Else' }), headers);
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await cemetery.post('/burials', body, { 'idempotency-key': 'not a key!' })).toMatchObject({ status: 400, body: { code: 'IDEMPOTENCY_KEY_INVALID' } });
  });
});

describe('bad input', () => {
  const codes = (res: { body: { errors?: { code: string; field?: string }[] } }) => (res.body.errors ?? []).map((i) => `${i.field}:${i.code}`);

  it.each([
    ['a burial after today', { burialDate: daysAgo(-2) }, 'burialDate:BURIAL_AFTER_AS_OF'],
    ['a burial day that is not in the calendar', { burialDate: '2026-02-30' }, 'burialDate:BURIAL_DATE_INVALID'],
    ['a burial before the death', { dateOfDeath: daysAgo(1), burialDate: daysAgo(3) }, 'burialDate:BURIAL_BEFORE_DEATH'],
    ['a death after today', { dateOfDeath: daysAgo(-1) }, 'dateOfDeath:DEATH_AFTER_AS_OF'],
    ['a NIK of no real birth date', { nik: '5316019999990001' }, 'nik:NIK_BIRTH_DATE_INVALID'],
    ['a NIK of the other sex', { nik: nik('1950-05-05', 'F'), sex: 'M' }, 'sex:NIK_SEX_MISMATCH'],
    ['a village that is not one of the kecamatan', { villageCode: '5316019999' }, 'villageCode:VILLAGE_UNKNOWN'],
    ['a blank name', { fullName: '   ' }, 'fullName:NAME_BLANK'],
  ])('%s: 422 BURIAL_INVALID', async (_, overrides, item) => {
    const res = await cemetery.post('/burials', burial(overrides));
    expect(res).toMatchObject({ status: 422, body: { code: 'BURIAL_INVALID' } });
    expect(codes(res)).toContain(item);
  });

  it('a malformed request: 400 VALIDATION_FAILED, nothing recorded', async () => {
    const before = await burialRows({});
    for (const body of [burial({ reporterKind: 'HOSPITAL' }), burial({ villageCode: '531601' }), burial({ nik: '123' }), burial({ burialDate: '3 Dec 2026' }), { fullName: 'Tanpa Tanggal' }]) {
      expect(await cemetery.post('/burials', body)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    expect(await cemetery.get('/burials?match=SOMETHING')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await cemetery.get('/burials/not-a-uuid')).toMatchObject({ status: 400 });
    expect(await burialRows({})).toBe(before);
  });
});

describe('who may report and read burials', () => {
  let mine: { id: string };
  beforeAll(async () => {
    mine = (await cemetery.ok('/burials', burial({ nik: nik('1949-09-19', 'M'), fullName: 'Arnoldus Tay' }), 201)).body;
  });

  it('the office does not report burials; a partner reports only in its region', async () => {
    expect(await operator.post('/burials', burial())).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    expect(await parishBoawae.post('/burials', burial({ reporterKind: 'PARISH' }))).toMatchObject({ status: 403, body: { code: 'OUTSIDE_REGION' } });
  });

  it('a partner reads its own burials; another institution’s is 404 and not in its list', async () => {
    expect(await cemetery.get(`/burials/${mine.id}`)).toMatchObject({ status: 200, body: { id: mine.id } });
    expect(await mosque.get(`/burials/${mine.id}`)).toMatchObject({ status: 404, body: { code: 'BURIAL_NOT_FOUND' } });
    expect(await parishBoawae.get(`/burials/${mine.id}`)).toMatchObject({ status: 404, body: { code: 'BURIAL_NOT_FOUND' } });
    const list = await mosque.get('/burials?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((b: { id: string }) => b.id)).not.toContain(mine.id);
    expect(list.body.items.every((b: { reporterKind: string }) => b.reporterKind === 'MOSQUE')).toBe(true);
    expect((await cemetery.get('/burials?limit=100')).body.items.map((b: { id: string }) => b.id)).toContain(mine.id);
  });

  it('the office lists the burials of its region with filters; outside its region a burial is 404', async () => {
    const all = await operator.get(`/burials?villageCode=${LABOLEWA}&from=${daysAgo(1)}&to=${daysAgo(1)}&limit=100`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((b: { id: string }) => b.id)).toContain(mine.id);
    expect(all.body.items.every((b: { burialDate: string; villageCode: string }) => b.burialDate === daysAgo(1) && b.villageCode === LABOLEWA)).toBe(true);
    const newCases = await registrar.get('/burials?match=NEW_CASE&limit=100');
    expect(newCases.body.items.length).toBeGreaterThan(0);
    expect(newCases.body.items.every((b: { match: string }) => b.match === 'NEW_CASE')).toBe(true);
    expect((await operator.get(`/burials?from=${daysAgo(0)}`)).body.items.map((b: { id: string }) => b.id)).not.toContain(mine.id);

    expect(await operator.get(`/burials/${mine.id}`)).toMatchObject({ status: 200, body: { id: mine.id, match: 'NEW_CASE' } });
    // Outside its region a burial does not exist for the office either (as a report for an administrator).
    expect(await operatorBoawae.get(`/burials/${mine.id}`)).toMatchObject({ status: 404, body: { code: 'BURIAL_NOT_FOUND' } });
    expect((await operatorBoawae.get('/burials?limit=100')).body.items).toEqual([]);
    const analyst = await Caller.user(deeds, ['analyst'], ['5316'], 'analis');
    expect(await analyst.get('/burials')).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
  });
});
