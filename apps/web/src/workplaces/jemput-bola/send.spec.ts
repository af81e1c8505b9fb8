/**
 * How an outbox command of Jemput Bola reaches identity, through the generated client with a scripted fetch: the
 * idempotency key goes in the Idempotency-Key header, the version as read and the visit in the body (channel
 * OUTREACH, so that outreach links the recording to the visit); each kind of answer becomes the outbox's outcome.
 */
import { createApi } from '../../api/clients';
import { DEFAULT_CLAIM_NAMES, type RuntimeConfig } from '../../config/runtime-config';
import type { OutboxCommand } from '../../offline/outbox';
import {
  BIRTH_OPEN,
  DEED_SUBMIT,
  DEED_UPLOAD,
  createSender,
  KIA_ISSUE,
  KIA_PRINT,
  KIA_UPLOAD,
  RECORD_BIOMETRICS,
  type BirthOpenPayload,
  type UploadPayload,
  type KiaPayload,
  type KiaUploadPayload,
  type NotePayload,
  type RecordBiometricsPayload,
} from './send';

const CONFIG: RuntimeConfig = {
  issuer: 'https://masuk.nagekeo.example/oidc',
  clientId: 'adminduk-web',
  resource: 'urn:adminduk:api',
  apiBase: 'https://adminduk.nagekeo.example/api',
  dashboardUrl: '/api/reporting/dashboard',
  claims: DEFAULT_CLAIM_NAMES,
};
const RESIDENT = '0190b5b4-3333-7000-8000-000000000001';
const VISIT = '0190b5b4-4444-7000-8000-000000000001';

const command: OutboxCommand<RecordBiometricsPayload> = {
  key: 'jb-7c1d0e0e-5a55-4a55-8a55-000000000001',
  seq: 1,
  kind: RECORD_BIOMETRICS,
  target: RESIDENT,
  version: 0,
  payload: {
    residentId: RESIDENT,
    place: 'Kantor Desa Labolewa',
    visitId: VISIT,
    fullName: 'Ana Maria Bhoki',
    nik: '5316015204950001',
    statusRead: 'NOT_RECORDED',
    madeBy: { sub: 'tim-jemput-bola', name: 'Kornelius Tay Bupu' },
  },
  createdAt: 0,
  status: 'queued',
  attempts: 0,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });

function scripted(...answers: (Response | Error)[]) {
  return scriptedAs('tim-jemput-bola', ...answers);
}

function scriptedAs(signedIn: string | undefined, ...answers: (Response | Error)[]) {
  const requests: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(input instanceof Request ? input : new Request(input, init));
    const answer = answers.shift();
    if (!answer || answer instanceof Error) throw answer ?? new Error('no answer scripted');
    return answer;
  }) as typeof globalThis.fetch;
  return { send: createSender(createApi(CONFIG, fetch), () => signedIn), requests };
}

const ektpView = (version: number, status: string, recordings: object[] = []) => ({ residentId: RESIDENT, status, version, allowedActions: ['RECORD_BIOMETRICS'], recordings });

