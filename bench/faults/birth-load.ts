/**
 * The load of a fault run: births as the office really handles them, over HTTP with fetch. A health post reports
 * each birth to deeds with its API key (`POST /notifications`, an Idempotency-Key per birth); an operator uploads
 * what the checklist still misses, submits the child's particulars and verifies; the registrar registers. Deeds
 * then asks identity about the parents over NATS and publishes deeds.birth.registered.v1, from which identity
 * registers the child on the parents' card. Births run with bounded concurrency.
 *
 * Each birth is driven as a real client would drive it through failures: it reads the record and does the next
 * step, so a step whose answer was lost (the service killed mid-request) is never done twice, and a refused
 * connection or any 5xx answer is retried after a short pause (counted, and kept for the checks). A 4xx other than
 * 409 is recorded as unexpected, and the birth is left where it stands; the run's checks then report it.
 */
import type { DeedsComponents } from '@adminduk/clients';
import type { Couple } from './population';
import { DISTRICT, VILLAGE } from './population';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export interface BirthLoadOptions {
  readonly deedsUrl: string;
  readonly partnerKey: string;
  readonly operatorToken: string;
  readonly registrarToken: string;
  readonly concurrency: number;
  /** A label that makes Idempotency-Keys unique to the run. */
  readonly runId: string;
  /** The office's date of the births (two days before the office's today: on time). */
  readonly eventDate: string;
  /** How long one birth may keep retrying through failures before it is given up (recorded as unexpected). */
  readonly patienceMs?: number;
}

/** What became of a birth from the client's side. */
export type BirthOutcome = 'REGISTERED' | 'WAITING_FOR_IDENTITY' | 'FAILED';

export interface BirthResult {
  readonly couple: Couple;
  readonly deedId?: string;
  readonly outcome: BirthOutcome;
  /** When the client saw the birth registered or accepted as waiting (ms since the epoch). */
  readonly at: number;
}

/** An answer seen by the client, for the figures and for the 503 checks. */
export interface Observed {
  readonly at: number;
  readonly status: number;
  readonly contentType: string;
  readonly code?: string;
}

type DeedView = DeedsComponents['schemas']['DeedView'];

/** What the load reads of a JSON answer: a deed's view, a report's deed id, or a problem's code (whichever it is). */
type Answer = Partial<DeedView> & { readonly deedId?: string; readonly code?: string };

interface Reply {
  readonly status: number;
  readonly contentType: string;
  /** The JSON answer (undefined when it was not JSON). */
  readonly body: Answer | undefined;
  /** The answer as sent, for messages. */
  readonly text: string;
}

export class BirthLoad {
  /** Answers by HTTP status ('network' for a refused or cut connection). */
  readonly statuses = new Map<string, number>();
  /** Every 5xx answer and network error, in order. */
  readonly failures: Observed[] = [];
  readonly unexpected: string[] = [];
  readonly results: BirthResult[] = [];
  requests = 0;
  retries = 0;
  /** Steps refused because an earlier try of theirs, whose answer was lost, had gone through. */
  refusalsAfterRetry = 0;
  private listeners: Array<(done: number) => void> = [];

  constructor(private readonly options: BirthLoadOptions) {}

  /** Called with the number of births done (registered or waiting) after each one. */
  onProgress(listener: (done: number) => void): void {
    this.listeners.push(listener);
  }

