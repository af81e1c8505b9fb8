// docker/keycloak/adminduk-realm.json, the Keycloak realm an office imports for its people's sign-in, read the way
// a reviewer of the realm reads it: the roles and claims are the ones the services understand (libs/platform), the
// web client can do nothing but Authorization Code with PKCE, every group gives one role inside Nagekeo, and the
// export holds no one's password.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRegion, listDistricts } from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import { DEFAULT_OIDC_AUDIENCE, DEFAULT_OIDC_CLAIMS, ROLES, WEB_CLIENT_ID, WEB_POST_LOGOUT_PATH, WEB_REDIRECT_PATH } from '@adminduk/platform';

const ROOT = join(__dirname, '..', '..');
const KEYCLOAK = join(ROOT, 'docker', 'keycloak');
/** Kabupaten Nagekeo (DESIGN.md). */
const REGENCY = '5316';

interface ProtocolMapper {
  name: string;
  protocol: string;
  protocolMapper: string;
  config: Record<string, string>;
}
interface Client {
  clientId: string;
  publicClient?: boolean;
  secret?: string;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  fullScopeAllowed?: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  defaultClientScopes?: string[];
  optionalClientScopes?: string[];
  protocolMappers?: ProtocolMapper[];
}
interface Group {
  name: string;
  attributes?: Record<string, string[]>;
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
  subGroups?: Group[];
}
interface Realm {
  realm: string;
  enabled: boolean;
  registrationAllowed?: boolean;
  bruteForceProtected?: boolean;
  permanentLockout?: boolean;
  failureFactor?: number;
  accessTokenLifespan: number;
  ssoSessionIdleTimeout: number;
  ssoSessionMaxLifespan: number;
  offlineSessionIdleTimeout: number;
  offlineSessionMaxLifespanEnabled?: boolean;
  offlineSessionMaxLifespan: number;
  roles: { realm: { name: string; description?: string; composite?: boolean }[]; client?: Record<string, unknown[]> };
  groups: Group[];
  users?: { username: string; credentials?: unknown[] }[];
  clients: Client[];
  scopeMappings?: { client?: string; clientScope?: string; roles: string[] }[];
  components: Record<string, { providerId: string; config: Record<string, string[]> }[]>;
}
interface UserProfileAttribute {
  name: string;
  multivalued?: boolean;
  required?: unknown;
  permissions?: { view?: string[]; edit?: string[] };
  validations?: Record<string, Record<string, unknown>>;
}

const realm = JSON.parse(readFileSync(join(KEYCLOAK, 'adminduk-realm.json'), 'utf8')) as Realm;
const webClient = realm.clients.find((c) => c.clientId === WEB_CLIENT_ID) as Client;
const mappers = webClient?.protocolMappers ?? [];
const userProfile = JSON.parse(
  realm.components['org.keycloak.userprofile.UserProfileProvider']?.[0]?.config['kc.user.profile.config']?.[0] ?? '{}',
) as { attributes: UserProfileAttribute[]; unmanagedAttributePolicy?: string };
const profileAttribute = (name: string) => userProfile.attributes.find((a) => a.name === name);
const HOUR = 3600;
const DAY = 24 * HOUR;

/** A region code prefix inside the regency: the regency itself, one of its current kecamatan or current villages. */
function isNagekeoRegion(code: string): boolean {
  if (code === REGENCY) return true;
  if (/^\d{6}$/.test(code)) {
    const district = findRegion(code);
    return district?.level === 'district' && district.parentCode === REGENCY && !district.historical;
  }
  if (/^\d{10}$/.test(code)) {
    const village = findVillage(code);
    return village !== undefined && !village.historical && village.districtCode.startsWith(REGENCY);
  }
  return false;
}

/** Every key anywhere in a JSON value, with its path. */
function keysOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysOf(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [`${path}.${k}`, ...keysOf(v, `${path}.${k}`)]);
}

describe('the adminduk realm', () => {
  test('is the realm "adminduk", enabled, and nobody can register themselves', () => {
    expect(realm).toMatchObject({ realm: 'adminduk', enabled: true, registrationAllowed: false });
  });

  test("its realm roles are exactly the platform's roles, each described, none containing another", () => {
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual([...ROLES].sort());
    for (const role of realm.roles.realm) {
      expect(role.description?.trim()).toBeTruthy();
      expect(role.composite ?? false).toBe(false);
    }
    expect(Object.keys(realm.roles.client ?? {})).toEqual([]);
  });

  test('access tokens live 10 minutes, a sign-in lasts an office day, offline sessions a few days; guessing passwords is slowed down', () => {
    expect(realm.accessTokenLifespan).toBe(10 * 60);
    expect(realm.ssoSessionMaxLifespan).toBeGreaterThanOrEqual(8 * HOUR);
    expect(realm.ssoSessionMaxLifespan).toBeLessThanOrEqual(12 * HOUR);
    expect(realm.ssoSessionIdleTimeout).toBeLessThan(realm.ssoSessionMaxLifespan);
    // The village team works offline from Wednesday to Friday and syncs back at the office.
    expect(realm.offlineSessionIdleTimeout).toBeGreaterThanOrEqual(2 * DAY);
    expect(realm.offlineSessionMaxLifespanEnabled).toBe(true);
    expect(realm.offlineSessionMaxLifespan).toBeLessThanOrEqual(7 * DAY);
    expect(realm.offlineSessionIdleTimeout).toBeLessThanOrEqual(realm.offlineSessionMaxLifespan);
    expect(realm).toMatchObject({ bruteForceProtected: true, permanentLockout: false });
    expect(realm.failureFactor).toBeLessThanOrEqual(10);
  });
});

