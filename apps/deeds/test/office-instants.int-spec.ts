// Every instant deeds writes is in one form (issue 19 item 9): RFC 3339 at the office's offset with milliseconds,
// '2026-11-27T09:30:00.123+08:00' in Nagekeo (UTC_OFFSET +08:00), on the machine's PostgreSQL and NATS JetStream.
// A death deed reported by an RT head, verified, registered and issued: its view (history, milestones, copies,
// the partner's report), the work queue, the partner's own list, the audit trail, and the events it published
// (envelope occurredAt and payload alike). Calendar dates (eventDate, …On) stay YYYY-MM-DD.
import { STREAMS } from '@adminduk/contracts';
import { NatsService, OutboxStats } from '@adminduk/platform';
import { createDatabase, dateTimesIn, dropDatabase, instantsNotInForm, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { bootDeeds, Caller, PARTNERS, verifiedDeath } from './deed-fixtures';
import { deleteStream, streamMessages } from './fake-identity';

jest.setTimeout(60_000);

let db: { name: string; url: string };
let deeds: TestApp;
let operator: Caller;
let registrar: Caller;
let admin: Caller;

beforeAll(async () => {
  db = await createDatabase('deedsinstants');
  deeds = await bootDeeds({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: uniqueNatsPrefix('deeds-instants') });
  await deeds.app.get(NatsService).ready();
  operator = await Caller.user(deeds, ['operator'], ['531601'], 'op-instants');
  registrar = await Caller.user(deeds, ['registrar'], ['5316'], 'registrar-instants');
  admin = await Caller.user(deeds, ['admin'], ['5316'], 'admin-instants');
}, 120_000);

afterAll(async () => {
  await deleteStream(deeds?.app.get(NatsService), STREAMS.deeds.name);
  await deeds?.close();
  if (db) await dropDatabase(db.name);
}, 30_000);

/** Every date-time in `json` is at +08:00 with milliseconds, and there are at least `atLeast` of them. */
function expectOfficeInstants(json: unknown, atLeast: number): void {
  expect(instantsNotInForm(json)).toEqual([]);
  expect(dateTimesIn(json).length).toBeGreaterThanOrEqual(atLeast);
}

describe('instants in one form: RFC 3339 at the office offset (+08:00) with milliseconds', () => {
  it('a death deed from report to kutipan: its view, the work queue, the partner list, the audit trail and its events', async () => {
    const verified = await verifiedDeath(deeds, operator);
    const id = verified.body.id as string;
    const registered = await registrar.ok(`/deeds/${id}/register`, { version: verified.body.version });
    const issued = await operator.ok(`/deeds/${id}/issue`, { version: registered.body.version });
    expectOfficeInstants(issued.body, 10);

    const view = (await operator.get(`/deeds/${id}`)).body;
    expect(view.status).toBe('ISSUED');
    // report, submit, verify, register, issue in the history; the milestones; the copy; the partner's report
    expectOfficeInstants(view, 12);
    expect(String(view.milestones.registeredAt).slice(0, 10) >= view.milestones.eventDate).toBe(true);
    expectOfficeInstants((await operator.get('/deeds?status=ISSUED')).body, 3);
    expectOfficeInstants((await Caller.partner(deeds, PARTNERS.rtLabolewa).get('/notifications')).body, 1);
    expectOfficeInstants((await admin.get(`/audit?resourceId=${id}`)).body, 1);

    await waitFor(async () => (await deeds.app.get(OutboxStats).pending()) === 0, 'the outbox to be relayed');
    const events = (await streamMessages(deeds.app.get(NatsService), STREAMS.deeds.name)).filter((m) => JSON.stringify(m.envelope.payload).includes(id));
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const e of events) expectOfficeInstants(e.envelope, 1);
    // the registered event's registeredAt is in the payload, in the same form
    expect(dateTimesIn(events.map((e) => e.envelope.payload)).length).toBeGreaterThanOrEqual(1);
  });
});