describe('sending an e-KTP recording from the outbox', () => {
  it('posts to identity with the command’s key, its version, the place and the visit (channel OUTREACH)', async () => {
    const { send, requests } = scripted(json(201, ektpView(1, 'RECORDED')));
    expect(await send(command)).toEqual({ kind: 'sent', result: { status: 'RECORDED', version: 1 } });
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`https://adminduk.nagekeo.example/api/identity/residents/${RESIDENT}/ektp/actions`);
    expect(request?.headers.get('Idempotency-Key')).toBe(command.key);
    expect(await request?.json()).toEqual({ type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Desa Labolewa', channel: 'OUTREACH', visitId: VISIT });
  });

  it('409 VERSION_CONFLICT: a conflict, with what the register says now (read again)', async () => {
    const recording = { at: '2026-12-07T09:00:00+08:00', by: 'petugas', place: 'Kantor Dinas', channel: 'OFFICE', visitId: null };
    const { send, requests } = scripted(json(409, { status: 409, code: 'VERSION_CONFLICT', title: 'Conflict', type: 'about:blank' }), json(200, ektpView(1, 'RECORDED', [recording])));
    expect(await send(command)).toEqual({
      kind: 'conflict',
      current: { status: 'RECORDED', version: 1, allowedActions: ['RECORD_BIOMETRICS'], recordings: [{ at: recording.at, place: 'Kantor Dinas', channel: 'OFFICE' }] },
    });
    expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('a 4xx with a code: refused, with the codes of its items', async () => {
    const { send } = scripted(
      json(422, { status: 422, code: 'EKTP_ACTION_REFUSED', title: 'Unprocessable', type: 'about:blank', errors: [{ code: 'RESIDENT_MOVED_OUT', message: 'moved out' }] }),
    );
    expect(await send(command)).toEqual({ kind: 'refused', status: 422, code: 'EKTP_ACTION_REFUSED', details: ['RESIDENT_MOVED_OUT'] });
  });

  it('a 5xx, a 401 the session could not mend, a 429: try again later; no network: the error reaches the outbox', async () => {
    for (const status of [500, 503, 401, 429]) {
      const { send } = scripted(json(status, { status, code: 'SERVICE_UNAVAILABLE', title: 'x', type: 'about:blank' }));
      expect(await send(command)).toEqual({ kind: 'retry' });
    }
    const { send } = scripted(new TypeError('Failed to fetch'));
    await expect(send(command)).rejects.toThrow('Failed to fetch');
  });
});

describe('only the person who noted it sends it', () => {
  it('another person signed in: refused before any request (their token would record it as theirs)', async () => {
    const { send, requests } = scriptedAs('petugas-lain');
    expect(await send(command)).toEqual({ kind: 'refused', status: 403, code: 'MADE_BY_ANOTHER_PERSON' });
    expect(requests).toEqual([]);
  });

  it('nobody signed in (the session ended): waits, without a request', async () => {
    const { send, requests } = scriptedAs(undefined);
    expect(await send(command)).toEqual({ kind: 'retry' });
    expect(requests).toEqual([]);
  });
});

const note: NotePayload & { residentId: string } = { residentId: RESIDENT, visitId: VISIT, fullName: 'Yohanes Ngapa', nik: '5316011207200001', madeBy: { sub: 'tim-jemput-bola', name: 'Kornelius Tay Bupu' } };
const made = <P,>(kind: string, target: string, payload: P, extra: Partial<OutboxCommand<P>> = {}): OutboxCommand<P> => ({
  key: `jb-${kind}-1`,
  seq: 2,
  kind,
  target,
  version: 3,
  payload,
  createdAt: 0,
  status: 'queued',
  attempts: 0,
  ...extra,
});
const DEED = '0190b5b4-5555-7000-8000-000000000001';
const opened = made(BIRTH_OPEN, `akta:${RESIDENT}`, {}, { status: 'sent', result: { id: DEED, status: null, version: 0 } });
const kiaView = (version: number, status: string) => ({ residentId: RESIDENT, status, version, allowedActions: ['ISSUE'], cards: [], history: [], asOf: '2026-12-07' });

describe('a KIA printed and handed over on the visit', () => {
  it('PRINT with the child’s type and ISSUE, each with its key and version, channel OUTREACH and the visit', async () => {
    const { send, requests } = scripted(json(201, kiaView(4, 'PRINTED')), json(201, kiaView(5, 'ISSUED')));
    const print = made<KiaPayload>(KIA_PRINT, `kia:${RESIDENT}`, { ...note, kiaType: 'FROM_5_TO_UNDER_17', statusRead: 'NOT_ISSUED' });
    const issue = made<KiaPayload>(KIA_ISSUE, `kia:${RESIDENT}`, { ...note, statusRead: 'PRINTED' }, { key: 'jb-issue', version: 4 });
    expect(await send(print)).toEqual({ kind: 'sent', result: { status: 'PRINTED', version: 4 } });
    expect(await send(issue)).toEqual({ kind: 'sent', result: { status: 'ISSUED', version: 5 } });
    expect(requests.map((r) => r.url)).toEqual([0, 1].map(() => `https://adminduk.nagekeo.example/api/identity/residents/${RESIDENT}/kia/actions`));
    expect(requests.map((r) => r.headers.get('Idempotency-Key'))).toEqual([print.key, 'jb-issue']);
    expect(await requests[0]?.json()).toEqual({ type: 'PRINT', version: 3, kiaType: 'FROM_5_TO_UNDER_17', channel: 'OUTREACH', visitId: VISIT });
    expect(await requests[1]?.json()).toEqual({ type: 'ISSUE', version: 4, channel: 'OUTREACH', visitId: VISIT });
  });

  it('409 VERSION_CONFLICT: a conflict with the KIA the register holds now', async () => {
    const { send } = scripted(json(409, { status: 409, code: 'VERSION_CONFLICT', title: 'Conflict', type: 'about:blank' }), json(200, kiaView(4, 'PRINTED')));
    const print = made<KiaPayload>(KIA_PRINT, `kia:${RESIDENT}`, { ...note, kiaType: 'UNDER_5', statusRead: 'NOT_ISSUED' });
    expect(await send(print)).toEqual({ kind: 'conflict', current: { status: 'PRINTED', version: 4, allowedActions: ['ISSUE'], recordings: [] } });
  });
});

describe('a KIA application’s photo', () => {
  it('goes to the child’s KIA in identity as its own type, with its key, its kind and its file name', async () => {
    const { send, requests } = scripted(json(201, { id: 'kia-dok-1', kind: 'CHILD_PHOTO', forCard: 1, contentType: 'image/png', size: 9, sha256: 'x', fileName: 'anak.png', addedAt: 'x', addedBy: 'y' }));
    const photo = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1])], { type: 'image/png' });
    const upload = made<KiaUploadPayload>(KIA_UPLOAD, `kia:${RESIDENT}`, { ...note, documentKind: 'CHILD_PHOTO', photo, fileName: 'anak.png' });
    expect(await send(upload)).toEqual({ kind: 'sent', result: { id: 'kia-dok-1' } });
    const [request] = requests;
    expect(request?.url).toBe(`https://adminduk.nagekeo.example/api/identity/residents/${RESIDENT}/kia/documents?kind=CHILD_PHOTO`);
    expect([request?.headers.get('Content-Type'), request?.headers.get('Idempotency-Key'), request?.headers.get('Content-Disposition')]).toEqual([
      'image/png',
      upload.key,
      "attachment; filename*=UTF-8''anak.png",
    ]);
    expect(new Uint8Array(await (request as Request).arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]));
  });

  it('the application closed meanwhile (the office printed the card): refused with its code, for the person to see', async () => {
    const { send } = scripted(json(409, { status: 409, code: 'KIA_DOCUMENTS_CLOSED', title: 'Conflict', type: 'about:blank' }));
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
    const upload = made<KiaUploadPayload>(KIA_UPLOAD, `kia:${RESIDENT}`, { ...note, documentKind: 'KK', photo, fileName: 'kk.jpg' });
    expect(await send(upload)).toEqual({ kind: 'refused', status: 409, code: 'KIA_DOCUMENTS_CLOSED', details: [] });
  });
});

