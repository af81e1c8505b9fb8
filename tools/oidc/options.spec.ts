// The development provider's parts that need no HTTP: the command line, the demo people and their password
// check, the key file, the file-backed store and the pages' escaping and Content-Security-Policy.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { FileStore, STORE_FILE } from './file-store';
import { KEYS_FILE, loadOrCreateProviderKeys } from './keys';
import { normalizeIssuer, normalizeOrigin, parseOidcArgs, readPeopleFile, UsageError } from './options';
import { escapeHtml, LOGIN_FAILED, loginPage, logoutPage, pageSecurityHeaders } from './pages';
import { checkCredentials, DEV_PASSWORD, DEV_PEOPLE } from './people';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-oidc-unit-'));
  folders.push(dir);
  return dir;
}

describe('command line', () => {
  const base = ['--issuer', 'http://127.0.0.1:3000/oidc/', '--port', '3005', '--app-origin', 'http://127.0.0.1:3000/', '--data', 'data'];

  test('reads every option and normalizes the URLs', () => {
    expect(parseOidcArgs([...base, '--app-origin=http://localhost:5173', '--access-token-ttl', '30', '--refresh-token-ttl=600', '--host', '0.0.0.0', '--verbose'], '/repo')).toEqual({
      issuer: 'http://127.0.0.1:3000/oidc',
      port: 3005,
      host: '0.0.0.0',
      appOrigins: ['http://127.0.0.1:3000', 'http://localhost:5173'],
      dataDir: '/repo/data',
      accessTokenTtlSeconds: 30,
      refreshTokenTtlSeconds: 600,
      verbose: true,
    });
    expect(parseOidcArgs(base, '/repo')).toEqual({ issuer: 'http://127.0.0.1:3000/oidc', port: 3005, appOrigins: ['http://127.0.0.1:3000'], dataDir: '/repo/data', verbose: false });
  });

  test.each([
    [[], 'missing --issuer, --port, --app-origin, --data'],
    [['--issuer', 'http://x/oidc', '--port', '1'], 'missing --app-origin, --data'],
    [[...base, '--port', '70000'], '--port must be between 1 and 65535'],
    [[...base, '--port', 'abc'], '--port must be a whole number'],
    [[...base, '--access-token-ttl', '0'], '--access-token-ttl must be between 1'],
    [[...base, '--app-origin', 'http://127.0.0.1:3000/app'], 'an app origin is scheme, host and port only'],
    [[...base, '--issuer', 'http://x/oidc?a=1'], 'issuer must have no query'],
    [[...base, '--issuer', 'not a url'], 'issuer is not a URL'],
    [[...base, '--data'], '--data needs a value'],
    [[...base, '--port', '--verbose'], '--port needs a value'],
    [[...base, '--unknown'], 'unknown argument: --unknown'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseOidcArgs(argv)).toThrow(UsageError);
    expect(() => parseOidcArgs(argv)).toThrow(message);
  });

  test('an issuer at the root and origins with default ports', () => {
    expect(normalizeIssuer('https://login.example.org/')).toBe('https://login.example.org');
    expect(normalizeOrigin('https://app.example.org:443')).toBe('https://app.example.org');
  });
});

