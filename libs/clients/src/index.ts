/**
 * `@adminduk/clients`: typed REST clients of the Adminduk services, generated from each service's committed
 * openapi.json (tools/openapi/sync.ts) and built on openapi-fetch. Every path, body and response is typed;
 * errors come back as the problem+json body in `error`.
 *
 *   const identity = createIdentityClient('http://127.0.0.1:3001', { token });
 *   const { data, error, response } = await identity.GET('/residents/{id}', { params: { path: { id } } });
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths as IdentityPaths } from './generated/identity';
import type { paths as DeedsPaths } from './generated/deeds';
import type { paths as OutreachPaths } from './generated/outreach';
import type { paths as ReportingPaths } from './generated/reporting';

export type { paths as IdentityPaths, components as IdentityComponents } from './generated/identity';
export type { paths as DeedsPaths, components as DeedsComponents } from './generated/deeds';
export type { paths as OutreachPaths, components as OutreachComponents } from './generated/outreach';
export type { paths as ReportingPaths, components as ReportingComponents } from './generated/reporting';

export interface ClientCredentials {
  /** A bearer token (people). */
  readonly token?: string;
  /** An API key (partner institutions, integrators). */
  readonly apiKey?: string;
  /** Sent as x-request-id, to follow a call through the logs. */
  readonly requestId?: string;
}

function headers(credentials: ClientCredentials): Record<string, string> {
  return {
    ...(credentials.token ? { authorization: `Bearer ${credentials.token}` } : {}),
    ...(credentials.apiKey ? { 'x-api-key': credentials.apiKey } : {}),
    ...(credentials.requestId ? { 'x-request-id': credentials.requestId } : {}),
  };
}

export function createIdentityClient(baseUrl: string, credentials: ClientCredentials = {}, fetchImpl?: typeof fetch): Client<IdentityPaths> {
  return createClient<IdentityPaths>({ baseUrl, headers: headers(credentials), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/** The deeds service (partners report births and deaths with `apiKey`; the office works with `token`). */
export function createDeedsClient(baseUrl: string, credentials: ClientCredentials = {}, fetchImpl?: typeof fetch): Client<DeedsPaths> {
  return createClient<DeedsPaths>({ baseUrl, headers: headers(credentials), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/** The outreach service (the office's planners and outreach teams work with `token`). */
export function createOutreachClient(baseUrl: string, credentials: ClientCredentials = {}, fetchImpl?: typeof fetch): Client<OutreachPaths> {
  return createClient<OutreachPaths>({ baseUrl, headers: headers(credentials), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/** The reporting service (indicators, rankings, series, exports are public; reconciliation and replay need `token`). */
export function createReportingClient(baseUrl: string, credentials: ClientCredentials = {}, fetchImpl?: typeof fetch): Client<ReportingPaths> {
  return createClient<ReportingPaths>({ baseUrl, headers: headers(credentials), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}
