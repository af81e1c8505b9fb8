// The fault-injection suite's smoke run, in CI's `npm test` (issue 9): the real identity, deeds and (when present)
// reporting services as processes, a private PostgreSQL cluster and a private NATS server, a few births around
// each fault — NATS stopped, deeds and identity SIGKILLed, PostgreSQL stopped, poison messages, and (issue 16) one
// member of a 3-node JetStream cluster SIGKILLed with the services on the cluster — and what an office would check
// afterwards: every child once in identity, nothing lost, outboxes drained, clean 503 problems while the database
// was down, the poison in the dead letters and the births after it registered, every stream in 3 replicas. The full
// run is `npm run faults` (2,000 births, a 30 s NATS outage).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFaults, SMOKE, type FaultRun } from './faults';

// Generous: each service start compiles its sources first, and CI's two cores are shared with the other suites.
jest.setTimeout(30 * 60_000);

const outDir = mkdtempSync(join(tmpdir(), 'adminduk-faults-smoke-'));
let run: FaultRun;

beforeAll(async () => {
  run = await runFaults({ ...SMOKE, out: join(outDir, 'faults.md'), title: 'Fault injection (smoke run)', command: 'npm run faults:smoke', log: () => undefined });
}, 30 * 60_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  // The run's service logs are kept only when a scenario failed: say where they are.
  if (run && run.results.some((r) => !r.passed) && existsSync(run.runDir)) process.stderr.write(`fault run logs kept in ${run.runDir}\n`);
});

const scenario = (name: string) => {
  const found = run.results.find((r) => r.scenario === name);
  if (!found) throw new Error(`no scenario ${name} in the run`);
  return found;
};
const figure = (name: string, label: string) => scenario(name).figures.find(([k]) => k === label)?.[1];

describe('fault injection (smoke run)', () => {
  it('NATS stopped mid-load: every child in identity exactly once, nothing lost, requests kept succeeding', () => {
    const r = scenario('NATS stopped mid-load');
    expect(r.problems).toEqual([]);
    expect(figure(r.scenario, 'lost')).toBe(0);
    expect(figure(r.scenario, 'duplicates')).toBe(0);
    expect(figure(r.scenario, 'HTTP failures while NATS was down')).toBe(0);
    expect(r.passed).toBe(true);
  });

  it('deeds and identity SIGKILLed mid-load and restarted: no duplicates, nothing lost', () => {
    const r = scenario('service killed (SIGKILL) mid-load');
    expect(r.problems).toEqual([]);
    expect(figure(r.scenario, 'lost')).toBe(0);
    expect(figure(r.scenario, 'duplicates')).toBe(0);
    expect(r.passed).toBe(true);
  });

  it('PostgreSQL restarted mid-load: clean 503 problem+json while down, then success, nothing lost', () => {
    const r = scenario('PostgreSQL restarted mid-load');
    expect(r.problems).toEqual([]);
    expect(String(figure(r.scenario, 'probe answers while down'))).toMatch(/^(\d+), of which 503 problem\+json DATABASE_UNAVAILABLE \1$/);
    expect(figure(r.scenario, 'other failures (500, cut connections, not problem+json)')).toBe(0);
    expect(figure(r.scenario, 'lost')).toBe(0);
    expect(r.passed).toBe(true);
  });

  it('poison messages: dead-lettered with their reason, the births after them processed', () => {
    const r = scenario('poison messages');
    expect(r.problems).toEqual([]);
    expect(figure(r.scenario, 'dead letters')).toBe('MALFORMED_MESSAGE (identity-deeds-birth-registered), INVALID_PAYLOAD (identity-deeds-birth-registered)');
    expect(String(figure(r.scenario, 'births registered after the poison, all in identity'))).toMatch(/^(\d+) of \1$/);
    expect(r.passed).toBe(true);
  });

  it('a NATS server SIGKILLed in a 3-node cluster: nothing lost, no duplicates, every stream in 3 current replicas', () => {
    const r = scenario('NATS node killed in a 3-node cluster');
    expect(r.problems).toEqual([]);
    expect(figure(r.scenario, 'lost')).toBe(0);
    expect(figure(r.scenario, 'duplicates')).toBe(0);
    expect(String(figure(r.scenario, 'streams in 3 replicas, all current'))).toMatch(/^([1-9]\d*) of \1 \(.*\bDEEDS\b.*\)$/);
    expect(r.passed).toBe(true);
  });

  it('writes a self-contained markdown section with the machine, the date and a row per scenario', () => {
    const markdown = readFileSync(run.out, 'utf8');
    expect(markdown).toBe(run.markdown);
    expect(markdown).toMatch(/^### Fault injection \(smoke run\)\n/);
    expect(markdown).toMatch(/on \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z: \d+ × .+, [\d.]+ GiB memory, Node v\d+/);
    expect(markdown).toContain('| scenario | load | fault | outcome | figures |');
    for (const r of run.results) expect(markdown).toContain(`| ${r.scenario} |`);
    expect(run.results).toHaveLength(5);
  });
});
