/** Creates (or updates) the JetStream stream that holds a service's events, and finds the stream of a subject. */
import { STREAMS } from '@adminduk/contracts';
import { DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from 'nats';
import type { NatsService } from '../nats/nats.service';

export interface StreamDefinition {
  readonly name: string;
  readonly subjects: readonly string[];
}

/** Two minutes: a publish retried within this window with the same Nats-Msg-Id is dropped as a duplicate. */
export const DUPLICATE_WINDOW_NS = 120 * 1_000_000_000;

export async function ensureStream(jsm: JetStreamManager, nats: NatsService, stream: StreamDefinition): Promise<string> {
  const name = nats.streamName(stream.name);
  const config: Partial<StreamConfig> = {
    name,
    subjects: stream.subjects.map((s) => nats.subject(s)),
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: DUPLICATE_WINDOW_NS,
  };
  try {
    const existing = await jsm.streams.info(name);
    const same = JSON.stringify([...existing.config.subjects].sort()) === JSON.stringify([...(config.subjects as string[])].sort());
    if (!same) await jsm.streams.update(name, { ...existing.config, subjects: config.subjects as string[] });
  } catch (error) {
    if (!String((error as Error)?.message).includes('stream not found')) throw error;
    await jsm.streams.add(config);
  }
  return name;
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
