/**
 * Command line and environment of the launcher. Every problem is reported at once (house rule 9), and the
 * defaults bring the whole system up on a laptop: `./data`, ports 3001–3004, NATS on localhost, full Nagekeo.
 */
import { isAbsolute, resolve } from 'node:path';

export interface StartOptions {
  readonly command: 'start' | 'token' | 'help';
  /** The data folder: one SQLite file per service, the JetStream store of a NATS the launcher started, secrets. */
  readonly dataDir: string;
  /** Delete the data folder's contents first (a fresh seeded system). */
  readonly reset: boolean;
  /** Share of Nagekeo's 164,457 residents to generate on first start (1 = full size, 0.05 = a quick demo). */
  readonly scale: number;
  /** Seed of the synthetic population (same seed, same people). */
  readonly seed: number;
  /** Do not seed an empty system (the services start with empty registers). */
  readonly noSeed: boolean;
  readonly host: string;
  /** identity listens on portBase, deeds on portBase + 1, … (services.ts). */
  readonly portBase: number;
  /**
   * The office app's one origin (the gateway: the app, /api/<service>/…, /oidc/…): portBase - 1 (3000) unless
   * --app-port says otherwise. The development sign-in provider listens on portBase + 4 (3005) behind it.
   */
  readonly appPort: number;
  /** Only these services (default: all present). */
  readonly only?: readonly string[];
  readonly natsUrl: string;
  /** NATS_URL was not given: the default local server, which the launcher may start. */
  readonly natsUrlDefault: boolean;
  readonly natsPrefix: string;
  /** NATS_SERVER_BIN: the only nats-server binary tried when set. */
  readonly natsServerBin?: string;
  /** Run the services from their TypeScript sources (no build): ADMINDUK_FROM_SOURCES=1 or --from-sources. */
  readonly fromSources: boolean;
  /** Skip the Nx build (dist must exist). */
  readonly noBuild: boolean;
  /** Service log level: warn by default (quiet), info with --verbose, or LOG_LEVEL. */
  readonly logLevel: string;
  /** `token`: the claims of the token to mint. */
  readonly token: { readonly sub: string; readonly roles: readonly string[]; readonly regions: readonly string[]; readonly hours: number };
}

export class UsageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`npm start: ${problems.join('; ')} (npm start -- --help)`);
    this.name = 'UsageError';
  }
}

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export const USAGE = `Usage: npm start [-- options]        the whole system on this machine (Ctrl-C stops it)
       npm start -- token [options]     print a development bearer token

Options:
  --scale <0..1>        share of Nagekeo's 164,457 residents to seed on first start (default 1; 0.05 for a quick demo)
  --seed <n>            seed of the synthetic population (default 1)
  --reset               delete the data folder's contents and start over (seeds again)
  --no-seed             start with empty registers
  --data <dir>          data folder (default ./data; ADMINDUK_DATA_DIR)
  --port-base <n>       identity on n, deeds n+1, outreach n+2, reporting n+3, sign-in provider n+4 (default 3001;
                        ADMINDUK_PORT_BASE)
  --app-port <n>        the office app and its APIs on one origin (default port base - 1: 3000; ADMINDUK_APP_PORT)
  --host <addr>         interface the services listen on (default 127.0.0.1; HOST)
  --services <a,b>      only these services (default: all)
  --from-sources        run the TypeScript sources, no build (ADMINDUK_FROM_SOURCES=1)
  --no-build            do not run the Nx build (dist/apps must exist)
  --verbose             the services' info logs too (default: warnings and errors only)

Token options (npm start -- token):
  --roles <a,b>         default admin          --regions <a,b>   default *
  --sub <id>            default dev-admin      --hours <n>       default 12 (at most TOKEN_MAX_LIFETIME_SECONDS)

Environment: NATS_URL (default ${DEFAULT_NATS_URL}; several servers of a cluster comma-separated; one local address
with nothing listening is started from nats-server), NATS_SERVER_BIN, NATS_PREFIX, LOG_LEVEL.`;

const truthy = (v: string | undefined): boolean => v !== undefined && ['1', 'true', 'yes'].includes(v.toLowerCase());

