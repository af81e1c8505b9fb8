/** Who is calling: a person with a bearer token, or a partner institution or integrator with an API key. */
export const ROLES = ['operator', 'registrar', 'partner', 'analyst', 'integrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

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
