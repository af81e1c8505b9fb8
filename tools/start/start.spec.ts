// `npm start` as a user runs it: the launcher from sources (ADMINDUK_FROM_SOURCES=1: no build, so that nothing
// races other builds of dist/) on a temporary data folder, free ports, and a NATS of the test's own — the
// services as real child processes on SQLite, the register seeded at a small scale. What a user checks: every
// service answers, identity holds the seeded residents, outreach counts them (it learns them only through NATS),
// a restart keeps the data and does not seed again, and Ctrl-C / SIGTERM leaves no process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateNatsServer, uniqueNatsPrefix, waitFor, type PrivateNatsServer } from '@adminduk/platform/testing';

const ROOT = join(__dirname, '..', '..');
const SCALE = '0.01'; // about 1,650 residents: every kecamatan, a few backlog requests, quick to import
const STARTUP_MS = 420_000; // four services booting from sources on two shared cores

interface Launch {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** Every launcher started, so that afterAll stops one a timed-out test left running (and with it its services). */
const launched = new Set<Launch>();

afterAll(async () => {
  await Promise.all([...launched].map((run) => stop(run)));
}, 60_000);

function launch(args: readonly string[], env: Record<string, string>): Launch {
  const child = spawn(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'tools/start/start.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ADMINDUK_FROM_SOURCES: '1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const run = { child, output: () => text, exited };
  launched.add(run);
  return run;
}

async function untilRunning(run: Launch): Promise<void> {
  // A launcher that exits stops the wait at once (waitFor would retry a throwing probe until its timeout).
  const exited = run.exited.then((code) => {
    throw new Error(`the launcher exited with ${code} before it was running:\n${run.output()}`);
  });
  const running = waitFor(() => run.output().includes('Adminduk is running'), 'the launcher to print "Adminduk is running"', STARTUP_MS, 250).catch((error: Error) => {
    throw new Error(`${error.message}\n--- launcher output ---\n${run.output()}`);
  });
  await Promise.race([running, exited]);
}

/** The pids the launcher reported: services and a nats-server it started. */
function pids(output: string): number[] {
  return [...output.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `body` while the launcher runs, then stops it with `signal`; body's failure wins over the exit code. */
async function session(run: Launch, body: () => Promise<void>, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  let failure: unknown;
  try {
    await body();
  } catch (error) {
    failure = error;
  }
  const code = await stop(run, signal);
  if (failure) throw failure;
  return code;
}

async function stop(run: Launch, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (run.child.exitCode === null) run.child.kill(signal);
  return run.exited;
}

function bearer(output: string): string {
  const m = /Authorization: Bearer (\S+)/.exec(output);
  if (!m) throw new Error(`no token in the output:\n${output}`);
  return m[1] as string;
}

/** A base port with the ports around it free: the app (base - 1), identity, deeds, outreach, reporting, sign-in (base + 4). */
async function freePortBase(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const checks = await Promise.all([-1, 0, 1, 2, 3, 4].map((i) => free(base + i)));
    if (checks.every(Boolean)) return base;
  }
}

async function getJson<T>(url: string, token: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

/** What the tests read of outreach's GET /backlog and identity's GET /residents. */
interface BacklogBody {
  totals: { backlog: Record<string, number>; population: { residents: number; wajibKtp: number } };
  districts: unknown[];
}
interface ResidentPage {
  items: { nik: string }[];
}

/** The rows of the seeded register file (CSV written by the generator: no quoted line breaks). */
function registerRows(dataDir: string): Record<string, string>[] {
  const dir = join(dataDir, 'seed');
  const file = readdirSync(dir).find((f) => /^register-.*\.csv$/.test(f));
  if (!file) throw new Error('no register file in the seed folder');
  const [header, ...lines] = readFileSync(join(dir, file), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const columns = (header as string).split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}

/** Complete years from a birth date to a day (both YYYY-MM-DD); a 29 February birthday moves to 1 March. */
function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The office's day (WITA, +08:00), as the services count ages. */
function officeDay(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const hasReporting = existsSync(join(ROOT, 'apps', 'reporting', 'src', 'main.ts'));

describe('npm start: the whole system seeded, restarted, stopped', () => {
  let nats: PrivateNatsServer;
  let dataDir: string;
  let portBase: number;
  let env: Record<string, string>;
  let seededNiks: string[] = [];
  let residents = 0;
  /** The residents still living: the seed registers a few deaths for the scorecard's burial register. */
  let living = 0;

  beforeAll(async () => {
    nats = await startPrivateNatsServer();
    dataDir = mkdtempSync(join(tmpdir(), 'adminduk-start-'));
    portBase = await freePortBase();
    env = { NATS_URL: nats.url, NATS_PREFIX: uniqueNatsPrefix('start') };
  }, 60_000);

  afterAll(async () => {
    await nats?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  test(
    'first start: seeds the register, every service answers, identity holds the residents and outreach counts them through NATS; SIGTERM stops every process',
    async () => {
      const run = launch(['--data', dataDir, '--scale', SCALE, '--port-base', String(portBase)], env);
      const code = await session(run, async () => {
        await untilRunning(run);
        const out = run.output();
        expect(out).toMatch(/first start: seeding a synthetic Nagekeo/);
        expect(out).toMatch(/seed: import: \d+\/\d+ rows \(100%\)/);
        for (const [i, name] of ['identity', 'deeds', 'outreach'].entries()) expect(out).toContain(`${name.padEnd(10)} http://127.0.0.1:${portBase + i}/docs`);
        if (hasReporting) expect(out).toContain(`http://127.0.0.1:${portBase + 3}/dashboard`);
        expect(out).toMatch(/partner-demo +adk_/);
        // The office app's one origin, and the demo people a newcomer signs in as.
        const app = `http://127.0.0.1:${portBase - 1}`;
        expect(out).toContain(`The office app: ${app}/`);
        expect(out).toMatch(/bidan-boawae +\S/);
        expect(out).toMatch(/Demo people \(password for all: \S+/);
        const config = (await (await fetch(`${app}/config.json`)).json()) as { issuer: string; clientId: string };
        expect(config).toMatchObject({ issuer: `${app}/oidc`, clientId: 'adminduk-web' });
        const discovery = (await (await fetch(`${app}/oidc/.well-known/openid-configuration`)).json()) as { issuer: string };
        expect(discovery.issuer).toBe(`${app}/oidc`);
        expect((await fetch(`${app}/api/identity/health/ready`)).status).toBe(200);

        const token = bearer(out);
        for (let i = 0; i < (hasReporting ? 4 : 3); i++) {
          const ready = await fetch(`http://127.0.0.1:${portBase + i}/health/ready`);
          expect(ready.status).toBe(200);
          expect(((await ready.json()) as { checks: { nats: { status: string } } }).checks.nats.status).toBe('up');
          expect((await fetch(`http://127.0.0.1:${portBase + i}/docs/openapi.json`)).status).toBe(200);
        }

        const rows = registerRows(dataDir);
        residents = rows.length;
        const marker = JSON.parse(readFileSync(join(dataDir, 'seeded.json'), 'utf8')) as {
          residents: number;
          rejected: number;
          scorecard: { deathsRegistered: number; burials: Record<'REGISTERED_DEATH' | 'DEATH_CASE' | 'NEW_CASE' | 'refused', number> };
          ikd: unknown;
        };
        expect(marker).toMatchObject({ residents, rejected: 0 });
        // The scorecard's seed (seed-scorecard.ts): deaths registered and buried, burials of a death case or opening
        // one, none refused; the IKD actions follow the banner.
        const { deathsRegistered, burials } = marker.scorecard;
        expect(deathsRegistered).toBeGreaterThan(3);
        expect(burials.REGISTERED_DEATH).toBe(deathsRegistered);
        expect(burials.REGISTERED_DEATH + burials.DEATH_CASE + burials.NEW_CASE).toBe(12);
        expect(burials.refused).toBe(0);
        living = residents - deathsRegistered;

        // The open backlog: every request of the generator's file reached deeds, which lists them in its work queue
        // with the seed's registered deaths and the death cases its burials opened.
        const backlogFile = readdirSync(join(dataDir, 'seed')).find((f) => f.endsWith('.ndjson')) as string;
        const requests = readFileSync(join(dataDir, 'seed', backlogFile), 'utf8').split('\n').filter((l) => l !== '');
        expect(requests.length).toBeGreaterThan(0);
        expect((marker as { backlogReports?: number }).backlogReports).toBe(requests.length);
        const queue = await getJson<{ items: { status: string | null }[] }>(`http://127.0.0.1:${portBase + 1}/deeds?limit=200`, token);
        expect(queue.status).toBe(200);
        expect(queue.body.items.length).toBe(requests.length + deathsRegistered + burials.NEW_CASE);
        expect(residents).toBeGreaterThan(1_500);

        // Identity holds them: a few by NIK, and one whole village by its code.
        seededNiks = [rows[0], rows[Math.floor(rows.length / 2)], rows[rows.length - 1]].map((r) => (r as Record<string, string>).nik as string);
        for (const nik of seededNiks) {
          const found = await getJson<ResidentPage>(`http://127.0.0.1:${portBase}/residents?nik=${nik}`, token);
          expect(found.status).toBe(200);
          expect(found.body.items.map((r) => r.nik)).toEqual([nik]);
        }
        const village = (rows[0] as Record<string, string>).village_code as string;
        const inVillage = rows.filter((r) => r.village_code === village).length;
        const byVillage = await getJson<ResidentPage>(`http://127.0.0.1:${portBase}/residents?villageCode=${village.replace(/\./g, '')}&limit=200`, token);
        expect(byVillage.body.items).toHaveLength(inVillage);

        // Outreach knows the residents only from identity's events, through NATS.
        const backlog = await waitFor(
          async () => {
            const r = await getJson<BacklogBody>(`http://127.0.0.1:${portBase + 2}/backlog`, token);
            return r.body?.totals?.population?.residents === living ? r.body : undefined;
          },
          `outreach's backlog to count the ${living} living seeded residents`,
          180_000,
          1_000,
        );
        expect(backlog.totals.backlog.EKTP_RECORDING).toBeGreaterThanOrEqual(0);
        expect(backlog.districts.length).toBe(7); // Nagekeo's seven kecamatan
        // The register file's wajib KTP (17 or over, or ever married: UU 24/2013 art. 63) is what outreach counts.
        // The deceased were all 60 or over: wajib KTP.
        const wajibKtp = rows.filter((r) => ageOn(r.birth_date as string, officeDay()) >= 17 || r.marital_status !== 'BELUM_KAWIN').length - deathsRegistered;
        expect(backlog.totals.population.wajibKtp).toBe(wajibKtp);

        if (hasReporting) {
          // Reporting too learns the residents only through NATS: its e-KTP recording indicator counts them.
          const ektp = await waitFor(
            async () => {
              const r = await fetch(`http://127.0.0.1:${portBase + 3}/indicators?region=5316`);
              const body = (await r.json()) as { indicators?: { id: string; total: number }[] };
              const indicator = body.indicators?.find((i) => i.id === 'EKTP_RECORDING');
              return indicator && indicator.total === wajibKtp ? indicator : undefined;
            },
            `reporting's e-KTP recording indicator to count the ${wajibKtp} wajib KTP residents`,
            180_000,
            1_000,
          );
          expect(ektp.total).toBe(wajibKtp);
          const dashboard = await fetch(`http://127.0.0.1:${portBase + 3}/dashboard`);
          expect(dashboard.status).toBe(200);
        }
      });
      expect(code).toBe(0);
      const started = pids(run.output());
      expect(started.length).toBeGreaterThanOrEqual(3);
      expect(started.filter(alive)).toEqual([]);
      expect(run.output()).toMatch(/start: stopped/);
    },
    STARTUP_MS + 300_000,
  );

  test(
    'a second start reuses the data: no new seed, the same residents; Ctrl-C stops it',
    async () => {
      expect(seededNiks).toHaveLength(3); // set by the first test
      const run = launch(['--data', dataDir, '--scale', SCALE, '--port-base', String(portBase)], env);
      const code = await session(run, async () => {
        await untilRunning(run);
        const out = run.output();
        expect(out).toMatch(/already seeded on .* \(\d+ residents, scale 0\.01\)/);
        expect(out).not.toMatch(/seeding a synthetic/);
        expect(out).not.toMatch(/partner-demo +adk_/); // API keys are shown on the first start only
        const token = bearer(out);
        const found = await getJson<ResidentPage>(`http://127.0.0.1:${portBase}/residents?nik=${seededNiks[0]}`, token);
        expect(found.body.items).toHaveLength(1);
        const backlog = await getJson<BacklogBody>(`http://127.0.0.1:${portBase + 2}/backlog`, token);
        expect(backlog.body.totals.population.residents).toBe(living);
      }, 'SIGINT');
      expect(code).toBe(0);
      expect(pids(run.output()).filter(alive)).toEqual([]);
    },
    STARTUP_MS,
  );
});

describe('npm start and NATS', () => {
  test(
    'starts nats-server itself when nothing listens at a local NATS_URL, keeps its store in the data folder, and stops it; --reset starts over',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'adminduk-start-nats-'));
      const portBase = await freePortBase();
      const natsPort = portBase + 10;
      const env = { NATS_URL: `nats://127.0.0.1:${natsPort}` };
      try {
        const run = launch(['--data', dataDir, '--port-base', String(portBase), '--services', 'identity', '--no-seed'], env);
        const code = await session(run, async () => {
          await untilRunning(run);
          expect(run.output()).toMatch(new RegExp(`nothing answers at nats://127\\.0\\.0\\.1:${natsPort}: starting .*nats-server with JetStream`));
          expect(run.output()).toContain('(started here)');
          const ready = (await (await fetch(`http://127.0.0.1:${portBase}/health/ready`)).json()) as { checks: { nats: { status: string } } };
          expect(ready.checks.nats.status).toBe('up');
          expect(existsSync(join(dataDir, 'nats', 'jetstream'))).toBe(true);
          expect(existsSync(join(dataDir, 'identity.sqlite'))).toBe(true);
        });
        expect(code).toBe(0);
        const started = pids(run.output());
        expect(started).toHaveLength(3); // nats-server, the sign-in provider and identity
        expect(started.filter(alive)).toEqual([]);

        const again = launch(['--data', dataDir, '--port-base', String(portBase), '--services', 'identity', '--no-seed', '--reset'], env);
        const againCode = await session(again, async () => {
          await untilRunning(again);
          expect(again.output()).toMatch(/--reset: emptied/);
          expect(again.output()).toMatch(/partner-demo +adk_/); // new secrets, shown again
        });
        expect(againCode).toBe(0);
        expect(pids(again.output()).filter(alive)).toEqual([]);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    STARTUP_MS,
  );

  test(
    'without a NATS server and without nats-server: exits 3 with a message naming the fix, having started nothing',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'adminduk-start-nonats-'));
      const portBase = await freePortBase();
      try {
        const run = launch(['--data', dataDir, '--port-base', String(portBase), '--no-seed'], {
          NATS_URL: `nats://127.0.0.1:${portBase + 10}`,
          NATS_SERVER_BIN: join(dataDir, 'no-such-nats-server'),
        });
        expect(await run.exited).toBe(3);
        const out = run.output();
        expect(out).toMatch(/No NATS server with JetStream answers at nats:\/\/127\.0\.0\.1:\d+/);
        expect(out).toMatch(/install nats-server/);
        expect(out).toMatch(/set NATS_URL=/);
        expect(pids(out)).toEqual([]);
        expect(existsSync(join(dataDir, 'identity.sqlite'))).toBe(false);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
