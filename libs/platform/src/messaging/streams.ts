/** Creates (or updates) the JetStream stream that holds a service's events. */
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
