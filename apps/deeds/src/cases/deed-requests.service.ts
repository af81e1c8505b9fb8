/**
 * Idempotency-Key for the office's own requests (POST /deeds, POST /deeds/{id}/documents), with the semantics of
 * POST /notifications: the same key and the same request again get the first answer (same status, the same case or
 * document) and nothing is written twice; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED; a
 * malformed key is 400 IDEMPOTENCY_KEY_INVALID. Keys are per caller (partyOf). The request row is written by the
 * caller of `remember`, in the transaction of the change: a refused request stores nothing.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { partyOf, Problem, type Principal } from '@adminduk/platform';
import { canonicalJson } from '../copies/signing.service';
import { DeedRequest, type DeedRequestOperation } from './deed-request.entity';
import { IDEMPOTENCY_KEY } from './notifications.service';

/** A keyed request: its key (checked) and the digest of what it asks. */
export interface KeyedRequest {
  readonly key: string;
  readonly operation: DeedRequestOperation;
  readonly digest: string;
}

/** 400 IDEMPOTENCY_KEY_INVALID unless the key is absent or 1–100 letters, digits, dots, dashes, colons or underscores. */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw Problem.badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–100 letters, digits, dots, dashes, colons or underscores');
  }
}

/** sha256 (hex) of the operation and what it asks, as canonical JSON (sorted keys, absent fields left out). */
export function requestDigest(operation: DeedRequestOperation, request: unknown): string {
  return createHash('sha256').update(canonicalJson([operation, request]), 'utf8').digest('hex');
}

@Injectable()
export class DeedRequestsService {
  constructor(private readonly em: EntityManager) {}

  /** The earlier request of this caller with this key, if any; 422 when it asked something else. */
  async earlier(principal: Principal, request: KeyedRequest): Promise<DeedRequest | undefined> {
    const earlier = await this.em.fork().findOne(DeedRequest, { caller: partyOf(principal), idempotencyKey: request.key });
    if (!earlier) return undefined;
    if (earlier.operation !== request.operation || earlier.requestDigest !== request.digest) {
      throw Problem.unprocessable('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another request: use a new key for a new request', [
        { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key', message: `a request on deed ${earlier.deedId} was sent with this key` },
      ]);
    }
    return earlier;
  }

  /** Keeps the request and what it made, in the change's transaction `tx`. */
  remember(tx: EntityManager, principal: Principal, request: KeyedRequest, made: { deedId: string; documentId?: string }): void {
    tx.create(DeedRequest, {
      caller: partyOf(principal),
      idempotencyKey: request.key,
      operation: request.operation,
      requestDigest: request.digest,
      deedId: made.deedId,
      documentId: made.documentId ?? null,
    });
  }
}
