/**
 * Creates (or updates) the JetStream streams that hold a service's events and its dead letters, and finds the
 * stream of a subject.
 *
 * A stream is created with the replicas and limits of NATS_STREAM_REPLICAS, NATS_STREAM_MAX_AGE_DAYS and
 * NATS_STREAM_MAX_BYTES (config/service-config.ts). When an existing stream's settings differ, the service that owns
 * it changes them (streams.update): the producer of its events (identity for IDENTITY), or the consuming service for
 * its DEADLETTER_ stream. A service that only consumes from a stream creates it when it is missing, with its own
 * settings, but leaves an existing one's settings alone, so that two services configured differently do not undo
 * each other at every start. Subjects are brought up to date by whoever calls, as before (they come from the
 * contracts, the same everywhere).
 *
 * What NATS refuses to change (checked against nats-server 2.9.10): the storage type, the retention policy, the
 * name and MaxConsumers ("stream configuration update can not change …"); more replicas than there are JetStream
 * servers able to hold one ("no suitable peers for placement", 10005, also while a cluster member is down); and,
 * at creation, more than one replica on a server without a cluster (10074). Lowering replicas (3 → 1) and changing
 * max_age, max_bytes or subjects are allowed; the oldest events beyond a lowered limit are deleted at once. A
 * standalone server ACCEPTS an update to 3 replicas and then reports 3 while it keeps one copy, so ensureStream
 * refuses that change itself.
 *
 * A refused change is not a reason to stop: the stream keeps its settings, the events flow on, and the service logs
 * once, as an error, what it could not change and which variable or server to fix. A stream that cannot be created
 * at all throws a StreamSetupError saying the same; the callers (outbox relay, event consumers) retry it with their
 * backoff, so the service keeps running and serving requests rather than crash-looping.
 */
import { Logger } from '@nestjs/common';
import { STREAMS } from '@adminduk/contracts';
import { DiscardPolicy, nanos, NatsError, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig, type StreamInfo } from 'nats';
import type { NatsStreamSettings } from '../config/service-config';
import type { NatsService } from '../nats/nats.service';

export interface StreamDefinition {
  readonly name: string;
  readonly subjects: readonly string[];
}

/** Two minutes: a publish retried within this window with the same Nats-Msg-Id is dropped as a duplicate. */
export const DUPLICATE_WINDOW_NS = 120 * 1_000_000_000;

/** A stream that NATS would not create with the configured settings; the message says what to fix. */
export class StreamSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamSetupError';
  }
}

const logger = new Logger('Streams');
/** Refusals already logged (each once per process, however many consumers ensure the stream). */
const reported = new Set<string>();

/** The replicas and limits of a stream as JetStream spells them (0 days and 0 bytes: no limit, -1 bytes for NATS). */
export function streamLimits(settings: NatsStreamSettings): Pick<StreamConfig, 'num_replicas' | 'max_age' | 'max_bytes'> {
  return {
    num_replicas: settings.replicas,
    max_age: nanos(settings.maxAgeDays * 86_400_000),
    max_bytes: settings.maxBytes === 0 ? -1 : settings.maxBytes,
  };
}

/**
 * Whether `service` owns the stream: its subjects are the service's own events (`identity.…`) or its own dead
 * letters (`deadletter.identity.…`).
 */
export function ownsStream(service: string, stream: StreamDefinition): boolean {
  return stream.subjects.length > 0 && stream.subjects.every((s) => s.startsWith(`${service}.`) || s.startsWith(`deadletter.${service}.`));
}

export async function ensureStream(jsm: JetStreamManager, nats: NatsService, stream: StreamDefinition): Promise<string> {
  const name = nats.streamName(stream.name);
  const settings = nats.streamSettings();
  const subjects = stream.subjects.map((s) => nats.subject(s));
  const limits = streamLimits(settings);
  let existing: StreamInfo;
  try {
    existing = await jsm.streams.info(name);
  } catch (error) {
    if (!String((error as Error)?.message).includes('stream not found')) throw error;
    await createStream(jsm, name, settings, {
      name,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      duplicate_window: DUPLICATE_WINDOW_NS,
      ...limits,
    });
    return name;
  }

  const sameSubjects = JSON.stringify([...existing.config.subjects].sort()) === JSON.stringify([...subjects].sort());
  const changes = ownsStream(nats.service, stream) ? limitChanges(existing, limits) : [];
  if (sameSubjects && changes.length === 0) return name;
  const refusedHere = changes.some((c) => c.field === 'num_replicas') && limits.num_replicas > 1 && !existing.cluster?.name;
  const wanted = refusedHere ? changes.filter((c) => c.field !== 'num_replicas') : changes;
  if (refusedHere) {
    reportRefusal(name, changes.filter((c) => c.field === 'num_replicas'), 'the NATS server is not part of a JetStream cluster (it would keep one copy)', 'set NATS_STREAM_REPLICAS=1, or list the servers of a JetStream cluster in NATS_URL');
  }
  if (wanted.length > 0) {
    const update: StreamConfig = { ...existing.config, subjects };
    for (const c of wanted) Object.assign(update, { [c.field]: c.to });
    try {
      await jsm.streams.update(name, update);
      logger.log(`stream ${name}: ${wanted.map(describeChange).join(', ')}`);
      return name;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      reportRefusal(name, wanted, refusalText(error), fixFor(wanted, error));
    }
  }
  // The settings keep what the stream has; its subjects must still follow the contracts.
  if (!sameSubjects) await jsm.streams.update(name, { ...existing.config, subjects });
  return name;
}

