/**
 * Who is signed in, from the ID token's claims: name, roles, region scope and (for a partner) institution. The
 * claim names are the platform's (libs/platform/src/auth/oidc-claims.ts: `roles`, `regions`, `institution`),
 * configurable in config.json like the services' OIDC_*_CLAIM settings. The app shows and routes by these; the
 * services decide what a person may actually do, from the access token.
 */
import type { ClaimNames } from '../config/runtime-config';

/** The platform's roles (libs/platform/src/auth/principal.ts ROLES), copied: the web app does not import platform. */
export const ROLES = ['operator', 'registrar', 'partner', 'analyst', 'integrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  /** The provider's subject id. */
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** Region code prefixes ('5316' the regency, '531601' a kecamatan, '*' everywhere). */
  readonly regions: readonly string[];
  /** For a person of a partner institution (a Pustu, a parish): the institution's id. */
  readonly institution?: string;
  /** …and its name as people read it ('Pustu Boawae'), from the ID token's institution_name when the provider gives it. */
  readonly institutionName?: string;
}

/** The ID token claim with the institution's name (INSTITUTION_NAME_CLAIM in libs/platform/src/auth/oidc-claims.ts). */
export const INSTITUTION_NAME_CLAIM = 'institution_name';

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** A claim by dotted path ('realm_access.roles'), or a top-level claim whose name contains dots. */
export function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A list claim: a JSON array of strings, or one space-separated string (as some providers send roles). */
function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter((s) => s.length > 0);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

export function personFromClaims(claims: Readonly<Record<string, unknown>>, names: ClaimNames): Person {
  const sub = text(claims['sub']) ?? '';
  const given = [text(claims['given_name']), text(claims['family_name'])].filter((s): s is string => s !== undefined).join(' ');
  const name = text(claims['name']) ?? (given || undefined) ?? text(claims['preferred_username']) ?? sub;
  const roles = [...new Set(stringList(claimAt(claims, names.roles)).filter(isRole))];
  const regions = [...new Set(stringList(claimAt(claims, names.regions)))];
  const institution = text(claimAt(claims, names.institution));
  const institutionName = institution ? text(claims[INSTITUTION_NAME_CLAIM]) : undefined;
  return { sub, name, roles, regions, ...(institution ? { institution } : {}), ...(institutionName ? { institutionName } : {}) };
}

/** Reads a stored person back (IndexedDB holds what an older build wrote, or something damaged). */
export function isPerson(value: unknown): value is Person {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p['sub'] === 'string' &&
    typeof p['name'] === 'string' &&
    Array.isArray(p['roles']) &&
    p['roles'].every(isRole) &&
    Array.isArray(p['regions']) &&
    p['regions'].every((r) => typeof r === 'string') &&
    (p['institution'] === undefined || typeof p['institution'] === 'string') &&
    (p['institutionName'] === undefined || typeof p['institutionName'] === 'string')
  );
}