describe(`the web client ${WEB_CLIENT_ID}`, () => {
  const origin = new URL(webClient?.redirectUris?.[0] ?? 'invalid:').origin;

  test('exists, is public (no secret) and can do Authorization Code only: no implicit flow, no passwords, no service account', () => {
    expect(webClient).toBeDefined();
    expect(webClient).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
    });
    expect(webClient.secret).toBeUndefined();
    expect(webClient.attributes).toMatchObject({ 'oauth2.device.authorization.grant.enabled': 'false', 'oidc.ciba.grant.enabled': 'false' });
  });

  test('must send a PKCE challenge, and only S256', () => {
    expect(webClient.attributes?.['pkce.code.challenge.method']).toBe('S256');
  });

  test("sends people back to the app's sign-in page and, after signing out, to its start page: exact URIs on one https origin, no wildcard", () => {
    expect(webClient.redirectUris).toEqual([`${origin}${WEB_REDIRECT_PATH}`]);
    expect(webClient.attributes?.['post.logout.redirect.uris']).toBe(`${origin}${WEB_POST_LOGOUT_PATH}`);
    expect(webClient.webOrigins).toEqual([origin]);
    expect(origin).toMatch(/^https:\/\//);
    expect(JSON.stringify([webClient.redirectUris, webClient.webOrigins, webClient.attributes])).not.toContain('*');
  });

  test('its origin is the placeholder that the docs and the try-out script replace', () => {
    const script = readFileSync(join(KEYCLOAK, 'try-out.sh'), 'utf8');
    expect(script).toContain(`placeholder='${origin}'`);
    expect(readFileSync(join(ROOT, 'docs', 'oidc.md'), 'utf8')).toContain(origin);
  });

  test("can be granted offline sessions (the app asks for offline_access) and gets the subject from Keycloak's basic scope", () => {
    expect(webClient.optionalClientScopes).toContain('offline_access');
    expect(webClient.defaultClientScopes).toContain('basic');
  });

  test("puts only the platform's roles in its tokens", () => {
    expect(webClient.fullScopeAllowed).toBe(false);
    const scope = realm.scopeMappings?.find((m) => m.client === WEB_CLIENT_ID);
    expect([...(scope?.roles ?? [])].sort()).toEqual([...ROLES].sort());
  });
});

describe("the web client's claims", () => {
  const byType = (type: string) => mappers.filter((m) => m.protocolMapper === type && m.protocol === 'openid-connect');
  const everywhere = { 'access.token.claim': 'true', 'id.token.claim': 'true', 'userinfo.token.claim': 'true' };

  test(`realm roles, the ones from groups included, go into the multivalued "${DEFAULT_OIDC_CLAIMS.roles}" claim, unprefixed`, () => {
    const [roles, ...others] = byType('oidc-usermodel-realm-role-mapper');
    expect(others).toEqual([]);
    expect(roles?.config).toMatchObject({ 'claim.name': DEFAULT_OIDC_CLAIMS.roles, multivalued: 'true', 'jsonType.label': 'String', ...everywhere });
    expect(roles?.config['usermodel.realmRoleMapping.rolePrefix'] ?? '').toBe('');
  });

  test(`the regions attribute goes into the multivalued "${DEFAULT_OIDC_CLAIMS.regions}" claim, the person's groups' values added to their own`, () => {
    const regions = byType('oidc-usermodel-attribute-mapper').filter((m) => m.config['user.attribute'] === 'regions');
    expect(regions).toHaveLength(1);
    expect(regions[0]?.config).toMatchObject({ 'claim.name': DEFAULT_OIDC_CLAIMS.regions, multivalued: 'true', 'aggregate.attrs': 'true', 'jsonType.label': 'String', ...everywhere });
  });

  test(`the institution attribute goes into the single-valued "${DEFAULT_OIDC_CLAIMS.institution}" claim, from the person or their group`, () => {
    const institution = byType('oidc-usermodel-attribute-mapper').filter((m) => m.config['user.attribute'] === 'institution');
    expect(institution).toHaveLength(1);
    expect(institution[0]?.config).toMatchObject({ 'claim.name': DEFAULT_OIDC_CLAIMS.institution, multivalued: 'false', 'aggregate.attrs': 'true', 'jsonType.label': 'String', ...everywhere });
  });

  test(`access tokens are for ${DEFAULT_OIDC_AUDIENCE}; ID tokens are not (the services refuse an ID token by its audience)`, () => {
    const [audience, ...others] = byType('oidc-audience-mapper');
    expect(others).toEqual([]);
    expect(audience?.config).toMatchObject({ 'included.custom.audience': DEFAULT_OIDC_AUDIENCE, 'access.token.claim': 'true', 'id.token.claim': 'false' });
  });
});

