/**
 * The office app's test bed: the system as `npm start` runs it, with the real parts — the four services, each on a
 * throw-away PostgreSQL database and all on the machine's NATS under one run-unique prefix, the development
 * OpenID Connect provider (a child process, as npm start runs it), and the gateway serving the app's build
 * (dist/apps/web, made by `npm test`'s build step) with /api/<service>/… and /oidc/… on one origin — and Debian's
 * Chromium driven by playwright-core. Each browser test file starts its own, so files never share state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { DEFAULT_OIDC_AUDIENCE, EventConsumerService, NatsService, RpcServer, WEB_CLIENT_ID, type ServiceDefinition } from '@adminduk/platform';
import { createDatabase, createTestApp, deletePrefixedStreams, dropDatabase, freePort, uniqueNatsPrefix, type TestApp } from '@adminduk/platform/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEV_PASSWORD } from '../../oidc/people';
import { startGateway, type Gateway } from '../../start/gateway';

const ROOT = resolve(__dirname, '..', '..', '..');
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
export const CHROMIUM = '/usr/bin/chromium';
export const WEB_DIST = join(ROOT, 'dist', 'apps', 'web');
const SERVICE_NAMES = ['identity', 'deeds', 'outreach', 'reporting'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** A partner institution's API key (machine-to-machine), beside the people who sign in. */
export const PARTNER_KEY = { id: 'pustu-boawae', key: `office-app-pustu-boawae-${process.pid}-0123456789` };

export interface OfficeSystemOptions {
  /** Lifetime of the provider's access tokens (s): short to see the app refresh them. */
  readonly accessTokenTtlSeconds?: number;
  /** Only these services (all four by default). */
  readonly services?: readonly ServiceName[];
  /** DATA_AGREEMENTS for the services (a JSON list, as npm start sets it); none by default. */
  readonly dataAgreements?: string;
}

export interface OfficeSystem {
  /** The app's origin: http://127.0.0.1:<port> */
  readonly origin: string;
  readonly issuer: string;
  readonly services: Readonly<Partial<Record<ServiceName, TestApp>>>;
  readonly natsPrefix: string;
  close(): Promise<void>;
}

async function serviceDefinition(name: ServiceName): Promise<ServiceDefinition> {
  const module = (await import(join(ROOT, 'apps', name, 'src', `${name}.module.ts`))) as Record<string, unknown>;
  const definition = Object.values(module).find((v): v is ServiceDefinition => typeof v === 'object' && v !== null && 'name' in v && 'module' in v && 'openApi' in v);
  if (!definition) throw new Error(`apps/${name}/src/${name}.module.ts exports no ServiceDefinition`);
  return definition;
}