export function parseStartOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): StartOptions {
  const problems: string[] = [];
  const args = [...argv];
  let command: StartOptions['command'] = 'start';
  if (args[0] === 'token') {
    command = 'token';
    args.shift();
  }
  const flags = new Map<string, string | true>();
  const valued = new Set(['--scale', '--seed', '--data', '--port-base', '--app-port', '--host', '--services', '--roles', '--regions', '--sub', '--hours']);
  const switches = new Set(['--reset', '--no-seed', '--from-sources', '--no-build', '--verbose', '--help', '-h']);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (valued.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') problems.push(`${name} needs a value`);
      else flags.set(name, value);
    } else if (switches.has(arg)) {
      flags.set(arg, true);
    } else {
      problems.push(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  if (flags.has('--help') || flags.has('-h')) command = 'help';
  const str = (flag: string, envName?: string): string | undefined => {
    const v = flags.get(flag);
    if (typeof v === 'string') return v;
    return envName ? env[envName] || undefined : undefined;
  };
  const num = (flag: string, envName: string | undefined, fallback: number, check: (n: number) => boolean, what: string): number => {
    const raw = str(flag, envName);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || !check(n)) {
      problems.push(`${flag} must be ${what}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return n;
  };

  const scale = num('--scale', 'ADMINDUK_SCALE', 1, (n) => n > 0 && n <= 1, 'a number above 0 and at most 1');
  const seed = num('--seed', 'ADMINDUK_SEED', 1, (n) => Number.isInteger(n) && n >= 0, 'a whole number');
  const portBase = num('--port-base', 'ADMINDUK_PORT_BASE', 3001, (n) => Number.isInteger(n) && n >= 1 && n <= 65_000, 'a port from 1 to 65000');
  const appPort = num('--app-port', 'ADMINDUK_APP_PORT', portBase - 1, (n) => Number.isInteger(n) && n >= 1 && n <= 65_535 && (n < portBase || n > portBase + 4), 'a port from 1 to 65535 outside the services\' (port base to port base + 4)');
  // The services refuse a token that lives longer than TOKEN_MAX_LIFETIME_SECONDS (12 hours unless set; they see
  // the same environment): a longer development token would be refused by every one of them.
  const maxSeconds = Number(env.TOKEN_MAX_LIFETIME_SECONDS) || 12 * 3600;
  const maxHours = Math.floor((maxSeconds / 3600) * 1000) / 1000;
  const hours = num('--hours', undefined, Math.min(12, maxHours), (n) => n > 0 && n <= maxHours, `from above 0 to ${maxHours} hours (TOKEN_MAX_LIFETIME_SECONDS)`);
  const dataRaw = str('--data', 'ADMINDUK_DATA_DIR') ?? 'data';
  const dataDir = isAbsolute(dataRaw) ? dataRaw : resolve(cwd, dataRaw);
  const natsUrl = env.NATS_URL || DEFAULT_NATS_URL;
  // A cluster's servers, comma-separated, as the services take them (config.natsServers).
  if (!natsUrl.split(',').every((u) => /^nats:\/\/[^/\s,]+$/.test(u.trim()))) {
    problems.push(`NATS_URL must look like nats://host:port (or several, comma-separated: nats://a:4222,nats://b:4222), got ${JSON.stringify(natsUrl)}`);
  }
  const natsPrefix = env.NATS_PREFIX ?? '';
  if (natsPrefix !== '' && !/^[a-z0-9-]+$/i.test(natsPrefix)) problems.push('NATS_PREFIX may hold only letters, digits and dashes');
  const list = (raw: string | undefined): string[] | undefined =>
    raw === undefined ? undefined : raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const verbose = flags.has('--verbose');
  const logLevel = env.LOG_LEVEL || (verbose ? 'info' : 'warn');

  if (problems.length > 0) throw new UsageError(problems);
  return {
    command,
    dataDir,
    reset: flags.has('--reset'),
    scale,
    seed,
    noSeed: flags.has('--no-seed'),
    host: str('--host', 'HOST') ?? '127.0.0.1',
    portBase,
    appPort,
    only: list(str('--services')),
    natsUrl,
    natsUrlDefault: !env.NATS_URL,
    natsPrefix,
    natsServerBin: env.NATS_SERVER_BIN || undefined,
    fromSources: flags.has('--from-sources') || truthy(env.ADMINDUK_FROM_SOURCES),
    noBuild: flags.has('--no-build'),
    logLevel,
    token: {
      sub: str('--sub') ?? 'dev-admin',
      roles: list(str('--roles')) ?? ['admin'],
      regions: list(str('--regions')) ?? ['*'],
      hours,
    },
  };
}
