/**
 * `npm start`: the whole system on one machine with embedded defaults (issue 8). See tools/start/README.md.
 *
 *   NATS (the one at NATS_URL, or a local nats-server started here) → build (Nx, cached: the services and the
 *   office app) → migrate every service → seed on first start (generate a synthetic Nagekeo, import it into
 *   identity before identity runs) → start the development sign-in provider (tools/oidc) and the gateway (the
 *   app, /api/<service>/…, /oidc/… on one origin) → start the services → wait for their health → post the open
 *   backlog to deeds → print the app's address, the demo people and the services' addresses.
 *
 * SIGINT, SIGTERM or SIGHUP — sent to npm, to this process or to the whole process group — stops the services (and
 * the NATS it started) and exits 0: npm does not pass signals on to a grandchild, so the launcher also stops when npm
 * or its shell is gone, or the shell caught a signal (parents.ts). Should the launcher itself be killed (SIGKILL),
 * its watchdog stops what it left (watchdog.ts). Run it from the repository root.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEV_PASSWORD, DEV_PEOPLE } from '../oidc/people';
import { startGateway, type Gateway } from './gateway';
import { findNatsServer, isLocalAddress, natsAddress, natsMissingMessage, natsServers, probeNats, startNatsServer } from './nats';
import { parseStartOptions, USAGE, UsageError, type StartOptions } from './options';
import { watchParents } from './parents';
import { formatLogLine, onLines, runCommand, signalGroup, startWatchdog, stopProcess, type Watchdog } from './processes';
import { apiKeysEnv, devAgreementsEnv, loadOrCreateSecrets, mintDevToken, type DevSecrets } from './secrets';
import { DEFAULT_OIDC_AUDIENCE, WEB_CLIENT_ID } from '@adminduk/platform';
import { availableServices, SERVICES, type ServiceSpec } from './services';
import { seedBurials, seedIkd, type BurialSeedSummary } from './seed-scorecard';
import { countCsvRows, demoTeamsToCreate, NAGEKEO_RESIDENTS, parseImportSummary, progressLine, readSeedMarker, seedDir, writeSeedMarker, type SeedMarker } from './seed';
import { WATCH_STAGE } from './watchdog';

const ROOT = resolve(__dirname, '..', '..');
const TS_REGISTER = join(ROOT, 'tools', 'scripts', 'ts-register.cjs');
/** Written into a data folder the launcher created: --reset deletes only a folder that carries it (or an empty one). */
const DATA_MARKER = '.adminduk-data';
const HEALTH_TIMEOUT_MS = Number(process.env.ADMINDUK_HEALTH_TIMEOUT_MS) || 300_000;

/** Exit codes: 0 stopped cleanly, 1 a step or a service failed, 2 bad usage, 3 NATS unavailable. */
class StartError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const warn = (line: string): void => void process.stderr.write(`${line}\n`);

interface Running {
  readonly spec: ServiceSpec;
  readonly child: ChildProcess;
  readonly port: number;
  readonly tail: string[];
}

class Launcher {
  private nats?: ChildProcess;
  private provider?: ChildProcess;
  private gateway?: Gateway;
  private readonly services: Running[] = [];
  /** The one-off command in flight (build, migrate, generate, import): killed on Ctrl-C. */
  private readonly commands = new Set<ChildProcess>();
  private stopping = false;
  private secrets!: DevSecrets;
  /** Development keys this start added to an older data folder (printed once, like new secrets). */
  private keysAdded: readonly string[] = [];
  private watchdog?: Watchdog;

  constructor(private readonly opts: StartOptions) {}

  /**
   * Children run in their own process groups (detached), so that the terminal's Ctrl-C reaches the launcher alone
   * and the services stop in order, by SIGTERM from here. Should the launcher end any other way than by a signal
   * it handles (an uncaught error), they are sent SIGTERM on its way out; should it be killed outright (SIGKILL), the
   * watchdog stops them (watchdog.ts).
   */
  killAllNow(): void {
    for (const c of [...this.commands, ...this.services.map((s) => s.child), ...(this.provider ? [this.provider] : []), ...(this.nats ? [this.nats] : [])]) {
      if (c.exitCode === null && c.signalCode === null) signalGroup(c, 'SIGTERM');
    }
  }

