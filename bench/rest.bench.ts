/**
 * REST benchmark: the identity service's two reads an office counter makes all day — a resident by NIK
 * (GET /residents?nik=) and a family card by No. KK (GET /family-cards?kkNumber=) — under autocannon, against a
 * bare Fastify + pg server running the same SQL (bench/lib/bare-server.ts) on the same database in the same run.
 *
 * Data: the synthetic Nagekeo register (about 40,000 cards, 164,000 residents) imported into a throw-away
 * PostgreSQL database with the identity import command. Callers: an operator token scoped to the regency (5316),
 * as an office operator's would be. The NIKs and No. KK requested are every one of the register's, shuffled.
 * Targets (issue 9): at least 3,000 requests/s with p99 ≤ 25 ms on 2 cores, and at least half the bare rate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenFor } from '@adminduk/platform/testing';
import { progress } from './lib/cleanup';
import { BenchEnvironment, sql } from './lib/pipeline';
import { measureLoad, type LoadResult } from './lib/load';
import { generateHouseholds, writeRegisterFile } from './lib/population';
import { figure, type BenchResult, type Figure } from './lib/report';
import { BENCH_JWT_SECRET, ROOT, runServiceCommand, startScript, startService, type RunningService } from './lib/service';

export interface RestOptions {
  /** Share of Nagekeo's registered population (default 1: 164,457 residents). */
  readonly scale?: number;
  readonly connections?: number;
  readonly durationSeconds?: number;
  readonly warmupSeconds?: number;
  readonly seed?: number;
}

export const REST_SMOKE: RestOptions = { scale: 0.001, connections: 2, durationSeconds: 1, warmupSeconds: 0 };

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export async function runRest(options: RestOptions = {}): Promise<BenchResult> {
  const scale = options.scale ?? 1;
  const connections = options.connections ?? 16;
  const duration = options.durationSeconds ?? 20;
  const warmup = options.warmupSeconds ?? 5;
  const seed = options.seed ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-bench-rest-'));
  const env = await BenchEnvironment.start('bench-rest', { nats: false });
  const running: RunningService[] = [];
  try {
    progress('rest', `generating and importing the register (scale ${scale})…`);
    const households = await generateHouseholds({ scale, seed });
    const file = join(dir, 'register.csv');
    const { rows, cards } = await writeRegisterFile(file, { scale, seed });
    const databaseUrl = await env.database('benchrest');
    const serviceEnv = { DATABASE_URL: databaseUrl, NATS_ENABLED: 'false' };
    const imported = await runServiceCommand('identity', ['import', file, '--no-events', '--report', join(dir, 'report.csv')], { ...serviceEnv, LOG_LEVEL: 'error' });
    if (imported.code !== 0) throw new Error(`the import failed (exit ${imported.code}):\n${imported.stderr.slice(-3000)}\n${imported.stdout.slice(-2000)}`);
    // Fresh statistics, as autovacuum would have them a minute after the import (else the planner guesses from empty tables).
    await sql(databaseUrl, 'analyze');

    progress('rest', 'starting identity and the bare server…');
    const identity = await startService('identity', serviceEnv);
    running.push(identity);
    const bare = await startScript('bare-fastify-pg', join(ROOT, 'bench', 'lib', 'bare-server.ts'), { DATABASE_URL: databaseUrl });
    running.push(bare);
    const token = await tokenFor(['operator'], ['5316'], 'bench-operator', BENCH_JWT_SECRET);

    const nikPaths = shuffled(households.flatMap((h) => h.rows.map((r) => `/residents?nik=${r.nik}`)), seed);
    const kkPaths = shuffled(households.map((h) => `/family-cards?kkNumber=${h.kkNumber}`), seed + 1);
    const load = (target: RunningService, paths: string[]): Promise<LoadResult> =>
      measureLoad({ url: target.url, paths, connections, durationSeconds: duration, warmupSeconds: warmup, headers: { authorization: `Bearer ${token}` } });

    // The service's answers are checked once, as a user would: the resident with that NIK, the card with its members.
    const check = await fetch(`${identity.url}${nikPaths[0]}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await check.json()) as { items?: { nik?: string }[] };
    if (check.status !== 200 || body.items?.[0]?.nik !== nikPaths[0]?.split('=')[1]) throw new Error(`identity did not find the resident: ${check.status} ${JSON.stringify(body).slice(0, 300)}`);

    const figures: Figure[] = [];
    for (const [label, paths] of [
      ['resident by NIK', nikPaths],
      ['family card by No. KK', kkPaths],
    ] as const) {
      progress('rest', `${label}: bare server, then identity…`);
      const base = await load(bare, paths);
      const service = await load(identity, paths);
      figures.push(
        figure(`${label}: throughput`, service.requestsPerSecond, 'req/s', { baseline: { name: 'bare Fastify + pg', value: base.requestsPerSecond }, target: { kind: 'min', value: 3000 } }),
        figure(`${label}: throughput, share of the bare rate`, service.requestsPerSecond, 'req/s', {
          baseline: { name: 'bare Fastify + pg', value: base.requestsPerSecond },
          target: { kind: 'min', value: 0.5, on: 'ratio' },
        }),
        figure(`${label}: p50 latency`, service.p50Ms, 'ms', { baseline: { name: 'bare Fastify + pg', value: base.p50Ms } }),
        figure(`${label}: p99 latency`, service.p99Ms, 'ms', { baseline: { name: 'bare Fastify + pg', value: base.p99Ms }, target: { kind: 'max', value: 25 } }),
      );
    }
    const identityPeak = await identity.stop();
    const barePeak = await bare.stop();
    running.length = 0;
    figures.push(
      figure('peak RSS: identity service (under this load)', identityPeak, 'MiB', { baseline: { name: 'bare Fastify + pg', value: barePeak } }),
      figure('peak RSS: identity import command (no events)', imported.peakRssMb, 'MiB'),
    );
    return {
      name: 'rest',
      title: 'REST: resident by NIK, family card by No. KK',
      command: 'npm run bench:rest',
      setup: `identity (from sources, PostgreSQL, NATS off) with the synthetic Nagekeo register (tools/synth, seed ${seed}, scale ${scale}: ${rows.toLocaleString('en-US')} residents in ${cards.toLocaleString('en-US')} cards); autocannon, ${connections} connections, ${duration} s per figure after a ${warmup} s warm-up; an operator token of regency 5316; every NIK / No. KK of the register in shuffled order. Baseline: bench/lib/bare-server.ts, the same SQL (with the audit rows) without Nest, auth or ORM.`,
      figures,
      notes: [
        'Every read writes its audit row (UU 27/2022) before answering. The rows of the reads made at the same moment are written together (group commit: one transaction of multi-row inserts, AuditService.recordNow); the baseline writes its rows the same way. Before group commit each read was a SELECT and an INSERT transaction of its own, and the service answered 223 / 191 req/s (docs/benchmarks.md in the git history of 2026-11-28).',
        "A card read loads the card through the ORM, then its members and their residents as plain rows of one joined SELECT (FamilyCardsService.memberRows: hydrating a membership and a resident entity per member had halved the rate); what is left above the baseline is Nest's request pipeline (authentication, validation, problem+json, request logs) and the ORM building and hydrating the other query.",
        'autocannon runs on the same 2 cores as the service and PostgreSQL and takes part of them.',
      ],
    };
  } finally {
    for (const r of running) await r.stop().catch(() => undefined);
    await env.dispose().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
