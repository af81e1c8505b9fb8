/**
 * Per-request context (AsyncLocalStorage): the request id and the caller, available to the application
 * services, the audit trail and the outbox without passing them through every call. Set for each HTTP
 * request by the bootstrap and for each NATS message by the consumers.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/principal';

export interface RequestContext {
  readonly requestId: string;
  principal?: Principal;
  /** The endpoint or subject being served: 'GET /residents/:id', 'deeds.birth.registered.v1'. */
  readonly endpoint?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function enterContext(context: RequestContext): void {
  storage.enterWith(context);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