describe('a birth deed application taken on the visit', () => {
  const opening: BirthOpenPayload = {
    ...note,
    birthDate: '2020-07-12',
    sex: 'M',
    religion: 'KATOLIK',
    birthPlace: 'Labolewa',
    motherName: 'Maria Goreti Wea',
    fatherName: 'Yosef Dhey',
    districtCode: '531601',
    villageCode: '5316012002',
    parentsMarried: true,
  };

  it('opens the case on deeds with its key: BIRTH, the register’s particulars, channel OUTREACH and the visit; answers the case id', async () => {
    const { send, requests } = scripted(json(201, { id: DEED, status: null, version: 0 }));
    const command = made(BIRTH_OPEN, `akta:${RESIDENT}`, opening);
    expect(await send(command)).toEqual({ kind: 'sent', result: { id: DEED, status: null, version: 0 } });
    expect(requests[0]?.url).toBe('https://adminduk.nagekeo.example/api/deeds/deeds');
    expect(requests[0]?.headers.get('Idempotency-Key')).toBe(command.key);
    expect(await requests[0]?.json()).toEqual({
      deedType: 'BIRTH',
      eventDate: '2020-07-12',
      districtCode: '531601',
      villageCode: '5316012002',
      channel: 'OUTREACH',
      visitId: VISIT,
      parentsMarried: true,
      particulars: { child: { fullName: 'Yohanes Ngapa', sex: 'M', nik: '5316011207200001', religion: 'KATOLIK' }, mother: { fullName: 'Maria Goreti Wea', sex: 'F' }, father: { fullName: 'Yosef Dhey', sex: 'M' }, place: 'Labolewa' },
    });
  });

  it('uploads a photo to the case the opening answered, as its own type, with its key and kind', async () => {
    const { send, requests } = scripted(json(201, { id: 'dok-1', kind: 'KK', source: 'UPLOAD', addedAt: 'x', addedBy: 'y' }));
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' });
    const upload = made<UploadPayload>(DEED_UPLOAD, `akta:${RESIDENT}`, { ...note, documentKind: 'KK', photo, fileName: 'kk.jpg' }, { dependsOn: opened.key });
    expect(await send(upload, opened)).toEqual({ kind: 'sent', result: { id: 'dok-1' } });
    const [request] = requests;
    expect(request?.url).toBe(`https://adminduk.nagekeo.example/api/deeds/deeds/${DEED}/documents?kind=KK`);
    expect(request?.headers.get('Content-Type')).toBe('image/jpeg');
    expect(request?.headers.get('Idempotency-Key')).toBe(upload.key);
    expect(new Uint8Array(await (request as Request).arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  });

  it('submits the draft on the version it reads; a case already submitted (a lost answer) is done without a second submission', async () => {
    const submit = made<NotePayload>(DEED_SUBMIT, `akta:${RESIDENT}`, note, { dependsOn: opened.key });
    const first = scripted(json(200, { id: DEED, status: null, version: 0 }), json(200, { id: DEED, status: 'SUBMITTED', version: 1 }));
    expect(await first.send(submit, opened)).toEqual({ kind: 'sent', result: { status: 'SUBMITTED' } });
    expect(first.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`GET /api/deeds/deeds/${DEED}`, `POST /api/deeds/deeds/${DEED}/submit`]);
    expect(await first.requests[1]?.json()).toEqual({ version: 0 });
    const again = scripted(json(200, { id: DEED, status: 'SUBMITTED', version: 1 }));
    expect(await again.send(submit, opened)).toEqual({ kind: 'sent', result: { status: 'SUBMITTED' } });
    expect(again.requests).toHaveLength(1);
  });

  it('an incomplete checklist refused by deeds stays refused with its code', async () => {
    const submit = made<NotePayload>(DEED_SUBMIT, `akta:${RESIDENT}`, note, { dependsOn: opened.key });
    const { send } = scripted(json(200, { id: DEED, status: null, version: 0 }), json(422, { status: 422, code: 'DOCUMENTS_INCOMPLETE', title: 'x', type: 'about:blank' }));
    expect(await send(submit, opened)).toEqual({ kind: 'refused', status: 422, code: 'DOCUMENTS_INCOMPLETE', details: [] });
  });
});
