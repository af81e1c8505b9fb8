/**
 * How the outbox's commands of this workplace reach the services: through the generated clients only, each with its
 * idempotency key in the `Idempotency-Key` header and the version it was made on. The answer becomes the outbox's
 * outcome: sent; a conflict (409 VERSION_CONFLICT) with what the register says now; a refusal (4xx with its code);
 * or "try again later" (no network, 5xx, 401 the session could not mend, 408, 429).
 *
 * The kinds of work on a visit, each on its own record (the outbox's target), so that a refusal of one holds back
 * only the later work on the same record:
 * - `ektp.recordBiometrics` (target: the resident): RECORD_BIOMETRICS, channel OUTREACH, on the visit;
 * - `kia.upload` per photo (target `kia:<resident>`): the documents of the child's KIA application, stored with
 *   the child's KIA in identity; then, when the application is complete and the team prints the card, `kia.print`
 *   and `kia.issue`: the card printed on the team's printer and handed to the parents (PRINT and ISSUE, channel
 *   OUTREACH); outreach links them to the visit as KIA and HANDOVER. The photos go first: identity takes documents
 *   only while the application is open, before the card is printed;
 * - `deeds.openBirth`, then one `deeds.upload` per photo and `deeds.submit` (target `akta:<resident>`): a birth
 *   deed application for a child on the register who has none, opened on the visit (channel OUTREACH) with the
 *   child's and parents' particulars as the register has them; the photos and the submission need the case's id,
 *   so they depend on the opening (the outbox gives them its answer);
 * - `deeds.upload` and `deeds.submit` on a partner's report waiting for its documents (target `laporan:<case>`):
 *   the photos, then the submission with the particulars completed in the village.
 */
import type { Religion } from '@adminduk/domain';
import type { Api } from '../../api/clients';
import { problemCode } from '../../api/clients';
import { contentDisposition } from '../../api/deed-uploads';
import type { OutboxCommand, SendOutcome } from '../../offline/outbox';

export const RECORD_BIOMETRICS = 'ektp.recordBiometrics';
export const KIA_PRINT = 'kia.print';
export const KIA_ISSUE = 'kia.issue';
export const KIA_UPLOAD = 'kia.upload';
export const BIRTH_OPEN = 'deeds.openBirth';
export const DEED_UPLOAD = 'deeds.upload';
export const DEED_SUBMIT = 'deeds.submit';

/** What every note of the visit carries for the screen and for who may send it. */
export interface NotePayload {
  /** The resident the work is for (none for a partner's report, which names its case: deedId). */
  readonly residentId?: string;
  readonly visitId?: string;
  /** For the screen: whose work it is (the outbox lives on the tablet only). */
  readonly fullName: string;
  readonly nik: string;
  /** Who noted it (the provider's subject, and the name for the screen): only they send it. */
  readonly madeBy: { readonly sub: string; readonly name: string };
}

export interface RecordBiometricsPayload extends NotePayload {
  readonly place: string;
  /** The e-KTP status when it was read. */
  readonly statusRead: string;
}

export interface KiaPayload extends NotePayload {
  readonly residentId: string;
  /** PRINT: the child's KIA type on the day, as identity said at the download. */
  readonly kiaType?: 'UNDER_5' | 'FROM_5_TO_UNDER_17';
  readonly statusRead: string;
}

export interface KiaUploadPayload extends NotePayload {
  readonly residentId: string;
  /** A KIA document kind (KIA_DOCUMENT_KINDS of the domain). */
  readonly documentKind: string;
  readonly photo: Blob;
  readonly fileName: string;
}

export interface BirthOpenPayload extends NotePayload {
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  /** The child's religion on the register (a birth deed states it). */
  readonly religion: string;
  readonly birthPlace: string;
  readonly motherName: string;
  readonly fatherName: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly parentsMarried: boolean;
}

export interface UploadPayload extends NotePayload {
  /** The case, when it exists already (a partner's report); else the opening this command depends on. */
  readonly deedId?: string;
  /** A document kind of the BIRTH checklist (DOCUMENT_REQUIREMENTS of the domain). */
  readonly documentKind: string;
  readonly photo: Blob;
  readonly fileName: string;
}

export interface SubmitPayload extends NotePayload {
  /** The case, when it exists already (a partner's report); else the opening this command depends on. */
  readonly deedId?: string;
  /** Particulars completed in the village (the groups given replace the report's: each whole). */
  readonly particulars?: Record<string, unknown>;
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
  /** e-KTP only: the recordings the register holds. */
  readonly recordings: readonly { readonly at: string; readonly place: string; readonly channel: string }[];
}

