/** Who is calling: a person with a bearer token, or a partner institution or integrator with an API key. */
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

export function hasRole(principal: Principal, ...roles: readonly Role[]): boolean {
  return principal.roles.some((r) => r === 'admin' || roles.includes(r));
}