interface LimitChange {
  readonly field: 'num_replicas' | 'max_age' | 'max_bytes';
  readonly from: number;
  readonly to: number;
}

function limitChanges(existing: StreamInfo, limits: ReturnType<typeof streamLimits>): LimitChange[] {
  const unlimitedBytes = (n: number) => (n <= 0 ? -1 : n);
  const changes: LimitChange[] = [];
  const replicas = existing.config.num_replicas || 1;
  if (replicas !== limits.num_replicas) changes.push({ field: 'num_replicas', from: replicas, to: limits.num_replicas });
  if ((existing.config.max_age || 0) !== limits.max_age) changes.push({ field: 'max_age', from: existing.config.max_age || 0, to: limits.max_age });
  if (unlimitedBytes(existing.config.max_bytes) !== limits.max_bytes) changes.push({ field: 'max_bytes', from: unlimitedBytes(existing.config.max_bytes), to: limits.max_bytes });
  return changes;
}

const VARIABLES: Record<LimitChange['field'], string> = { num_replicas: 'NATS_STREAM_REPLICAS', max_age: 'NATS_STREAM_MAX_AGE_DAYS', max_bytes: 'NATS_STREAM_MAX_BYTES' };

function shown(field: LimitChange['field'], value: number): string {
  if (field === 'num_replicas') return String(value);
  if (field === 'max_age') return value === 0 ? 'unlimited' : `${value / 86_400e9} days`;
  return value < 0 ? 'unlimited' : `${value} bytes`;
}

function describeChange(c: LimitChange): string {
  return `${c.field} ${shown(c.field, c.from)} → ${shown(c.field, c.to)} (${VARIABLES[c.field]})`;
}

async function createStream(jsm: JetStreamManager, name: string, settings: NatsStreamSettings, config: Partial<StreamConfig>): Promise<void> {
  try {
    await jsm.streams.add(config);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const what = `${settings.replicas} replica${settings.replicas === 1 ? '' : 's'} (NATS_STREAM_REPLICAS)`;
    throw new StreamSetupError(`stream ${name} could not be created with ${what}: ${refusalText(error)}; ${fixFor([{ field: 'num_replicas', from: 0, to: settings.replicas }], error)}`);
  }
}

/** An answer of the JetStream API saying no (not a timeout or a lost connection, which the callers retry). */
function isRefusal(error: unknown): error is NatsError {
  return error instanceof NatsError && error.api_error !== undefined;
}

function refusalText(error: NatsError): string {
  const api = error.api_error;
  return api ? `${api.description} (JetStream error ${api.err_code ?? api.code})` : error.message;
}

function fixFor(changes: readonly LimitChange[], error: NatsError): string {
  const code = error.api_error?.err_code;
  if (code === 10074) return 'set NATS_STREAM_REPLICAS=1, or list the servers of a JetStream cluster in NATS_URL';
  if (code === 10005) return 'NATS_STREAM_REPLICAS must not exceed the JetStream servers of the cluster, and all of them must be up';
  return `check ${[...new Set(changes.map((c) => VARIABLES[c.field]))].join(', ')}`;
}

function reportRefusal(name: string, changes: readonly LimitChange[], why: string, fix: string): void {
  const message = `stream ${name}: NATS refused ${changes.map(describeChange).join(', ')}: ${why}. The stream keeps its settings and the events flow on; to apply them, ${fix}, then restart the service.`;
  if (reported.has(message)) return;
  reported.add(message);
  logger.error(message);
}

/** NATS subject matching: `*` is one token, `>` one or more trailing tokens. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const t = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return t.length > i;
    if (i >= t.length || (p[i] !== '*' && p[i] !== t[i])) return false;
  }
  return p.length === t.length;
}

/** The stream (from the contracts' STREAMS) that stores `subject`, or undefined when none does. */
export function streamForSubject(subject: string, streams: readonly StreamDefinition[] = Object.values(STREAMS)): StreamDefinition | undefined {
  return streams.find((s) => s.subjects.some((pattern) => subjectMatches(pattern, subject)));
}
