/**
 * Scopes narrow an API key to part of what its role may call (issue 16: "integrators only what their API-key scope
 * names"). An endpoint names its scope with @Scope('residents'); a key configured with `scopes` (API_KEYS) calls
 * only the endpoints whose scope it names — 403 SCOPE_NOT_GRANTED otherwise, before anything is read. A key without
 * `scopes`, and every person (bearer token), calls every endpoint of their roles, as before. The scopes in use are
 * listed in docs/personal-data-access.md.
 */
import { SetMetadata } from '@nestjs/common';
import { Problem } from '../errors/problem';
import type { Principal } from './principal';

export const SCOPE_KEY = 'adminduk:scope';

/**
 * The scopes the services' endpoints name, with what each opens: a data-access agreement (DATA_AGREEMENTS) may grant
 * only these, so that a misspelt scope stops the service at start-up instead of silently granting nothing.
 */
export const API_SCOPES = {
  residents: 'GET /residents (by NIK, name and birth date, village, family card), GET /residents/{id}, GET /residents/{id}/status',
  'family-cards': 'GET /family-cards?kkNumber=, GET /family-cards/{id}, GET /family-cards/{id}/versions',
  documents: 'GET /residents/{id}/ektp, GET /residents/{id}/kia, GET /residents/{id}/ikd',
} as const satisfies Record<string, string>;

export const API_SCOPE_NAMES = Object.keys(API_SCOPES) as readonly (keyof typeof API_SCOPES)[];

export function isApiScope(name: string): name is keyof typeof API_SCOPES {
  return Object.hasOwn(API_SCOPES, name);
}

/** The scope of an endpoint: what an API key must name in its `scopes` to call it, when it names any. */
export const Scope = (scope: string): MethodDecorator & ClassDecorator => SetMetadata(SCOPE_KEY, scope);

/** 403 SCOPE_NOT_GRANTED when the caller is limited to scopes and the endpoint's is not one of them. */
export function requireScope(principal: Principal, scope: string | undefined): void {
  if (!principal.scopes) return;
  if (scope === undefined || !principal.scopes.includes(scope)) {
    throw Problem.forbidden('SCOPE_NOT_GRANTED', `this key may call only ${principal.scopes.join(', ') || 'nothing'}; this endpoint is ${scope ?? 'of no scope'}`);
  }
}