  async run(): Promise<void> {
    // First, before any child: whatever ends this process, the watchdog stops what it started.
    this.watchdog = startWatchdog({ cwd: ROOT, tsRegister: TS_REGISTER, script: join(__dirname, 'watchdog.ts') });
    const specs = availableServices(ROOT, this.opts.only);
    const unknown = (this.opts.only ?? []).filter((n) => !SERVICES.some((s) => s.name === n));
    if (unknown.length > 0) throw new StartError(`unknown service(s): ${unknown.join(', ')} (known: ${SERVICES.map((s) => s.name).join(', ')})`, 2);
    if (specs.length === 0) throw new StartError('no service to start', 2);

    this.prepareDataDir();
    const { secrets, created, added } = loadOrCreateSecrets(this.opts.dataDir);
    this.secrets = secrets;
    this.keysAdded = added;
    await this.ensureNats();
    if (this.stopping) return;
    if (!this.opts.fromSources && !this.opts.noBuild) await this.build(specs);
    await Promise.all(specs.map((spec) => this.migrate(spec)));

    const marker = readSeedMarker(this.opts.dataDir);
    const hasIdentity = specs.some((s) => s.name === 'identity');
    const seeding = !marker && !this.opts.noSeed && hasIdentity;
    let seeded: { residents: number; rejected: number; generator: string; registerFile?: string; backlogFile?: string } | undefined;
    if (marker) say(`start: already seeded on ${marker.at} (${marker.residents} residents, scale ${marker.scale}); npm start -- --reset starts over`);
    else if (seeding) seeded = await this.seedRegister();
    if (this.stopping) return;

    await this.startSignIn(specs);
    if (this.stopping) return;
    for (const spec of specs) this.startService(spec);
    await Promise.all(this.services.map((s) => this.waitHealthy(s)));
    if (this.stopping) return;

    let written: SeedMarker | undefined;
    if (seeding && seeded) {
      const backlogReports = await this.postBacklog(seeded.backlogFile);
      await this.seedTeams();
      const scorecard = await this.seedBurials(seeded);
      if (this.stopping) return;
      written = {
        at: new Date().toISOString(),
        seed: this.opts.seed,
        scale: this.opts.scale,
        residents: seeded.residents,
        rejected: seeded.rejected,
        backlogReports,
        generator: seeded.generator,
        ...(scorecard ? { scorecard } : {}),
        ikd: 'pending',
      };
      writeSeedMarker(this.opts.dataDir, written);
    }
    // A demo seeded before outreach's teams were part of the seed gets them too (never an office's own set-up).
    else if (marker && !this.opts.noSeed) await this.seedTeams();
    this.printBanner(created);
    if (seeding) void this.followOutbox();
    // The IKD actions take minutes at full scale: after the banner, as the read models fill in (resumed if stopped).
    const ikdPending = written ?? (marker?.ikd === 'pending' && !this.opts.noSeed ? marker : undefined);
    if (ikdPending) void this.seedIkdAfterBanner(ikdPending);
  }

  // ---- data folder -------------------------------------------------------------------------------------------

  private prepareDataDir(): void {
    const dir = this.opts.dataDir;
    if (this.opts.reset && existsSync(dir)) {
      const entries = readdirSync(dir);
      // Never empty a folder the launcher did not make (ADMINDUK_DATA_DIR=$HOME by mistake).
      if (entries.length > 0 && !entries.includes(DATA_MARKER)) throw new StartError(`--reset: ${dir} was not created by npm start (no ${DATA_MARKER}); delete it yourself`, 2);
      for (const entry of entries) rmSync(join(dir, entry), { recursive: true, force: true });
      say(`start: --reset: emptied ${dir}`);
    }
    mkdirSync(dir, { recursive: true });
    const marker = join(dir, DATA_MARKER);
    if (!existsSync(marker)) writeFileSync(marker, 'Data folder of `npm start` (Adminduk): SQLite files, NATS store, development secrets.\n');
  }

  // ---- NATS --------------------------------------------------------------------------------------------------

