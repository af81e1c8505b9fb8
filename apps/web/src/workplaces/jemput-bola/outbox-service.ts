/**
 * The one outbox of the app's tab, made when Jemput Bola first opens: IndexedDB storage, the browser's clock,
 * crypto.randomUUID for the keys, this workplace's sender. It sends when the network returns (the `online` event)
 * and when the screen opens with signal; its own timer retries after a network failure or a 5xx.
 */
import type { Api } from '../../api/clients';
import type { Session } from '../../auth/session';
import { Outbox } from '../../offline/outbox';
import { IndexedDbOutboxStorage } from '../../offline/outbox-store';
import { createSender } from './send';

let shared: Outbox | undefined;

export function appOutbox(api: Api, session: Session): Outbox {
  if (shared) return shared;
  const outbox = new Outbox({
    storage: new IndexedDbOutboxStorage(),
    send: createSender(api, () => (session.state.status === 'signed-in' ? session.state.person.sub : undefined)),
    clock: {
      now: () => Date.now(),
      after: (ms, run) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
    },
    newKey: () => `jb-${crypto.randomUUID()}`,
    isOnline: () => navigator.onLine,
    // The app's tabs send one at a time (Web Locks, in every browser the office uses).
    ...(typeof navigator.locks?.request === 'function' ? { withLock: <T,>(name: string, task: () => Promise<T>) => navigator.locks.request(name, task) as Promise<T> } : {}),
  });
  window.addEventListener('online', () => void outbox.flush(true));
  void outbox.load().then(() => outbox.flush());
  shared = outbox;
  return outbox;
}
