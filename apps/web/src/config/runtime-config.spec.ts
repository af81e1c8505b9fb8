import { loadRuntimeConfig, parseRuntimeConfig, serviceBase } from './runtime-config';

const GOOD = {
  issuer: 'http://127.0.0.1:3000/oidc',
  clientId: 'adminduk-web',
  resource: 'urn:adminduk:api',
  apiBase: '/api',
  dashboardUrl: '/api/reporting/dashboard',
};

describe('config.json', () => {
  it("takes the development gateway's configuration", () => {
    const result = parseRuntimeConfig(GOOD);
    expect(result).toEqual({ ok: true, value: { ...GOOD, claims: { roles: 'roles', regions: 'regions', institution: 'institution' } } });
    if (result.ok) expect(serviceBase(result.value, 'identity')).toBe('/api/identity');
  });

  it('takes an https provider anywhere, other claim names, and trims trailing slashes', () => {
    const result = parseRuntimeConfig({ ...GOOD, issuer: 'https://sso.nagekeokab.go.id/realms/adminduk/', apiBase: 'https://adminduk.nagekeokab.go.id/api/', claims: { roles: 'realm_access.roles' } });
    expect(result.ok && result.value.issuer).toBe('https://sso.nagekeokab.go.id/realms/adminduk');
    expect(result.ok && result.value.apiBase).toBe('https://adminduk.nagekeokab.go.id/api');
    expect(result.ok && result.value.claims.roles).toBe('realm_access.roles');
  });

  it('reports every problem at once', () => {
    const result = parseRuntimeConfig({ issuer: 'http://sso.nagekeokab.go.id/oidc', clientId: 'adminduk web', resource: 42, dashboardUrl: 'javascript:alert(1)' });
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'FIELD_NOT_TEXT', field: 'resource' },
        { code: 'FIELD_MISSING', field: 'apiBase' },
        { code: 'ISSUER_NOT_HTTPS', field: 'issuer' },
        { code: 'CLIENT_ID_INVALID', field: 'clientId' },
        { code: 'URL_INVALID', field: 'dashboardUrl' },
      ],
    });
  });

  it.each([
    ['a relative API base', { apiBase: 'api' }, 'URL_INVALID'],
    ['a protocol-relative API base', { apiBase: '//evil.example/api' }, 'URL_INVALID'],
    ['an issuer with a query', { issuer: 'https://sso.example/oidc?x=1' }, 'ISSUER_INVALID'],
    ['an issuer that is not a URL', { issuer: 'sso' }, 'ISSUER_INVALID'],
    ['a claim name with spaces', { claims: { regions: 'my regions' } }, 'CLAIM_NAME_INVALID'],
  ])('refuses %s', (_label, change, code) => {
    const result = parseRuntimeConfig({ ...GOOD, ...change });
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual([code]);
  });

  it('refuses what is not an object', () => {
    expect(parseRuntimeConfig([GOOD])).toEqual({ ok: false, problems: [{ code: 'CONFIG_NOT_OBJECT' }] });
  });

  it('tells a missing file, an unreachable server and a page that is not JSON apart', async () => {
    const answer = (body: string, status: number) => async () => new Response(body, { status });
    expect(await loadRuntimeConfig(answer('not here', 404))).toEqual({ ok: false, problems: [{ code: 'CONFIG_NOT_FOUND' }] });
    expect(await loadRuntimeConfig(answer('<!doctype html>', 200))).toEqual({ ok: false, problems: [{ code: 'CONFIG_NOT_JSON' }] });
    expect(await loadRuntimeConfig(answer('', 502))).toEqual({ ok: false, problems: [{ code: 'CONFIG_UNREACHABLE' }] });
    expect(await loadRuntimeConfig(async () => Promise.reject(new TypeError('offline')))).toEqual({ ok: false, problems: [{ code: 'CONFIG_UNREACHABLE' }] });
    expect((await loadRuntimeConfig(answer(JSON.stringify(GOOD), 200))).ok).toBe(true);
  });
});
