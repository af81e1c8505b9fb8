/**
 * How the outbox's commands of this workplace reach the services: through the generated clients only, each with its
 * idempotency key in the `Idempotency-Key` header and the version it was made on. The answer becomes the outbox's
 * outcome: sent; a conflict (409 VERSION_CONFLICT) with what the register says now; a refusal (4xx with its code);
 * or "try again later" (no network, 5xx, 401 the session could not mend, 408, 429).
 */
import type { Api } from '../../api/clients';
import { problemCode } from '../../api/clients';
import type { OutboxCommand, SendOutcome } from '../../offline/outbox';

export const RECORD_BIOMETRICS = 'ektp.recordBiometrics';

export interface RecordBiometricsPayload {
  readonly place: string;
  readonly visitId?: string;
  /** For the screen: whose recording it is (the outbox lives on the tablet only). */
  readonly fullName: string;
  readonly nik: string;
  /** The e-KTP status when it was read. */
  readonly statusRead: string;
  /** Who noted it (the provider's subject, and the name for the screen): only they send it. */
  readonly madeBy: { readonly sub: string; readonly name: string };
}

/**
 * The refusal of a note made by another person than the one signed in now (the tablet changed hands after a
 * session ended): sent under another name, it would be recorded as theirs and escape its idempotency key, which is
 * kept per caller. It waits for its author, or for someone to dismiss it.
 */
export const MADE_BY_ANOTHER_PERSON = 'MADE_BY_ANOTHER_PERSON';

/** What the register says now, shown beside the person's own note after a 409. */
export interface RegisterNow {
  readonly status: string;
  readonly version: number;
  readonly allowedActions: readonly string[];
  readonly recordings: readonly { readonly at: string; readonly place: string; readonly channel: string }[];
}

const transient = (status: number) => status >= 500 || status === 401 || status === 408 || status === 429;

export function createSender(api: Api, signedIn: () => string | undefined): (command: OutboxCommand) => Promise<SendOutcome> {
  return async (command) => {
    if (command.kind !== RECORD_BIOMETRICS) return { kind: 'refused', status: 400, code: 'BAD_REQUEST' };
    const p = command.payload as RecordBiometricsPayload;
    const sub = signedIn();
    if (!sub) return { kind: 'retry' };
    if (p.madeBy.sub !== sub) return { kind: 'refused', status: 403, code: MADE_BY_ANOTHER_PERSON };
    const { data, error, response } = await api.identity.POST('/residents/{id}/ektp/actions', {
      params: { path: { id: command.target }, header: { 'Idempotency-Key': command.key } },
      body: { type: 'RECORD_BIOMETRICS', version: command.version, place: p.place, channel: 'OUTREACH', ...(p.visitId ? { visitId: p.visitId } : {}) },
    });
    if (data) return { kind: 'sent', result: { status: data.status, version: data.version } };
    if (transient(response.status)) return { kind: 'retry' };
    const code = problemCode(error) ?? 'HTTP_ERROR';
    if (response.status === 409 && code === 'VERSION_CONFLICT') {
      const now = await api.identity.GET('/residents/{id}/ektp', { params: { path: { id: command.target } } });
      if (!now.data) return { kind: 'retry' };
      const current: RegisterNow = {
        status: now.data.status,
        version: now.data.version,
        allowedActions: now.data.allowedActions,
        recordings: now.data.recordings.map((r) => ({ at: r.at, place: r.place, channel: r.channel })),
      };
      return { kind: 'conflict', current };
    }
    const details = (error as { errors?: readonly { code?: string }[] } | undefined)?.errors?.flatMap((e) => (e.code ? [e.code] : [])) ?? [];
    return { kind: 'refused', status: response.status, code, details };
  };
}
