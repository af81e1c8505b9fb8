/**
 * The services' typed clients (@adminduk/clients, generated from each service's openapi.json), on this origin's
 * gateway (`<apiBase>/<service>`), each sending the person's bearer token through the session's fetch (which
 * refreshes the token before it expires and once on a 401). The app calls the APIs only through these.
 */
import { createDeedsClient, createIdentityClient, createOutreachClient, createReportingClient } from '@adminduk/clients';
import { serviceBase, type RuntimeConfig } from '../config/runtime-config';

export interface Api {
  readonly identity: ReturnType<typeof createIdentityClient>;
  readonly deeds: ReturnType<typeof createDeedsClient>;
  readonly outreach: ReturnType<typeof createOutreachClient>;
  readonly reporting: ReturnType<typeof createReportingClient>;
}

export function createApi(config: RuntimeConfig, authorizedFetch: typeof fetch): Api {
  return {
    identity: createIdentityClient(serviceBase(config, 'identity'), {}, authorizedFetch),
    deeds: createDeedsClient(serviceBase(config, 'deeds'), {}, authorizedFetch),
    outreach: createOutreachClient(serviceBase(config, 'outreach'), {}, authorizedFetch),
    reporting: createReportingClient(serviceBase(config, 'reporting'), {}, authorizedFetch),
  };
}

/** The stable `code` of a problem+json answer (the key of its message: errors.<CODE>), if there is one. */
export function problemCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : undefined;
}
