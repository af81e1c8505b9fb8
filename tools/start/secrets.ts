/**
 * Development secrets, generated on first start and kept in the data folder (`secrets.json`, readable by its
 * owner only) so that tokens, API keys and signed deed copies stay valid across restarts:
 * - the HS256 JWT secret every service shares (JWT_SECRET);
 * - the deeds service's Ed25519 signing key (DEEDS_SIGNING_KEY): without it deeds would generate one per start
 *   and copies issued before a restart would stop verifying;
 * - API keys for a demo partner institution, a demo integrator and two burial registers (a parish, the public
 *   cemeteries). Services get only their SHA-256 (API_KEYS);
 *   the keys themselves are here because a developer needs them to call the API. The integrator's key stands on a
 *   development data-access agreement (DATA_AGREEMENTS, devAgreementsEnv below).
 * These are for a developer's machine only: production sets its own secrets in the services' environment.
 */
import { createHash, createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevApiKey {
  readonly id: string;
  readonly key: string;
  readonly roles: readonly string[];
  readonly regions: readonly string[];
}

export interface DevSecrets {
  readonly jwtSecret: string;
  readonly deedsSigningKey: string;
  readonly apiKeys: readonly DevApiKey[];
}

export const SECRETS_FILE = 'secrets.json';

/** The development API keys (without their key): ids, roles and regions. */
export function devApiKeySpecs(regencyCode = '5316'): Omit<DevApiKey, 'key'>[] {
  return [
    // A health post reporting births and deaths for the whole regency (deeds: POST /notifications).
    { id: 'partner-demo', roles: ['partner'], regions: [regencyCode] },
    // Another agency reading the register and the indicators.
    { id: 'integrator-demo', roles: ['integrator'], regions: [regencyCode] },
    // Burial registers (deeds: POST /burials): the parish of Mbay (Kecamatan Aesesa; the same institution as the
    // demo person sekretaris-paroki-mbay, so she sees its burials), and the regency's public cemeteries.
    { id: BURIAL_PARTNER_KEYS.parish, roles: ['partner'], regions: [`${regencyCode}01`] },
    { id: BURIAL_PARTNER_KEYS.cemetery, roles: ['partner'], regions: [regencyCode] },
  ];
}

/** The ids of the development keys of the burial registers. */
export const BURIAL_PARTNER_KEYS = { parish: 'paroki-mbay', cemetery: 'pemakaman-umum-nagekeo' } as const;

const newKey = (): string => `adk_${randomBytes(24).toString('base64url')}`;

/**
 * Reads the data folder's secrets, creating them on first use; `created` says whether they are new. A data folder
 * made before a development key existed gets it (`added`, shown once like new secrets).
 */
export function loadOrCreateSecrets(dataDir: string, regencyCode = '5316'): { secrets: DevSecrets; created: boolean; added: readonly string[] } {
  const file = join(dataDir, SECRETS_FILE);
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
    const missing = devApiKeySpecs(regencyCode).filter((spec) => !kept.apiKeys.some((k) => k.id === spec.id));
    if (missing.length === 0) return { secrets: kept, created: false, added: [] };
    const secrets: DevSecrets = { ...kept, apiKeys: [...kept.apiKeys, ...missing.map((spec) => ({ ...spec, key: newKey() }))] };
    writeFileSync(`${file}.tmp`, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    return { secrets, created: false, added: missing.map((k) => k.id) };
  }
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    deedsSigningKey: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    apiKeys: devApiKeySpecs(regencyCode).map((spec) => ({ ...spec, key: newKey() })),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { secrets, created: true, added: [] };
}

/** API_KEYS for the services: the keys' SHA-256, never the keys; an integrator's key on the development agreement. */
export function apiKeysEnv(secrets: DevSecrets): string {
  return JSON.stringify(
    secrets.apiKeys.map((k) => ({
      id: k.id,
      sha256: createHash('sha256').update(k.key, 'utf8').digest('hex'),
      roles: k.roles,
      regions: k.regions,
      ...(k.roles.includes('integrator') ? { agreement: DEV_INTEGRATOR_AGREEMENT } : {}),
    })),
  );
}

/** The development agreement the demo integrator's key stands on. */
export const DEV_INTEGRATOR_AGREEMENT = 'DEV-470/01/PKS-DINSOS';

/**
 * DATA_AGREEMENTS for the services: four agencies' development agreements (PKS), dated from the office day the
 * launcher starts on, so that they stay as described however long a data folder lives: the demo integrator's
 * (Dinas Sosial, in force), a hospital's and a bank's (in force, narrower fields, no key here), and an expired one
 * (BPJS Kesehatan), which the reporting of agreements shows as expired.
 */
export function devAgreementsEnv(secrets: DevSecrets, now: Date = new Date()): string {
  const regions = secrets.apiKeys.find((k) => k.roles.includes('integrator'))?.regions ?? ['5316'];
  // The office day (WITA, +08:00) shifted by `days`.
  const day = (days: number): string => new Date(now.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return JSON.stringify([
    { number: DEV_INTEGRATOR_AGREEMENT, agency: 'Dinas Sosial Kabupaten Nagekeo', signedOn: day(-120), expiresOn: day(245), purpose: 'verifikasi penerima bantuan sosial (DTKS)', scopes: ['residents', 'family-cards', 'documents'], regions },
    { number: 'DEV-445/02/PKS-RSUD-AERAMO', agency: 'RSUD Aeramo', signedOn: day(-60), expiresOn: day(670), purpose: 'pendaftaran dan verifikasi identitas pasien', scopes: ['residents'], fields: ['nik', 'fullName', 'birthDate', 'sex', 'address'], regions },
    { number: 'DEV-03/PKS-BANK-NTT', agency: 'Bank NTT Cabang Mbay', signedOn: day(-200), expiresOn: day(530), purpose: 'verifikasi NIK nasabah (know your customer)', scopes: ['residents'], fields: ['nik', 'fullName', 'birthDate', 'sex'], regions },
    { number: 'DEV-04/PKS-BPJS-KES', agency: 'BPJS Kesehatan Cabang Ende', signedOn: day(-760), expiresOn: day(-30), purpose: 'validasi kepesertaan JKN', scopes: ['residents', 'family-cards'], regions },
  ]);
}

/** An HS256 bearer token with the platform's claims (`sub`, `roles`, `regions`), valid for `hours`. */
export function mintDevToken(secret: string, claims: { sub: string; roles: readonly string[]; regions: readonly string[]; hours: number }, now = Date.now()): string {
  const b64 = (value: object): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const iat = Math.floor(now / 1000);
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const payload = b64({ sub: claims.sub, roles: claims.roles, regions: claims.regions, iat, exp: iat + Math.round(claims.hours * 3600) });
  const signature = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
