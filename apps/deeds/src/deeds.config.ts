/**
 * The deeds service's own configuration, from the environment beside the platform's (loadServiceConfig), validated
 * at start-up with every problem reported at once (DESIGN.md house rule 9), with defaults that run on a laptop.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | DEEDS_SIGNING_KEY | (generated at start-up) | Ed25519 private key (PKCS#8 PEM) of the electronic signature (TTE) on deed copies |
 * | DEEDS_SIGNING_PREVIOUS_KEYS | (none) | Ed25519 public keys (SPKI PEM, blank-line separated) of earlier signing keys: their copies still verify |
 * | DEEDS_PUBLIC_BASE_URL | http://<HOST>:<PORT> | the address printed in the QR code of a copy (`<url>/verify/<code>`) |
 * | DEEDS_UPLOAD_MAX_BYTES | 2097152 | largest uploaded document (PDF, JPEG, PNG) |
 * | DEEDS_NUMBER_TEMPLATE | {region}-{type}-{dd}{mm}{yyyy}-{seq} | deed number template (see allocateDeedNumber) |
 * | DEEDS_NUMBER_SEQUENCE_WIDTH | 4 | digits of the sequence |
 * | DEEDS_NUMBER_TYPE_CODES | (KL, KM, KW, CR, PA, SA, AN) | JSON object of type codes, e.g. {"BIRTH":"LU"} |
 * | DEEDS_IDENTITY_TIMEOUT_MS | 2000 | how long a question to the identity service may take |
 * | DEEDS_IDENTITY_RETRY_MS | 30000 | first delay before a birth waiting for identity is tried again (doubles, up to 15 minutes; all are tried at once when NATS reconnects) |
 * | DEEDS_ISSUE_PLACE | Mbay | the town in "Dikeluarkan di <town>, tanggal …" on a kutipan (Mbay: Nagekeo's capital) |
 * | DEEDS_OFFICIAL_TITLE | Kepala Dinas Kependudukan dan Pencatatan Sipil <the regency's name> | the title of the official who signs the kutipan |
 * | DEEDS_OFFICIAL_NAME | CONTOH NAMA PEJABAT (DEMO) | the official's name as printed, with degrees — a demo value: set it |
 * | DEEDS_OFFICIAL_NIP | 000000000000000000 (DEMO) | the official's NIP (civil servant number, 18 digits; spaces allowed) — a demo value: set it |
 *
 * The official's name and NIP have demo defaults so that the service runs on a laptop; a kutipan printed with them
 * says CONTOH (specimen) where the name goes, and the service warns at start-up. The official a copy is issued under
 * is kept with the copy: printing it again later shows the same official.
 *
 * Without DEEDS_SIGNING_KEY a key is generated at start-up, for development only: copies it signed no longer
 * verify once the service restarts. NODE_ENV=production without the key is a configuration error.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { allocateDeedNumber, DEED_TYPES, findRegion, type DeedNumberOptions } from '@adminduk/domain';
import { ConfigError, type ServiceConfig } from '@adminduk/platform';

export interface DeedsConfig {
  readonly signingKey: KeyObject;
  /** True when the key was generated at start-up (development). */
  readonly signingKeyGenerated: boolean;
  readonly previousPublicKeys: readonly KeyObject[];
  readonly publicBaseUrl: string;
  readonly uploadMaxBytes: number;
  readonly deedNumberFormat: DeedNumberOptions;
  readonly identityTimeoutMs: number;
  readonly identityRetryMs: number;
  /** Who issues a kutipan, where (printed under its text, beside the electronic signature). */
  readonly kutipan: KutipanIssuer;
}

/** The place of issue and the signing official printed on a kutipan. */
export interface KutipanIssuer {
  /** The town in "Dikeluarkan di <town>, tanggal …". */
  readonly issuePlace: string;
  readonly officialTitle: string;
  readonly officialName: string;
  /** 18 digits, no spaces. */
  readonly officialNip: string;
  /** True while the name or NIP is the demo default. */
  readonly demoOfficial: boolean;
}

/** Demo values of the official, printed (and warned about) until DEEDS_OFFICIAL_NAME / DEEDS_OFFICIAL_NIP are set. */
export const DEMO_OFFICIAL_NAME = 'CONTOH NAMA PEJABAT (DEMO)';
export const DEMO_OFFICIAL_NIP = '000000000000000000';

/** Injection token of the validated DeedsConfig. */
export const DEEDS_CONFIG = Symbol('DEEDS_CONFIG');

