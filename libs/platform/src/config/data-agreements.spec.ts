// DATA_AGREEMENTS and the API keys standing on them (issue 18): every problem stops the start, named, at once.
import { ConfigError, loadServiceConfig } from './service-config';

const DINSOS = {
  number: '470/12/PKS/2026',
  agency: 'Dinas Sosial Kabupaten Nagekeo',
  signedOn: '2026-01-15',
  expiresOn: '2027-01-14',
  purpose: 'verifikasi penerima bantuan sosial',
  scopes: ['residents'],
  fields: ['nik', 'fullName', 'birthDate'],
  regions: ['5316'],
};
const RSUD = { ...DINSOS, number: 'PKS.03/RSUD-AERAMO/2025', agency: 'RSUD Aeramo', purpose: 'pendaftaran pasien', scopes: ['residents', 'family-cards'], fields: undefined, regions: ['531601', '531602'] };

const agreements = (...list: unknown[]) => JSON.stringify(list);
const keyOn = (agreement: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify([{ id: 'dinsos-nagekeo', sha256: 'e'.repeat(64), roles: ['integrator'], regions: ['5316'], agreement, ...extra }]);

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadServiceConfig('identity', env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('DATA_AGREEMENTS', () => {
  it('reads the agreements, each scope, field and region once', () => {
    const config = loadServiceConfig('identity', { DATA_AGREEMENTS: agreements({ ...DINSOS, agency: ' Dinas Sosial ', scopes: ['residents', 'residents'], regions: ['5316', '5316'] }, RSUD) });
    expect(config.dataAgreements).toEqual([
      { ...DINSOS, agency: 'Dinas Sosial', regions: ['5316'] },
      { number: RSUD.number, agency: 'RSUD Aeramo', signedOn: '2026-01-15', expiresOn: '2027-01-14', purpose: 'pendaftaran pasien', scopes: ['residents', 'family-cards'], regions: ['531601', '531602'] },
    ]);
    expect(loadServiceConfig('identity', { DATA_AGREEMENTS: ' ' }).dataAgreements).toEqual([]);
  });

  it.each([
    ['not JSON', '[{', 'DATA_AGREEMENTS must be a JSON list'],
    ['not a list', '{"number":"1"}', 'DATA_AGREEMENTS must be a JSON list'],
    ['an entry without its purpose', agreements({ ...DINSOS, purpose: undefined }), 'DATA_AGREEMENTS[0] must be { number, agency, signedOn, expiresOn (yyyy-mm-dd), purpose, scopes: [], fields?: [], regions: [] }'],
    ['scopes that are not a list', agreements({ ...DINSOS, scopes: 'residents' }), 'DATA_AGREEMENTS[0] must be { number, agency, signedOn, expiresOn (yyyy-mm-dd), purpose, scopes: [], fields?: [], regions: [] }'],
    ['a number twice', agreements(DINSOS, { ...RSUD, number: DINSOS.number }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" is listed more than once: each agreement number once (a renewal is a new entry with its own number)'],
    ['an empty number', agreements({ ...DINSOS, number: '' }), 'DATA_AGREEMENTS[0] number must be 1 to 80 printable characters, got ""'],
    ['a number of 81 characters', agreements({ ...DINSOS, number: '9'.repeat(81) }), `DATA_AGREEMENTS[0] number must be 1 to 80 printable characters, got "${'9'.repeat(81)}"`],
    ['no agency', agreements({ ...DINSOS, agency: '  ' }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" names no agency'],
    ['no purpose', agreements({ ...DINSOS, purpose: '' }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" names no purpose'],
    ['a day that does not exist', agreements({ ...DINSOS, signedOn: '2026-02-30' }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" has signedOn "2026-02-30", not a date yyyy-mm-dd'],
    ['a date written the local way', agreements({ ...DINSOS, expiresOn: '14/01/2027' }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" has expiresOn "14/01/2027", not a date yyyy-mm-dd'],
    ['an expiry on the day of signing', agreements({ ...DINSOS, expiresOn: DINSOS.signedOn }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" expires on 2026-01-15, not after it was signed (2026-01-15)'],
    ['an expiry before the signing', agreements({ ...DINSOS, expiresOn: '2025-12-31' }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" expires on 2025-12-31, not after it was signed (2026-01-15)'],
    ['no scopes', agreements({ ...DINSOS, scopes: [] }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" grants no scopes; the scopes are residents, family-cards, documents'],
    ['an unknown scope', agreements({ ...DINSOS, scopes: ['residents', 'deeds', 3] }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" names unknown scopes "deeds", 3; the scopes are residents, family-cards, documents'],
    ['an unknown field', agreements({ ...DINSOS, fields: ['nik', 'name'] }), expect.stringMatching(/^DATA_AGREEMENTS entry "470\/12\/PKS\/2026" names unknown fields "name"; the fields are nik, kkNumber, fullName, /)],
    ['a region that is no code', agreements({ ...DINSOS, regions: ['Nagekeo', '5'] }), 'DATA_AGREEMENTS entry "470/12/PKS/2026" names regions "Nagekeo", "5"; a region is "*" or a region code prefix of 2 to 10 digits ("5316", "531601")'],
  ])('refuses %s', (_what, raw, problem) => {
    expect(problemsOf({ DATA_AGREEMENTS: raw })).toEqual([problem]);
  });

  it('reports every problem of every entry at once', () => {
    const problems = problemsOf({ DATA_AGREEMENTS: agreements({ ...DINSOS, signedOn: '2026-13-01', scopes: ['nope'] }, { ...RSUD, agency: '' }), AGREEMENT_USE_FLUSH_MS: '0' });
    expect(problems).toEqual([
      'DATA_AGREEMENTS entry "470/12/PKS/2026" has signedOn "2026-13-01", not a date yyyy-mm-dd',
      'DATA_AGREEMENTS entry "470/12/PKS/2026" names unknown scopes "nope"; the scopes are residents, family-cards, documents',
      'DATA_AGREEMENTS entry "PKS.03/RSUD-AERAMO/2025" names no agency',
      'AGREEMENT_USE_FLUSH_MS must be an integer from 100 to 86400000, got "0"',
    ]);
  });
});

describe('API keys on an agreement', () => {
  const env = (keys: string, extra: Record<string, string> = {}) => ({ DATA_AGREEMENTS: agreements(DINSOS, RSUD), API_KEYS: keys, ...extra });

  it('takes the scopes and fields of its agreement when it names none, and keeps narrower ones', () => {
    expect(loadServiceConfig('identity', env(keyOn(DINSOS.number))).apiKeys[0]).toEqual({
      id: 'dinsos-nagekeo',
      sha256: 'e'.repeat(64),
      roles: ['integrator'],
      regions: ['5316'],
      scopes: ['residents'],
      fields: ['nik', 'fullName', 'birthDate'],
      agreement: DINSOS.number,
    });
    expect(loadServiceConfig('identity', env(keyOn(DINSOS.number, { fields: ['nik'], regions: ['531601'] }))).apiKeys[0]).toMatchObject({ scopes: ['residents'], fields: ['nik'], regions: ['531601'] });
    // An agreement without fields grants every field of its scopes: so does its key.
    expect(loadServiceConfig('identity', env(keyOn(RSUD.number, { regions: ['5316010001'] }))).apiKeys[0]).not.toHaveProperty('fields');
  });

  it.each([
    ['an agreement that is not listed', keyOn('470/99/PKS/2026'), 'API_KEYS entry "dinsos-nagekeo" names the agreement "470/99/PKS/2026", which DATA_AGREEMENTS does not hold'],
    ['an agreement that is not a string', keyOn(470), 'API_KEYS entry "dinsos-nagekeo" has an agreement that is not a number in DATA_AGREEMENTS (a string such as "470/123/DKPS/2024")'],
    ['scopes the agreement does not grant', keyOn(DINSOS.number, { scopes: ['residents', 'documents'] }), 'API_KEYS entry "dinsos-nagekeo" has scopes "documents" that its agreement "470/12/PKS/2026" does not grant (it grants residents)'],
    ['fields the agreement does not grant', keyOn(DINSOS.number, { fields: ['nik', 'address', 'religion'] }), 'API_KEYS entry "dinsos-nagekeo" has fields "address", "religion" that its agreement "470/12/PKS/2026" does not grant (it grants nik, fullName, birthDate)'],
    ['a region outside the agreement', keyOn(RSUD.number), 'API_KEYS entry "dinsos-nagekeo" has regions "5316" outside its agreement "PKS.03/RSUD-AERAMO/2025" (it covers 531601, 531602)'],
    ['everywhere, on an agreement for the regency', keyOn(DINSOS.number, { regions: ['*', '5316'] }), 'API_KEYS entry "dinsos-nagekeo" has regions "*" outside its agreement "470/12/PKS/2026" (it covers 5316)'],
    // A partner (or an office role) on an agreement would take its scopes and lose the unscoped endpoints it needs.
    ['a partner role', keyOn(DINSOS.number, { roles: ['partner'] }), 'API_KEYS entry "dinsos-nagekeo" names the agreement "470/12/PKS/2026" but has the roles partner: only an integrator key (role integrator alone) stands on a data-access agreement'],
    ['another role beside integrator', keyOn(DINSOS.number, { roles: ['integrator', 'operator'] }), 'API_KEYS entry "dinsos-nagekeo" names the agreement "470/12/PKS/2026" but has the roles integrator, operator: only an integrator key (role integrator alone) stands on a data-access agreement'],
  ])('refuses a key naming %s', (_what, keys, problem) => {
    expect(problemsOf(env(keys))).toEqual([problem]);
  });

  it('in production, refuses an integrator key without an agreement; a partner key needs none', () => {
    const keys = JSON.stringify([
      { id: 'pustu-boawae', sha256: 'a'.repeat(64), roles: ['partner'], regions: ['531603'] },
      { id: 'bank-ntt', sha256: 'b'.repeat(64), roles: ['integrator'], regions: ['5316'], scopes: ['residents'] },
    ]);
    expect(problemsOf(env(keys, { NODE_ENV: 'production' }))).toEqual([
      'API_KEYS entry "bank-ntt" has the integrator role and no agreement: in production an integrator key names its data-access agreement in DATA_AGREEMENTS (e.g. "agreement": "470/123/DKPS/2024")',
    ]);
    // On an agreement, the key's scopes come from it: the production rule on scopes is met too.
    expect(loadServiceConfig('identity', env(keyOn(DINSOS.number), { NODE_ENV: 'production' })).apiKeys[0]?.scopes).toEqual(['residents']);
    // Outside production a key without an agreement is a development key: it keeps working as before.
    expect(loadServiceConfig('identity', env(keys)).apiKeys[1]).not.toHaveProperty('agreement');
  });
});
