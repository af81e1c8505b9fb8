/**
 * Work that must wait until a consumer's transaction has committed: telling in-memory caches that rows changed,
 * waking the outbox relay. A handler that marked a cache stale before its commit would let a request read the
 * old rows in between and cache them as new.
 *
 * The event consumers run every handler inside `collectAfterCommit`; `afterCommit(fn)` called there keeps `fn`
 * for the platform to run once the transaction holding that handler's changes has committed (never if it rolled
 * back). Called anywhere else (an HTTP request, a command) it runs `fn` at once.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<(() => void)[]>();

export function afterCommit(fn: () => void): void {
  const pending = scope.getStore();
  if (pending) pending.push(fn);
  else fn();
}

/** Runs `fn`, keeping what it hands to `afterCommit` in `into` instead of running it. */
export function collectAfterCommit<T>(into: (() => void)[], fn: () => Promise<T>): Promise<T> {
  return scope.run(into, fn);
}

/** Runs the kept callbacks; one failing does not stop the others (they only refresh caches and wake loops). */
export function runAfterCommit(callbacks: readonly (() => void)[], onError: (error: unknown) => void): void {
  for (const fn of callbacks) {
    try {
      fn();
    } catch (error) {
      onError(error);
    }
  }
}
