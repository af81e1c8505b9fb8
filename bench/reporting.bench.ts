/**
 * Reporting benchmark: the regency's indicators (the office's ten and the Ministry's three) from the read models (GET /indicators?region=5316&date=today),
 * and a full replay of the regency's events (`main.ts replay`: the read models rebuilt from JetStream).
 *
 * Set-up (not timed): the synthetic Nagekeo register (with e-KTP and KIA states and birth deeds) imported into
 * identity, whose outbox relay publishes its events (residents, cards, e-KTP and KIA states) to the IDENTITY stream
 * of a private nats-server.
 *
 * Timed:
 *   1. `reporting replay` from an empty read model: every event of the streams read and folded, the tables written.
 *      Baseline: the same streams read raw by one ordered consumer (no fold, no database).
 *   2. the reporting service started on the replayed read models (NATS off, so that its durable consumers do not
 *      fold the same events a second time while it is measured), GET /indicators requested one after another.
 *      Baseline: one plain SQL pass over the same read model counting the three coverage indicators' wholes and
 *      covered parts for the regency on the day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy } from 'nats';
import { Client } from 'pg';
import { waitFor } from '@adminduk/platform/testing';
import { progress } from './lib/cleanup';
import { BenchEnvironment, sql } from './lib/pipeline';
import { officeToday, writeRegisterFile } from './lib/population';
import { figure, type BenchResult, type Figure } from './lib/report';
import { runServiceCommand, startService, type RunningService } from './lib/service';
import { percentile } from './lib/stats';

export interface ReportingOptions {
  readonly scale?: number;
  readonly seed?: number;
  /** Sequential indicator requests measured (after as many unmeasured ones). */
  readonly requests?: number;
}

export const REPORTING_SMOKE: ReportingOptions = { scale: 0.001, requests: 5 };

/**
 * Reads every message of the streams with an ephemeral pull consumer without acks (as the replay reads; the
 * client's ordered consumer gets nothing from a NATS 2.9 server), as fast as it can; resolves with the count.
 */
async function readStreamsRaw(env: BenchEnvironment, streams: readonly string[]): Promise<number> {
  const nc = await env.connectNats();
  try {
    const jsm = await nc.jetstreamManager();
    let total = 0;
    for (const name of streams) {
      const info = await jsm.streams.info(name);
      const last = info.state.last_seq;
      if (info.state.messages === 0) continue;
      const added = await jsm.consumers.add(name, { ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All, inactive_threshold: 60_000_000_000, mem_storage: true });
      const consumer = await nc.jetstream().consumers.get(name, added.name);
      const messages = await consumer.consume({ max_messages: 1_000 });
      for await (const m of messages) {
        total++;
        if (m.seq >= last || m.info.pending === 0) break;
      }
      // The loop has ended the iteration (close() would wait for a pull that never comes).
      await jsm.consumers.delete(name, added.name).catch(() => undefined);
    }
    return total;
  } finally {
    await nc.close();
  }
}

/** The baseline's query: wholes and covered parts of e-KTP, KIA and birth deed coverage in the regency on a day. */
const COVERAGE_SQL = `
  select
    count(*) filter (where ektp_total_from <= $1 and (ektp_total_to is null or ektp_total_to > $1)) as ektp_total,
    count(*) filter (where ektp_cov_from <= $1 and (ektp_total_to is null or ektp_total_to > $1)) as ektp_recorded,
    count(*) filter (where kia_total_from <= $1 and (kia_total_to is null or kia_total_to > $1)) as kia_total,
    count(*) filter (where kia_cov_from <= $1 and (kia_cov_to is null or kia_cov_to > $1)) as kia_held,
    count(*) filter (where deed_total_from <= $1 and (deed_total_to is null or deed_total_to > $1)) as deed_total,
    count(*) filter (where deed_cov_from <= $1 and (deed_total_to is null or deed_total_to > $1)) as deed_held
  from reporting_resident where district_code like $2`;

