// Folds of one resident by two consumers at once, on PostgreSQL (integration tier, a throw-away database, no
// NATS). Outreach has a durable consumer per subject, each with its own transaction, so a newborn's registration
// and its KIA reach the backlog together: the second consumer to create the resident's row failed on the primary
// key and waited for a redelivery, and a fold could decide from a row another fold was changing.
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { createDatabase, dropDatabase, type TestApp } from '@adminduk/platform/testing';
import { BacklogEventsService } from '../src/backlog/backlog-events.service';
import { ResidentState } from '../src/backlog/resident-state.entity';
import { backlogMilestones } from '@adminduk/domain';
import { corrected, envelope, kia, marital, plusDays, registered, startOutreach, TODAY, yearsAgo } from './outreach-fixtures';

jest.setTimeout(120_000);

let db: { name: string; url: string } | undefined;
let t: TestApp;
let backlog: BacklogEventsService;
let orm: MikroORM;

type Fold = (tx: EntityManager) => Promise<void>;

/** Runs `first` in a transaction held open until `second`, started meanwhile in its own, has had time to run. */
async function concurrently(first: Fold, second: Fold): Promise<[PromiseSettledResult<void>, PromiseSettledResult<void>]> {
  let applied!: () => void;
  const firstApplied = new Promise<void>((resolve) => (applied = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const a = orm.em.fork().transactional(async (tx: EntityManager) => {
    await first(tx);
    await tx.flush();
    applied();
    await released;
  });
  await firstApplied;
  const b = orm.em.fork().transactional((tx: EntityManager) => second(tx));
  await new Promise((resolve) => setTimeout(resolve, 400));
  release();
  const [x, y] = await Promise.allSettled([a, b]);
  return [x, y];
}

beforeAll(async () => {
  db = await createDatabase('outreachfold');
  t = await startOutreach({ DATABASE_URL: db.url });
  backlog = t.app.get(BacklogEventsService);
  orm = t.app.get(MikroORM);
}, 90_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
});

it("a newborn's registration and its KIA folded by two consumers at once: both succeed, the row holds both", async () => {
  const child = registered({ birthDate: plusDays(TODAY, -3), origin: 'BIRTH' });
  const [first, second] = await concurrently(
    (tx) => backlog.residentRegistered(tx, envelope(SUBJECTS.identity.residentRegistered, child) as never),
    (tx) => backlog.kiaStatusChanged(tx, envelope(SUBJECTS.identity.kiaStatusChanged, kia(child.residentId, 'NOT_ISSUED', 'PRINTED')) as never),
  );
  expect(first.status).toBe('fulfilled');
  // Before: rejected with a UniqueConstraintViolationException on outreach_resident's primary key.
  expect(second).toEqual({ status: 'fulfilled', value: undefined });
  const row = await orm.em.fork().findOneOrFail(ResidentState, { residentId: child.residentId });
  expect([row.birthDate, row.kiaState, row.birthDeed]).toEqual([child.birthDate, 'PRINTED', true]);
});

it('a birth-date correction and a marriage folded at once into an existing row: the milestones follow both', async () => {
  const person = registered({ birthDate: yearsAgo(10) });
  await orm.em.fork().transactional((tx: EntityManager) => backlog.residentRegistered(tx, envelope(SUBJECTS.identity.residentRegistered, person, { occurredAt: new Date(Date.now() - 60_000).toISOString() }) as never));
  const correctedBirth = yearsAgo(16, 30);
  const [first, second] = await concurrently(
    (tx) => backlog.residentCorrected(tx, envelope(SUBJECTS.identity.residentCorrected, corrected(person.residentId, correctedBirth)) as never),
    (tx) => backlog.maritalStatusChanged(tx, envelope(SUBJECTS.identity.residentMaritalStatusChanged, marital(person.residentId, 'BELUM_KAWIN', 'KAWIN_TERCATAT')) as never),
  );
  expect(first.status).toBe('fulfilled');
  expect(second.status).toBe('fulfilled');
  const row = await orm.em.fork().findOneOrFail(ResidentState, { residentId: person.residentId });
  const expected = backlogMilestones({ birthDate: correctedBirth, maritalStatus: 'KAWIN_TERCATAT' });
  if (!expected.ok) throw new Error('the domain refused the milestones');
  expect([row.birthDate, row.maritalStatus]).toEqual([correctedBirth, 'KAWIN_TERCATAT']);
  // Before: the marriage's fold computed the milestones from the birth date it had read (10 years ago), and its
  // write, after the correction's commit, left them disagreeing with the stored birth date.
  expect({ wajibKtpFrom: row.wajibKtpFrom, kiaUntil: row.kiaUntil, childUntil: row.childUntil }).toEqual({
    wajibKtpFrom: expected.value.wajibKtpFrom,
    kiaUntil: expected.value.kiaUntil,
    childUntil: expected.value.childUntil,
  });
});
