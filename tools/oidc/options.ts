/**
 * The development OpenID Connect provider's options: the command line of tools/oidc/main.ts and the checks
 * startDevOidcProvider applies to them (an issuer URL, app origins).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { INSTITUTION, ROLES, type Role } from '@adminduk/platform';
import type { DevPerson } from './people';

export const OIDC_USAGE = `usage: node -r ./tools/scripts/ts-register.cjs tools/oidc/main.ts \\
         --issuer <url> --port <n> --app-origin <url> [--app-origin <url> …] --data <dir> \\
         [--host <addr>] [--access-token-ttl <seconds>] [--refresh-token-ttl <seconds>] [--people <file>] [--verbose]

  --issuer <url>             the provider's public URL, e.g. http://127.0.0.1:3000/oidc; it serves under the
                             URL's path (here /oidc) on its own port
  --port <n>                 where it listens
  --host <addr>              the address it listens on (default 127.0.0.1)
  --app-origin <url>         an origin of the office app, e.g. http://127.0.0.1:3000 (repeat for more): the app
                             client's redirect URI is <origin>/masuk/selesai, its post-logout URI <origin>/
  --data <dir>               the data folder: oidc-keys.json (signing and cookie keys) and oidc-store.json
                             (sessions, grants, refresh tokens) are kept there
  --access-token-ttl <s>     access token lifetime in seconds (default 600)
  --refresh-token-ttl <s>    refresh token lifetime in seconds (default 259200, three days)
  --people <file>            a JSON array of people who can sign in, instead of the demo people: each with
                             username, password, name, roles, regions, description and, for a partner,
                             institution (as in tools/oidc/people.ts)
  --verbose                  log every request (method, path and status; never a query, body or token)

Development only: the people are the demo people of tools/oidc/people.ts, with one shared password.`;

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 3 * 24 * 60 * 60;

/** Bad command-line or option values: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

export interface ParsedOidcArgs {
  readonly issuer: string;
  readonly port: number;
  readonly host?: string;
  readonly appOrigins: readonly string[];
  readonly dataDir: string;
  readonly accessTokenTtlSeconds?: number;
  readonly refreshTokenTtlSeconds?: number;
  /** A JSON file of people to use instead of the demo people (see readPeopleFile). */
  readonly peopleFile?: string;
  readonly verbose: boolean;
}

/**
 * The issuer as the provider states it: an http(s) URL without query, fragment or credentials, and without a
 * trailing slash (`http://127.0.0.1:3000/oidc/` → `http://127.0.0.1:3000/oidc`).
 */
export function normalizeIssuer(value: string): string {
  const url = parseUrl(value, 'issuer');
  if (url.search || url.hash || url.username || url.password) {
    throw new UsageError(`issuer must have no query, fragment or credentials: ${value}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** An app origin: scheme, host and port only (`http://127.0.0.1:3000/` → `http://127.0.0.1:3000`). */
export function normalizeOrigin(value: string): string {
  const url = parseUrl(value, 'app origin');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) {
    throw new UsageError(`an app origin is scheme, host and port only (no path): ${value}`);
  }
  return url.origin;
}

function parseUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${what} must be an http or https URL: ${value}`);
  return url;
}

function positiveInteger(value: string, option: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} must be a whole number: ${value}`);
  const n = Number(value);
  if (n < 1 || n > max) throw new UsageError(`${option} must be between 1 and ${max}: ${value}`);
  return n;
}

/** Parses the command line (without `node` and the script). Throws UsageError on anything wrong or missing. */
export function parseOidcArgs(argv: readonly string[], cwd = process.cwd()): ParsedOidcArgs {
  let issuer: string | undefined;
  let port: number | undefined;
  let host: string | undefined;
  let dataDir: string | undefined;
  let accessTokenTtlSeconds: number | undefined;
  let refreshTokenTtlSeconds: number | undefined;
  let peopleFile: string | undefined;
  let verbose = false;
  const appOrigins: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--issuer':
        issuer = normalizeIssuer(value());
        break;
      case '--port':
        port = positiveInteger(value(), '--port', 65535);
        break;
      case '--host':
        host = value();
        break;
      case '--app-origin':
        appOrigins.push(normalizeOrigin(value()));
        break;
      case '--data': {
        const dir = value();
        dataDir = isAbsolute(dir) ? dir : resolve(cwd, dir);
        break;
      }
      case '--access-token-ttl':
        accessTokenTtlSeconds = positiveInteger(value(), '--access-token-ttl');
        break;
      case '--refresh-token-ttl':
        refreshTokenTtlSeconds = positiveInteger(value(), '--refresh-token-ttl');
        break;
      case '--people': {
        const file = value();
        peopleFile = isAbsolute(file) ? file : resolve(cwd, file);
        break;
      }
      case '--verbose':
        if (inline !== undefined) throw new UsageError('--verbose takes no value');
        verbose = true;
        break;
      default:
        throw new UsageError(`unknown argument: ${arg}`);
    }
  }

  const missing = [
    issuer === undefined && '--issuer',
    port === undefined && '--port',
    appOrigins.length === 0 && '--app-origin',
    dataDir === undefined && '--data',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`);

  return {
    issuer: issuer as string,
    port: port as number,
    ...(host === undefined ? {} : { host }),
    appOrigins: [...new Set(appOrigins)],
    dataDir: dataDir as string,
    ...(accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds }),
    ...(refreshTokenTtlSeconds === undefined ? {} : { refreshTokenTtlSeconds }),
    ...(peopleFile === undefined ? {} : { peopleFile }),
    verbose,
  };
}

/**
 * Reads a --people file: a JSON array of people shaped like DevPerson, checked as the services would read their
 * tokens (known roles, region codes as digits or '*', an institution id of the platform's form).
 */
export function readPeopleFile(file: string): DevPerson[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--people: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new UsageError(`--people: ${file} must hold a non-empty JSON array of people`);
  const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
  const people = parsed.map((entry: unknown, i): DevPerson => {
    const p = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const where = `--people: entry ${i + 1} of ${file}`;
    if (!text(p['username']) || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(p['username'])) throw new UsageError(`${where}: username must be letters, digits, '.', '_' or '-'`);
    if (!text(p['password'])) throw new UsageError(`${where}: password is missing`);
    if (!text(p['name'])) throw new UsageError(`${where}: name is missing`);
    const roles = p['roles'];
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => (ROLES as readonly unknown[]).includes(r))) {
      throw new UsageError(`${where}: roles must be a non-empty list of ${ROLES.join(', ')}`);
    }
    const regions = p['regions'];
    if (!Array.isArray(regions) || !regions.every((r) => typeof r === 'string' && /^(\*|\d{2,10})$/.test(r))) {
      throw new UsageError(`${where}: regions must be a list of region codes (digits) or '*'`);
    }
    const institution = p['institution'];
    if (institution !== undefined && !(typeof institution === 'string' && INSTITUTION.test(institution))) throw new UsageError(`${where}: institution is not an institution id`);
    return {
      username: p['username'],
      password: p['password'],
      name: p['name'],
      roles: roles as Role[],
      regions: regions as string[],
      ...(institution === undefined ? {} : { institution: institution as string }),
      ...(text(p['institutionName']) ? { institutionName: p['institutionName'] as string } : {}),
      description: text(p['description']) ? p['description'] : '',
    };
  });
  const names = new Set(people.map((p) => p.username));
  if (names.size !== people.length) throw new UsageError(`--people: ${file} names a username twice`);
  return people;
}