describe('a --people file', () => {
  const person = { username: 'tamu', password: 'p', name: 'Tamu Uji', roles: ['partner'], regions: ['531603'], institution: 'pustu-boawae', description: 'uji' };
  const write = (content: unknown): string => {
    const file = join(freshDir(), 'people.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  test('is read as DevPerson entries', () => {
    expect(readPeopleFile(write([person, { ...person, username: 'semua', roles: ['admin'], regions: ['*'], institution: undefined }]))).toEqual([
      person,
      { ...person, username: 'semua', roles: ['admin'], regions: ['*'], institution: undefined },
    ].map((p) => JSON.parse(JSON.stringify(p))));
    expect(parseOidcArgs(['--issuer', 'http://x/oidc', '--port', '1', '--app-origin', 'http://x', '--data', 'd', '--people', 'p.json'], '/repo').peopleFile).toBe('/repo/p.json');
  });

  test.each([
    ['not JSON', '{', 'cannot read'],
    ['not a list', { username: 'x' }, 'non-empty JSON array'],
    ['an unknown role', [{ ...person, roles: ['kepala'] }], 'roles must be a non-empty list'],
    ['a bad region', [{ ...person, regions: ['53.16'] }], 'regions must be a list of region codes'],
    ['a bad institution', [{ ...person, institution: 'pustu boawae' }], 'institution is not an institution id'],
    ['no password', [{ ...person, password: '' }], 'password is missing'],
    ['a username twice', [person, person], 'names a username twice'],
  ])('%s is refused', (_label, content, message) => {
    expect(() => readPeopleFile(write(content))).toThrow(message);
  });
});