  private async ensureNats(): Promise<void> {
    const url = this.opts.natsUrl;
    const probe = await probeNats(url);
    if (probe === 'jetstream') {
      say(`start: NATS at ${url} (JetStream)`);
      return;
    }
    if (probe === 'no-jetstream') throw new StartError(natsMissingMessage(url, 'no-jetstream'), 3);
    // A cluster (several servers) is never started here: one down server of it is the cluster's to fix.
    if (natsServers(url).length > 1) throw new StartError(natsMissingMessage(url, 'cluster'), 3);
    const { host } = natsAddress(url);
    // Only a local address can be started here; a remote NATS_URL that does not answer is the user's to fix.
    if (!isLocalAddress(host)) throw new StartError(natsMissingMessage(url, 'not-local'), 3);
    const bin = findNatsServer(this.opts.natsServerBin);
    if (!bin) throw new StartError(natsMissingMessage(url, 'no-binary', this.opts.natsServerBin), 3);
    const store = join(this.opts.dataDir, 'nats');
    say(`start: nothing answers at ${url}: starting ${bin} with JetStream (store ${store})`);
    try {
      this.nats = await startNatsServer(bin, url, store, join(this.opts.dataDir, 'nats-server.log'), undefined, (proc) => this.watchdog?.watch(proc, WATCH_STAGE.nats));
    } catch (error) {
      throw new StartError(`${(error as Error).message}\nFix: free the port, or set NATS_URL to a running NATS server with JetStream.`, 3);
    }
    say(`start: nats-server started (pid ${this.nats.pid})`);
    this.nats.once('exit', (code, signal) => {
      if (!this.stopping) {
        warn(`start: nats-server stopped unexpectedly (${signal ?? `code ${code}`}); see ${join(this.opts.dataDir, 'nats-server.log')}`);
        void this.shutdown(1);
      }
    });
  }

  // ---- build, migrate ------------------------------------------------------------------------------------------

