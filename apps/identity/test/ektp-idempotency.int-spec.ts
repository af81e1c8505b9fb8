// An e-KTP action sent several times at once with the same Idempotency-Key, on the machine's PostgreSQL (integration
// tier): the office app's outbox may send a command again while the first attempt is still on its way (an answer
// slow to come back, a second tab). One action is written and every attempt gets the same answer. Shared with the
// KIA's (idempotency-fixtures.ts).
import { describeIdempotencyRace, EKTP_KEYED } from './idempotency-fixtures';

describeIdempotencyRace(EKTP_KEYED);
