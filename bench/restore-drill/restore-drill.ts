/**
 * The backup-and-restore drill (issue 16, item 5b): proves, on one machine, the procedure docs/operations.md gives
 * an operator for losing the database server.
 *
 * 1. A small Dukcapil system — the real identity, deeds and reporting services as processes from their sources, a
 *    private PostgreSQL cluster with WAL archiving on, a private NATS server — takes in a register and a load of
 *    births (the fault suite's modules: bench/faults/).
 * 2. While the births run, `pg_basebackup` copies the whole cluster.
 * 3. After more births, with the load paused and the system settled, the figures of every service database are
 *    taken (row counts and content checksums of every table) and a named restore point is created; the figures
 *    are taken again right after, and the two must be equal, so that they describe exactly the restore point.
 * 4. More births follow (they must not come back), then a WAL switch puts the restore point into the archive.
 * 5. The source is lost: its services stop, its cluster is deleted. A new cluster is made from the base backup and
 *    the archive, recovered to the restore point and promoted.
 * 6. Its figures must equal the source's at the restore point, table for table; the births after the point must be
 *    absent. The outboxes are relayed again onto fresh streams (NATS is not the system of record: the streams still
 *    hold events of the lost births), the services start on the restored cluster and answer /health/ready, the
 *    redelivered events change nothing (the consumers' inboxes drop them), and a new birth goes through end to end.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { freePort, NATS_SERVER_BINARY, startPrivateNatsServer, tokenFor, uniqueNatsPrefix, waitFor, type PrivateNatsServer } from '@adminduk/platform/testing';
import { BirthLoad, type BirthResult } from '../faults/birth-load';
import { childrenPresent, deedsState, identityChildren, reportingChildren } from '../faults/checks';
import { couples, writeRegister, type Couple } from '../faults/population';
import { startPrivatePostgres, type PrivatePostgres } from '../faults/private-postgres';
import { describeMachine, type Machine } from '../faults/report';
import { ServiceProcess } from '../faults/service-process';
import { masked } from './report';
import { compareFigures, sameFigures, systemFigures, type SystemFigures, type TableComparison } from './figures';
import {
  archivedSegments,
  baseBackup,
  createRestorePoint,
  enableArchiving,
  makeDrillDirectory,
  removeDrillDirectory,
  restoreToPoint,
  sizeOf,
  sql,
  switchAndWaitArchived,
  type DrillDirectory,
  type RestoredCluster,
} from './wal-archive';

export interface DrillOptions {
  readonly births: {
    /** Births of the first load, during which the base backup is taken (at half of them). */
    readonly beforeBackup: number;
    /** Births after the base backup and before the restore point: they come back from the WAL archive. */
    readonly beforeTarget: number;
    /** Births after the restore point: they must not come back. */
    readonly afterTarget: number;
  };
  readonly concurrency: number;
  /** Run the reporting service too (its read models restored and checked like the others). */
  readonly withReporting: boolean;
  /** How long the system may take to settle (every birth in identity, outboxes drained, reporting caught up). */
  readonly settleTimeoutMs: number;
  /** Keep the logs (services, restored PostgreSQL) even when every check passed. */
  readonly keepLogs?: boolean;
  readonly log?: (line: string) => void;
}

export const FULL: DrillOptions = { births: { beforeBackup: 400, beforeTarget: 200, afterTarget: 100 }, concurrency: 8, withReporting: true, settleTimeoutMs: 600_000 };

/** Small enough for CI on two shared cores: most of its time is the services compiling their sources at start. */
export const SMOKE: DrillOptions = { births: { beforeBackup: 10, beforeTarget: 6, afterTarget: 4 }, concurrency: 6, withReporting: true, settleTimeoutMs: 120_000 };

