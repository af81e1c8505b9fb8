/**
 * The answer of a deeds call as the screens use it: the data, or the problem's stable `code` (the key of its
 * Indonesian message) with its items. A call that never reached the service (no signal, the gateway down) is
 * SERVICE_UNAVAILABLE; a session that ended is UNAUTHENTICATED.
 */
import { problemCode } from '../../api/clients';

export interface ProblemLine {
  readonly code?: string;
  readonly field?: string;
  readonly message: string;
}

export type Outcome<T> =
  | { readonly ok: true; readonly data: T; readonly status: number }
  | { readonly ok: false; readonly code: string; readonly status: number; readonly items: readonly ProblemLine[] };

interface FetchAnswer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

export async function outcome<T>(call: Promise<FetchAnswer<T>>): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await call;
    if (response.ok && data !== undefined && error === undefined) return { ok: true, data, status: response.status };
    const items = typeof error === 'object' && error !== null && Array.isArray((error as { errors?: unknown }).errors) ? ((error as { errors: ProblemLine[] }).errors) : [];
    const fallback = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 413 ? 'BODY_TOO_LARGE' : response.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'HTTP_ERROR';
    return { ok: false, code: problemCode(error) ?? fallback, status: response.status, items };
  } catch (error) {
    const code = error instanceof Error && error.name === 'SessionError' ? 'UNAUTHENTICATED' : 'SERVICE_UNAVAILABLE';
    return { ok: false, code, status: 0, items: [] };
  }
}
