// The inbox on SQLite (service tier): an event takes effect once per consumer, and a failed effect leaves no
// trace, so that its redelivery runs it again.
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { createTestApp, type TestApp } from '../testing';
import { TallyEntry, TallyModule } from '../testing/tally-consumer';
import { uuidv7 } from '../ids/uuid-v7';
import { InboxMessage } from './inbox-message.entity';
import { InboxService } from './inbox.service';

let t: TestApp;
let inbox: InboxService;

beforeAll(async () => {
  t = await createTestApp('tally', (c) => TallyModule.forRoot(c, 'sqlite'), { title: 'tally', description: 'inbox test', version: '0' }, { DEV_SCHEMA_SYNC: 'true' });
  inbox = t.app.get(InboxService);
});
afterAll(() => t.close());

const event = () => ({ id: uuidv7(), subject: 'identity.resident.registered.v1' });
const effectOf = (eventId: string) => async (em: EntityManager) => {
  em.persist(em.create(TallyEntry, { eventId, residentId: uuidv7(), instance: 'sqlite' }));
};
const count = async (eventId: string) => ({
  effects: await t.app.get(MikroORM).em.fork().count(TallyEntry, { eventId }),
  inbox: await t.app.get(MikroORM).em.fork().count(InboxMessage, { eventId }),
});

describe('InboxService.runOnce', () => {
  it('runs the effect once per consumer, however often the event comes', async () => {
    const e = event();
    const effect = jest.fn(effectOf(e.id));
    expect(await inbox.runOnce('reporting-a', e, effect)).toBe('processed');
    expect(await inbox.runOnce('reporting-a', e, effect)).toBe('duplicate');
    expect(await inbox.runOnce('reporting-a', e, effect)).toBe('duplicate');
    expect(effect).toHaveBeenCalledTimes(1);
    expect(await count(e.id)).toEqual({ effects: 1, inbox: 1 });
    // Another consumer of the same event has its own inbox row and its own effect.
    expect(await inbox.runOnce('outreach-a', e, effectOf(e.id))).toBe('processed');
    expect(await count(e.id)).toEqual({ effects: 2, inbox: 2 });
    expect(await inbox.hasProcessed('reporting-a', e.id)).toBe(true);
    expect(await inbox.hasProcessed('deeds-a', e.id)).toBe(false);
  });

  it('writes nothing when the effect fails, so the next delivery runs it', async () => {
    const e = event();
    await expect(
      inbox.runOnce('reporting-a', e, async (em) => {
        await effectOf(e.id)(em);
        throw new Error('the effect failed');
      }),
    ).rejects.toThrow('the effect failed');
    expect(await count(e.id)).toEqual({ effects: 0, inbox: 0 });
    expect(await inbox.runOnce('reporting-a', e, effectOf(e.id))).toBe('processed');
    expect(await count(e.id)).toEqual({ effects: 1, inbox: 1 });
  });
});