export interface DrillFigures {
  readonly births: DrillOptions['births'];
  readonly baseBackupBytes: number;
  readonly baseBackupMs: number;
  /** WAL segments in the archive once it held the restore point. */
  readonly walSegmentsArchived: number;
  readonly walArchiveBytes: number;
  /** Attempts until the figures before and after the restore point were equal (1: the first). */
  readonly restorePointAttempts: number;
  readonly copyMs: number;
  readonly recoveryMs: number;
  readonly timeline: number;
  /** From starting the services on the restored cluster until every one answered /health/ready. */
  readonly servicesReadyMs?: number;
  /** Events relayed again from the restored outboxes onto fresh streams, and how long until all were consumed. */
  readonly republished?: number;
  readonly republishedSettledMs?: number;
  /** Messages the consumers were handed from the fresh streams (each consumer counts its own). */
  readonly redeliveries?: number;
  /** From the new birth's report until its child was in identity. */
  readonly newBirthMs?: number;
}

export interface DrillResult {
  readonly passed: boolean;
  /** Every check that failed, in words. */
  readonly problems: readonly string[];
  /** What an operator checks, one by one (true: held). */
  readonly checks: {
    readonly countsEqual: boolean;
    readonly checksumsEqual: boolean;
    readonly postTargetAbsent: boolean;
    readonly servicesReady: boolean;
    readonly redeliveryChangedNothing: boolean;
    readonly newBirthWorks: boolean;
  };
  readonly figures: Partial<DrillFigures>;
  readonly comparison: readonly TableComparison[];
  readonly services: readonly string[];
  /** Births driven at once. */
  readonly concurrency: number;
  readonly machine?: Machine;
  /** The 1-minute load average at the start and at the end: the machine's other work shows in the figures. */
  readonly load: { readonly start: number; readonly end: number };
  /** The drill's working directory (archive, base backup, restored cluster): gone once the drill returns. */
  readonly workDir: string;
  /** Where the logs were kept (a check failed, or keepLogs). */
  readonly logsKept?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The office's date `days` before today (+08:00, WITA). */
function officeDate(daysBefore: number): string {
  return new Date(Date.now() - daysBefore * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function natsVersion(): string {
  try {
    return execFileSync(NATS_SERVER_BINARY, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'nats-server';
  }
}

interface Secrets {
  readonly jwtSecret: string;
  readonly partnerKey: string;
  readonly operatorToken: string;
  readonly registrarToken: string;
}

/** The services' environment: as in production, each on its own database. */
function makeServices(names: readonly string[], urlOf: (db: string) => string, natsUrl: string, prefix: string, secrets: Secrets, logDir: string, ports: Readonly<Record<string, number>>): ServiceProcess[] {
  const sha256 = createHash('sha256').update(secrets.partnerKey).digest('hex');
  return names.map((service) => {
    const env: Record<string, string> = { NATS_URL: natsUrl, NATS_PREFIX: prefix, JWT_SECRET: secrets.jwtSecret, LOG_LEVEL: process.env.DRILL_LOG_LEVEL ?? 'warn', DATABASE_URL: urlOf(service) };
    if (service === 'deeds') {
      env.API_KEYS = JSON.stringify([{ id: 'drill-pustu-natanage', sha256, roles: ['partner'], regions: ['5316'] }]);
      env.DEEDS_IDENTITY_RETRY_MS = '1000';
    }
    return new ServiceProcess(service, ports[service] ?? 0, env, logDir);
  });
}

function birthLoad(deeds: ServiceProcess, secrets: Secrets, concurrency: number, runId: string): BirthLoad {
  return new BirthLoad({
    deedsUrl: deeds.url,
    partnerKey: secrets.partnerKey,
    operatorToken: secrets.operatorToken,
    registrarToken: secrets.registrarToken,
    concurrency,
    runId,
    eventDate: officeDate(2),
  });
}

function loadProblems(label: string, results: readonly BirthResult[], load: BirthLoad, planned: number): string[] {
  const failed = results.filter((r) => r.outcome === 'FAILED').length;
  return [
    ...(failed > 0 ? [`${label}: ${failed} births could not be driven through (${masked(load.unexpected.slice(0, 2).join(' / ')).slice(0, 300)})`] : []),
    ...(results.length < planned ? [`${label}: ${planned - results.length} births not attempted after repeated failures`] : []),
  ];
}

/** Unpublished outbox rows per database. */
async function unpublished(urls: Readonly<Record<string, string>>): Promise<number> {
  const counts = await Promise.all(Object.values(urls).map((url) => sql<{ n: string }>(url, 'select count(*) as n from outbox_event where published_at is null')));
  return counts.reduce((sum, [row]) => sum + Number(row?.n ?? 0), 0);
}

/**
 * What the durable consumers of `prefix`'s streams have not yet taken and acknowledged (a stream holding messages
 * but no consumer yet counts them all), and how many messages they were handed in all.
 */
async function consumersBehind(natsUrl: string, prefix: string): Promise<{ behind: number; delivered: number }> {
  const streamPrefix = `${prefix.toUpperCase().replace(/-/g, '_')}_`;
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    let behind = 0;
    let delivered = 0;
    for await (const stream of jsm.streams.list()) {
      if (!stream.config.name.startsWith(streamPrefix) || stream.state.messages === 0) continue;
      let consumers = 0;
      for await (const consumer of jsm.consumers.list(stream.config.name)) {
        consumers += 1;
        behind += consumer.num_pending + consumer.num_ack_pending;
        delivered += consumer.delivered.consumer_seq;
      }
      if (consumers === 0) behind += stream.state.messages;
    }
    return { behind, delivered };
  } finally {
    await nc.close();
  }
}

/** Quiet: every birth so far has its child in identity, nothing waits for identity, no outbox holds an event, reporting has counted every child. */
async function quiet(urls: Readonly<Record<string, string>>, names: readonly string[], reporting: ServiceProcess | undefined): Promise<boolean> {
  const identityUrl = urls.identity as string;
  const deedsUrl = urls.deeds as string;
  const [present, deeds, waiting] = await Promise.all([childrenPresent(identityUrl, names), deedsState(deedsUrl), unpublished(urls)]);
  if (present !== names.length || deeds.waitingForIdentity !== 0 || waiting !== 0) return false;
  if (!reporting) return true;
  const [children, reported] = await Promise.all([identityChildren(identityUrl, officeDate(0)), reportingChildren(reporting.url, '5316')]);
  return reported.children === children && reported.withBirthDeed === children;
}

export async function runRestoreDrill(options: DrillOptions): Promise<DrillResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runId = randomBytes(4).toString('hex');
  const b = options.births;
  const all = couples(1, b.beforeBackup + b.beforeTarget + b.afterTarget + 1);
  const first = all.slice(0, b.beforeBackup);
  const second = all.slice(b.beforeBackup, b.beforeBackup + b.beforeTarget);
  const third = all.slice(b.beforeBackup + b.beforeTarget, b.beforeBackup + b.beforeTarget + b.afterTarget);
  const newcomer = all.at(-1) as Couple;
  const names = options.withReporting ? ['identity', 'deeds', 'reporting'] : ['identity', 'deeds'];

  const loadAtStart = loadavg()[0] ?? 0;
  const problems: string[] = [];
  const figures: Partial<Record<keyof DrillFigures, unknown>> = { births: b };
  let comparison: TableComparison[] = [];
  const checks = { countsEqual: false, checksumsEqual: false, postTargetAbsent: false, servicesReady: false, redeliveryChangedNothing: false, newBirthWorks: false };
  let machine: Machine | undefined;

  const dir: DrillDirectory = await makeDrillDirectory();
  log(`restore drill ${runId}: working directory ${dir.root}`);
  let pg: PrivatePostgres | undefined;
  let nats: PrivateNatsServer | undefined;
  let restored: RestoredCluster | undefined;
  const running: ServiceProcess[] = [];
  try {
    // 1. The source system, WAL archiving on before anything is written.
    pg = await startPrivatePostgres();
    await enableArchiving(pg, dir.archive);
    nats = await startPrivateNatsServer();
    machine = describeMachine(await pg.version(), natsVersion());
    for (const name of names) await pg.createDatabase(name);
    const sourcePg = pg;
    const sourceUrls = Object.fromEntries(names.map((n) => [n, sourcePg.urlOf(n)]));
    const jwtSecret = randomBytes(32).toString('hex');
    const secrets: Secrets = {
      jwtSecret,
      partnerKey: `drill-pustu-${randomBytes(16).toString('hex')}`,
      operatorToken: await tokenFor(['operator'], ['5316'], 'drill-operator', jwtSecret),
      registrarToken: await tokenFor(['registrar'], ['5316'], 'drill-registrar', jwtSecret),
    };
    const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()] as const)));
    const prefix = uniqueNatsPrefix('drill');
    const source = makeServices(names, (db) => sourcePg.urlOf(db), nats.url, prefix, secrets, dir.logs, ports);
    const [identity, deeds, reporting] = source as [ServiceProcess, ServiceProcess, ServiceProcess | undefined];
    // The register holds (synthetic) names and NIKs: beside the logs, never among the logs kept after a failure.
    const register = join(dir.root, 'register.csv');
    writeRegister(register, all);
    const importReport = join(dir.root, 'register.report.csv');
    let t = Date.now();
    await Promise.all([identity.command(['migrate']).then(() => identity.command(['import', register, '--report', importReport])), ...source.slice(1).map((svc) => svc.command(['migrate']))]);
    const rejected = readFileSync(importReport, 'utf8').trim().split('\n').length - 1;
    if (rejected > 0) throw new Error(`the register import rejected ${rejected} rows`);
    running.push(...source);
    await Promise.all(source.map((svc) => svc.start()));
    log(`source: migrated, ${all.length * 2} parents imported, services started in ${seconds(Date.now() - t)}`);

    // 2. Births, and the base backup while they run.
    let backup: Promise<{ ms: number; bytes: number }> | undefined;
    const load1 = birthLoad(deeds, secrets, options.concurrency, `${runId}-1`);
    load1.onProgress((done) => {
      if (!backup && done >= Math.ceil(first.length / 2)) {
        log(`base backup: pg_basebackup started after ${done} births`);
        backup = baseBackup(sourcePg, dir.backup);
        // Awaited after the load; until then a failure must not count as unhandled (it would end the process).
        backup.catch(() => undefined);
      }
    });
    const results1 = await load1.run(first);
    const taken = await (backup ?? baseBackup(sourcePg, dir.backup));
    figures.baseBackupBytes = taken.bytes;
    figures.baseBackupMs = taken.ms;
    log(`base backup: ${(taken.bytes / 2 ** 20).toFixed(1)} MiB in ${seconds(taken.ms)}`);
    problems.push(...loadProblems('births during the backup', results1, load1, first.length));

    // 3. More births, then the restore point with the load paused and the system settled.
    const load2 = birthLoad(deeds, secrets, options.concurrency, `${runId}-2`);
    problems.push(...loadProblems('births before the restore point', await load2.run(second), load2, second.length));
    const beforeTarget = [...first, ...second].map((c) => c.childName);
    await waitFor(() => quiet(sourceUrls, beforeTarget, reporting).catch(() => false), 'the source system to settle before the restore point', options.settleTimeoutMs, 500);
    let atTarget: SystemFigures | undefined;
    let restorePoint = '';
    for (let attempt = 1; attempt <= 10 && !atTarget; attempt++) {
      const before = await systemFigures(sourceUrls);
      restorePoint = `drill-${runId}-${attempt}`;
      await createRestorePoint(sourcePg, restorePoint);
      const after = await systemFigures(sourceUrls);
      figures.restorePointAttempts = attempt;
      if (sameFigures(before, after)) atTarget = after;
      else await new Promise((r) => setTimeout(r, 1_000));
    }
    if (!atTarget) throw new Error('the source kept changing around every restore point: its figures at the target are unknown');
    log(`restore point ${restorePoint} created (attempt ${String(figures.restorePointAttempts)})`);

    // 4. Births after the restore point (they must not come back); then the archive gets the restore point.
    const load3 = birthLoad(deeds, secrets, options.concurrency, `${runId}-3`);
    problems.push(...loadProblems('births after the restore point', await load3.run(third), load3, third.length));
    const afterNames = third.map((c) => c.childName);
    await waitFor(async () => (await childrenPresent(sourceUrls.identity as string, afterNames)) === afterNames.length, 'the births after the restore point in the source identity', options.settleTimeoutMs, 500).catch(() =>
      problems.push('the births after the restore point never all reached the source identity (their absence after the restore proves less)'),
    );
    await switchAndWaitArchived(sourcePg, dir.archive);
    figures.walSegmentsArchived = archivedSegments(dir.archive).length;
    figures.walArchiveBytes = sizeOf(dir.archive);
    log(`WAL archive: ${String(figures.walSegmentsArchived)} segments`);

    // 5. The source is lost; a new cluster from the base backup and the archive.
    await Promise.allSettled(source.map((svc) => svc.stop()));
    running.length = 0;
    await sourcePg.dispose();
    pg = undefined;
    t = Date.now();
    restored = await restoreToPoint(dir, restorePoint);
    figures.copyMs = restored.copyMs;
    figures.recoveryMs = restored.recoveryMs;
    figures.timeline = restored.timeline;
    log(`restored: base backup copied in ${seconds(restored.copyMs)}, recovered and promoted in ${seconds(restored.recoveryMs)} (timeline ${restored.timeline})`);

    // 6. What came back.
    const target = restored;
    const restoredUrls = Object.fromEntries(names.map((n) => [n, target.urlOf(n)]));
    const restoredFigures = await systemFigures(restoredUrls);
    comparison = compareFigures(atTarget, restoredFigures);
    checks.countsEqual = comparison.every((c) => c.sourceRows === c.restoredRows);
    checks.checksumsEqual = comparison.every((c) => c.checksumsEqual);
    if (!checks.countsEqual) problems.push(`row counts differ from the source at the restore point: ${comparison.filter((c) => c.sourceRows !== c.restoredRows).map((c) => `${c.service}.${c.table} ${c.sourceRows} → ${c.restoredRows}`).join(', ')}`);
    if (!checks.checksumsEqual) problems.push(`content differs from the source at the restore point: ${comparison.filter((c) => !c.checksumsEqual).map((c) => `${c.service}.${c.table}`).join(', ')}`);
    const [lostChildren, restoredDeeds] = await Promise.all([childrenPresent(restoredUrls.identity as string, afterNames), deedsState(restoredUrls.deeds as string)]);
    checks.postTargetAbsent = lostChildren === 0 && restoredDeeds.birthCases === beforeTarget.length;
    if (lostChildren !== 0) problems.push(`${lostChildren} children born after the restore point are in the restored identity`);
    if (restoredDeeds.birthCases !== beforeTarget.length) problems.push(`the restored deeds holds ${restoredDeeds.birthCases} birth cases, not the ${beforeTarget.length} of the restore point`);

    // The streams still hold the lost births' events: the restored services get fresh streams, filled again from
    // their outboxes (the system of record); the consumers' inboxes drop what they had already applied.
    let republished = 0;
    for (const url of Object.values(restoredUrls)) {
      const rows = await sql<{ n: string }>(url, 'with r as (update outbox_event set published_at = null where published_at is not null returning 1) select count(*) as n from r');
      republished += Number(rows[0]?.n ?? 0);
    }
    figures.republished = republished;
    const restoredPrefix = uniqueNatsPrefix('drill-restored');
    const after = makeServices(names, (db) => target.urlOf(db), nats.url, restoredPrefix, secrets, dir.logs, ports);
    const [, deeds2, reporting2] = after as [ServiceProcess, ServiceProcess, ServiceProcess | undefined];
    t = Date.now();
    running.push(...after);
    await Promise.all(after.map((svc) => svc.start()));
    await waitFor(async () => (await Promise.all(after.map((svc) => svc.answers('/health/ready')))).every(Boolean), 'the restored services to answer /health/ready', 120_000, 200).then(
      () => {
        checks.servicesReady = true;
        figures.servicesReadyMs = Date.now() - t;
      },
      () => problems.push('not every restored service answered /health/ready within 120 s'),
    );
    log(`restored services ready in ${figures.servicesReadyMs === undefined ? '—' : seconds(figures.servicesReadyMs as number)}`);

    t = Date.now();
    const natsUrl = nats.url;
    await waitFor(async () => (await unpublished(restoredUrls)) === 0 && (await consumersBehind(natsUrl, restoredPrefix)).behind === 0, 'the redelivered events to be consumed', options.settleTimeoutMs, 500).then(
      async () => {
        figures.republishedSettledMs = Date.now() - t;
        figures.redeliveries = (await consumersBehind(natsUrl, restoredPrefix)).delivered;
      },
      () => problems.push('the events relayed again from the restored outboxes were not all consumed'),
    );
    const afterRedelivery = await systemFigures(restoredUrls);
    const moved = compareFigures(atTarget, afterRedelivery).filter((c) => c.sourceRows !== c.restoredRows);
    checks.redeliveryChangedNothing = figures.republishedSettledMs !== undefined && Number(figures.redeliveries ?? 0) > 0 && moved.length === 0;
    if (moved.length > 0) problems.push(`the redelivered events changed row counts: ${moved.map((c) => `${c.service}.${c.table} ${c.sourceRows} → ${c.restoredRows}`).join(', ')}`);

    // A new birth on the restored system, end to end: deeds registers it, identity puts the child on the card.
    t = Date.now();
    const load4 = birthLoad(deeds2, secrets, 1, `${runId}-4`);
    const results4 = await load4.run([newcomer]);
    problems.push(...loadProblems('the new birth', results4, load4, 1));
    await waitFor(async () => (await childrenPresent(restoredUrls.identity as string, [newcomer.childName])) === 1, 'the new child in identity', options.settleTimeoutMs, 250).then(
      () => {
        checks.newBirthWorks = results4[0]?.outcome !== 'FAILED';
        figures.newBirthMs = Date.now() - t;
      },
      () => problems.push('the new birth on the restored system never reached identity'),
    );
    if (reporting2 && checks.newBirthWorks) {
      const expected = beforeTarget.length + 1;
      await waitFor(async () => (await reportingChildren(reporting2.url, '5316')).children === expected, 'reporting to count the new child', 60_000, 500).catch(() => {
        checks.newBirthWorks = false;
        problems.push(`the restored reporting does not count ${expected} children after the new birth`);
      });
    }
    log(`new birth: child in identity after ${figures.newBirthMs === undefined ? '—' : seconds(figures.newBirthMs as number)}`);
  } catch (error) {
    problems.push(`the drill stopped: ${masked((error as Error).message).slice(0, 500)}`);
  } finally {
    await Promise.allSettled(running.map((svc) => svc.stop()));
    await restored?.stop().catch(() => undefined);
    await nats?.dispose().catch(() => undefined);
    await pg?.dispose().catch(() => undefined);
  }
  const passed = problems.length === 0 && Object.values(checks).every(Boolean);
  if (!passed && problems.length === 0) problems.push(`checks failed: ${Object.entries(checks).filter(([, v]) => !v).map(([k]) => k).join(', ')}`);
  const logsKept = removeDrillDirectory(dir, !passed || options.keepLogs === true);
  return { passed, problems, checks, figures: figures as Partial<DrillFigures>, comparison, services: names, concurrency: options.concurrency, machine, load: { start: loadAtStart, end: loadavg()[0] ?? 0 }, workDir: dir.root, logsKept };
}
