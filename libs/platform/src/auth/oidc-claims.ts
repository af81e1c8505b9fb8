/**
 * What a person's access token says, as the services read it (issue 15, sign-in for people). One place for the
 * names, shared by the services' authenticator, the development provider `npm start` runs, the Keycloak realm
 * in docker/ and the office app.
 *
 * An access token is a JWT signed by the OpenID Connect provider (its keys published at the provider's
 * `jwks_uri`), with:
 * - `iss`: the provider (OIDC_ISSUER) and `aud`: the Adminduk APIs (OIDC_AUDIENCE, `urn:adminduk:api` by
 *   default: the resource indicator the app asks for, and a Keycloak audience mapper's custom audience);
 * - `sub`: the person; `exp`: required;
 * - `roles`: the person's roles (see ROLES in principal.ts); `regions`: region code prefixes (`5316` the
 *   regency, `531603` a kecamatan, `*` everywhere); `institution`: for a person of a partner institution (a
 *   Pustu, a parish), the institution's id — the person then acts as that institution, as its API key would.
 * Each claim name can be changed (OIDC_ROLES_CLAIM, OIDC_REGIONS_CLAIM, OIDC_INSTITUTION_CLAIM), and may be a
 * dotted path into a nested object (Keycloak's own `realm_access.roles`).
 */
export const DEFAULT_OIDC_AUDIENCE = 'urn:adminduk:api';

/**
 * The partner institution's name as people read it ('Pustu Boawae'), in the ID token only: the app shows it beside
 * the person's name. The services never read it (the institution's id decides what a person may see).
 */
export const INSTITUTION_NAME_CLAIM = 'institution_name';

export const DEFAULT_OIDC_CLAIMS = {
  roles: 'roles',
  regions: 'regions',
  institution: 'institution',
} as const;

/** The office app's OAuth client: public (no secret), Authorization Code with PKCE (S256). */
export const WEB_CLIENT_ID = 'adminduk-web';
/** Where the provider sends the person back after signing in, and after signing out, on the app's origin. */
export const WEB_REDIRECT_PATH = '/masuk/selesai';
export const WEB_POST_LOGOUT_PATH = '/';
