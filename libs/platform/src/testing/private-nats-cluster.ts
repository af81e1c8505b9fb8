/**
 * A JetStream cluster of the test's own: `size` nats-server processes on loopback (127.0.0.1), each with `-js`, its
 * own store directory, client port and cluster (route) port, a server name and one cluster name, every member routed
 * to every other. A member can be stopped (gracefully or with SIGKILL) and started again on the same ports and store,
 * as a supervisor restarts a crashed pod on its volume. Each member runs under the same watchdog as the private
 * server (private-nats-server.ts), so none outlives the test process; dispose() stops them all and deletes the stores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { freePort } from './free-port';
import { watchedNatsServer, type WatchedNatsServer } from './private-nats-server';

export interface PrivateNatsClusterNode {
  /** The server name (-n), as JetStream reports it in a stream's cluster info: adminduk-0, adminduk-1, … */
  readonly name: string;
  /** nats://127.0.0.1:<client port> */
  readonly url: string;
  readonly port: number;
  readonly running: boolean;
  /** Stops the member (SIGTERM; `kill: true` for SIGKILL: no shutdown, no flush). */
  stop(options?: { kill?: boolean }): Promise<void>;
  /** Starts it again on the same ports and store. */
  start(): Promise<void>;
}

export interface PrivateNatsCluster {
  /** The cluster name (--cluster_name). */
  readonly name: string;
  /** Every member's client URL, for a client's server list (NATS_URL, comma-separated). */
  readonly urls: readonly string[];
  readonly nodes: readonly PrivateNatsClusterNode[];
  /** Resolves once JetStream answers through every member that runs (a meta leader is elected); rejects after `timeoutMs`. */
  jetStreamReady(timeoutMs?: number): Promise<void>;
  /** Stops every member and deletes the stores. Always call it (afterAll / finally). */
  dispose(): Promise<void>;
}

export async function startPrivateNatsCluster(options: { size?: number; name?: string } = {}): Promise<PrivateNatsCluster> {
  const size = options.size ?? 3;
  const clusterName = options.name ?? 'adminduk';
  const members: Array<{ name: string; dir: string; port: number; routePort: number }> = [];
  for (let i = 0; i < size; i++) {
    members.push({ name: `${clusterName}-${i}`, dir: mkdtempSync(join(tmpdir(), `adminduk-nats-${i}-`)), port: await freePort(), routePort: await freePort() });
  }
  const nodes = members.map((m): PrivateNatsClusterNode & { server: WatchedNatsServer } => {
    const routes = members.filter((other) => other !== m).map((other) => `nats://127.0.0.1:${other.routePort}`);
    const server = watchedNatsServer(m.dir, [
      '-js',
      '-sd',
      m.dir,
      '-p',
      String(m.port),
      '-a',
      '127.0.0.1',
      '-n',
      m.name,
      '--cluster_name',
      clusterName,
      '--cluster',
      `nats://127.0.0.1:${m.routePort}`,
      '--routes',
      routes.join(','),
    ]);
    return {
      name: m.name,
      url: `nats://127.0.0.1:${m.port}`,
      port: m.port,
      get running() {
        return server.running;
      },
      stop: server.stop,
      start: server.start,
      server,
    };
  });
  const dispose = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop()));
    for (const m of members) rmSync(m.dir, { recursive: true, force: true });
  };
  const jetStreamReady = async (timeoutMs = 30_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (const node of nodes.filter((n) => n.running)) {
      for (;;) {
        const answered = await answersJetStream(node.url);
        if (answered === true) break;
        if (Date.now() > deadline) throw new Error(`JetStream of the cluster ${clusterName} does not answer through ${node.name}: ${answered}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  try {
    // Together: a member with JetStream waits for its routes before it elects a meta leader.
    await Promise.all(nodes.map((n) => n.start()));
    await jetStreamReady();
  } catch (error) {
    await dispose();
    throw error;
  }
  return { name: clusterName, urls: nodes.map((n) => n.url), nodes, jetStreamReady, dispose };
}

/** True when JetStream answers an account info request through the server at `url`, else what went wrong. */
async function answersJetStream(url: string): Promise<true | string> {
  try {
    const nc = await connect({ servers: url, timeout: 2_000, reconnect: false, ignoreClusterUpdates: true });
    try {
      await (await nc.jetstreamManager({ timeout: 2_000 })).getAccountInfo();
      return true;
    } finally {
      await nc.close();
    }
  } catch (error) {
    return (error as Error).message;
  }
}
