/**
 * RFC 9457 problem details. Every error a service sends is `application/problem+json` with a stable `code`
 * that clients can switch on (the `title` and `detail` are for people and may change).
 */
export interface ProblemItem {
  /** A stable code of this item (for domain violations: the domain library's code). */
  readonly code?: string;
  /** The request field it is about, as a path ('members[2].nik'). */
  readonly field?: string;
  readonly message: string;
  /** For family card violations: the members involved. */
  readonly members?: readonly number[];
  /** For family card violations, when the service knows them: the residents those members are. */
  readonly residentIds?: readonly string[];
}

export interface ProblemBody {
  /** 'urn:adminduk:problem:<code>' */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly errors?: readonly ProblemItem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly ProblemItem[],
  ) {
    super(detail ?? title);
    this.name = 'ProblemException';
  }

  toBody(instance?: string, requestId?: string): ProblemBody {
    return problemBody(this.status, this.code, this.title, this.detail, this.errors, instance, requestId);
  }
}

export function problemBody(
  status: number,
  code: string,
  title: string,
  detail?: string,
  errors?: readonly ProblemItem[],
  instance?: string,
  requestId?: string,
): ProblemBody {
  return {
    type: `urn:adminduk:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Shorthands for the problems every service sends. */
export const Problem = {
  badRequest: (code: string, detail: string, errors?: readonly ProblemItem[]) => new ProblemException(400, code, 'The request is invalid', detail, errors),
  unauthorized: (detail = 'authentication is required') => new ProblemException(401, 'UNAUTHENTICATED', 'Not authenticated', detail),
  forbidden: (code: string, detail: string) => new ProblemException(403, code, 'Not allowed', detail),
  notFound: (code: string, detail: string) => new ProblemException(404, code, 'Not found', detail),
  conflict: (code: string, detail: string, errors?: readonly ProblemItem[]) => new ProblemException(409, code, 'Conflict', detail, errors),
  /** The request is well-formed but breaks a domain rule: the domain library's violations are the items. */
  unprocessable: (code: string, detail: string, errors: readonly ProblemItem[]) => new ProblemException(422, code, 'A rule of population administration is not met', detail, errors),
  unavailable: (detail: string) => new ProblemException(503, 'SERVICE_UNAVAILABLE', 'Service unavailable', detail),
};

/**
 * Turns the domain library's problems (or violations) into problem items. With `residentIds` (the resident of
 * each member index), a violation names its members by resident id instead of by index.
 */
export function itemsFromDomain(
  problems: readonly { code: string; message: string; members?: readonly number[] }[],
  residentIds?: readonly (string | undefined)[],
): ProblemItem[] {
  return problems.map((p) => ({
    code: p.code,
    message: p.message,
    ...(p.members && residentIds
      ? { residentIds: p.members.map((i) => residentIds[i]).filter((id): id is string => id !== undefined) }
      : p.members
        ? { members: p.members }
        : {}),
  }));
}

/** `actions[3].payload.visitId` and `actions[3].type`: a field of the action at a place in the log, as the domain names it. */
const ACTION_FIELD = /actions\[\d+\]\.(?:payload\.)?([A-Za-z][\w.]*)/g;

/**
 * itemsFromDomain for the violations of the one action a request asked for (applyEktpAction, applyKiaAction,
 * applyResidentAction, a deed's applyAction). The domain names a field by the action's place in the log
 * (`actions[3].payload.visitId`); the caller sent `visitId`: the message names the request's field, and the item
 * carries it as `field`.
 */
export function itemsFromAction(problems: readonly { code: string; message: string }[]): ProblemItem[] {
  return problems.map((p) => {
    const field = [...p.message.matchAll(ACTION_FIELD)][0]?.[1];
    const message = p.message.replace(ACTION_FIELD, '$1').replace(/actions\[\d+\]/g, 'the action');
    return { code: p.code, message, ...(field ? { field } : {}) };
  });
}