  private async build(specs: readonly ServiceSpec[]): Promise<void> {
    const projects = [...specs.map((s) => s.name), ...(existsSync(join(ROOT, 'apps', 'web', 'project.json')) ? ['web'] : [])];
    say(`start: building ${projects.join(', ')} (Nx; quick when nothing changed)`);
    const started = Date.now();
    const nx = join(ROOT, 'node_modules', '.bin', 'nx');
    const result = await this.command(nx, ['run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--output-style=static'], {
      ...process.env,
      NX_DAEMON: 'false',
    });
    if (this.stopping) return;
    if (result.code !== 0) throw new StartError(`the build failed:\n${result.tail.join('\n')}`);
    say(`start: build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  private serviceCommand(spec: ServiceSpec, args: readonly string[]): [string, string[]] {
    return this.opts.fromSources
      ? [process.execPath, ['-r', TS_REGISTER, join(ROOT, 'apps', spec.name, 'src', 'main.ts'), ...args]]
      : [process.execPath, [join(ROOT, 'dist', 'apps', spec.name, 'main.js'), ...args]];
  }

  private port(spec: ServiceSpec): number {
    return this.opts.portBase + spec.portOffset;
  }

  /** The environment of a service: SQLite in the data folder unless <SERVICE>_DATABASE_URL says otherwise. */
  private serviceEnv(spec: ServiceSpec, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // A DATABASE_URL meant for one service must not send all four to the same database.
    delete env.DATABASE_URL;
    const upper = spec.name.toUpperCase();
    return {
      ...env,
      HOST: this.opts.host,
      PORT: String(this.port(spec)),
      DATABASE_URL: process.env[`${upper}_DATABASE_URL`] || `sqlite:${join(this.opts.dataDir, `${spec.name}.sqlite`)}`,
      MIGRATE_ON_START: 'false',
      NATS_URL: this.opts.natsUrl,
      NATS_PREFIX: this.opts.natsPrefix,
      JWT_SECRET: this.secrets.jwtSecret,
      // People sign in through the development provider behind the gateway (its keys fetched from its JWKS).
      OIDC_ISSUER: this.issuer(),
      API_KEYS: apiKeysEnv(this.secrets),
      DATA_AGREEMENTS: devAgreementsEnv(this.secrets),
      // The agreements' use reaches the scorecard within seconds on a demo, not a minute (production: 60 s).
      AGREEMENT_USE_FLUSH_MS: process.env.AGREEMENT_USE_FLUSH_MS || '5000',
      LOG_LEVEL: this.opts.logLevel,
      DEEDS_SIGNING_KEY: this.secrets.deedsSigningKey,
      // The address in deed copies' QR codes: the app's origin, where the gateway routes /api/deeds/verify/… (a
      // browser on this machine reaches it; never 0.0.0.0).
      DEEDS_PUBLIC_BASE_URL: process.env.DEEDS_PUBLIC_BASE_URL || `${this.appOrigin()}/api/deeds`,
      ...extra,
    };
  }

  private async migrate(spec: ServiceSpec): Promise<void> {
    const [cmd, args] = this.serviceCommand(spec, ['migrate']);
    const result = await this.command(cmd, args, this.serviceEnv(spec, { LOG_LEVEL: 'error' }), (line) => {
      if (/applied [1-9]/.test(line)) say(`[${spec.name}] ${line.replace(/^\S+: /, '')}`);
    });
    if (this.stopping) return;
    if (result.code !== 0) throw new StartError(`${spec.name}: the migrations failed:\n${result.tail.join('\n')}`);
  }

  private async command(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, onLine?: (line: string, stream: 'stdout' | 'stderr') => void) {
    let current: ChildProcess | undefined;
    const result = await runCommand(cmd, args, {
      cwd: ROOT,
      env,
      onLine,
      track: (child) => {
        if (child) {
          this.commands.add((current = child));
          this.watchdog?.watch(child, WATCH_STAGE.work);
        }
        else if (current) this.commands.delete(current);
      },
    });
    return result;
  }

  // ---- seeding -------------------------------------------------------------------------------------------------

  private async seedRegister(): Promise<{ residents: number; rejected: number; generator: string; registerFile?: string; backlogFile?: string }> {
    const target = Math.max(1, Math.round(NAGEKEO_RESIDENTS * this.opts.scale));
    say(`start: first start: seeding a synthetic Nagekeo of about ${target} residents (scale ${this.opts.scale}, seed ${this.opts.seed})`);
    const dir = seedDir(this.opts.dataDir);
    const register = join(dir, `register-s${this.opts.seed}-x${this.opts.scale}.csv`);
    const backlog = join(dir, `backlog-s${this.opts.seed}-x${this.opts.scale}.ndjson`);
    // synth renames its files only when complete: files already here come from an interrupted seed, and reusing
    // them (rather than generating again, perhaps on another day with other ages) lets the import resume its job.
    const reuse = existsSync(register) && existsSync(backlog);
    if (reuse) say(`seed: reusing ${register} from an interrupted seed`);
    const generator = reuse ? 'tools/synth' : await this.generate(register, backlog, target);
    if (this.stopping) return { residents: 0, rejected: 0, generator };
    const rows = await countCsvRows(register);

    const identity = SERVICES.find((s) => s.name === 'identity') as ServiceSpec;
    const every = Math.max(500, Math.round(rows / 10 / 500) * 500);
    const [cmd, args] = this.serviceCommand(identity, ['import', register, '--report', join(dir, 'rejected.csv'), '--progress-every', String(every), '--actor', 'npm-start:seed']);
    say(`seed: importing ${rows} rows into identity`);
    const result = await this.command(cmd, args, this.serviceEnv(identity, { LOG_LEVEL: 'error' }), (line, stream) => {
      if (stream === 'stderr' && /^import .*rows/.test(line)) say(`seed: ${line.replace(/^import [0-9a-f-]+…?:?\s*/, 'import: ')}`);
      else if (stream === 'stderr' && line.trim() !== '') warn(`seed: ${line}`);
    });
    if (this.stopping) return { residents: 0, rejected: 0, generator };
    // 3: this file was imported before (a seed interrupted after the import): nothing to do.
    if (result.code !== 0 && result.code !== 3) throw new StartError(`seed: the import into identity failed (exit ${result.code}):\n${result.tail.join('\n')}`);
    const summary = parseImportSummary(result.tail) ?? { imported: rows, rejected: 0 };
    if (result.code === 3) say('seed: the register was imported before (resuming an interrupted seed)');
    else say(`seed: imported ${summary.imported} residents, ${summary.rejected} rejected${summary.rejected > 0 ? ` (report: ${join(dir, 'rejected.csv')})` : ''}`);
    return { residents: summary.imported, rejected: summary.rejected, generator, registerFile: register, backlogFile: existsSync(backlog) ? backlog : undefined };
  }

  /**
   * Writes the register (CSV) and the open backlog (NDJSON of requests for deeds) with tools/synth, relaying its
   * progress lines.
   */
  private async generate(register: string, backlog: string, target: number): Promise<string> {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const every = Math.max(1_000, Math.round(target / 10 / 1_000) * 1_000);
    const args = ['run', '--silent', 'synth', '--', '--region', '53.16', '--seed', String(this.opts.seed), '--scale', String(this.opts.scale)];
    args.push('--format', 'csv', '--out', register, '--backlog', backlog, '--progress-every', String(every));
    const result = await this.command(npm, args, process.env, (line) => {
      if (line.trim() !== '') say(`seed: ${line}`);
    });
    if (this.stopping) return 'tools/synth';
    if (result.code !== 0) throw new StartError(`seed: npm run synth failed (exit ${result.code}):\n${result.tail.join('\n')}`);
    return 'tools/synth';
  }

  /**
   * Creates the office's outreach teams in outreach (DEMO_OUTREACH_TEAMS, POST /teams as a registrar of the regency),
   * so that POST /plans works on the seeded demo without set-up. Only when outreach has none of its own
   * (demoTeamsToCreate); a name already taken (409) counts as done.
   */
  private async seedTeams(): Promise<void> {
    const outreach = this.services.find((s) => s.spec.name === 'outreach');
    if (!outreach) return;
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${mintDevToken(this.secrets.jwtSecret, { sub: 'npm-start-seed', roles: ['registrar'], regions: ['*'], hours: 1 })}`,
    };
    const base = `http://${this.probeHost()}:${outreach.port}`;
    const list = await fetch(`${base}/teams`, { headers }).catch(() => undefined);
    if (!list?.ok) {
      warn(`seed: could not read outreach's teams (${list ? list.status : 'no answer'}); create them with POST /teams`);
      return;
    }
    const teams = demoTeamsToCreate(((await list.json()) as { items: { name: string }[] }).items);
    let created = 0;
    for (const team of teams) {
      const res = await fetch(`${base}/teams`, { method: 'POST', headers, body: JSON.stringify(team) });
      if (res.ok || res.status === 409) created++;
      else warn(`seed: outreach refused team ${team.name}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
    if (teams.length > 0) say(`seed: ${created} outreach teams in Mbay (${teams.map((t) => t.name).join(', ')})`);
  }

  /**
   * The Ministry scorecard's deaths, burials and agreement use (seed-scorecard.ts), through the services' APIs:
   * deaths registered, their burials reported by the burial registers' keys, the demo integrator's requests.
   */
  private async seedBurials(seeded: { residents: number; registerFile?: string; backlogFile?: string }): Promise<BurialSeedSummary | undefined> {
    if (!seeded.registerFile) return undefined;
    const result = await seedBurials({
      identity: this.serviceUrl('identity'),
      deeds: this.serviceUrl('deeds'),
      jwtSecret: this.secrets.jwtSecret,
      apiKeys: this.secrets.apiKeys,
      registerFile: seeded.registerFile,
      backlogFile: seeded.backlogFile,
      residents: seeded.residents,
      seed: this.opts.seed,
      warn,
      stopping: () => this.stopping,
    });
    if (this.stopping) return undefined;
    const b = result.burials;
    say(
      `seed: ${result.deathsRegistered} deaths registered; ${b.REGISTERED_DEATH + b.DEATH_CASE + b.NEW_CASE} burials reported by the burial registers ` +
        `(${b.REGISTERED_DEATH} of a registered death, ${b.byParticulars} of them found by particulars; ${b.DEATH_CASE} of a death case; ${b.NEW_CASE} opened one); ` +
        `${result.integratorRequests} requests of the demo integrator; in ${result.seconds.toFixed(1)} s`,
    );
    return result;
  }

  /**
   * The IKD actions of the seed (seed-scorecard.ts seedIkd), after the banner: a line every 15 seconds, then the
   * marker says they are done. Stopped half-way, the marker still says 'pending' and the next start resumes them
   * (each action's Idempotency-Key makes a resent one a no-op).
   */
  private async seedIkdAfterBanner(marker: SeedMarker): Promise<void> {
    let lastPrint = Date.now();
    say('seed: activating the IKD of about 17% of the residents with a recorded e-KTP, village by village (after the banner; the scorecard fills in as it goes)');
    try {
      const result = await seedIkd({ identity: this.serviceUrl('identity'), jwtSecret: this.secrets.jwtSecret, apiKeys: this.secrets.apiKeys, seed: marker.seed, warn, stopping: () => this.stopping }, (done, villages, sum) => {
        if (Date.now() - lastPrint < 15_000) return;
        lastPrint = Date.now();
        say(`seed: IKD: ${done}/${villages} villages, ${sum.activated} activated`);
      });
      if (this.stopping) return;
      say(
        `seed: IKD activated for ${result.activated} of ${result.eligible} residents with a recorded e-KTP (${result.deactivated} deactivated, ${result.reactivated} of them again; ` +
          `${result.refused} refused) in ${result.seconds.toFixed(1)} s`,
      );
      writeSeedMarker(this.opts.dataDir, { ...marker, ikd: result });
    } catch (error) {
      if (!this.stopping) warn(`seed: the IKD actions stopped (${(error as Error).message}); the next start resumes them`);
    }
  }

  private serviceUrl(name: string): string | undefined {
    const s = this.services.find((x) => x.spec.name === name);
    return s ? `http://${this.probeHost()}:${s.port}` : undefined;
  }

  /**
   * Sends the open backlog to deeds: each line of the generator's NDJSON is a request (`method`, `path`, `body`,
   * `caller`, `idempotencyKey`): partner reports with the demo partner's API key, office applications with an
   * operator token minted for the caller's regions. A retry after an interruption writes nothing twice: reports
   * carry their Idempotency-Key, and an application deeds already holds is refused as a duplicate (409), which
   * counts as done.
   */
  private async postBacklog(file: string | undefined): Promise<number> {
    const deeds = this.services.find((s) => s.spec.name === 'deeds');
    if (!file || !deeds) return 0;
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const partner = this.secrets.apiKeys.find((k) => k.roles.includes('partner'));
    if (lines.length === 0 || !partner) return 0;
    const started = Date.now();
    const every = Math.max(50, Math.round(lines.length / 10 / 50) * 50);
    let sent = 0;
    let refused = 0;
    for (const [i, line] of lines.entries()) {
      if (this.stopping) break;
      const item = JSON.parse(line) as { method?: string; path?: string; body?: unknown; idempotencyKey?: string; caller?: { role?: string; regions?: string[] } };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (item.caller?.role === 'operator') {
        headers.authorization = `Bearer ${mintDevToken(this.secrets.jwtSecret, { sub: 'npm-start-seed', roles: ['operator'], regions: item.caller.regions ?? ['*'], hours: 1 })}`;
      } else headers['x-api-key'] = partner.key;
      if (item.idempotencyKey) headers['idempotency-key'] = item.idempotencyKey;
      const res = await fetch(`http://${this.probeHost()}:${deeds.port}${item.path ?? '/notifications'}`, {
        method: item.method ?? 'POST',
        headers,
        body: JSON.stringify(item.body ?? item),
      });
      if (res.ok || res.status === 409) sent++;
      else {
        refused++;
        if (refused <= 3) warn(`seed: backlog request ${i + 1} refused: ${res.status} ${(await res.text()).slice(0, 300)}`);
      }
      if ((i + 1) % every === 0 || i + 1 === lines.length) say(progressLine('seed: backlog sent to deeds', i + 1, lines.length, started, Date.now(), 'requests'));
    }
    if (refused > 0) warn(`seed: ${refused} of ${lines.length} backlog requests refused by deeds`);
    return sent;
  }

  /**
   * Follows identity's outbox until the seeded events are all on NATS (consumers then catch up on their own): a
   * line every 15 seconds with what is left and the rate, so that the first minutes after the banner explain why
   * outreach and reporting are still filling up.
   */
  private async followOutbox(): Promise<void> {
    const identity = this.services.find((s) => s.spec.name === 'identity');
    if (!identity) return;
    let first: { pending: number; at: number } | undefined;
    let lastPrint = 0;
    while (!this.stopping) {
      const pending = await this.outboxPending(identity);
      if (pending === 0) {
        if (first) say(`seed: all ${first.pending} seeded events are on NATS; outreach and reporting finish building their read models from them`);
        return;
      }
      if (pending !== undefined) {
        first ??= { pending, at: Date.now() };
        if (Date.now() - lastPrint >= 15_000) {
          const rate = (first.pending - pending) / Math.max((Date.now() - first.at) / 1000, 0.001);
          say(`seed: ${pending} events still to publish from identity's outbox to NATS${rate > 0 ? ` (${Math.round(rate)}/s)` : ''}`);
          lastPrint = Date.now();
        }
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  private async outboxPending(s: Running): Promise<number | undefined> {
    try {
      const res = await fetch(`http://${this.probeHost()}:${s.port}/health/ready`);
      const body = (await res.json()) as { checks?: { outbox?: { pending?: number | null } } };
      return body.checks?.outbox?.pending ?? undefined;
    } catch {
      return undefined;
    }
  }

  // ---- sign-in provider and gateway ----------------------------------------------------------------------------

  private appOrigin(): string {
    return `http://${this.probeHost()}:${this.opts.appPort}`;
  }

  /** The provider's issuer: under /oidc on the app's origin, so that the browser sees one origin only. */
  private issuer(): string {
    return `${this.appOrigin()}/oidc`;
  }

  private oidcPort(): number {
    return this.opts.portBase + 4;
  }

  /**
   * The development OpenID Connect provider (tools/oidc, a child process: oidc-provider is ESM-only) with its keys
   * in the data folder, then the gateway in this process. The gateway listens on the host the services use.
   */
  private async startSignIn(specs: readonly ServiceSpec[]): Promise<void> {
    const args = ['-r', TS_REGISTER, join(ROOT, 'tools', 'oidc', 'main.ts'), '--issuer', this.issuer(), '--port', String(this.oidcPort()), '--host', this.probeHost()];
    args.push('--app-origin', this.appOrigin(), '--data', this.opts.dataDir);
    const child = spawn(process.execPath, args, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.provider = child;
    this.watchdog?.watch(child, WATCH_STAGE.signIn);
    const tail: string[] = [];
    const ready = new Promise<void>((resolve, reject) => {
      onLines(child, (line) => {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (/oidc provider ready at /.test(line)) resolve();
        else if (line.trim() !== '') say(`[sign-in] ${line}`);
      });
      child.once('exit', (code, signal) => {
        reject(new StartError(`the sign-in provider stopped (${signal ?? `exit code ${code}`}):\n${tail.join('\n')}`));
        if (!this.stopping) {
          warn(`start: the sign-in provider stopped unexpectedly (${signal ?? `exit code ${code}`})`);
          void this.shutdown(1);
        }
      });
    });
    await ready;
    say(`start: sign-in provider ready at ${this.issuer()} (pid ${child.pid})`);
    const origin = this.appOrigin();
    this.gateway = await startGateway({
      host: this.opts.host,
      port: this.opts.appPort,
      webDir: join(ROOT, 'dist', 'apps', 'web'),
      services: specs.map((spec) => ({ name: spec.name, url: `http://${this.probeHost()}:${this.port(spec)}` })),
      oidcUrl: `http://${this.probeHost()}:${this.oidcPort()}`,
      appConfig: {
        issuer: this.issuer(),
        clientId: WEB_CLIENT_ID,
        resource: DEFAULT_OIDC_AUDIENCE,
        apiBase: '/api',
        dashboardUrl: '/api/reporting/dashboard',
      },
    });
    say(`start: the office app answers at ${origin}/`);
  }

  // ---- services ----------------------------------------------------------------------------------------------

  private startService(spec: ServiceSpec): void {
    const [cmd, args] = this.serviceCommand(spec, []);
    const child = spawn(cmd, args, { cwd: ROOT, env: this.serviceEnv(spec), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.watchdog?.watch(child, WATCH_STAGE.work);
    const running: Running = { spec, child, port: this.port(spec), tail: [] };
    this.services.push(running);
    say(`start: ${spec.name} starting on port ${running.port} (pid ${child.pid})`);
    onLines(child, (line) => {
      running.tail.push(line);
      if (running.tail.length > 40) running.tail.shift();
      // The services' own "listening on …" line is replaced by the banner.
      if (/ listening on http/.test(line)) return;
      say(`[${spec.name}] ${formatLogLine(line)}`);
    });
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      warn(`start: ${spec.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); its last lines:\n${running.tail.map((l) => `  ${l}`).join('\n')}`);
      void this.shutdown(1);
    });
  }

  private probeHost(): string {
    return this.opts.host === '0.0.0.0' || this.opts.host === '::' ? '127.0.0.1' : this.opts.host;
  }

  private async waitHealthy(s: Running): Promise<void> {
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    while (!this.stopping) {
      if (s.child.exitCode !== null) return; // reported by the exit handler
      try {
        const res = await fetch(`http://${this.probeHost()}:${s.port}/health/ready`);
        if (res.status === 200) {
          say(`start: ${s.spec.name} is ready`);
          return;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new StartError(`${s.spec.name} was not ready after ${HEALTH_TIMEOUT_MS / 1000} s; its last lines:\n${s.tail.join('\n')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  private printBanner(secretsCreated: boolean): void {
    const host = this.probeHost();
    const token = mintDevToken(this.secrets.jwtSecret, { sub: 'dev-admin', roles: ['admin'], regions: ['*'], hours: 12 });
    const lines = ['', 'Adminduk is running (Ctrl-C stops it).', ''];
    if (this.gateway) {
      lines.push(`  The office app: ${this.appOrigin()}/`, '', `  Demo people (password for all: ${DEV_PASSWORD}; DEVELOPMENT ONLY):`);
      for (const person of DEV_PEOPLE) lines.push(`    ${person.username.padEnd(24)} ${person.description}`);
      if (!['127.0.0.1', 'localhost', '::1'].includes(this.opts.host)) {
        // Found by review: the demo password is in the README, and --host opens the sign-in to the network.
        lines.push(`  WARNING: listening on ${this.opts.host}: anyone on this network can sign in as these people (the password is public).`);
      }
      lines.push('', '  APIs:');
    }
    for (const s of this.services) {
      lines.push(`  ${s.spec.name.padEnd(10)} http://${host}:${s.port}/docs`);
      for (const page of s.spec.pages ?? []) lines.push(`  ${page.label.padEnd(10)} http://${host}:${s.port}${page.path}`);
    }
    lines.push(`  ${'NATS'.padEnd(10)} ${this.opts.natsUrl}${this.nats ? ' (started here)' : ''}`, `  ${'data'.padEnd(10)} ${this.opts.dataDir}`, '');
    lines.push('Development admin token (12 hours; DEVELOPMENT ONLY, every service accepts it):', `  Authorization: Bearer ${token}`);
    lines.push('  more: npm start -- token --roles operator --regions 531601 (see tools/start/README.md)');
    if (secretsCreated || this.keysAdded.length > 0) {
      lines.push('', `API keys (x-api-key header; shown once, kept in ${join(this.opts.dataDir, 'secrets.json')}):`);
      for (const k of this.secrets.apiKeys.filter((x) => secretsCreated || this.keysAdded.includes(x.id))) lines.push(`  ${k.id.padEnd(16)} ${k.key}  (${k.roles.join(', ')}; regions ${k.regions.join(', ')})`);
    }
    lines.push('');
    say(lines.join('\n'));
  }

  // ---- stopping ----------------------------------------------------------------------------------------------

  async shutdown(code: number): Promise<never> {
    if (this.stopping) return new Promise<never>(() => undefined);
    this.stopping = true;
    if (this.services.length > 0 || this.commands.size > 0 || this.nats) say('start: stopping…');
    await Promise.all([...this.commands].map((c) => stopProcess(c, 5_000)));
    await this.gateway?.close().catch(() => undefined);
    await Promise.all([...this.services].reverse().map((s) => stopProcess(s.child, 10_000)));
    if (this.provider) await stopProcess(this.provider, 5_000);
    if (this.nats) await stopProcess(this.nats, 10_000);
    if (this.services.length > 0 || this.nats) say('start: stopped');
    process.exit(code);
  }
}

async function main(): Promise<void> {
  let opts: StartOptions;
  try {
    opts = parseStartOptions(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    warn((error as Error).message);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
  if (opts.command === 'help') {
    say(USAGE);
    return;
  }
  if (opts.command === 'token') {
    // JWT_SECRET from the environment (a compose or production-like setup), else the data folder's secret.
    let secret = process.env.JWT_SECRET;
    if (!secret) {
      const file = join(opts.dataDir, 'secrets.json');
      if (!existsSync(file)) {
        warn(`no ${file} yet: run npm start once (it creates the development secrets), or set JWT_SECRET`);
        process.exit(1);
      }
      secret = loadOrCreateSecrets(opts.dataDir).secrets.jwtSecret;
    }
    say(mintDevToken(secret, opts.token));
    return;
  }
  const launcher = new Launcher(opts);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void launcher.shutdown(0));
  // npm passes SIGINT and SIGTERM to its shell only (and dies of SIGHUP): npm or its shell gone, or the shell woken
  // by a signal, is the signal here (parents.ts).
  watchParents((reason) => {
    warn(`start: ${reason}: stopping`);
    void launcher.shutdown(0);
  });
  // Orphaned, its terminal or the pipe it wrote to may be gone: a line that cannot be written must not stop the stop.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  process.on('exit', () => launcher.killAllNow());
  try {
    await launcher.run();
  } catch (error) {
    warn(error instanceof StartError ? error.message : `start: ${(error as Error).stack ?? String(error)}`);
    await launcher.shutdown(error instanceof StartError ? error.exitCode : 1);
  }
}

void main();
