// A KIA action sent several times at once with the same Idempotency-Key, on the machine's PostgreSQL (integration
// tier): one card printed and every attempt gets the same answer. Shared with the e-KTP's (idempotency-fixtures.ts).
import { describeIdempotencyRace, KIA_KEYED } from './idempotency-fixtures';

describeIdempotencyRace(KIA_KEYED);
