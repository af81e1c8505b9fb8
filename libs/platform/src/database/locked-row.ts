/**
 * A read-model row that several consumers fold at once, made to exist and then held (issue 17's pattern, first found
 * in reporting's and outreach's projections): each consumer folds its events in its own transaction, so two of them
 * often reach the same row at once (a newborn's registration, its KIA and its birth-deed link arrive together).
 *
 * - A plain find-then-insert makes the later one fail on the primary key and wait for a redelivery.
 * - Two folds of one existing row, each from its own read, write intervals derived from a stale read.
 *
 * So the row is first made to exist with `insert … on conflict do nothing` (the first insert wins, no error), then read
 * with a row lock held to the commit (`for update`): folds of one row run one after another, each on the row as the
 * previous one left it. A row this unit of work already holds (several events folded in one transaction) is used as
 * it is, with its unwritten changes. SQLite has one writer at a time and no row locks: `lockModeFor` gives none there.
 */
import { LockMode, type EntityClass, type EntityData, type EntityManager, type FilterQuery, type Primary } from '@mikro-orm/core';

/** The row lock for `lockedRow` on this database: PESSIMISTIC_WRITE, none on SQLite. */
export function lockModeFor(databaseUrl: string): LockMode | undefined {
  return databaseUrl.startsWith('sqlite:') ? undefined : LockMode.PESSIMISTIC_WRITE;
}

/** The row of `entity` whose `key` (its primary key) is `id`: inserted from `initial()` when missing, then locked. */
export async function lockedRow<T extends object>(em: EntityManager, entity: EntityClass<T>, key: keyof T & string, id: string, initial: () => EntityData<T>, lockMode: LockMode | undefined): Promise<T> {
  const held = em.getUnitOfWork().getById<T>(entity.name, id as Primary<T>);
  if (held) return held;
  await em.upsert(entity, initial(), { onConflictFields: [key], onConflictAction: 'ignore' });
  return em.findOneOrFail(entity, { [key]: id } as FilterQuery<T>, { lockMode, refresh: true });
}