  /** Drives every birth to registration (or to waiting for identity), `concurrency` at a time. */
  async run(list: readonly Couple[]): Promise<BirthResult[]> {
    let next = 0;
    const started: BirthResult[] = [];
    const worker = async () => {
      // After three births could not be driven through, the system is broken, not slow: stop taking new ones.
      while (next < list.length && this.unexpected.length < 3) {
        const couple = list[next++] as Couple;
        const result = await this.drive(couple);
        started.push(result);
        this.results.push(result);
        const done = this.results.filter((r) => r.outcome !== 'FAILED').length;
        for (const l of this.listeners) l(done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, list.length) }, worker));
    return started;
  }

  private count(key: string): void {
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  /** One HTTP exchange, retried through refused connections and 502/503/504 until the birth's patience ends. */
  private async send(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: string | Buffer | undefined, deadline: number): Promise<Reply> {
    for (let pause = 100; ; pause = Math.min(pause * 2, 2_000)) {
      this.requests += 1;
      let reply: Reply | undefined;
      try {
        const res = await fetch(`${this.options.deedsUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
        const contentType = res.headers.get('content-type') ?? '';
        const text = await res.text();
        reply = { status: res.status, contentType, body: contentType.includes('json') && text ? (JSON.parse(text) as Answer) : undefined, text };
      } catch {
        this.count('network');
        this.failures.push({ at: Date.now(), status: 0, contentType: '' });
      }
      if (reply) {
        this.count(String(reply.status));
        if (reply.status < 500) return reply;
        // Every 5xx is recorded (the checks tell a clean 503 from a 500) and retried, as a partner's app or the office's
        // client retries: each step is guarded by the record's version or an Idempotency-Key, so a retry is safe.
        this.failures.push({ at: Date.now(), status: reply.status, contentType: reply.contentType, code: reply.body?.code });
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer but failures until the birth's patience ran out`);
      this.retries += 1;
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  private json(token: string): Record<string, string> {
    return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }

  private async drive(couple: Couple): Promise<BirthResult> {
    const deadline = Date.now() + (this.options.patienceMs ?? 300_000);
    const o = this.options;
    const fail = (why: string, deedId?: string): BirthResult => {
      this.unexpected.push(`birth ${couple.index}${deedId ? ` (deed ${deedId})` : ''}: ${why}`);
      return { couple, deedId, outcome: 'FAILED', at: Date.now() };
    };
    try {
      const report = await this.send(
        'POST',
        '/notifications',
        { 'x-api-key': o.partnerKey, 'content-type': 'application/json', 'idempotency-key': `fault-${o.runId}-${couple.index}` },
        JSON.stringify({
          deedType: 'BIRTH',
          partnerKind: 'HEALTH_POST',
          eventDate: o.eventDate,
          districtCode: DISTRICT,
          villageCode: VILLAGE,
          particulars: { child: { sex: couple.childSex }, mother: couple.mother, father: couple.father, place: 'Pustu Natanage' },
        }),
        deadline,
      );
      const deedId = report.body?.deedId;
      if ((report.status !== 201 && report.status !== 200) || !deedId) return fail(`report answered ${report.status} ${report.text.slice(0, 300)}`);
      let view: Answer | undefined;
      for (let step = 0; step < 100; step++) {
        if (!view) {
          const read = await this.send('GET', `/deeds/${deedId}`, { authorization: `Bearer ${o.operatorToken}` }, undefined, deadline);
          if (read.status !== 200 || !read.body) return fail(`GET answered ${read.status} ${read.text.slice(0, 300)}`, deedId);
          view = read.body;
        }
        if (view.status === 'REGISTERED') return { couple, deedId, outcome: 'REGISTERED', at: Date.now() };
        if (view.waitingFor === 'IDENTITY') return { couple, deedId, outcome: 'WAITING_FOR_IDENTITY', at: Date.now() };
        const allowed: readonly string[] = view.allowedActions ?? [];
        let answer: Reply;
        if (view.checklist && !view.checklist.complete && (view.status === null || view.status === 'NOTIFIED')) {
          // Everything the checklist misses, then read the record again.
          for (const missing of view.checklist.missing) {
            for (let k = missing.provided; k < missing.needed; k++) {
              answer = await this.send('POST', `/deeds/${deedId}/documents?kind=${missing.anyOf[0]}`, { authorization: `Bearer ${o.operatorToken}`, 'content-type': 'application/pdf' }, PDF, deadline);
              if (answer.status >= 400) return fail(`upload answered ${answer.status} ${answer.text.slice(0, 300)}`, deedId);
            }
          }
          view = undefined;
          continue;
        } else if (allowed.includes('SUBMIT')) {
          const particulars = { child: { fullName: couple.childName, sex: couple.childSex, religion: 'KATOLIK' } };
          answer = await this.send('POST', `/deeds/${deedId}/submit`, this.json(o.operatorToken), JSON.stringify({ version: view.version, particulars }), deadline);
        } else if (allowed.includes('VERIFY')) {
          answer = await this.send('POST', `/deeds/${deedId}/verify`, this.json(o.operatorToken), JSON.stringify({ version: view.version }), deadline);
        } else if (allowed.includes('REGISTER')) {
          answer = await this.send('POST', `/deeds/${deedId}/register`, this.json(o.registrarToken), JSON.stringify({ version: view.version }), deadline);
        } else {
          return fail(`stuck in status ${view.status} (allowed: ${allowed.join(', ')})`, deedId);
        }
        if (answer.status >= 400 && answer.status !== 409) {
          // A refusal after a lost answer (the service killed mid-request, the step retried) is the step already done:
          // 422 ACTION_NOT_ALLOWED for a registration that went through or waits. Read the record: if it moved on,
          // go on from there; if it did not, the refusal is real and the birth is recorded as unexpected.
          const again = await this.send('GET', `/deeds/${deedId}`, { authorization: `Bearer ${o.operatorToken}` }, undefined, deadline);
          const now = again.status === 200 ? again.body : undefined;
          const moved = now !== undefined && (now.version !== view.version || now.status !== view.status || now.waitingFor !== view.waitingFor);
          if (!moved) return fail(`step answered ${answer.status} ${answer.text.slice(0, 300)}`, deedId);
          this.refusalsAfterRetry += 1;
          view = now;
          continue;
        }
        // 409: someone (a lost answer's own request) moved the record on: read it again.
        // An action answers with the record as it now stands: the next step needs no read.
        view = answer.status < 300 && answer.body?.allowedActions && answer.body?.checklist ? answer.body : undefined;
      }
      return fail('did not reach registration in 100 steps', deedId);
    } catch (error) {
      return fail((error as Error).message);
    }
  }
}
