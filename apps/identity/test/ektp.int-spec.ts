// The e-KTP on the machine's PostgreSQL (integration tier): the outbox holds exactly one event per accepted
// change, also when several clients send the same version at once (one wins, the others get 409); and once the
// death is recorded, no e-KTP action is accepted, even one racing the death (the resident row's lock orders them).
import { MikroORM } from '@mikro-orm/core';
import { localDate, OutboxEvent } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { SUBJECTS } from '@adminduk/contracts';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { EktpActionRecord } from '../src/ektp/ektp-action.entity';

let t: TestApp;
let db: { name: string; url: string } | undefined;
let token: string;
let people = 0;
const today = localDate('+08:00');

beforeAll(async () => {
  db = await createDatabase('ektp');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  token = await tokenFor(['registrar'], ['5316'], 'pps-nagekeo');
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
});

async function register(): Promise<{ id: string; version: number }> {
  people += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      fullName: `Warga Postgres ${people}`,
      birthPlace: 'Mbay',
      birthDate: '1975-08-17',
      sex: 'F',
      religion: 'KATOLIK',
      maritalStatus: 'KAWIN_TERCATAT',
      motherName: `Ibu Postgres ${people}`,
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 001 / RW 001, Labolewa',
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

const act = (id: string, body: object) =>
  t.app.inject({ method: 'POST', url: `/residents/${id}/ektp/actions`, headers: { authorization: `Bearer ${token}` }, payload: body });
const ektp = (id: string) => t.app.inject({ method: 'GET', url: `/residents/${id}/ektp`, headers: { authorization: `Bearer ${token}` } });
const die = (id: string, version: number) =>
  t.app.inject({ method: 'POST', url: `/residents/${id}/death`, headers: { authorization: `Bearer ${token}` }, payload: { version, dateOfDeath: today } });

async function outbox(subject: string, residentId: string): Promise<Record<string, unknown>[]> {
  const rows = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject }, { orderBy: { id: 'asc' } });
  return rows.map((r) => r.payload as Record<string, unknown>).filter((p) => p.residentId === residentId);
}

const RECORD = { type: 'RECORD_BIOMETRICS', place: 'Kantor Dukcapil Nagekeo, Mbay', channel: 'OFFICE' };

describe('e-KTP on PostgreSQL', () => {
  it('writes exactly one outbox event per accepted action, none for a refused one', async () => {
    const r = await register();
    const steps = [RECORD, { type: 'MARK_PRINT_READY' }, { type: 'SEND_FOR_PRINTING' }, { type: 'MARK_PRINTED' }, { type: 'ISSUE' }];
    for (const [version, step] of steps.entries()) expect((await act(r.id, { ...step, version })).statusCode).toBe(201);
    expect((await act(r.id, { type: 'ISSUE', version: 5 })).statusCode).toBe(422);
    expect((await act(r.id, { type: 'MARK_PRINTED', version: 3 })).statusCode).toBe(409);
    const events = await outbox(SUBJECTS.identity.ektpStatusChanged, r.id);
    expect(events.map((e) => e.action)).toEqual(['RECORD_BIOMETRICS', 'MARK_PRINT_READY', 'SEND_FOR_PRINTING', 'MARK_PRINTED', 'ISSUE']);
    expect((await ektp(r.id)).json()).toMatchObject({ status: 'ISSUED', version: 5 });
  });

  it('of eight clients sending the same version at once, one wins and seven get 409; one event, one row', async () => {
    const r = await register();
    expect((await act(r.id, { ...RECORD, version: 0 })).statusCode).toBe(201);
    const responses = await Promise.all(Array.from({ length: 8 }, () => act(r.id, { type: 'MARK_PRINT_READY', version: 1 })));
    expect(responses.map((res) => res.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(responses.filter((res) => res.statusCode === 409).every((res) => res.json().code === 'VERSION_CONFLICT')).toBe(true);
    expect((await outbox(SUBJECTS.identity.ektpStatusChanged, r.id)).map((e) => e.action)).toEqual(['RECORD_BIOMETRICS', 'MARK_PRINT_READY']);
    expect(await t.app.get(MikroORM).em.fork().count(EktpActionRecord, { residentId: r.id })).toBe(2);
  });

  it('refuses every e-KTP action once the death is recorded, with one status event and no e-KTP event', async () => {
    const r = await register();
    expect((await act(r.id, { ...RECORD, version: 0 })).statusCode).toBe(201);
    expect((await die(r.id, r.version)).statusCode).toBe(200);
    for (const type of ['RECORD_BIOMETRICS', 'MARK_PRINT_READY']) {
      const res = await act(r.id, type === 'RECORD_BIOMETRICS' ? { ...RECORD, version: 1 } : { type, version: 1 });
      expect([res.statusCode, res.json().code]).toEqual([422, 'EKTP_ACTION_REFUSED']);
      expect(res.json().errors.map((e: { code: string }) => e.code)).toContain('RESIDENT_DECEASED');
    }
    expect((await ektp(r.id)).json()).toMatchObject({ status: 'RECORDED', version: 1, allowedActions: [] });
    expect((await outbox(SUBJECTS.identity.ektpStatusChanged, r.id)).map((e) => e.action)).toEqual(['RECORD_BIOMETRICS']);
    expect((await outbox(SUBJECTS.identity.residentStatusChanged, r.id)).map((e) => [e.from, e.to])).toEqual([['ALIVE', 'DECEASED']]);
  });

  it('an e-KTP action racing the death is either before it or refused, never after it', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await register();
      expect((await act(r.id, { ...RECORD, version: 0 })).statusCode).toBe(201);
      const [death, action] = await Promise.all([die(r.id, r.version), act(r.id, { type: 'MARK_PRINT_READY', version: 1 })]);
      expect(death.statusCode).toBe(200);
      expect([201, 422]).toContain(action.statusCode);
      const diedAt = Date.parse(death.json().since);
      const state = await ektp(r.id);
      expect(state.statusCode).toBe(200); // the stored history still folds: nothing was accepted after the death
      for (const h of state.json().history as { at: string }[]) expect(Date.parse(h.at)).toBeLessThan(diedAt);
      expect(await outbox(SUBJECTS.identity.ektpStatusChanged, r.id)).toHaveLength(action.statusCode === 201 ? 2 : 1);
    }
  });
});