describe('the demo people', () => {
  const usernames = DEV_PEOPLE.map((p) => p.username);

  test('the registrar, one operator per kecamatan of Nagekeo, the outreach team, two partners and an analyst', () => {
    expect(usernames).toEqual([
      'registrar',
      'operator-aesesa',
      'operator-nangaroro',
      'operator-boawae',
      'operator-mauponggo',
      'operator-wolowae',
      'operator-keo-tengah',
      'operator-aesesa-selatan',
      'tim-jemput-bola',
      'bidan-boawae',
      'sekretaris-paroki-mbay',
      'analis',
    ]);
    const operators = DEV_PEOPLE.filter((p) => p.username.startsWith('operator-'));
    expect(operators.map((p) => p.regions)).toEqual([['531601'], ['531602'], ['531603'], ['531604'], ['531605'], ['531606'], ['531607']]);
    expect(operators.every((p) => p.roles.join() === 'operator' && !p.name.startsWith('Operator '))).toBe(true);
  });

  test.each([
    ['registrar', ['registrar'], ['5316'], undefined],
    ['tim-jemput-bola', ['operator'], ['5316'], undefined],
    ['bidan-boawae', ['partner'], ['531603'], 'pustu-boawae'],
    ['sekretaris-paroki-mbay', ['partner'], ['531601'], 'paroki-mbay'],
    ['analis', ['analyst'], ['5316'], undefined],
  ])('%s: roles %j, regions %j, institution %s', (username, roles, regions, institution) => {
    const person = DEV_PEOPLE.find((p) => p.username === username);
    expect(person).toMatchObject({ roles, regions });
    expect(person?.institution).toBe(institution);
  });

  test('everyone has the development password, a name and a description', () => {
    for (const person of DEV_PEOPLE) {
      expect(person.password).toBe(DEV_PASSWORD);
      expect(person.name.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(person.description.length).toBeGreaterThan(20);
    }
  });

  test('the password check: the right person, nobody for a wrong password or an unknown name', () => {
    expect(checkCredentials(DEV_PEOPLE, 'analis', DEV_PASSWORD)?.username).toBe('analis');
    expect(checkCredentials(DEV_PEOPLE, 'analis', `${DEV_PASSWORD} `)).toBeUndefined();
    expect(checkCredentials(DEV_PEOPLE, 'analis', '')).toBeUndefined();
    expect(checkCredentials(DEV_PEOPLE, 'nobody', DEV_PASSWORD)).toBeUndefined();
    const extra = [{ ...DEV_PEOPLE[0], username: 'tamu', password: 'lain' } as (typeof DEV_PEOPLE)[number]];
    expect(checkCredentials(extra, 'tamu', 'lain')?.username).toBe('tamu');
  });
});

describe('the key file', () => {
  test('is created once with mode 600 and read again on the next start', async () => {
    const dir = freshDir();
    const first = loadOrCreateProviderKeys(dir);
    expect(first.created).toBe(true);
    expect(statSync(join(dir, KEYS_FILE)).mode & 0o777).toBe(0o600);
    const [key] = first.keys.jwks.keys;
    expect(key?.kid).toBe(await calculateJwkThumbprint({ kty: 'RSA', n: key?.n, e: key?.e }));
    const second = loadOrCreateProviderKeys(dir);
    expect(second.created).toBe(false);
    expect(second.keys).toEqual(first.keys);
  });

  test('a damaged file stops the start with its name instead of signing everyone out', () => {
    const dir = freshDir();
    writeFileSync(join(dir, KEYS_FILE), '{"version":1}');
    expect(() => loadOrCreateProviderKeys(dir)).toThrow(`${join(dir, KEYS_FILE)} is not a key file of this provider`);
  });
});

describe('the file-backed store', () => {
  test('keeps artifacts across instances, drops expired ones, consumes, finds by uid and revokes by grant', async () => {
    const dir = freshDir();
    let now = 1_000_000;
    const store = new FileStore(dir, { now: () => now });
    const sessions = store.adapter('Session');
    const refresh = store.adapter('RefreshToken');
    const codes = store.adapter('AuthorizationCode');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'analis' }, 3600);
    await refresh.upsert('r1', { grantId: 'g1', accountId: 'analis' }, 60);
    await refresh.upsert('r2', { grantId: 'g2' }, 60);
    await codes.upsert('c1', { grantId: 'g1' });
    await refresh.consume('r2');
    expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'analis' });
    expect((await refresh.find('r2'))?.consumed).toBe(1000);

    await refresh.revokeByGrantId('g1');
    expect(await refresh.find('r1')).toBeUndefined();
    expect(await codes.find('c1')).toBeUndefined();
    expect(await refresh.find('r2')).toBeDefined();
    store.flush();
    expect(statSync(join(dir, STORE_FILE)).mode & 0o777).toBe(0o600);

    now += 61_000;
    const reopened = new FileStore(dir, { now: () => now });
    expect(await reopened.adapter('RefreshToken').find('r2')).toBeUndefined();
    expect(await reopened.adapter('Session').find('s1')).toEqual({ uid: 'u1', accountId: 'analis' });
    await reopened.adapter('Session').destroy('s1');
    reopened.flush();
    expect(JSON.parse(readFileSync(join(dir, STORE_FILE), 'utf8'))).toEqual({ version: 1, entries: {} });
  });

  test('hands out copies: changing a found payload does not change the store', async () => {
    const store = new FileStore(freshDir());
    const adapter = store.adapter('Grant');
    await adapter.upsert('g', { accountId: 'a' });
    const found = await adapter.find('g');
    if (found) found['accountId'] = 'b';
    expect((await adapter.find('g'))?.['accountId']).toBe('a');
    store.flush();
  });

  test('a write that fails in the background is reported, not thrown', async () => {
    const dir = freshDir();
    const errors: string[] = [];
    const store = new FileStore(join(dir, 'gone'), { writeDelayMs: 1, onError: (e) => errors.push(e.message) });
    await store.adapter('Session').upsert('s', { uid: 'u' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors.join()).toContain('ENOENT');
  });
});

describe('the pages', () => {
  test('escape what they echo', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    const html = logoutPage({ action: 'http://x/"><script>', xsrf: '"x', cancelHref: 'javascript:"' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&#34;x"');
  });

  test('a failed sign-in says so once, for both fields, without saying which', () => {
    const html = loginPage({ action: '/oidc/interaction/u/login', cancelAction: '/oidc/interaction/u/batal', username: 'analis', failed: true });
    expect(html.split(LOGIN_FAILED).length).toBe(2);
    expect(html).toContain('role="alert"');
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(2);
    expect(html).toContain('value="analis"');
  });

  test('the style sheet is the one the Content-Security-Policy allows by hash', () => {
    const html = loginPage({ action: '/a', cancelAction: '/b' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(pageSecurityHeaders(['http://127.0.0.1:3000'])['Content-Security-Policy']).toContain(`style-src 'sha256-${hash}'`);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/ style="/);
  });
});
