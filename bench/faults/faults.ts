/**
 * The fault-injection run (issue 9): one small Dukcapil system — the real identity and deeds services as
 * processes from their sources, a private PostgreSQL cluster, a private NATS server — put under a load of births
 * while one part after another fails:
 *
 * 1. NATS stopped for `natsOutageMs` while births are reported and registered;
 * 2. deeds, then identity, killed with SIGKILL mid-load and started again at once (as a supervisor would);
 * 3. PostgreSQL stopped (immediate mode, as on a power cut) for `postgresDownMs` mid-load and started again;
 * 4. poison messages (bytes that are no event; an envelope whose payload breaks the contract) published straight
 *    to the subject identity consumes for births, mid-load;
 * 5. one server of a 3-node JetStream cluster SIGKILLed mid-load (the leader of the deeds stream) and started
 *    again on its store after `natsNodeDownMs`, with the services connected to all three servers (NATS_URL a list)
 *    and every stream kept in 3 replicas (NATS_STREAM_REPLICAS=3).
 *
 * Each scenario has births of its own (different couples), and after each the whole register is checked, so a
 * later scenario also shows that nothing an earlier one left behind went missing. The first four share one system
 * on purpose: a real office's system lives through one failure after another, and starting four systems would
 * cost the smoke run most of its time budget. The fifth moves the same services and databases to a private
 * cluster, as an office moves to a clustered NATS once its events are drained: they are stopped, and started
 * again with the cluster's servers and 3 replicas (a few seconds).
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect, headers as natsHeaders } from 'nats';
import { freePort, NATS_SERVER_BINARY, startPrivateNatsCluster, startPrivateNatsServer, tokenFor, uniqueNatsPrefix, waitFor, type PrivateNatsServer } from '@adminduk/platform/testing';
import { BirthLoad, type BirthResult, type Observed } from './birth-load';
import {
  childrenPresent,
  deadLetters,
  deedsState,
  fullyReplicated,
  identityChildren,
  identityKiaHolders,
  identityState,
  reportingChildren,
  streamReplicas,
  type DeadLetter,
  type ReportingChildren,
  type StreamReplicas,
} from './checks';
import { couples, writeRegister, type Couple } from './population';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { describeMachine, renderReport, type ScenarioResult } from './report';
import { ServiceProcess, WORKSPACE } from './service-process';

export interface FaultOptions {
  /** Births per scenario (natsCluster 0: no cluster scenario). */
  readonly births: { readonly natsOutage: number; readonly sigkill: number; readonly postgresRestart: number; readonly poison: number; readonly natsCluster: number };
  readonly natsOutageMs: number;
  /** How long the killed cluster member stays down before it is started again on its store. */
  readonly natsNodeDownMs: number;
  readonly postgresDownMs: number;
  readonly concurrency: number;
  /** Where the markdown goes. */
  readonly out: string;
  /** How long the system may take to settle after a scenario's load. */
  readonly settleTimeoutMs: number;
  /** Keep the run's directory (service logs) even when every scenario passed. */
  readonly keepLogs?: boolean;
  readonly title: string;
  readonly command: string;
  /** Progress lines (stderr by default). */
  readonly log?: (line: string) => void;
}

export const FULL: Omit<FaultOptions, 'out' | 'title' | 'command'> = {
  births: { natsOutage: 2_000, sigkill: 1_000, postgresRestart: 1_000, poison: 500, natsCluster: 1_000 },
  natsOutageMs: 30_000,
  natsNodeDownMs: 10_000,
  postgresDownMs: 10_000,
  concurrency: 8,
  settleTimeoutMs: 600_000,
};

/**
 * Small enough for CI's `npm test` on two shared cores: every scenario, each fault, a few births around it. Each
 * service start from sources compiles it first (10–40 s there), which is most of the smoke run's time. The cluster
 * scenario adds about a minute there (its services start again on the cluster; measured 56 and 62 s with the two
 * cores heavily shared); natsCluster: 0 leaves it out.
 */
export const SMOKE: Omit<FaultOptions, 'out' | 'title' | 'command'> = {
  births: { natsOutage: 24, sigkill: 12, postgresRestart: 12, poison: 10, natsCluster: 12 },
  natsOutageMs: 5_000,
  natsNodeDownMs: 3_000,
  postgresDownMs: 3_000,
  concurrency: 6,
  settleTimeoutMs: 300_000,
};

export interface FaultRun {
  readonly results: ScenarioResult[];
  readonly markdown: string;
  readonly out: string;
  /** The run's directory (service logs); deleted unless a scenario failed or keepLogs. */
  readonly runDir: string;
}

interface System {
  readonly pg: PrivatePostgres;
  /** The private server of the first four scenarios. */
  readonly nats: PrivateNatsServer;
  /** The servers the services use (the private server's, or the cluster's), for the checks. */
  readonly natsServers: readonly string[];
  readonly prefix: string;
  readonly identity: ServiceProcess;
  readonly deeds: ServiceProcess;
  /** The reporting service, when the workspace has one (apps/reporting/src/main.ts). */
  readonly reporting?: ServiceProcess;
  readonly identityDb: string;
  readonly deedsDb: string;
  readonly partnerKey: string;
  readonly operatorToken: string;
  readonly registrarToken: string;
  readonly idRegistrarToken: string;
}