/** Starts the development provider as npm start does and resolves once it says it is ready. */
function startProvider(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'tools', 'scripts', 'ts-register.cjs'), join(ROOT, 'tools', 'oidc', 'main.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sign-in provider was not ready after 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/oidc provider ready at /.test(output)) {
        clearTimeout(timer);
        resolvePromise(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sign-in provider exited (${code}):\n${output}`));
    });
  });
}

export async function startOfficeSystem(options: OfficeSystemOptions = {}): Promise<OfficeSystem> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`the app is not built (${WEB_DIST}): npx nx run web:build (npm test builds it before the tests)`);
  const names = options.services ?? SERVICE_NAMES;
  const natsPrefix = uniqueNatsPrefix('office-app');
  const databases: { name: string; url: string }[] = [];
  const services: Partial<Record<ServiceName, TestApp>> = {};
  let provider: ChildProcess | undefined;
  let gateway: Gateway | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'adminduk-office-app-'));
  const close = async (): Promise<void> => {
    await gateway?.close().catch(() => undefined);
    for (const name of [...names].reverse()) await services[name]?.close().catch(() => undefined);
    if (provider && provider.exitCode === null) {
      const exited = new Promise((r) => provider?.once('exit', r));
      provider.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (provider.exitCode === null) provider.kill('SIGKILL');
    }
    await deletePrefixedStreams(natsPrefix, NATS_URL).catch(() => undefined);
    for (const db of databases) await dropDatabase(db.name).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const appPort = await freePort();
    const oidcPort = await freePort();
    const origin = `http://127.0.0.1:${appPort}`;
    const issuer = `${origin}/oidc`;
    const providerArgs = ['--issuer', issuer, '--port', String(oidcPort), '--app-origin', origin, '--data', dataDir];
    if (options.accessTokenTtlSeconds) providerArgs.push('--access-token-ttl', String(options.accessTokenTtlSeconds));
    provider = await startProvider(providerArgs);

    const apiKeys = JSON.stringify([{ id: PARTNER_KEY.id, sha256: createHash('sha256').update(PARTNER_KEY.key).digest('hex'), roles: ['partner'], regions: ['531603'] }]);
    for (const name of names) {
      const definition = await serviceDefinition(name);
      const db = await createDatabase(`web${name}`);
      databases.push(db);
      const t = await createTestApp(definition.name, definition.module, definition.openApi, {
        DATABASE_URL: db.url,
        NATS_ENABLED: 'true',
        NATS_URL,
        NATS_PREFIX: natsPrefix,
        OIDC_ISSUER: issuer,
        API_KEYS: apiKeys,
        ...(options.dataAgreements ? { DATA_AGREEMENTS: options.dataAgreements } : {}),
        // The kutipan's QR code points at the app's origin, as npm start sets it.
        ...(name === 'deeds' ? { DEEDS_PUBLIC_BASE_URL: `${origin}/api/deeds` } : {}),
      });
      services[name] = t;
      await t.app.get(NatsService).ready();
      await t.app.listen({ port: 0, host: '127.0.0.1' });
    }
    for (const name of names) {
      const t = services[name] as TestApp;
      await t.app.get(EventConsumerService).ready().catch(() => undefined);
      if (name === 'identity') await t.app.get(RpcServer).ready();
    }
    gateway = await startGateway({
      host: '127.0.0.1',
      port: appPort,
      webDir: WEB_DIST,
      services: await Promise.all(names.map(async (name) => ({ name, url: (await (services[name] as TestApp).app.getUrl()).replace('[::1]', '127.0.0.1') }))),
      oidcUrl: `http://127.0.0.1:${oidcPort}`,
      appConfig: { issuer, clientId: WEB_CLIENT_ID, resource: DEFAULT_OIDC_AUDIENCE, apiBase: '/api', dashboardUrl: '/api/reporting/dashboard' },
    });
    return { origin, issuer, services, natsPrefix, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Debian's Chromium, headless, without the background traffic this machine's closed network refuses. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install chromium): the office app's browser tests need it`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone (390 × 844) or a desktop (1366 × 768) in Bahasa Indonesia, WITA. */
export async function newContext(browser: Browser, size: 'phone' | 'tablet' | 'desktop'): Promise<BrowserContext> {
  const viewport = size === 'phone' ? { width: 390, height: 844 } : size === 'tablet' ? { width: 1024, height: 768 } : { width: 1366, height: 768 };
  // bypassCSP: axe-core is injected as a script, which the provider's strict Content-Security-Policy rightly
  // refuses; the pages' own scripts run as they would anyway.
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Makassar', bypassCSP: true, ...(size === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  // Generous waits: the machine running npm test is shared by many Jest workers.
  context.setDefaultTimeout(30_000);
  return context;
}

const AXE_SOURCE = (): string => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
}

/** axe-core on the page as it stands: the serious and critical violations (none is the bar). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.addScriptTag({ content: AXE_SOURCE() });
  // Evaluated in the page (a string: the tools compile without the DOM's types).
  const violations = (await page.evaluate(
    'window.axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })))',
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Collects what went wrong in the page (errors, failed requests), to show beside a failed assertion. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** The app has drawn its screen (the shell sets body[data-state="ready"]). */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="ready"]');
}

/** With WEB_SHOTS_DIR set, a full-page screenshot `<name>.png` there (to look at the layouts). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.WEB_SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** True when the page is wider than the window (the person would have to scroll sideways). */
export const scrollsSideways = (page: Page): Promise<boolean> => page.evaluate('document.documentElement.scrollWidth > window.innerWidth') as Promise<boolean>;

/** An answer of a service through the gateway: its status and its body (parsed JSON, else the text). */
export interface RestAnswer<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * A caller of the services' REST APIs through the gateway (`/api/<service>/…`), with the given headers (a bearer
 * token, an API key): what the tests set up and check besides the browser. `call` answers whatever came back;
 * `ok` throws, with the answer, when the status is not the one expected. The body's type is the caller's to say.
 */
