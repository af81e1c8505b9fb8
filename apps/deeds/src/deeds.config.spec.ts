// The deeds service's configuration (DESIGN.md house rule 9): defaults that run on a laptop, and every invalid
// variable reported at once, by name, before the service starts.
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '@adminduk/platform';
import { DEMO_OFFICIAL_NAME, DEMO_OFFICIAL_NIP, loadDeedsConfig } from './deeds.config';

const service = { host: '127.0.0.1', port: 3002 };
const pem = (type: 'ed25519' | 'ec') => {
  const pair = type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { private: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), public: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadDeedsConfig(service, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadDeedsConfig', () => {
  it('runs on a laptop with nothing set: a generated signing key, the service’s own address in QR codes, 2 MiB uploads', () => {
    const config = loadDeedsConfig(service, {});
    expect(config).toMatchObject({
      signingKeyGenerated: true,
      previousPublicKeys: [],
      publicBaseUrl: 'http://127.0.0.1:3002',
      uploadMaxBytes: 2_097_152,
      deedNumberFormat: {},
      identityTimeoutMs: 2_000,
      identityRetryMs: 30_000,
    });
    expect(config.signingKey.asymmetricKeyType).toBe('ed25519');
  });

  it('reads every variable', () => {
    const current = pem('ed25519');
    const previous = pem('ed25519');
    const config = loadDeedsConfig(service, {
      DEEDS_SIGNING_KEY: current.private,
      DEEDS_SIGNING_PREVIOUS_KEYS: `${previous.public}\n\n${pem('ed25519').public}`,
      DEEDS_PUBLIC_BASE_URL: 'https://adminduk.nagekeokab.go.id/akta/',
      DEEDS_UPLOAD_MAX_BYTES: '5242880',
      DEEDS_NUMBER_TEMPLATE: 'AL.{region}.{yyyy}.{type}.{seq}',
      DEEDS_NUMBER_SEQUENCE_WIDTH: '6',
      DEEDS_NUMBER_TYPE_CODES: '{"BIRTH":"LU"}',
      DEEDS_IDENTITY_TIMEOUT_MS: '1500',
      DEEDS_IDENTITY_RETRY_MS: '60000',
    });
    expect(config).toMatchObject({
      signingKeyGenerated: false,
      publicBaseUrl: 'https://adminduk.nagekeokab.go.id/akta',
      uploadMaxBytes: 5_242_880,
      deedNumberFormat: { template: 'AL.{region}.{yyyy}.{type}.{seq}', sequenceWidth: 6, typeCodes: { BIRTH: 'LU' } },
      identityTimeoutMs: 1500,
      identityRetryMs: 60_000,
    });
    expect(config.previousPublicKeys).toHaveLength(2);
  });

  it('reads a key whose line breaks were written as \\n (as in an .env file)', () => {
    expect(loadDeedsConfig(service, { DEEDS_SIGNING_KEY: pem('ed25519').private.replace(/\n/g, '\\n') }).signingKeyGenerated).toBe(false);
  });

  it('reports every invalid variable at once, each by name', () => {
    const problems = problemsOf({
      DEEDS_SIGNING_KEY: pem('ec').private,
      DEEDS_SIGNING_PREVIOUS_KEYS: 'not a key',
      DEEDS_PUBLIC_BASE_URL: 'ftp://files',
      DEEDS_UPLOAD_MAX_BYTES: '10',
      DEEDS_NUMBER_TEMPLATE: '{type}-{seq}',
      DEEDS_IDENTITY_TIMEOUT_MS: 'soon',
      DEEDS_IDENTITY_RETRY_MS: '0',
    });
    const named = ['DEEDS_SIGNING_KEY', 'DEEDS_SIGNING_PREVIOUS_KEYS', 'DEEDS_PUBLIC_BASE_URL', 'DEEDS_UPLOAD_MAX_BYTES', 'DEEDS_NUMBER_', 'DEEDS_IDENTITY_TIMEOUT_MS', 'DEEDS_IDENTITY_RETRY_MS'];
    expect(problems).toHaveLength(named.length);
    for (const name of named) expect(problems.filter((p) => p.startsWith(name))).toHaveLength(1);
  });

  it.each([
    ['DEEDS_SIGNING_KEY', 'not a pem'],
    ['DEEDS_NUMBER_TYPE_CODES', '{"BIRTH":'],
    ['DEEDS_NUMBER_TYPE_CODES', '{"BIRTH":"KM"}'],
    ['DEEDS_NUMBER_SEQUENCE_WIDTH', '12'],
  ])('refuses %s=%s', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]).toMatch(/^DEEDS_/);
  });

  it('signs kutipan in Mbay for the head of the regency’s office, with a demo name and NIP marked as such until they are set', () => {
    expect(loadDeedsConfig(service, {}).kutipan).toEqual({
      issuePlace: 'Mbay',
      officialTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Nagekeo',
      officialName: DEMO_OFFICIAL_NAME,
      officialNip: DEMO_OFFICIAL_NIP,
      demoOfficial: true,
    });
    expect(DEMO_OFFICIAL_NAME).toMatch(/CONTOH|DEMO/);
    expect(loadDeedsConfig({ ...service, regencyCode: '5371' }, {}).kutipan.officialTitle).toBe('Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Kupang');
  });

  it('reads the place of issue and the official’s title, name and NIP (a NIP with the spaces it is printed with)', () => {
    const config = loadDeedsConfig(service, {
      DEEDS_ISSUE_PLACE: 'Mbay ',
      DEEDS_OFFICIAL_TITLE: 'Plt. Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Nagekeo',
      DEEDS_OFFICIAL_NAME: 'Drs. Yohanes Bosco Dhey, M.Si',
      DEEDS_OFFICIAL_NIP: '19750312 200003 1 004',
    });
    expect(config.kutipan).toEqual({
      issuePlace: 'Mbay',
      officialTitle: 'Plt. Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Nagekeo',
      officialName: 'Drs. Yohanes Bosco Dhey, M.Si',
      officialNip: '197503122000031004',
      demoOfficial: false,
    });
  });

  it('refuses a NIP that is not 18 digits and printed words that are not one line, each by name', () => {
    const problems = problemsOf({ DEEDS_OFFICIAL_NIP: '1975031220', DEEDS_OFFICIAL_NAME: 'Yohanes\nBosco', DEEDS_ISSUE_PLACE: 'M'.repeat(61), DEEDS_OFFICIAL_TITLE: 'Kepala\u0007Dinas' });
    expect(problems).toHaveLength(4);
    for (const name of ['DEEDS_OFFICIAL_NIP', 'DEEDS_OFFICIAL_NAME', 'DEEDS_ISSUE_PLACE', 'DEEDS_OFFICIAL_TITLE']) expect(problems.filter((p) => p.startsWith(name))).toHaveLength(1);
  });

  it('refuses to start in production without a signing key', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^DEEDS_SIGNING_KEY must be set in production/)]);
  });
});
