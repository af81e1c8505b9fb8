// The deed → resident projection in any order of its two events (link and unlink have their own durables): a link
// older than the annulment stays unlinked, a later link (a new deed) links again. The entity manager is a map: the
// unit under test is the fold, not the database (the int-spec resident-by-birth-deed runs it on PostgreSQL).
import type { EntityManager } from '@mikro-orm/core';
import type { EventEnvelope, ResidentBirthDeedLinked, ResidentBirthDeedUnlinked } from '@adminduk/contracts';
import { BirthDeedLink, isLinked } from './birth-deed-link.entity';
import { BirthDeedLinksHandler } from './birth-deed-links.handler';

const deedId = '0190a2f0-0000-7000-8000-0000000000d1';
const residentId = '0190a2f0-0000-7000-8000-0000000000a1';
const where = { districtCode: '531601', villageCode: '5316011003' };

function store() {
  const rows = new Map<string, BirthDeedLink>();
  const em = {
    findOne: async (_: unknown, q: { deedId: string }) => rows.get(q.deedId) ?? null,
    create: (_: unknown, data: Partial<BirthDeedLink>) => {
      const row = Object.assign(new BirthDeedLink(), data);
      rows.set(row.deedId, row);
      return row;
    },
  } as unknown as EntityManager;
  return { em, rows };
}

const linked = (id: string, at: string): EventEnvelope<ResidentBirthDeedLinked> => ({ id, subject: 'identity.resident.birth-deed-linked.v1', occurredAt: at, producer: 'identity', payload: { residentId, deedId, link: 'NEWBORN', ...where } });
const unlinked = (id: string, at: string): EventEnvelope<ResidentBirthDeedUnlinked> => ({ id, subject: 'identity.resident.birth-deed-unlinked.v1', occurredAt: at, producer: 'identity', payload: { residentId, deedId, reason: 'DEED_ANNULLED', ...where } });

describe('birth deed links in any order', () => {
  const link = linked('0190a2f0-0000-7000-8000-0000000000e1', '2026-11-02T09:00:00.000+08:00');
  const unlink = unlinked('0190a2f0-0000-7000-8000-0000000000e2', '2026-12-01T10:00:00.000+08:00');
  const relink = linked('0190a2f0-0000-7000-8000-0000000000e3', '2026-12-05T10:00:00.000+08:00');
  const handler = new BirthDeedLinksHandler();
  const steps = { link: (em: EntityManager) => handler.onBirthDeedLinked(em, link), unlink: (em: EntityManager) => handler.onBirthDeedUnlinked(em, unlink), relink: (em: EntityManager) => handler.onBirthDeedLinked(em, relink) };

  it.each([
    [['link'], true],
    [['link', 'unlink'], false],
    [['unlink', 'link'], false],
    [['link', 'unlink', 'link'], false],
    [['link', 'unlink', 'relink'], true],
    [['relink', 'unlink', 'link'], true],
    [['unlink', 'relink', 'link'], true],
  ] as const)('%j → linked %s', async (order, expected) => {
    const { em, rows } = store();
    for (const step of order) await steps[step](em);
    const row = rows.get(deedId) as BirthDeedLink;
    expect(isLinked(row)).toBe(expected);
    expect(row.residentId).toBe(residentId);
  });
});