export interface Rest {
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RestAnswer<T>>;
  ok<T = Record<string, unknown>>(method: string, path: string, body: unknown, status: number, headers?: Record<string, string>): Promise<T>;
}

export function restAs(system: OfficeSystem, caller: Record<string, string>): Rest {
  const call = async <T,>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestAnswer<T>> => {
    const binary = body instanceof Buffer;
    const res = await fetch(`${system.origin}/api/${path}`, {
      method,
      headers: { ...caller, ...(body === undefined || binary ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: binary ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (/^[[{]/.test(text) ? JSON.parse(text) : text) as T };
  };
  return {
    call,
    ok: async <T,>(method: string, path: string, body: unknown, status: number, headers?: Record<string, string>): Promise<T> => {
      const answer = await call<T>(method, path, body, headers);
      if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
  };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** Waits until `read` gives a value `ok` accepts, reading again every 250 ms; fails with the last value after `ms`. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Today at the office (WITA), YYYY-MM-DD. */
export const officeToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export interface TodaysVisit {
  readonly planId: string;
  readonly visit: { readonly id: string; readonly date: string; readonly villageCode: string; readonly teamName: string };
}

type VillageBacklog = Readonly<Record<'EKTP_RECORDING' | 'BIRTH_DEED' | 'KIA' | 'APPLICATION' | 'HANDOVER', number>>;

/**
 * A published Jemput Bola plan with a visit to `villageCode` today, as a registrar makes one: the teams go out on
 * today's weekday; one team with a recording kit; once the village's backlog (outreach counts it from the registers'
 * events) is what `ready` waits for, a one-week plan from today, published. The planner visits villages by need, so
 * the village must have a backlog.
 */
export async function publishTodaysVisit(
  system: OfficeSystem,
  registrarToken: string,
  plan: { readonly villageCode: string; readonly teamName: string; readonly ready: (backlog: VillageBacklog | undefined) => boolean },
): Promise<TodaysVisit> {
  const { villageCode, teamName, ready } = plan;
  const rest = restAs(system, bearer(registrarToken));
  const today = officeToday();
  const weekday = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'][new Date(`${today}T00:00:00Z`).getUTCDay()];
  const settings = await rest.ok<{ version: number; dayMinutes: number; setupMinutes: number }>('GET', 'outreach/calendar/settings', undefined, 200);
  await rest.ok('PUT', 'outreach/calendar/settings', { version: settings.version, serviceDays: [weekday], dayMinutes: settings.dayMinutes, setupMinutes: settings.setupMinutes }, 200);
  await rest.ok('POST', 'outreach/teams', { name: teamName, staffCount: 4, equipment: ['EKTP_RECORDING_KIT', 'VEHICLE'], services: ['EKTP_RECORDING'] }, 201);
  type Backlog = { districts: { villages: { code: string; backlog: VillageBacklog }[] }[] };
  await until(
    `the backlog of ${villageCode}`,
    async () => (await rest.ok<Backlog>('GET', 'outreach/backlog', undefined, 200)).districts.flatMap((d) => d.villages).find((v) => v.code === villageCode)?.backlog,
    ready,
  );
  const draft = await rest.ok<{ id: string }>('POST', 'outreach/plans', { weeks: 1, startDate: today }, 201);
  const published = await rest.ok<{ id: string; visits: TodaysVisit['visit'][] }>('POST', `outreach/plans/${draft.id}/publish`, undefined, 200);
  const visit = published.visits.find((v) => v.date === today && v.villageCode === villageCode);
  if (!visit) throw new Error(`no visit to ${villageCode} today in ${JSON.stringify(published.visits)}`);
  return { planId: published.id, visit };
}

/**
 * Signs a demo person in through the development provider as a person would: the app's "Masuk", the provider's
 * page (username, the demo password), back in the app with their name shown.
 */
export async function signIn(system: OfficeSystem, page: Page, username: string): Promise<void> {
  await page.goto(`${system.origin}/`);
  await ready(page);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/oidc/'));
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEV_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForSelector('.who-name');
  await ready(page);
}
