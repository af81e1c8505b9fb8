/**
 * `Idempotency-Key` for the document actions (POST /residents/{id}/ektp/actions, …/kia/actions), in one place:
 * the key's form (400 IDEMPOTENCY_KEY_INVALID), the request's digest, the replay of the first answer (or 422
 * IDEMPOTENCY_KEY_REUSED for another request with the same key) and keeping the answer in the action's own
 * transaction. One instance per request table (EktpRequestRecord, KiaRequestRecord).
 */
import { createHash } from 'node:crypto';
import type { EntityClass, EntityManager } from '@mikro-orm/core';
import { Problem } from '@adminduk/platform';
import type { IdempotentRequestRecord } from './idempotent-request.entity';

/** Idempotency-Key: 1–100 letters, digits, dots, dashes, colons or underscores (as deeds' POST /notifications). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

/** One request as the key sees it: who, with which key (none: no idempotency), about whom, with which body. */
export interface KeyedRequest {
  readonly caller: string;
  readonly key: string | undefined;
  readonly residentId: string;
  readonly body: object;
}

/** Keeps the answer in the action's transaction `tx` (a no-op for a request without a key). */
export type Remember<V> = (tx: EntityManager, answer: V) => void;

export class IdempotentRequests {
  constructor(private readonly entity: EntityClass<IdempotentRequestRecord>) {}

  /** 400 IDEMPOTENCY_KEY_INVALID for a malformed key; an absent key is fine (no idempotency). */
  static check(key: string | undefined): void {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw Problem.badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–100 letters, digits, dots, dashes, colons or underscores');
    }
  }

  /**
   * Runs `act` once per key: the first answer to this caller's key if there is one (422 if it was for another
   * request), else `act`, which calls `remember` inside its transaction. When `act` fails and meanwhile the same
   * request with the same key was saved (the same request sent twice at once: the second waited for the lock, then
   * found the version moved on, or collided on the unique constraint), the one saved first answers both.
   */
  async once<V extends object>(em: EntityManager, request: KeyedRequest, act: (remember: Remember<V>) => Promise<V>): Promise<V> {
    const { caller, key, residentId } = request;
    if (key === undefined) return act(() => undefined);
    const requestDigest = digestOf(residentId, request.body);
    const earlier = await this.replay<V>(em, caller, key, requestDigest);
    if (earlier) return earlier;
    try {
      return await act((tx, answer) => {
        tx.create(this.entity, { caller, idempotencyKey: key, residentId, requestDigest, response: JSON.parse(JSON.stringify(answer)) as Record<string, unknown> });
      });
    } catch (error) {
      const saved = await this.replay<V>(em, caller, key, requestDigest);
      if (saved) return saved;
      throw error;
    }
  }

  /** The first answer to this caller's key, if the key was used; another request with the same key is a 422. */
  private async replay<V>(em: EntityManager, caller: string, key: string, requestDigest: string): Promise<V | undefined> {
    const earlier = await em.fork().findOne(this.entity, { caller, idempotencyKey: key });
    if (!earlier) return undefined;
    if (earlier.requestDigest !== requestDigest) {
      throw Problem.unprocessable('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another request: use a new key for a new action', [
        { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key', message: `an action on resident ${earlier.residentId} was sent with this key` },
      ]);
    }
    return earlier.response as unknown as V;
  }
}

/**
 * sha256 of the resident and every field of the body, sorted by name (absent fields left out): no second list of
 * the fields to keep in step with the DTO (a field added later is in the digest by construction).
 */
export function digestOf(residentId: string, body: object): string {
  const fields = Object.entries(body as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify([residentId, fields]), 'utf8').digest('hex');
}
