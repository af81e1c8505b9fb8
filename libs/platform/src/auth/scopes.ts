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

/** The scope of an endpoint: what an API key must name in its `scopes` to call it, when it names any. */
export const Scope = (scope: string): MethodDecorator & ClassDecorator => SetMetadata(SCOPE_KEY, scope);

/** 403 SCOPE_NOT_GRANTED when the caller is limited to scopes and the endpoint's is not one of them. */
export function requireScope(principal: Principal, scope: string | undefined): void {
  if (!principal.scopes) return;
  if (scope === undefined || !principal.scopes.includes(scope)) {
    throw Problem.forbidden('SCOPE_NOT_GRANTED', `this key may call only ${principal.scopes.join(', ') || 'nothing'}; this endpoint is ${scope ?? 'of no scope'}`);
  }
}