/** The office's date `days` before today (+08:00, WITA). */
function officeDate(daysBefore: number): string {
  return new Date(Date.now() - daysBefore * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function natsVersion(): string {
  try {
    return execFileSync(NATS_SERVER_BINARY, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'nats-server';
  }
}

async function startSystem(runDir: string, allCouples: readonly Couple[], log: (line: string) => void): Promise<System> {
  const pg = await startPrivatePostgres();
  let nats: PrivateNatsServer | undefined;
  const services: ServiceProcess[] = [];
  try {
    nats = await startPrivateNatsServer();
    const prefix = uniqueNatsPrefix('faults');
    const withReporting = existsSync(join(WORKSPACE, 'apps', 'reporting', 'src', 'main.ts'));
    const [identityDb, deedsDb, reportingDb] = await Promise.all([
      pg.createDatabase('identity'),
      pg.createDatabase('deeds'),
      withReporting ? pg.createDatabase('reporting') : Promise.resolve(undefined),
    ]);
    const jwtSecret = randomBytes(32).toString('hex');
    const partnerKey = `fault-pustu-${randomBytes(16).toString('hex')}`;
    const sha256 = (await import('node:crypto')).createHash('sha256').update(partnerKey).digest('hex');
    const common = { NATS_URL: nats.url, NATS_PREFIX: prefix, JWT_SECRET: jwtSecret, LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn' };
    const identity = new ServiceProcess('identity', await freePort(), { ...common, DATABASE_URL: identityDb }, runDir);
    const deeds = new ServiceProcess(
      'deeds',
      await freePort(),
      {
        ...common,
        DATABASE_URL: deedsDb,
        API_KEYS: JSON.stringify([{ id: 'fault-pustu-natanage', sha256, roles: ['partner'], regions: ['5316'] }]),
        // A waiting registration is tried again after 1 s (doubling, up to 15 minutes) rather than the default 30 s,
        // so that the figures show the outage, not the default first delay.
        DEEDS_IDENTITY_RETRY_MS: '1000',
      },
      runDir,
    );
    const reporting = reportingDb ? new ServiceProcess('reporting', await freePort(), { ...common, DATABASE_URL: reportingDb }, runDir) : undefined;
    services.push(identity, deeds, ...(reporting ? [reporting] : []));
    const register = join(runDir, 'register.csv');
    writeRegister(register, allCouples);
    const report = join(runDir, 'register.report.csv');
    const started = Date.now();
    await Promise.all([
      // The parents come from the register as an office's first load does: the import command, whose events
      // (resident registered, card imported) the outbox relay publishes once identity runs.
      identity.command(['migrate']).then(() => identity.command(['import', register, '--report', report])),
      deeds.command(['migrate']),
      reporting?.command(['migrate']),
    ]);
    const rejected = readFileSync(report, 'utf8').trim().split('\n').length - 1;
    if (rejected > 0) throw new Error(`the register import rejected ${rejected} rows (see ${report})`);
    log(`migrated, and imported ${allCouples.length * 2} parents on ${allCouples.length} family cards, in ${seconds(Date.now() - started)}`);
    await Promise.all([identity.start(), deeds.start(), reporting?.start()]);
    return {
      pg,
      nats,
      natsServers: [nats.url],
      prefix,
      identity,
      deeds,
      reporting,
      identityDb,
      deedsDb,
      partnerKey,
      operatorToken: await tokenFor(['operator'], ['5316'], 'fault-operator', jwtSecret),
      registrarToken: await tokenFor(['registrar'], ['5316'], 'fault-registrar', jwtSecret),
      idRegistrarToken: await tokenFor(['registrar'], ['5316'], 'fault-id-registrar', jwtSecret),
    };
  } catch (error) {
    await Promise.allSettled(services.map((svc) => svc.stop()));
    await nats?.dispose();
    await pg.dispose();
    throw error;
  }
}

async function stopSystem(s: System): Promise<void> {
  await Promise.allSettled([s.deeds.stop(), s.identity.stop(), s.reporting?.stop()]);
  await s.nats.dispose();
  await s.pg.dispose();
}

/** Runs one scenario's load with a fault at a point of it; returns the load and the results. */
async function runLoad(s: System, list: readonly Couple[], concurrency: number, runId: string, faults: ReadonlyArray<{ atFraction: number; act: (load: BirthLoad) => Promise<void> }>) {
  const load = new BirthLoad({
    deedsUrl: s.deeds.url,
    partnerKey: s.partnerKey,
    operatorToken: s.operatorToken,
    registrarToken: s.registrarToken,
    concurrency,
    runId,
    eventDate: officeDate(2),
  });
  const pending = [...faults].sort((a, b) => a.atFraction - b.atFraction);
  const acts: Promise<void>[] = [];
  const faultErrors: string[] = [];
  load.onProgress((done) => {
    while (pending.length > 0 && done >= Math.ceil((pending[0]?.atFraction ?? 0) * list.length)) {
      const fault = pending.shift() as (typeof faults)[number];
      acts.push(fault.act(load).catch((error: unknown) => void faultErrors.push(`the fault could not be injected: ${(error as Error).message}`)));
    }
  });
  const started = Date.now();
  const results = await load.run(list);
  await Promise.all(acts);
  return { load, results, loadMs: Date.now() - started, faultErrors };
}

interface Settled {
  readonly ms: number;
  readonly problems: string[];
  /** Lost: births without their child in identity; duplicates: extra rows of a child. */
  readonly lost: number;
  readonly duplicates: number;
  /** Residents under 18 in identity, and what reporting counts (when it runs). */
  readonly identityChildren: number;
  readonly identityKia: number;
  readonly reporting?: ReportingChildren;
}

const REGENCY = '5316';

/**
 * Waits until the system is quiet — every birth so far has its child in identity, nothing waits for identity,
 * both outboxes are empty — then checks the whole register. Returns the problems found (none: passed).
 */
async function settleAndCheck(s: System, soFar: readonly Couple[], timeoutMs: number, allowedDeadLetters: readonly DeadLetter[] = []): Promise<Settled> {
  const names = soFar.map((c) => c.childName);
  const started = Date.now();
  const problems: string[] = [];
  try {
    await waitFor(
      async () => {
        const [present, deeds, identity] = await Promise.all([childrenPresent(s.identityDb, names), deedsState(s.deedsDb), identityState(s.identityDb, [])]);
        const quiet = present === names.length && deeds.waitingForIdentity === 0 && deeds.unpublishedOutbox === 0 && identity.unpublishedOutbox === 0;
        if (!quiet || !s.reporting) return quiet;
        // Reporting reads the same events later than identity writes them: wait until it has caught up.
        const [children, reported] = await Promise.all([identityChildren(s.identityDb, officeDate(0)), reportingChildren(s.reporting.url, REGENCY)]);
        return reported.children === children;
      },
      'the system to settle',
      timeoutMs,
      500,
    );
  } catch (error) {
    problems.push(`did not settle within ${seconds(timeoutMs)} (${(error as Error).message.slice(0, 200)})`);
  }
  if (s.reporting && problems.length === 0) {
    // Its parts too (children with a birth deed, with a KIA): their events come through other consumers, a little later.
    const reportingUrl = s.reporting.url;
    await waitFor(
      async () => {
        const [children, kia, reported] = await Promise.all([identityChildren(s.identityDb, officeDate(0)), identityKiaHolders(s.identityDb, officeDate(0)), reportingChildren(reportingUrl, REGENCY)]);
        return reported.withBirthDeed === children && (reported.withKia === null || reported.withKia === kia);
      },
      "reporting's parts to agree",
      30_000,
      500,
    ).catch(() => undefined);
  }
  const ms = Date.now() - started;
  const [identity, deeds, letters, children, kiaHolders, reporting] = await Promise.all([
    identityState(s.identityDb, names),
    deedsState(s.deedsDb),
    deadLetters(s.natsServers, s.prefix),
    identityChildren(s.identityDb, officeDate(0)),
    identityKiaHolders(s.identityDb, officeDate(0)),
    s.reporting ? reportingChildren(s.reporting.url, REGENCY).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  if (s.reporting && !reporting) problems.push('reporting did not answer GET /indicators');
  if (reporting && reporting.children !== children) problems.push(`reporting counts ${reporting.children} residents aged 0–17, identity holds ${children}`);
  // Every child here was born with a deed (parents are adults): all of them count as with a birth deed.
  if (reporting && reporting.withBirthDeed !== children) problems.push(`reporting counts ${reporting.withBirthDeed} children with a birth deed, identity holds ${children} children, each with a deed`);
  if (reporting && reporting.withKia !== null && reporting.withKia !== kiaHolders) problems.push(`reporting counts ${reporting.withKia} children with a KIA, identity printed ${kiaHolders}`);
  const n = soFar.length;
  if (identity.childrenFound !== n) problems.push(`${n - identity.childrenFound} of ${n} children missing in identity (lost)`);
  if (identity.duplicateRows !== 0) problems.push(`${identity.duplicateRows} duplicate children in identity`);
  if (identity.birthDeedsApplied !== n) problems.push(`identity applied ${identity.birthDeedsApplied} birth deeds, not ${n}`);
  if (identity.birthDeedsInReview !== 0) problems.push(`${identity.birthDeedsInReview} birth deeds left for review`);
  if (identity.childrenOnCard !== identity.childrenFound + identity.duplicateRows) problems.push(`${identity.childrenFound + identity.duplicateRows - identity.childrenOnCard} children on no family card`);
  if (deeds.birthCases !== n) problems.push(`deeds holds ${deeds.birthCases} birth cases, not ${n}`);
  if (deeds.registered !== n) problems.push(`${n - deeds.registered} births not registered in deeds`);
  if (deeds.duplicateReports !== 0) problems.push(`${deeds.duplicateReports} reports made a duplicate notification`);
  if (deeds.unpublishedOutbox !== 0 || identity.unpublishedOutbox !== 0) problems.push(`outbox not drained (deeds ${deeds.unpublishedOutbox}, identity ${identity.unpublishedOutbox})`);
  const unexpected = letters.filter((l) => !allowedDeadLetters.some((a) => a.stream === l.stream && a.data === l.data && a.reason === l.reason));
  if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected dead letters (${unexpected.map((l) => `${l.subject}: ${l.reason}`).join(', ').slice(0, 300)})`);
  return { ms, problems, lost: n - identity.childrenFound, duplicates: identity.duplicateRows, identityChildren: children, identityKia: kiaHolders, reporting };
}

/** How long to wait for the system to settle: not long when the load stopped early, broken (the checks will say what is missing). */
function settleBudget(results: readonly BirthResult[], planned: number, timeoutMs: number): number {
  return results.length < planned ? Math.min(timeoutMs, 30_000) : timeoutMs;
}

/** The figures every scenario ends with: how long the system took to settle, what was lost or doubled, whether reporting agrees. */
function settledFigures(settled: Settled): Array<[string, string | number]> {
  return [['settled after the load', seconds(settled.ms)], ['lost', settled.lost], ['duplicates', settled.duplicates], ...agreement(settled)];
}

/** The "reporting agrees" figure of a scenario. */
function agreement(settled: Settled): Array<[string, string]> {
  if (!settled.reporting) return [['reporting', 'not running']];
  const r = settled.reporting;
  return [
    ['children 0–17, identity / reporting', `${settled.identityChildren} / ${r.children}`],
    ['with a birth deed', `${settled.identityChildren} / ${r.withBirthDeed}`],
    ['with a KIA', `${settled.identityKia} / ${r.withKia}`],
  ];
}

function loadProblems(results: readonly BirthResult[], load: BirthLoad, planned: number): string[] {
  const failed = results.filter((r) => r.outcome === 'FAILED');
  return [
    ...(failed.length > 0 ? [`${failed.length} births could not be driven through (${load.unexpected.slice(0, 3).join(' / ')})`] : []),
    ...(results.length < planned ? [`${planned - results.length} births not attempted after repeated failures`] : []),
  ];
}

/** The time from `since` until `probe` holds (polled every 250 ms). */
async function timeUntil(probe: () => Promise<boolean>, since: number, timeoutMs: number): Promise<number | undefined> {
  try {
    await waitFor(async () => (await probe().catch(() => false)) || undefined, 'recovery', timeoutMs, 250);
    return Date.now() - since;
  } catch {
    return undefined;
  }
}

export const NATS_CLUSTER_SCENARIO = 'NATS node killed in a 3-node cluster';
const CLUSTER_REPLICAS = 3;

/** How many lines of the service's log (every start of it in the run) say `what`. */
function linesLogged(svc: ServiceProcess, what: string): number {
  try {
    return readFileSync(svc.logFile, 'utf8').split('\n').filter((line) => line.includes(what)).length;
  } catch {
    return 0;
  }
}

/** What the services logged about NATS since `before`: client reconnects, and publishes the outbox relay had to retry. */
function natsLogFigures(services: readonly ServiceProcess[], before: ReadonlyArray<readonly [number, number]>): Array<[string, string]> {
  const since = (i: number, which: 0 | 1, what: string) => linesLogged(services[i] as ServiceProcess, what) - (before[i]?.[which] ?? 0);
  return [
    ['NATS reconnects logged', services.map((svc, i) => `${svc.service} ${since(i, 0, 'NATS reconnect')}`).join(', ')],
    ['outbox relay pauses logged', services.map((svc, i) => `${svc.service} ${since(i, 1, 'outbox relay paused')}`).join(', ')],
  ];
}

/**
 * Scenario 5: the services and their databases move to a private 3-node JetStream cluster (NATS_URL the three
 * servers, NATS_STREAM_REPLICAS=3); under the birth load the server leading the deeds stream is SIGKILLed and, after
 * `natsNodeDownMs`, started again on its store. Then the usual checks, and every stream of the run in 3 replicas, the
 * leader's and both others current.
 */
async function natsClusterScenario(s: System, list: readonly Couple[], soFar: Couple[], options: FaultOptions, runId: string, log: (line: string) => void): Promise<ScenarioResult> {
  const started = Date.now();
  const loadLabel = `${list.length} births, ${options.concurrency} at a time`;
  const fault = `the services on a 3-node JetStream cluster (NATS_URL the three servers, NATS_STREAM_REPLICAS=${CLUSTER_REPLICAS}); the server leading the deeds stream SIGKILLed after ${Math.ceil(0.4 * list.length)} births, started again on its store ${seconds(options.natsNodeDownMs)} later`;
  const failed = (problem: string): ScenarioResult => ({ scenario: NATS_CLUSTER_SCENARIO, load: loadLabel, fault, passed: false, problems: [problem], figures: [], durationMs: Date.now() - started });
  let cluster: Awaited<ReturnType<typeof startPrivateNatsCluster>>;
  try {
    cluster = await startPrivateNatsCluster({ name: 'adminduk-faults' });
  } catch (error) {
    return failed(`the cluster did not start: ${(error as Error).message.slice(0, 300)}`);
  }
  const env = { NATS_URL: cluster.urls.join(','), NATS_STREAM_REPLICAS: String(CLUSTER_REPLICAS) };
  const c: System = { ...s, natsServers: cluster.urls, identity: s.identity.withEnv(env), deeds: s.deeds.withEnv(env), reporting: s.reporting?.withEnv(env) };
  const services = [c.identity, c.deeds, ...(c.reporting ? [c.reporting] : [])];
  const streamPrefix = `${s.prefix.toUpperCase().replace(/-/g, '_')}_`;
  const deedsStream = `${streamPrefix}DEEDS`;
  const replicated = (streams: readonly StreamReplicas[]) =>
    [deedsStream, `${streamPrefix}IDENTITY`].every((name) => streams.some((x) => x.stream === name)) && streams.every((x) => fullyReplicated(x, CLUSTER_REPLICAS));
  try {
    // Moved as an office moves to a clustered NATS: the events drained (the last scenario settled), the services
    // stopped and started again with the cluster's servers. They create their streams on it, in 3 replicas.
    const moveStarted = Date.now();
    await Promise.all([s.deeds.stop(), s.identity.stop(), s.reporting?.stop()]);
    await Promise.all(services.map((svc) => svc.start()));
    await waitFor(async () => replicated(await streamReplicas(cluster.urls, s.prefix)), `the streams on the cluster in ${CLUSTER_REPLICAS} replicas`, 120_000, 250);
    const moveMs = Date.now() - moveStarted;
    log(`nats-cluster: services on the cluster, streams in ${CLUSTER_REPLICAS} replicas, after ${seconds(moveMs)}`);

    let killed: string | undefined;
    let downAt = 0;
    let upAt = 0;
    let newLeaderMs: number | undefined;
    let currentMs: number | undefined;
    const loggedBefore = services.map((svc) => [linesLogged(svc, 'NATS reconnect'), linesLogged(svc, 'outbox relay paused')] as const);
    const { load, results: births, loadMs, faultErrors } = await runLoad(c, list, options.concurrency, `${runId}-cluster`, [
      {
        atFraction: 0.4,
        act: async () => {
          const leader = (await streamReplicas(cluster.urls, s.prefix)).find((x) => x.stream === deedsStream)?.leader;
          const node = cluster.nodes.find((n) => n.name === leader) ?? (cluster.nodes[0] as (typeof cluster.nodes)[number]);
          killed = node.name === leader ? `${node.name}, the deeds stream's leader` : node.name;
          log(`nats-cluster: SIGKILL ${killed}`);
          await node.stop({ kill: true });
          downAt = Date.now();
          // Asked of the two others, each question given 1 s: how long the deeds stream has no leader.
          const nc = await connect({ servers: cluster.nodes.filter((n) => n !== node).map((n) => n.url) });
          try {
            const jsm = await nc.jetstreamManager({ timeout: 1_000, checkAPI: false });
            newLeaderMs = await timeUntil(
              async () => {
                const now = (await jsm.streams.info(deedsStream)).cluster?.leader;
                return now !== undefined && now !== node.name;
              },
              downAt,
              60_000,
            );
          } finally {
            await nc.close();
          }
          const rest = downAt + options.natsNodeDownMs - Date.now();
          if (rest > 0) await new Promise((r) => setTimeout(r, rest));
          await node.start();
          upAt = Date.now();
          log(`nats-cluster: ${node.name} started again on its store`);
          currentMs = await timeUntil(async () => replicated(await streamReplicas(cluster.urls, s.prefix)), upAt, options.settleTimeoutMs);
        },
      },
    ]);
    soFar.push(...list);
    const settled = await settleAndCheck(c, soFar, settleBudget(births, list.length, options.settleTimeoutMs));
    const streams = await streamReplicas(cluster.urls, s.prefix).catch(() => [] as StreamReplicas[]);
    const short = (name: string) => name.slice(streamPrefix.length);
    const lagging = streams.filter((x) => !fullyReplicated(x, CLUSTER_REPLICAS));
    const problems = [...faultErrors, ...loadProblems(births, load, list.length), ...settled.problems];
    if (killed === undefined) problems.push('no server was killed');
    if (newLeaderMs === undefined) problems.push('the deeds stream found no other leader while its server was down');
    if (upAt > 0 && currentMs === undefined) problems.push('the replicas were never all current again after the restart');
    for (const name of [deedsStream, `${streamPrefix}IDENTITY`]) if (!streams.some((x) => x.stream === name)) problems.push(`no stream ${short(name)} on the cluster`);
    for (const x of lagging) {
      problems.push(`stream ${short(x.stream)}: ${x.replicas} replicas, leader ${x.leader ?? 'none'}, ${x.peers.filter((p) => p.current).length} of ${x.peers.length} others current`);
    }
    const during = births.filter((r) => r.at >= downAt && r.at <= upAt);
    return {
      scenario: NATS_CLUSTER_SCENARIO,
      load: loadLabel,
      fault,
      passed: problems.length === 0,
      problems,
      figures: [
        ['services moved to the cluster, streams in 3 replicas, after', seconds(moveMs)],
        ['server killed', killed ?? 'none'],
        ['deeds stream led by another server after', seconds(newLeaderMs ?? NaN)],
        ['births done while the server was down', during.length],
        ['HTTP failures while the server was down', load.failures.filter((f) => f.at >= downAt && f.at <= upAt).length],
        ['registrations that waited for identity (202)', births.filter((r) => r.outcome === 'WAITING_FOR_IDENTITY').length],
        ...natsLogFigures(services, loggedBefore),
        ['every replica current again after the restart', seconds(currentMs ?? NaN)],
        ['streams in 3 replicas, all current', `${streams.length - lagging.length} of ${streams.length} (${streams.map((x) => short(x.stream)).join(', ')})`],
        ['load', `${seconds(loadMs)} (${load.requests} requests)`],
        ...settledFigures(settled),
      ],
      durationMs: Date.now() - started,
    };
  } catch (error) {
    return failed(`the scenario broke off: ${(error as Error).message.slice(0, 300)}`);
  } finally {
    await Promise.allSettled(services.map((svc) => svc.stop()));
    await cluster.dispose();
  }
}

export async function runFaults(options: FaultOptions): Promise<FaultRun> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runDir = mkdtempSync(join(tmpdir(), 'adminduk-faults-'));
  const b = options.births;
  const all = couples(1, b.natsOutage + b.sigkill + b.postgresRestart + b.poison + b.natsCluster);
  let taken = 0;
  const take = (n: number) => all.slice(taken, (taken += n));
  const slices = {
    natsOutage: take(b.natsOutage),
    sigkill: take(b.sigkill),
    postgresRestart: take(b.postgresRestart),
    poison: take(b.poison),
    natsCluster: take(b.natsCluster),
  };
  const runId = randomBytes(4).toString('hex');
  const results: ScenarioResult[] = [];
  log(`fault run ${runId}: logs in ${runDir}`);
  const s = await startSystem(runDir, all, log);
  const machine = describeMachine(await s.pg.version(), natsVersion());
  const soFar: Couple[] = [];
  const loadLabel = (n: number) => `${n} births, ${options.concurrency} at a time`;
  try {
    // 1. NATS stopped for natsOutageMs mid-load.
    {
      const list = slices.natsOutage;
      const started = Date.now();
      let downAt = 0;
      let upAt = 0;
      let backlog: Promise<number | undefined> = Promise.resolve(undefined);
      let acceptedBeforeUp: string[] = [];
      const { load, results: births, loadMs, faultErrors } = await runLoad(s, list, options.concurrency, `${runId}-nats`, [
        {
          atFraction: 0.2,
          act: async (load) => {
            log(`nats-outage: stopping NATS for ${seconds(options.natsOutageMs)}`);
            await s.nats.stop();
            downAt = Date.now();
            await new Promise((r) => setTimeout(r, options.natsOutageMs));
            acceptedBeforeUp = [];
            await s.nats.start();
            upAt = Date.now();
            log('nats-outage: NATS is back');
            // The births the office had registered (or queued) by the time NATS came back: how long until identity has them all.
            acceptedBeforeUp = load.results.filter((r) => r.outcome !== 'FAILED').map((r) => r.couple.childName);
            backlog = timeUntil(async () => (await childrenPresent(s.identityDb, acceptedBeforeUp)) === acceptedBeforeUp.length, upAt, options.settleTimeoutMs);
          },
        },
      ]);
      soFar.push(...list);
      const settled = await settleAndCheck(s, soFar, settleBudget(births, list.length, options.settleTimeoutMs));
      const backlogMs = await backlog;
      const during = births.filter((r) => r.at >= downAt && r.at <= upAt);
      const failuresDuring = load.failures.filter((f) => f.at >= downAt && f.at <= upAt);
      const problems = [...faultErrors, ...loadProblems(births, load, list.length), ...settled.problems];
      if (backlogMs === undefined) problems.push('the births of the outage never all reached identity');
      results.push({
        scenario: 'NATS stopped mid-load',
        load: loadLabel(list.length),
        fault: `nats-server stopped for ${seconds(options.natsOutageMs)} after ${Math.ceil(0.2 * list.length)} births, then started on the same port and store`,
        passed: problems.length === 0,
        problems,
        figures: [
          ['births done while NATS was down', during.length],
          ['registrations that waited for identity (202)', births.filter((r) => r.outcome === 'WAITING_FOR_IDENTITY').length],
          ['HTTP failures while NATS was down', failuresDuring.length],
          ['births accepted before NATS came back', acceptedBeforeUp.length],
          ['all of them in identity after NATS came back', backlogMs === undefined ? 'never' : seconds(backlogMs)],
          ['load', `${seconds(loadMs)} (${((list.length / loadMs) * 1000).toFixed(1)} births/s, ${load.requests} requests)`],
          ...settledFigures(settled),
        ],
        durationMs: Date.now() - started,
      });
      log(`nats-outage: ${results.at(-1)?.passed ? 'passed' : 'FAILED'}`);
    }

    // 2. deeds, then identity, killed with SIGKILL mid-load and restarted.
    {
      const list = slices.sigkill;
      const started = Date.now();
      const restarts: Record<string, number> = {};
      const killAndRestart = (svc: ServiceProcess) => async () => {
        log(`sigkill: killing ${svc.service}`);
        const t = Date.now();
        await svc.kill();
        await svc.start();
        restarts[svc.service] = Date.now() - t;
        log(`sigkill: ${svc.service} answers again after ${seconds(restarts[svc.service] ?? 0)}`);
      };
      const { load, results: births, loadMs, faultErrors } = await runLoad(s, list, options.concurrency, `${runId}-kill`, [
        { atFraction: 0.3, act: killAndRestart(s.deeds) },
        { atFraction: 0.6, act: killAndRestart(s.identity) },
      ]);
      soFar.push(...list);
      const settled = await settleAndCheck(s, soFar, settleBudget(births, list.length, options.settleTimeoutMs));
      const problems = [...faultErrors, ...loadProblems(births, load, list.length), ...settled.problems];
      results.push({
        scenario: 'service killed (SIGKILL) mid-load',
        load: loadLabel(list.length),
        fault: `deeds SIGKILLed after ${Math.ceil(0.3 * list.length)} births, identity after ${Math.ceil(0.6 * list.length)}; each started again at once`,
        passed: problems.length === 0,
        problems,
        figures: [
          ['deeds answering again after', seconds(restarts.deeds ?? NaN)],
          ['identity answering again after', seconds(restarts.identity ?? NaN)],
          ['requests cut or refused (retried by the client)', load.statuses.get('network') ?? 0],
          ['steps refused as already done after a lost answer', load.refusalsAfterRetry],
          ['registrations that waited for identity (202)', births.filter((r) => r.outcome === 'WAITING_FOR_IDENTITY').length],
          ['load', `${seconds(loadMs)} (${load.requests} requests)`],
          ...settledFigures(settled),
        ],
        durationMs: Date.now() - started,
      });
      log(`sigkill: ${results.at(-1)?.passed ? 'passed' : 'FAILED'}`);
    }

    // 3. PostgreSQL stopped (immediate) mid-load for postgresDownMs, then started.
    {
      const list = slices.postgresRestart;
      const started = Date.now();
      const probes: Array<Observed & { service: string }> = [];
      let downAt = 0;
      let upAt = 0;
      const firstSuccess: Record<string, number> = {};
      const probe = async (svc: ServiceProcess, path: string, token: string) => {
        try {
          const res = await fetch(`${svc.url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
          const body = (await res.json().catch(() => ({}))) as { code?: string };
          probes.push({ service: svc.service, at: Date.now(), status: res.status, contentType: res.headers.get('content-type') ?? '', code: body.code });
          return res.status === 200;
        } catch {
          probes.push({ service: svc.service, at: Date.now(), status: 0, contentType: '' });
          return false;
        }
      };
      const sample = list[0] as Couple;
      const deedsProbe = () => probe(s.deeds, '/deeds?status=NOTIFIED', s.operatorToken);
      const identityProbe = () => probe(s.identity, `/residents?kkNumber=${sample.kkNumber}`, s.idRegistrarToken);
      const { load, results: births, loadMs, faultErrors } = await runLoad(s, list, options.concurrency, `${runId}-pg`, [
        {
          atFraction: 0.3,
          act: async () => {
            log(`postgres-restart: stopping PostgreSQL (immediate) for ${seconds(options.postgresDownMs)}`);
            await s.pg.stop('immediate');
            downAt = Date.now();
            const until = downAt + options.postgresDownMs;
            while (Date.now() < until) {
              await Promise.all([deedsProbe(), identityProbe()]);
              await new Promise((r) => setTimeout(r, 250));
            }
            await s.pg.start();
            upAt = Date.now();
            log('postgres-restart: PostgreSQL is back');
            await Promise.all(
              [
                ['deeds', deedsProbe],
                ['identity', identityProbe],
              ].map(async ([name, p]) => {
                const ms = await timeUntil(p as () => Promise<boolean>, upAt, 120_000);
                if (ms !== undefined) firstSuccess[name as string] = ms;
              }),
            );
          },
        },
      ]);
      soFar.push(...list);
      const settled = await settleAndCheck(s, soFar, settleBudget(births, list.length, options.settleTimeoutMs));
      const during = probes.filter((p) => p.at >= downAt && p.at <= upAt);
      const clean = (o: Observed) => o.status === 503 && o.contentType.startsWith('application/problem+json') && o.code === 'DATABASE_UNAVAILABLE';
      const unclean = [...during, ...load.failures.filter((f) => f.at >= downAt)].filter((o) => o.status >= 500 || o.status === 0).filter((o) => !clean(o));
      const loadFailuresDuring = load.failures.filter((f) => f.at >= downAt && f.at <= upAt + 30_000);
      const problems = [...faultErrors, ...loadProblems(births, load, list.length), ...settled.problems];
      if (during.length === 0) problems.push('no request was made while PostgreSQL was down');
      if (during.some((p) => p.status === 200)) problems.push(`${during.filter((p) => p.status === 200).length} answers of 200 while PostgreSQL was down`);
      if (unclean.length > 0) problems.push(`${unclean.length} failures were not a 503 problem+json DATABASE_UNAVAILABLE (${[...new Set(unclean.map((o) => `${o.status} ${o.contentType.split(';')[0]} ${o.code ?? ''}`))].join(', ')})`);
      for (const name of ['deeds', 'identity']) if (firstSuccess[name] === undefined) problems.push(`${name} never answered 200 again`);
      results.push({
        scenario: 'PostgreSQL restarted mid-load',
        load: loadLabel(list.length),
        fault: `PostgreSQL stopped (immediate mode) for ${seconds(options.postgresDownMs)} after ${Math.ceil(0.3 * list.length)} births, then started`,
        passed: problems.length === 0,
        problems,
        figures: [
          ['probe answers while down', `${during.length}, of which 503 problem+json DATABASE_UNAVAILABLE ${during.filter(clean).length}`],
          ['load requests answered 503 around the outage (retried)', loadFailuresDuring.filter(clean).length],
          ['other failures (500, cut connections, not problem+json)', unclean.length],
          ['first 200 after PostgreSQL came back', `deeds ${seconds(firstSuccess.deeds ?? NaN)}, identity ${seconds(firstSuccess.identity ?? NaN)}`],
          ['load', `${seconds(loadMs)} (${load.requests} requests)`],
          ...settledFigures(settled),
        ],
        durationMs: Date.now() - started,
      });
      log(`postgres-restart: ${results.at(-1)?.passed ? 'passed' : 'FAILED'}`);
    }

    // 4. Poison messages on the subject identity consumes for births.
    {
      const list = slices.poison;
      const started = Date.now();
      const subject = `${s.prefix}.deeds.birth.registered.v1`;
      const poison = [
        { data: 'this is not an event {', reason: 'MALFORMED_MESSAGE' },
        {
          data: JSON.stringify({ id: '0190b5b2-0000-7000-8000-000000000001', subject: 'deeds.birth.registered.v1', occurredAt: new Date().toISOString(), producer: 'deeds', payload: { deedId: 'not-a-uuid' } }),
          reason: 'INVALID_PAYLOAD',
        },
      ];
      let poisonedAt = 0;
      let afterPoison: string[] = [];
      const { load, results: births, loadMs, faultErrors } = await runLoad(s, list, options.concurrency, `${runId}-poison`, [
        {
          atFraction: 0.1,
          act: async () => {
            const nc = await connect({ servers: s.nats.url });
            try {
              const js = nc.jetstream();
              for (const p of poison) {
                const h = natsHeaders();
                h.set('x-request-id', `fault-poison-${runId}`);
                await js.publish(subject, new TextEncoder().encode(p.data), { headers: h });
              }
            } finally {
              await nc.close();
            }
            poisonedAt = Date.now();
            log(`poison: ${poison.length} poison messages published to ${subject}`);
          },
        },
      ]);
      afterPoison = births.filter((r) => r.at > poisonedAt).map((r) => r.couple.childName);
      soFar.push(...list);
      const expected: DeadLetter[] = poison.map((p) => ({ stream: `${s.prefix.toUpperCase().replace(/-/g, '_')}_DEADLETTER_IDENTITY`, subject: '', data: p.data.slice(0, 200), reason: p.reason }));
      const settled = await settleAndCheck(s, soFar, settleBudget(births, list.length, options.settleTimeoutMs), expected);
      const letters = await deadLetters(s.natsServers, s.prefix);
      const problems = [...faultErrors, ...loadProblems(births, load, list.length), ...settled.problems];
      for (const p of poison) {
        const found = letters.filter((l) => l.data === p.data.slice(0, 200));
        if (found.length !== 1) problems.push(`poison message (${p.reason}) is ${found.length} times in the dead letters, not once`);
        else if (found[0]?.reason !== p.reason || found[0]?.consumer !== 'identity-deeds-birth-registered') problems.push(`poison message dead-lettered with reason ${found[0]?.reason} by ${found[0]?.consumer}`);
      }
      const afterFound = await childrenPresent(s.identityDb, afterPoison);
      if (afterFound !== afterPoison.length) problems.push(`${afterPoison.length - afterFound} births after the poison not in identity`);
      results.push({
        scenario: 'poison messages',
        load: loadLabel(list.length),
        fault: `after ${Math.ceil(0.1 * list.length)} births: bytes that are no event, and an event whose payload breaks the contract, published to ${'`deeds.birth.registered.v1`'}`,
        passed: problems.length === 0,
        problems,
        figures: [
          ['dead letters', letters.map((l) => `${l.reason} (${l.consumer})`).join(', ') || 'none'],
          ['births registered after the poison, all in identity', `${afterFound} of ${afterPoison.length}`],
          ['load', `${seconds(loadMs)} (${load.requests} requests)`],
          ...settledFigures(settled),
        ],
        durationMs: Date.now() - started,
      });
      log(`poison: ${results.at(-1)?.passed ? 'passed' : 'FAILED'}`);
    }

    // 5. One member of a 3-node JetStream cluster SIGKILLed mid-load, then started again on its store.
    if (slices.natsCluster.length > 0) {
      results.push(await natsClusterScenario(s, slices.natsCluster, soFar, options, runId, log));
      log(`nats-cluster: ${results.at(-1)?.passed ? 'passed' : 'FAILED'}`);
    }
  } finally {
    await stopSystem(s);
  }

  const markdown = renderReport(options.title, machine, results, options.command, [s.identity, s.deeds, s.reporting].filter((x) => x !== undefined).map((x) => x.service), [
    'a private server',
    ...(results.some((r) => r.scenario === NATS_CLUSTER_SCENARIO) ? ['a private 3-node JetStream cluster for the last scenario'] : []),
  ]);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, markdown);
  const failed = results.some((r) => !r.passed);
  if (!failed && !options.keepLogs) rmSync(runDir, { recursive: true, force: true });
  return { results, markdown, out: options.out, runDir };
}
