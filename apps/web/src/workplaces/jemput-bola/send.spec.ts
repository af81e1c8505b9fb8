/**
 * How an outbox command of Jemput Bola reaches identity, through the generated client with a scripted fetch: the
 * idempotency key goes in the Idempotency-Key header, the version as read and the visit in the body (channel
 * OUTREACH, so that outreach links the recording to the visit); each kind of answer becomes the outbox's outcome.
 */
import { createApi } from '../../api/clients';
import { DEFAULT_CLAIM_NAMES, type RuntimeConfig } from '../../config/runtime-config';
import type { OutboxCommand } from '../../offline/outbox';
import { createSender, RECORD_BIOMETRICS, type RecordBiometricsPayload } from './send';

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
