/**
 * Helpers for the benchmarks that run several services on NATS: throw-away databases, a private nats-server,
 * SQL on a service's database, and waiting until every JetStream consumer of the run has nothing left to do.
 */
import { connect, type NatsConnection } from 'nats';
import { Client } from 'pg';
import { createDatabase, dropDatabase, startPrivateNatsServer, uniqueNatsPrefix, type PrivateNatsServer } from '@adminduk/platform/testing';
import { onInterrupt } from './cleanup';

/** Runs one statement on a database and returns its rows (a new connection each time: these are rare reads). */
export async function sql<Row extends Record<string, unknown> = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The databases and NATS of one benchmark run, all removed by dispose(). */
export class BenchEnvironment {
  private readonly databases: { name: string; url: string }[] = [];
  private readonly forget: () => void;
  private disposed = false;
  private constructor(
    private readonly server: PrivateNatsServer | undefined,
    readonly prefix: string,
  ) {
    this.forget = onInterrupt(() => this.dispose());
  }

  /** A run's environment; `nats: false` for benchmarks that need databases only. */
  static async start(label: string, options: { nats?: boolean } = {}): Promise<BenchEnvironment> {
    return new BenchEnvironment(options.nats === false ? undefined : await startPrivateNatsServer(), uniqueNatsPrefix(label));
  }

  get nats(): PrivateNatsServer {
    if (!this.server) throw new Error('this benchmark environment has no nats-server');
    return this.server;
  }

  async database(purpose: string): Promise<string> {
    const db = await createDatabase(purpose);
    if (this.disposed) {
      // Interrupted while it was being created: nothing may be left behind.
      await dropDatabase(db.name).catch(() => undefined);
      throw new Error('the benchmark was stopped');
    }
    this.databases.push(db);
    return db.url;
  }

  /** The environment of a service on this run's NATS. */
  serviceEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
    return { DATABASE_URL: databaseUrl, NATS_URL: this.nats.url, NATS_PREFIX: this.prefix, NATS_ENABLED: 'true', ...extra };
  }

  async connectNats(): Promise<NatsConnection> {
    return connect({ servers: this.nats.url });
  }

  /** Resolves once every durable consumer on this run's server has no message pending or unacknowledged. */
  async quiet(timeoutMs: number): Promise<void> {
    const nc = await this.connectNats();
    try {
      const jsm = await nc.jetstreamManager();
      const deadline = Date.now() + timeoutMs;
      let calmSince = 0;
      for (;;) {
        let busy = 0;
        for await (const stream of jsm.streams.list()) {
          for await (const consumer of jsm.consumers.list(stream.config.name)) busy += consumer.num_pending + consumer.num_ack_pending;
        }
        if (busy === 0) {
          // Quiet twice, half a second apart: a relay may be between two batches.
          if (calmSince && Date.now() - calmSince >= 500) return;
          calmSince ||= Date.now();
        } else {
          calmSince = 0;
        }
        if (Date.now() > deadline) throw new Error(`the consumers still had ${busy} messages to handle after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await nc.close();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.forget();
    for (const db of this.databases.splice(0)) await dropDatabase(db.name).catch(() => undefined);
    await this.server?.dispose();
  }
}