export function loadDeedsConfig(service: Pick<ServiceConfig, 'host' | 'port'> & Partial<Pick<ServiceConfig, 'regencyCode'>>, env: Readonly<Record<string, string | undefined>> = process.env): DeedsConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return n;
  };

  let signingKey: KeyObject | undefined;
  const pem = env.DEEDS_SIGNING_KEY?.trim();
  if (pem) {
    try {
      signingKey = createPrivateKey(pem.replace(/\\n/g, '\n'));
      if (signingKey.asymmetricKeyType !== 'ed25519') {
        problems.push('DEEDS_SIGNING_KEY must be an Ed25519 private key');
        signingKey = undefined;
      }
    } catch {
      problems.push('DEEDS_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM');
    }
  } else if (env.NODE_ENV === 'production') {
    problems.push('DEEDS_SIGNING_KEY must be set in production (copies signed with a generated key stop verifying at the next restart)');
  }
  const previousPublicKeys: KeyObject[] = [];
  for (const block of (env.DEEDS_SIGNING_PREVIOUS_KEYS ?? '').split(/\n\s*\n/).map((k) => k.trim()).filter((k) => k !== '')) {
    try {
      const key = createPublicKey(block);
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
      previousPublicKeys.push(key);
    } catch {
      problems.push('DEEDS_SIGNING_PREVIOUS_KEYS must hold Ed25519 public keys in SPKI PEM, separated by blank lines');
      break;
    }
  }

  const publicBaseUrl = (env.DEEDS_PUBLIC_BASE_URL || `http://${service.host}:${service.port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(publicBaseUrl)) problems.push('DEEDS_PUBLIC_BASE_URL must be an http:// or https:// URL');

  const deedNumberFormat: { template?: string; sequenceWidth?: number; typeCodes?: Record<string, string> } = {};
  if (env.DEEDS_NUMBER_TEMPLATE) deedNumberFormat.template = env.DEEDS_NUMBER_TEMPLATE;
  if (env.DEEDS_NUMBER_SEQUENCE_WIDTH) deedNumberFormat.sequenceWidth = int('DEEDS_NUMBER_SEQUENCE_WIDTH', 4, 1, 9);
  if (env.DEEDS_NUMBER_TYPE_CODES) {
    try {
      deedNumberFormat.typeCodes = JSON.parse(env.DEEDS_NUMBER_TYPE_CODES) as Record<string, string>;
    } catch {
      problems.push('DEEDS_NUMBER_TYPE_CODES must be a JSON object such as {"BIRTH":"LU"}');
    }
  }
  // The format is checked the way it will be used: by allocating a number of every numbered type once.
  for (const deedType of DEED_TYPES.filter((t) => t !== 'STILLBIRTH')) {
    const trial = allocateDeedNumber({ regionCode: '5316', deedType, date: '2026-01-01', lastSequence: 0 }, deedNumberFormat as DeedNumberOptions);
    if (!trial.ok) {
      problems.push(`DEEDS_NUMBER_*: ${trial.errors.map((e) => e.message).join('; ')}`);
      break;
    }
  }

  const uploadMaxBytes = int('DEEDS_UPLOAD_MAX_BYTES', 2_097_152, 1024, 20_971_520);
  const identityTimeoutMs = int('DEEDS_IDENTITY_TIMEOUT_MS', 2_000, 50, 60_000);
  const identityRetryMs = int('DEEDS_IDENTITY_RETRY_MS', 30_000, 50, 3_600_000);

  // Printed words: a line of plain text (no control characters), of a sensible length.
  const words = (name: string, fallback: string, max: number): string => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = raw.trim().replace(/\s+/g, ' ');
    if (value.length > max || /\p{Cc}/u.test(raw)) {
      problems.push(`${name} must be one line of at most ${max} characters`);
      return fallback;
    }
    return value;
  };
  const regencyName = findRegion(service.regencyCode ?? '5316')?.name ?? 'Kabupaten Nagekeo';
  const officialName = words('DEEDS_OFFICIAL_NAME', DEMO_OFFICIAL_NAME, 120);
  let officialNip = DEMO_OFFICIAL_NIP;
  if (env.DEEDS_OFFICIAL_NIP !== undefined && env.DEEDS_OFFICIAL_NIP.trim() !== '') {
    const digits = env.DEEDS_OFFICIAL_NIP.replace(/ /g, '');
    if (/^\d{18}$/.test(digits)) officialNip = digits;
    else problems.push('DEEDS_OFFICIAL_NIP must be a NIP of 18 digits (spaces allowed), e.g. "19750312 200003 1 004"');
  }
  const kutipan: KutipanIssuer = {
    issuePlace: words('DEEDS_ISSUE_PLACE', 'Mbay', 60),
    officialTitle: words('DEEDS_OFFICIAL_TITLE', `Kepala Dinas Kependudukan dan Pencatatan Sipil ${regencyName}`, 160),
    officialName,
    officialNip,
    demoOfficial: officialName === DEMO_OFFICIAL_NAME || officialNip === DEMO_OFFICIAL_NIP,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    signingKey: signingKey ?? generateKeyPairSync('ed25519').privateKey,
    signingKeyGenerated: signingKey === undefined,
    previousPublicKeys,
    publicBaseUrl,
    uploadMaxBytes,
    deedNumberFormat: deedNumberFormat as DeedNumberOptions,
    identityTimeoutMs,
    identityRetryMs,
    kutipan,
  };
}
