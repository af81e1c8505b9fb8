// An e-KTP action sent with an Idempotency-Key through the HTTP API, on SQLite (service tier): the same key and body
// get the first answer again with one action, one event and one audit row; the same key with another body is 422
// IDEMPOTENCY_KEY_REUSED; keys are per caller; a bad key is 400. The tests are shared with the KIA's
// (idempotency-fixtures.ts).
import { describeIdempotencyKey, EKTP_KEYED } from './idempotency-fixtures';

describeIdempotencyKey(EKTP_KEYED);