export async function runReporting(options: ReportingOptions = {}): Promise<BenchResult> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const requests = options.requests ?? 200;
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-bench-reporting-'));
  const env = await BenchEnvironment.start('bench-reporting');
  const running: RunningService[] = [];
  try {
    const identityDb = await env.database('benchrepidentity');
    const reportingDb = await env.database('benchreporting');
    progress('reporting', `generating and importing the register (scale ${scale}); identity relays its events…`);
    const file = join(dir, 'register.csv');
    const { rows, cards } = await writeRegisterFile(file, { scale, seed });
    const imported = await runServiceCommand('identity', ['import', file, '--report', join(dir, 'report.csv')], { ...env.serviceEnv(identityDb), NATS_ENABLED: 'false', LOG_LEVEL: 'error' });
    if (imported.code !== 0) throw new Error(`the import failed (exit ${imported.code}):\n${imported.stderr.slice(-3000)}`);
    const identity = await startService('identity', env.serviceEnv(identityDb));
    running.push(identity);
    const events = Number((await sql<{ n: string }>(identityDb, 'select count(*) as n from outbox_event'))[0]?.n);
    await waitFor(
      async () => Number((await sql<{ n: string }>(identityDb, 'select count(*) as n from outbox_event where published_at is null'))[0]?.n) === 0,
      "identity's events to be relayed",
      Math.max(120_000, events * 20),
      500,
    );
    running.splice(running.indexOf(identity), 1);
    const identityPeak = await identity.stop();

    progress('reporting', `replaying ${events.toLocaleString('en-US')} events…`);
    // Done when it prints its report (one JSON line); see the note on a replay command that does not exit.
    const replay = await runServiceCommand('reporting', ['replay'], { ...env.serviceEnv(reportingDb), LOG_LEVEL: 'warn' }, (out) => /^\{.*"millis".*\}$/m.test(out));
    if (replay.code !== 0) throw new Error(`the replay failed (exit ${replay.code}):\n${replay.stderr.slice(-3000)}\n${replay.stdout.slice(-2000)}`);
    // The report is the JSON line; a log line (Nest's, at warn level) may follow it.
    const reportLine = replay.stdout.split('\n').reverse().find((line) => /^\{.*"millis".*\}$/.test(line.trim())) ?? '{}';
    const report = JSON.parse(reportLine) as { millis?: number; projected?: number; rows?: { residents?: number } };
    if (report.rows?.residents !== rows) throw new Error(`the replay wrote ${report.rows?.residents} resident rows for ${rows} residents imported`);

    progress('reporting', 'baseline: reading the streams raw…');
    const streamNames = [`${env.prefix.toUpperCase().replace(/-/g, '_')}_IDENTITY`];
    const rawStarted = performance.now();
    const rawCount = await readStreamsRaw(env, streamNames);
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    if (rawCount !== events) throw new Error(`the IDENTITY stream holds ${rawCount} events, identity published ${events}`);

    progress('reporting', `indicators: ${requests} requests, and the plain SQL baseline…`);
    await sql(reportingDb, 'analyze');
    const reporting = await startService('reporting', { ...env.serviceEnv(reportingDb), NATS_ENABLED: 'false' });
    running.push(reporting);
    const day = officeToday();
    const url = `${reporting.url}/indicators?region=5316&date=${day}`;
    const first = await fetch(url);
    const body = (await first.json()) as { indicators?: { id: string; total?: number }[] };
    if (first.status !== 200 || !Array.isArray(body.indicators) || body.indicators.length < 10) {
      throw new Error(`GET /indicators answered ${first.status}: ${JSON.stringify(body).slice(0, 400)}`);
    }
    const timed = async (target: string): Promise<number> => {
      const t0 = performance.now();
      const res = await fetch(target);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${target} answered ${res.status}`);
      return performance.now() - t0;
    };
    // The service keeps a day's counts for 10 s (FIGURES_CACHE_MS): the same day again is a cache hit. Counted in
    // full from the read models = a day not asked before: the `requests` days before today, one each.
    const fullTimes: number[] = [];
    for (let i = 1; i <= requests; i++) {
      const past = new Date(Date.parse(`${day}T00:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10);
      fullTimes.push(await timed(`${reporting.url}/indicators?region=5316&date=${past}`));
    }
    const serviceTimes: number[] = [];
    for (let i = 0; i < requests; i++) serviceTimes.push(await timed(url));
    const client = new Client({ connectionString: reportingDb });
    await client.connect();
    const sqlTimes: number[] = [];
    try {
      for (let i = 0; i < requests * 2; i++) {
        const t0 = performance.now();
        await client.query(COVERAGE_SQL, [day, '5316%']);
        // The first half warms PostgreSQL's caches, as the service's first requests do.
        if (i >= requests) sqlTimes.push(performance.now() - t0);
      }
    } finally {
      await client.end();
    }
    running.length = 0;
    const reportingPeak = await reporting.stop();

    const replaySeconds = (report.millis ?? replay.wallMs) / 1000;
    const figures: Figure[] = [
      figure("regency's indicators counted in full from the read models (a day not asked before), median", percentile(fullTimes, 50), 'ms', {
        baseline: { name: 'plain SQL count', value: percentile(sqlTimes, 50) },
        target: { kind: 'max', value: 50 },
      }),
      figure("regency's indicators counted in full, p99", percentile(fullTimes, 99), 'ms', { baseline: { name: 'plain SQL count', value: percentile(sqlTimes, 99) } }),
      figure("regency's indicators, the same day again (the service's 10 s cache), median", percentile(serviceTimes, 50), 'ms', { baseline: { name: 'plain SQL count', value: percentile(sqlTimes, 50) } }),
      figure(`full replay of ${events.toLocaleString('en-US')} events (the replay's own time)`, replaySeconds, 's', { baseline: { name: 'raw read of the stream', value: rawSeconds }, target: { kind: 'max', value: 60 } }),
      figure('full replay: command wall time (start from sources included)', replay.wallMs / 1000, 's'),
      figure('peak RSS: reporting replay command', replay.peakRssMb, 'MiB'),
      figure('peak RSS: reporting service (indicators)', reportingPeak, 'MiB'),
      figure('peak RSS: identity service (relaying the import)', identityPeak, 'MiB'),
    ];
    return {
      name: 'reporting',
      title: 'Reporting: indicators and replay',
      command: 'npm run bench:reporting',
      setup: `the synthetic Nagekeo register (tools/synth, seed ${seed}, scale ${scale}: ${rows.toLocaleString('en-US')} residents in ${cards.toLocaleString('en-US')} cards, with e-KTP / KIA states and birth deeds) imported into identity and relayed to JetStream (${events.toLocaleString('en-US')} events); reporting replayed from them into an empty PostgreSQL read model; then GET /indicators?region=5316 one request after another: for ${requests} different past days (each counted in full), then ${requests} times for today (cached), the service started with NATS off. Baselines: one SQL pass counting the three coverage indicators over the same table; an ephemeral consumer reading the same stream.`,
      figures,
      notes: [
        "A day's indicators counted in full are four aggregate passes over the read models and the ten formulas; the service then keeps that day's counts for 10 s (FIGURES_CACHE_MS), which the third row measures.",
        ...(replay.lingered ? ['The replay command printed its report but did not exit by itself (it was stopped 5 s later); its time is taken when the report was printed.'] : []),
      ],
    };
  } finally {
    for (const r of running) await r.stop().catch(() => undefined);
    await env.dispose().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