describe('the user profile', () => {
  const pattern = (name: string) => new RegExp(String(profileAttribute(name)?.validations?.pattern?.pattern));

  test('declares regions (several values) and institution (one), which only administrators see and change', () => {
    expect(profileAttribute('regions')).toMatchObject({ multivalued: true, permissions: { view: ['admin'], edit: ['admin'] } });
    expect(profileAttribute('institution')).toMatchObject({ multivalued: false, permissions: { view: ['admin'], edit: ['admin'] } });
  });

  test('drops attributes it does not declare (Keycloak 24 and later), so nothing else reaches a token by accident', () => {
    expect(userProfile.unmanagedAttributePolicy).toBeUndefined();
  });

  test('accepts the region codes the services accept and refuses the rest', () => {
    for (const ok of ['5316', '531603', '5316031001', '*', '53']) expect(pattern('regions').test(ok)).toBe(true);
    for (const bad of ['53.16', '53160', '5316x', '', ' 5316', '**']) expect(pattern('regions').test(bad)).toBe(false);
  });

  test('accepts institution ids such as those of API keys', () => {
    for (const ok of ['pustu-natanage', 'paroki-boawae', 'rsud.aeramo']) expect(pattern('institution').test(ok)).toBe(true);
    for (const bad of ['', '-pustu', 'pustu natanage', 'a'.repeat(101)]) expect(pattern('institution').test(bad)).toBe(false);
  });

  test('needs a first name only: many Indonesians have one name', () => {
    expect(profileAttribute('firstName')?.required).toBeDefined();
    expect(profileAttribute('lastName')?.required).toBeUndefined();
  });
});

describe('the groups', () => {
  const all = realm.groups;
  const regionsOf = (g: Group) => g.attributes?.regions ?? [];

  test('are flat: each gives exactly one of the platform roles and no client role', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const group of all) {
      expect({ group: group.name, roles: group.realmRoles }).toEqual({ group: group.name, roles: [expect.stringMatching(new RegExp(`^(${ROLES.join('|')})$`))] });
      expect(Object.keys(group.clientRoles ?? {})).toEqual([]);
      expect(group.subGroups ?? []).toEqual([]);
    }
  });

  test('each reaches a region of Nagekeo: the regency, a current kecamatan or a current village', () => {
    for (const group of all) {
      expect({ group: group.name, regions: regionsOf(group).length > 0 }).toEqual({ group: group.name, regions: true });
      for (const code of regionsOf(group)) expect({ group: group.name, code, inNagekeo: isNagekeoRegion(code) }).toEqual({ group: group.name, code, inNagekeo: true });
    }
  });

  test('there is one operator group for each current kecamatan of Nagekeo', () => {
    const kecamatanOperators = all.filter((g) => g.realmRoles?.[0] === 'operator' && regionsOf(g).length === 1 && regionsOf(g)[0]?.length === 6);
    expect(kecamatanOperators.map((g) => regionsOf(g)[0]).sort()).toEqual(listDistricts(REGENCY).map((d) => d.code));
  });

  test('a partner group names its one institution; no other group names one', () => {
    for (const group of all) {
      const institution = group.attributes?.institution ?? [];
      if (group.realmRoles?.[0] === 'partner') expect({ group: group.name, institution }).toEqual({ group: group.name, institution: [expect.stringMatching(pattern('institution'))] });
      else expect({ group: group.name, institution }).toEqual({ group: group.name, institution: [] });
    }
    expect(all.some((g) => g.realmRoles?.[0] === 'partner')).toBe(true);
  });

  test('none makes a person an integrator (machines use API keys)', () => {
    expect(all.filter((g) => g.realmRoles?.includes('integrator')).map((g) => g.name)).toEqual([]);
  });

  function pattern(name: string): RegExp {
    return new RegExp(String(profileAttribute(name)?.validations?.pattern?.pattern));
  }
});

describe('people', () => {
  test('the export holds no user, no password and no secret (people are added in the admin console, see docs/oidc.md)', () => {
    expect(realm.users ?? []).toEqual([]);
    const sensitive = keysOf(realm).filter((k) => /\.(credentials|secret|password|hashedPassword|salt)$/i.test(k));
    expect(sensitive).toEqual([]);
  });
});
