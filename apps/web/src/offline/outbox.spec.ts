/**
 * The offline outbox's rules, with a Map for IndexedDB, a hand-turned clock and a scripted service. What is
 * checked is what a team in a village would notice: the work is sent in the order it was done; each command keeps
 * its key through every attempt and a reload, so nothing takes effect twice; a lost network is tried again by
 * itself after a growing pause; a record changed meanwhile and a refusal wait for the person, never vanish.
 */
import { backoffMs, Outbox, type OutboxClock, type OutboxCommand, type OutboxStorage, type SendOutcome } from './outbox';

class MapStorage implements OutboxStorage {
  readonly rows = new Map<string, OutboxCommand>();
  async all() {
    return [...this.rows.values()].map((c) => structuredClone(c));
  }
  async put(c: OutboxCommand) {
    this.rows.set(c.key, structuredClone(c));
  }
  async delete(key: string) {
    this.rows.delete(key);
  }
}

class HandClock implements OutboxClock {
  t = 1_000_000;
  timers: { at: number; run: () => void }[] = [];
  now() {
    return this.t;
  }
  after(ms: number, run: () => void) {
    const timer = { at: this.t + ms, run };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
  /** Moves time on and runs the timers that are due. */
  advance(ms: number) {
    this.t += ms;
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.run();
  }
}

interface Setup {
  storage: MapStorage;
  clock: HandClock;
  sent: OutboxCommand[];
  answers: (SendOutcome | Error)[];
  outbox: Outbox;
  online: { value: boolean };
  /** [command, the command it depends on, that one's answer] for each send of a dependent command. */
  given: [string, string, unknown][];
}

function setup(storage = new MapStorage(), clock = new HandClock(), withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>): Setup {
  let n = 0;
  const sent: OutboxCommand[] = [];
  const given: [string, string, unknown][] = [];
  const answers: (SendOutcome | Error)[] = [];
  const online = { value: true };
  const outbox = new Outbox({
    storage,
    clock,
    newKey: () => `kunci-${++n}-${storage.rows.size}`,
    isOnline: () => online.value,
    ...(withLock ? { withLock } : {}),
    send: async (command, dependency) => {
      sent.push(command);
      if (dependency) given.push([command.key, dependency.key, dependency.result]);
      const answer = answers.shift() ?? { kind: 'sent', result: { ok: command.target } };
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { storage, clock, sent, answers, outbox, online, given };
}

const record = (target: string, version = 0) => ({ kind: 'ektp.recordBiometrics', target, version, payload: { place: 'Kantor Desa Labolewa' } });
const flushTimers = () => new Promise((r) => setTimeout(r, 0));

describe('the outbox keeps the work and sends it in order', () => {
  it('queues commands in the order they were made, each with its own key, and counts what is unsent', async () => {
    const { outbox } = setup();
    const a = await outbox.enqueue(record('warga-a'));
    const b = await outbox.enqueue(record('warga-b', 3));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.key).not.toEqual(b.key);
    expect(outbox.list().map((c) => [c.target, c.status, c.version])).toEqual([
      ['warga-a', 'queued', 0],
      ['warga-b', 'queued', 3],
    ]);
    expect(outbox.unsentCount()).toBe(2);
  });

  it('sends in order when online and marks them sent; nothing is sent while offline', async () => {
    const { outbox, sent, online } = setup();
    await outbox.enqueue(record('warga-a'));
    await outbox.enqueue(record('warga-b'));
    await outbox.enqueue(record('warga-c'));
    online.value = false;
    await outbox.flush();
    expect(sent).toHaveLength(0);
    online.value = true;
    await outbox.flush();
    expect(sent.map((c) => c.target)).toEqual(['warga-a', 'warga-b', 'warga-c']);
    expect(outbox.list().map((c) => c.status)).toEqual(['sent', 'sent', 'sent']);
    expect(outbox.unsentCount()).toBe(0);
  });

  it('survives a reload: a new outbox on the same storage has the same commands, keys and order', async () => {
    const first = setup();
    const a = await first.outbox.enqueue(record('warga-a'));
    const b = await first.outbox.enqueue(record('warga-b'));
    const again = setup(first.storage);
    await again.outbox.load();
    expect(again.outbox.list().map((c) => [c.key, c.seq, c.status])).toEqual([
      [a.key, 1, 'queued'],
      [b.key, 2, 'queued'],
    ]);
    const c = await again.outbox.enqueue(record('warga-c'));
    expect(c.seq).toBe(3);
  });

  it('a command left "sending" by a reload is sent again with the same key (the service answers it once)', async () => {
    const first = setup();
    const a = await first.outbox.enqueue(record('warga-a'));
    // The page reloads while the request is on its way: the stored status is still "sending".
    const stored = first.storage.rows.get(a.key);
    if (!stored) throw new Error('not stored');
    await first.storage.put({ ...stored, status: 'sending' });
    const again = setup(first.storage);
    await again.outbox.load();
    expect(again.outbox.list()[0]?.status).toBe('queued');
    await again.outbox.flush();
    expect(again.sent.map((c) => c.key)).toEqual([a.key]);
    expect(again.outbox.list()[0]?.status).toBe('sent');
  });

  it('a lost answer (network error) keeps the key: the next attempt sends the same key and version', async () => {
    const { outbox, sent, answers, clock } = setup();
    const a = await outbox.enqueue(record('warga-a', 2));
    answers.push(new TypeError('Failed to fetch'));
    await outbox.flush();
    expect(outbox.list()[0]).toMatchObject({ status: 'queued', attempts: 1, retryAt: clock.now() + 2000 });
    await outbox.flush(true);
    expect(sent.map((c) => [c.key, c.version])).toEqual([
      [a.key, 2],
      [a.key, 2],
    ]);
    expect(outbox.list()[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(outbox.list()[0]?.retryAt).toBeUndefined();
  });
});

describe('failures: retried by itself only for the network and 5xx', () => {
  it('backs off 2 s, 4 s, 8 s … up to 5 minutes', () => {
    expect([1, 2, 3, 4, 10, 30].map(backoffMs)).toEqual([2000, 4000, 8000, 16000, 300000, 300000]);
  });

  it('stops at a network failure, keeps the rest in order, and tries again by itself after the pause', async () => {
    const { outbox, sent, answers, clock } = setup();
    await outbox.enqueue(record('warga-a'));
    await outbox.enqueue(record('warga-b'));
    answers.push({ kind: 'retry' });
    await outbox.flush();
    expect(sent.map((c) => c.target)).toEqual(['warga-a']);
    expect(outbox.list().map((c) => c.status)).toEqual(['queued', 'queued']);
    // Not yet due: a flush without force waits.
    await outbox.flush();
    expect(sent).toHaveLength(1);
    answers.push({ kind: 'retry' });
    clock.advance(2000);
    await flushTimers();
    await outbox.flush();
    expect(sent.map((c) => c.target)).toEqual(['warga-a', 'warga-a']);
    expect(outbox.list()[0]).toMatchObject({ attempts: 2, retryAt: clock.now() + 4000 });
    clock.advance(4000);
    await flushTimers();
    await outbox.flush();
    expect(sent.map((c) => c.target)).toEqual(['warga-a', 'warga-a', 'warga-a', 'warga-b']);
    expect(outbox.list().map((c) => c.status)).toEqual(['sent', 'sent']);
  });
});

describe('a conflict and a refusal wait for the person', () => {
  it('409: the command is a conflict with the register now, holds back the same record, others go on', async () => {
    const { outbox, sent, answers } = setup();
    const a = await outbox.enqueue(record('warga-a', 0));
    await outbox.enqueue({ ...record('warga-a', 1), kind: 'ektp.issue' });
    await outbox.enqueue(record('warga-b'));
    answers.push({ kind: 'conflict', current: { status: 'RECORDED', version: 1 } });
    await outbox.flush();
    expect(sent.map((c) => [c.target, c.kind])).toEqual([
      ['warga-a', 'ektp.recordBiometrics'],
      ['warga-b', 'ektp.recordBiometrics'],
    ]);
    expect(outbox.list().map((c) => c.status)).toEqual(['conflict', 'queued', 'sent']);
    expect(outbox.list()[0]?.current).toEqual({ status: 'RECORDED', version: 1 });
    expect([outbox.unsentCount(), outbox.waitingCount(), outbox.needsDecisionCount()]).toEqual([2, 1, 1]);
    // Sent again on the new version, with the same key (the 409 wrote nothing).
    await outbox.resendOnVersion(a.key, 1);
    await outbox.flush();
    expect(sent.slice(2).map((c) => [c.key, c.version])).toEqual([
      [a.key, 1],
      [expect.any(String), 1],
    ]);
    expect(outbox.list().map((c) => c.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('the person may drop theirs instead: the command is gone, nothing else is', async () => {
    const { outbox, answers } = setup();
    const a = await outbox.enqueue(record('warga-a'));
    answers.push({ kind: 'conflict', current: { version: 4 } });
    await outbox.flush();
    await outbox.dismiss(a.key);
    expect(outbox.list()).toEqual([]);
  });

  it('a refusal keeps its code until the person retries or dismisses it, also across a reload', async () => {
    const first = setup();
    const a = await first.outbox.enqueue(record('warga-a'));
    first.answers.push({ kind: 'refused', status: 422, code: 'EKTP_ACTION_REFUSED', details: ['RESIDENT_MOVED_OUT'] });
    await first.outbox.flush();
    await first.outbox.flush();
    expect(first.sent).toHaveLength(1);
    const again = setup(first.storage);
    await again.outbox.load();
    expect(again.outbox.list()[0]).toMatchObject({ key: a.key, status: 'refused', problem: { status: 422, code: 'EKTP_ACTION_REFUSED', details: ['RESIDENT_MOVED_OUT'] } });
    expect(again.outbox.needsDecisionCount()).toBe(1);
    await again.outbox.retry(a.key);
    await again.outbox.flush();
    expect(again.sent.map((c) => c.key)).toEqual([a.key]);
    expect(again.outbox.list()[0]?.status).toBe('sent');
    expect(again.outbox.list()[0]?.problem).toBeUndefined();
  });

  it('sent commands are kept as the day\'s log until cleared; clearing keeps the unsent', async () => {
    const { outbox, answers } = setup();
    await outbox.enqueue(record('warga-a'));
    await outbox.enqueue(record('warga-b'));
    answers.push({ kind: 'sent' }, { kind: 'refused', status: 403, code: 'OUTSIDE_REGION' });
    await outbox.flush();
    await outbox.clearSent();
    expect(outbox.list().map((c) => [c.target, c.status])).toEqual([['warga-b', 'refused']]);
  });

  it('tells its listeners of every change (the screen\'s "Menunggu dikirim" count)', async () => {
    const { outbox } = setup();
    const counts: number[] = [];
    outbox.subscribe(() => counts.push(outbox.unsentCount()));
    await outbox.enqueue(record('warga-a'));
    await outbox.flush();
    expect(counts).toEqual([0, 1, 1, 0]);
  });
});

describe('two tabs of the app', () => {
  /** One lock for both tabs, as navigator.locks gives them: tasks run one after the other. */
  function sharedLock() {
    let tail: Promise<unknown> = Promise.resolve();
    const names: string[] = [];
    const withLock = <T,>(name: string, task: () => Promise<T>): Promise<T> => {
      names.push(name);
      const run = tail.then(task, task);
      tail = run.catch(() => undefined);
      return run;
    };
    return { withLock, names };
  }

  it('send under one lock, each reading the stored commands first: every command is sent once', async () => {
    const storage = new MapStorage();
    const lock = sharedLock();
    const tabA = setup(storage, new HandClock(), lock.withLock);
    const tabB = setup(storage, new HandClock(), lock.withLock);
    await tabA.outbox.enqueue(record('warga-a'));
    await tabA.outbox.enqueue(record('warga-b'));
    await tabB.outbox.load();
    await Promise.all([tabA.outbox.flush(), tabB.outbox.flush()]);
    expect([...tabA.sent, ...tabB.sent].map((c) => c.target)).toEqual(['warga-a', 'warga-b']);
    expect(lock.names).toEqual(['adminduk-outbox', 'adminduk-outbox']);
    // The tab that did not send sees what the other did at its next flush.
    await tabB.outbox.flush();
    expect(tabB.outbox.list().map((c) => c.status)).toEqual(['sent', 'sent']);
  });
});

describe('a command that needs another one\'s answer (the documents of a case opened offline)', () => {
  const open = { kind: 'deeds.openBirth', target: 'akta:warga-a', version: 0, payload: {} };
  it('is sent after it, with its answer; held while it is refused, and sent once it is retried', async () => {
    const { outbox, sent, answers, given } = setup();
    const opening = await outbox.enqueue(open);
    const photo = await outbox.enqueue({ kind: 'deeds.upload', target: 'akta:warga-a', version: 0, payload: {}, dependsOn: opening.key });
    await outbox.enqueue(record('warga-b'));
    answers.push({ kind: 'refused', status: 422, code: 'VALIDATION_FAILED' });
    await outbox.flush();
    expect(sent.map((c) => c.kind)).toEqual(['deeds.openBirth', 'ektp.recordBiometrics']);
    expect(outbox.list().map((c) => c.status)).toEqual(['refused', 'queued', 'sent']);
    await outbox.retry(opening.key);
    answers.push({ kind: 'sent', result: { id: 'akta-1' } });
    await outbox.flush();
    expect(sent.slice(2).map((c) => c.key)).toEqual([opening.key, photo.key]);
    expect(given).toEqual([[photo.key, opening.key, { id: 'akta-1' }]]);
  });

  it('a cleared log keeps the sent command whose answer an unsent one still needs', async () => {
    const { outbox, answers } = setup();
    const opening = await outbox.enqueue(open);
    await outbox.flush();
    const later = await outbox.enqueue({ kind: 'deeds.upload', target: 'akta:warga-a', version: 0, payload: {}, dependsOn: opening.key });
    answers.push({ kind: 'retry' });
    await outbox.flush();
    await outbox.clearSent();
    expect(outbox.list().map((c) => [c.key, c.status])).toEqual([
      [opening.key, 'sent'],
      [later.key, 'queued'],
    ]);
  });

  it('dropping it drops what needs it (never sendable), and nothing else', async () => {
    const { outbox, answers } = setup();
    const opening = await outbox.enqueue(open);
    await outbox.enqueue({ kind: 'deeds.upload', target: 'akta:warga-a', version: 0, payload: {}, dependsOn: opening.key });
    await outbox.enqueue(record('warga-b'));
    answers.push({ kind: 'refused', status: 422, code: 'VALIDATION_FAILED' });
    await outbox.flush();
    await outbox.dismiss(opening.key);
    expect(outbox.list().map((c) => [c.target, c.status])).toEqual([['warga-b', 'sent']]);
  });
});