const transient = (status: number) => status >= 500 || status === 401 || status === 408 || status === 429;

interface Answer {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/** A refusal or a retry from an answer without data (a 409 VERSION_CONFLICT is the caller's to read). */
function failure(answer: Answer): SendOutcome {
  if (transient(answer.response.status)) return { kind: 'retry' };
  const code = problemCode(answer.error) ?? 'HTTP_ERROR';
  const details = (answer.error as { errors?: readonly { code?: string }[] } | undefined)?.errors?.flatMap((e) => (e.code ? [e.code] : [])) ?? [];
  return { kind: 'refused', status: answer.response.status, code, details };
}

const isConflict = (answer: Answer) => answer.response.status === 409 && problemCode(answer.error) === 'VERSION_CONFLICT';

/** The particulars a birth application opened on the visit carries: the child (with its NIK) and the parents as the register has them. */
export function birthParticulars(p: Pick<BirthOpenPayload, 'fullName' | 'sex' | 'religion' | 'birthPlace' | 'motherName' | 'fatherName'> & { readonly nik?: string }) {
  return {
    // The child is on the register: its NIK lets identity link the registered deed to this resident (a late birth
    // deed), instead of registering the child a second time.
    child: { fullName: p.fullName, sex: p.sex, ...(p.nik ? { nik: p.nik } : {}), ...(p.religion ? { religion: p.religion as Religion } : {}) },
    ...(p.motherName ? { mother: { fullName: p.motherName, sex: 'F' as const } } : {}),
    ...(p.fatherName ? { father: { fullName: p.fatherName, sex: 'M' as const } } : {}),
    ...(p.birthPlace ? { place: p.birthPlace } : {}),
  };
}

/** A photo as an upload request carries it: the file itself as the body with its own type, its name, the command's key. */
function photoRequest(key: string, p: { readonly photo: Blob; readonly fileName: string }) {
  return {
    header: { 'Idempotency-Key': key, 'Content-Disposition': contentDisposition(p.fileName) },
    body: p.photo as unknown as string,
    bodySerializer: (body: unknown) => body as Blob,
    headers: { 'Content-Type': p.photo.type },
  };
}

/** The case id an opening's answer gave (the outbox keeps it as the opening's result). */
function deedOf(dependency: OutboxCommand | undefined): string | undefined {
  const result = dependency?.result as { id?: unknown } | undefined;
  return typeof result?.id === 'string' ? result.id : undefined;
}

export function createSender(api: Api, signedIn: () => string | undefined): (command: OutboxCommand, dependency?: OutboxCommand) => Promise<SendOutcome> {
  const sendEktp = async (command: OutboxCommand): Promise<SendOutcome> => {
    const p = command.payload as RecordBiometricsPayload;
    const answer = await api.identity.POST('/residents/{id}/ektp/actions', {
      params: { path: { id: command.target }, header: { 'Idempotency-Key': command.key } },
      body: { type: 'RECORD_BIOMETRICS', version: command.version, place: p.place, channel: 'OUTREACH', ...(p.visitId ? { visitId: p.visitId } : {}) },
    });
    if (answer.data) return { kind: 'sent', result: { status: answer.data.status, version: answer.data.version } };
    if (!isConflict(answer)) return failure(answer);
    const now = await api.identity.GET('/residents/{id}/ektp', { params: { path: { id: command.target } } });
    if (!now.data) return { kind: 'retry' };
    const current: RegisterNow = {
      status: now.data.status,
      version: now.data.version,
      allowedActions: now.data.allowedActions,
      recordings: now.data.recordings.map((r) => ({ at: r.at, place: r.place, channel: r.channel })),
    };
    return { kind: 'conflict', current };
  };

  const sendKia = async (command: OutboxCommand): Promise<SendOutcome> => {
    const p = command.payload as KiaPayload;
    const onVisit = { channel: 'OUTREACH' as const, ...(p.visitId ? { visitId: p.visitId } : {}) };
    const body =
      command.kind === KIA_PRINT ? { type: 'PRINT' as const, version: command.version, kiaType: p.kiaType, ...onVisit } : { type: 'ISSUE' as const, version: command.version, ...onVisit };
    const answer = await api.identity.POST('/residents/{id}/kia/actions', {
      params: { path: { id: p.residentId }, header: { 'Idempotency-Key': command.key } },
      body,
    });
    if (answer.data) return { kind: 'sent', result: { status: answer.data.status, version: answer.data.version } };
    if (!isConflict(answer)) return failure(answer);
    const now = await api.identity.GET('/residents/{id}/kia', { params: { path: { id: p.residentId } } });
    if (!now.data) return { kind: 'retry' };
    const current: RegisterNow = { status: now.data.status, version: now.data.version, allowedActions: now.data.allowedActions, recordings: [] };
    return { kind: 'conflict', current };
  };

  const uploadKia = async (command: OutboxCommand): Promise<SendOutcome> => {
    const p = command.payload as KiaUploadPayload;
    const { header, ...photo } = photoRequest(command.key, p);
    const answer = await api.identity.POST('/residents/{id}/kia/documents', { params: { path: { id: p.residentId }, query: { kind: p.documentKind as never }, header }, ...photo });
    if (answer.data) return { kind: 'sent', result: { id: answer.data.id } };
    return failure(answer);
  };

  const openBirth = async (command: OutboxCommand): Promise<SendOutcome> => {
    const p = command.payload as BirthOpenPayload;
    const answer = await api.deeds.POST('/deeds', {
      params: { header: { 'Idempotency-Key': command.key } },
      body: {
        deedType: 'BIRTH',
        eventDate: p.birthDate,
        districtCode: p.districtCode,
        villageCode: p.villageCode,
        channel: 'OUTREACH',
        ...(p.visitId ? { visitId: p.visitId } : {}),
        parentsMarried: p.parentsMarried,
        particulars: birthParticulars(p),
      },
    });
    if (answer.data) return { kind: 'sent', result: { id: answer.data.id, status: answer.data.status, version: answer.data.version } };
    return failure(answer);
  };

  const upload = async (command: OutboxCommand, deedId: string): Promise<SendOutcome> => {
    const p = command.payload as UploadPayload;
    const { header, ...photo } = photoRequest(command.key, p);
    const answer = await api.deeds.POST('/deeds/{id}/documents', { params: { path: { id: deedId }, query: { kind: p.documentKind as never }, header }, ...photo });
    if (answer.data) return { kind: 'sent', result: { id: answer.data.id } };
    return failure(answer);
  };

  /**
   * Submits the case on the version it has now: the team's own draft, or a partner's report the team completed. A
   * case submitted already (a lost answer, or the office was quicker) is done; nothing is submitted twice.
   */
  const submit = async (command: OutboxCommand, deedId: string): Promise<SendOutcome> => {
    const p = command.payload as SubmitPayload;
    const read = await api.deeds.GET('/deeds/{id}', { params: { path: { id: deedId } } });
    if (!read.data) return failure(read);
    // A draft has no status yet (no action), a report is NOTIFIED; anything else but a rejection was submitted already.
    if (read.data.status !== null && read.data.status !== 'NOTIFIED' && read.data.status !== 'REJECTED') return { kind: 'sent', result: { status: read.data.status } };
    const answer = await api.deeds.POST('/deeds/{id}/submit', {
      params: { path: { id: deedId } },
      body: { version: read.data.version, ...(p.particulars ? { particulars: p.particulars } : {}) },
    });
    if (answer.data) return { kind: 'sent', result: { status: answer.data.status } };
    return failure(answer);
  };

  return async (command, dependency) => {
    const p = command.payload as NotePayload;
    const sub = signedIn();
    if (!sub) return { kind: 'retry' };
    if (p.madeBy?.sub !== sub) return { kind: 'refused', status: 403, code: MADE_BY_ANOTHER_PERSON };
    switch (command.kind) {
      case RECORD_BIOMETRICS:
        return sendEktp(command);
      case KIA_PRINT:
      case KIA_ISSUE:
        return sendKia(command);
      case KIA_UPLOAD:
        return uploadKia(command);
      case BIRTH_OPEN:
        return openBirth(command);
      case DEED_UPLOAD:
      case DEED_SUBMIT: {
        const deedId = (command.payload as UploadPayload).deedId ?? deedOf(dependency);
        if (!deedId) return { kind: 'refused', status: 400, code: 'BAD_REQUEST' };
        return command.kind === DEED_UPLOAD ? upload(command, deedId) : submit(command, deedId);
      }
      default:
        return { kind: 'refused', status: 400, code: 'BAD_REQUEST' };
    }
  };
}
