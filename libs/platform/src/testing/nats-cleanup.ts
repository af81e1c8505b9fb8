/**
 * Deletes every JetStream stream a test run created under its NATS_PREFIX (the service's own stream, the
 * streams of the events it consumes, its dead letters), whatever the service set up. Call it in afterAll.
 */
import { connect } from 'nats';

export async function deletePrefixedStreams(prefix: string, natsUrl = 'nats://127.0.0.1:4222'): Promise<string[]> {
  const streamPrefix = `${prefix.toUpperCase().replace(/-/g, '_')}_`;
  const nc = await connect({ servers: natsUrl });
  const deleted: string[] = [];
  try {
    const jsm = await nc.jetstreamManager();
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(streamPrefix)) {
        await jsm.streams.delete(stream.config.name);
        deleted.push(stream.config.name);
      }
    }
  } finally {
    await nc.close();
  }
  return deleted;
}
