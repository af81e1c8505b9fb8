/** Who is calling: a person with a bearer token, or a partner institution or integrator with an API key. */
import { Problem } from '../errors/problem';

export const ROLES = ['operator', 'registrar', 'partner', 'analyst', 'integrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A partner institution's id as a token may carry it (the same form as an API key's id: 'pustu-boawae'). */
export const INSTITUTION = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export interface Principal {
  /** The token subject or the API key id. */
  readonly id: string;
  readonly kind: 'user' | 'api-key';
  readonly roles: readonly Role[];
  /**
   * Region code prefixes (digits) the caller may read and change: '5316' is the whole regency, '531601' one
   * kecamatan. '*' is everywhere. Empty: nowhere (only endpoints without region data).
   */
  readonly regions: readonly string[];
  /**
   * A person of a partner institution (a Pustu, a parish) signed in through the OpenID Connect provider acts as
   * that institution: its id, from the token's institution claim. Absent for everyone else (an API key is its
   * institution already: see partyOf).
   */
  readonly institution?: string;
  /**
   * An API key configured with `scopes`: the only scopes (auth/scopes.ts) of its roles' endpoints it may call.
   * Absent: every endpoint of its roles (people, and keys configured without scopes).
   */
  readonly scopes?: readonly string[];
  /**
   * An API key configured with `fields`: the only personal-data fields (auth/fields.ts) its answers carry and it may
   * search by. Absent: every field of its scopes (people, and keys configured without fields).
   */
  readonly fields?: readonly string[];
  /**
   * An API key on a data-access agreement (DATA_AGREEMENTS): the agreement's number, for the audit trail, the logs
   * and the use counted per agreement. Absent: people, and development keys without an agreement.
   */
  readonly agreement?: string;
}

/**
 * Whose report or request this is: the partner institution a person acts for, else the caller itself (a
 * partner's API key is the institution). Reports, idempotency keys and "my reports" are kept per party, so the
 * midwife who signs in and her Pustu's API key see the same reports.
 */
export function partyOf(principal: Principal): string {
  return principal.institution ?? principal.id;
}

/** True when the principal's region scope covers the region code (digits, any level). */
export function canAccessRegion(principal: Principal, regionCode: string | null | undefined): boolean {
  if (principal.regions.includes('*')) return true;
  if (!regionCode) return false;
  const code = regionCode.replace(/\./g, '');
  return principal.regions.some((prefix) => code.startsWith(prefix));
}

/**
 * True when the scope covers some of the region: all of it (canAccessRegion), or a part (a desa's scope and its
 * kecamatan). For a filter that narrows a list to a region, whose items are then each checked.
 */
export function overlapsRegion(principal: Principal, regionCode: string): boolean {
  const code = regionCode.replace(/\./g, '');
  return canAccessRegion(principal, code) || (code !== '' && principal.regions.some((prefix) => prefix.startsWith(code)));
}

/**
 * Where a record lies for the region scope: its desa / kelurahan (10 digits) when it has one, else its kecamatan.
 * A village code begins with its kecamatan's, so a scope of the kecamatan, the regency or `*` covers the record as
 * before, and a scope of one desa covers that desa's records (`regions` are prefixes down to one village:
 * docs/integrators.md, docs/oidc.md).
 */
export function placeOf(record: { readonly districtCode: string; readonly villageCode?: string | null }): string {
  return record.villageCode || record.districtCode;
}

/**
 * The region scope as conditions on a record's `districtCode` and `villageCode` columns, for a query (any one of
 * them): a prefix of up to 6 digits on the kecamatan (its index), a longer one on the village. `undefined` for `*`
 * (no condition); an empty list for no scope. Filter the rows with canAccessRegion(principal, placeOf(row)) too.
 */
export function regionScopeConditions(principal: Principal): ({ districtCode: { $like: string } } | { villageCode: { $like: string } })[] | undefined {
  if (principal.regions.includes('*')) return undefined;
  // Only digits go into LIKE (a token's regions are digits already; an API key's are configured by hand).
  return principal.regions
    .filter((prefix) => /^\d+$/.test(prefix))
    .map((prefix) => (prefix.length <= 6 ? { districtCode: { $like: `${prefix}%` } } : { villageCode: { $like: `${prefix}%` } }));
}

export function hasRole(principal: Principal, ...roles: readonly Role[]): boolean {
  return principal.roles.some((r) => r === 'admin' || roles.includes(r));
}

/**
 * For what acts on the whole regency (rebuilding the read models, the outreach teams, calendar and plans): the
 * caller's scope must cover the regency — regions `*`, the regency's code, or a prefix of it (its province).
 * A scope of one kecamatan or one village, however many of them, does not: 403 REGENCY_SCOPE_REQUIRED.
 */
export function requireRegencyScope(principal: Principal, regencyCode: string, what: string): void {
  if (!canAccessRegion(principal, regencyCode)) {
    throw Problem.forbidden('REGENCY_SCOPE_REQUIRED', `${what} concerns the whole regency ${regencyCode}: it needs a region scope of "*" or "${regencyCode}", yours covers only part of it or none`);
  }
}
