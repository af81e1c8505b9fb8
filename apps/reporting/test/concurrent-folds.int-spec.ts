// Folds of one resident by two consumers at once, on PostgreSQL (integration tier, a throw-away database, no
// NATS). Reporting has a durable consumer per subject, each with its own transaction: a newborn's registration,
// its KIA and its birth-deed link reach the read model together. Found by the fault suite: the second consumer to
// create the row failed on the primary key and waited for a redelivery (reporting's KIA figure lagged identity's),
// and two folds of one existing row could each write intervals derived from a stale read.
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { uuidv7 } from '@adminduk/platform';
import { createDatabase, dropDatabase, type TestApp } from '@adminduk/platform/testing';
import { ProjectionEventsService, ProjectionMemory, type ProjectedSubject } from '../src/projections/projection-events.service';
import { ResidentFact } from '../src/projections/resident-fact.entity';
import { at, envelope, plusDays, startReporting, TODAY } from './reporting-fixtures';

jest.setTimeout(120_000);

let db: { name: string; url: string } | undefined;
let t: TestApp;
let projection: ProjectionEventsService;
let orm: MikroORM;

const VILLAGE = '5316011001';
const place = { districtCode: VILLAGE.slice(0, 6), villageCode: VILLAGE };
type Event = { subject: ProjectedSubject; envelope: ReturnType<typeof envelope> };
const event = (subject: EventSubject, payload: object, occurredAt: string): Event => ({ subject: subject as ProjectedSubject, envelope: envelope(subject, payload, occurredAt) });

/** Applies `first` in a transaction held open until `second`, started meanwhile in its own, has had time to run. */
async function concurrently(first: Event, second: Event): Promise<{ first: PromiseSettledResult<void>; second: PromiseSettledResult<void> }> {
  let applied!: () => void;
  const firstApplied = new Promise<void>((resolve) => (applied = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const a = orm.em.fork().transactional(async (tx: EntityManager) => {
    await projection.apply(tx, first.subject, first.envelope as never);
    await tx.flush();
    applied();
    await released;
  });
  await firstApplied;
  const b = orm.em.fork().transactional((tx: EntityManager) => projection.apply(tx, second.subject, second.envelope as never));
  // Long enough for the second fold to read (and, without a lock, to decide from what it read).
  await new Promise((resolve) => setTimeout(resolve, 400));
  release();
  const [first_, second_] = await Promise.allSettled([a, b]);
  return { first: first_, second: second_ };
}

/** The row the same events give when folded one after another (the replay's path). */
async function sequential(events: readonly Event[], residentId: string) {
  const memory = new ProjectionMemory();
  for (const e of events) await projection.applyInMemory(memory, e.subject, e.envelope as never);
  return memory.residents.get(residentId);
}

async function row(residentId: string) {
  return orm.em.fork().findOneOrFail(ResidentFact, { residentId });
}

const DERIVED = ['kiaState', 'kiaFrom', 'kiaTotalFrom', 'kiaTotalTo', 'kiaCovFrom', 'kiaCovTo', 'deedTotalTo', 'deedCovFrom', 'deedCovTo', 'status', 'leftOn', 'birthDate'] as const;
const pick = (r: object | undefined) => Object.fromEntries(DERIVED.map((k) => [k, (r as Record<string, unknown> | undefined)?.[k]]));

beforeAll(async () => {
  db = await createDatabase('reportingfold');
  t = await startReporting({ DATABASE_URL: db.url });
  projection = t.app.get(ProjectionEventsService);
  orm = t.app.get(MikroORM);
}, 90_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
});

it("a newborn's registration and its KIA, folded by two consumers at once: both succeed and the child counts as holding a KIA", async () => {
  const residentId = uuidv7();
  const born = plusDays(TODAY, -3);
  const registered = event(
    SUBJECTS.identity.residentRegistered,
    { residentId, nik: '5316014312260001', birthDate: born, sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'BIRTH', hasBirthDeed: true, ...place },
    at(TODAY),
  );
  const kia = event(SUBJECTS.identity.kiaStatusChanged, { residentId, from: 'NOT_ISSUED', to: 'PRINTED', kiaType: 'UNDER_5', action: 'PRINT', channel: 'SYSTEM', ...place }, at(TODAY));

  const outcome = await concurrently(registered, kia);

  // Before: the KIA's fold failed on reporting_resident_pkey and the event waited for a redelivery.
  expect(outcome.first.status).toBe('fulfilled');
  expect(outcome.second).toEqual({ status: 'fulfilled', value: undefined });
  const stored = await row(residentId);
  expect(stored.kiaState).toBe('PRINTED');
  expect(stored.kiaCovFrom).toBe(TODAY);
  expect(pick(stored)).toEqual(pick(await sequential([registered, kia], residentId)));
});

it('a KIA printed and a death folded at once into an existing row: the row is what the two give one after the other', async () => {
  const residentId = uuidv7();
  const born = plusDays(TODAY, -400);
  const registered = event(
    SUBJECTS.identity.residentRegistered,
    { residentId, nik: '5316010511250001', birthDate: born, sex: 'M', maritalStatus: 'BELUM_KAWIN', origin: 'BIRTH', hasBirthDeed: true, ...place },
    at(plusDays(TODAY, -399)),
  );
  await orm.em.fork().transactional((tx: EntityManager) => projection.apply(tx, registered.subject, registered.envelope as never));
  const kia = event(SUBJECTS.identity.kiaStatusChanged, { residentId, from: 'NOT_ISSUED', to: 'PRINTED', kiaType: 'UNDER_5', action: 'PRINT', channel: 'OFFICE', ...place }, at(plusDays(TODAY, -2)));
  const death = event(SUBJECTS.identity.residentStatusChanged, { residentId, from: 'ALIVE', to: 'DECEASED', effectiveDate: plusDays(TODAY, -1), change: 'DEATH', ...place }, at(TODAY));

  const outcome = await concurrently(kia, death);

  expect(outcome.first.status).toBe('fulfilled');
  expect(outcome.second.status).toBe('fulfilled');
  const stored = await row(residentId);
  // Before: the death's fold read the row without the KIA and left its covered interval open (kiaCovTo null):
  // a dead child counted as holding a KIA on every later day.
  expect(stored.kiaCovTo).toBe(plusDays(TODAY, -1));
  expect(pick(stored)).toEqual(pick(await sequential([registered, kia, death], residentId)));
});
