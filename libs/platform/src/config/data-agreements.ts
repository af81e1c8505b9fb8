/**
 * Data-access agreements (PKS, perjanjian kerja sama) from DATA_AGREEMENTS, and the API keys that stand on them
 * (issue 18). An agreement with a regional agency (OPD) names what the agency may read (scopes, fields) and where
 * (regions), from the day it was signed to its last day; a key naming it (`"agreement": "<number>"`) may be granted
 * no more than that. Checked at start-up, every problem reported at once like the other settings.
 */
import { isPersonalField, PERSONAL_FIELD_NAMES } from '../auth/fields';
import { API_SCOPE_NAMES, isApiScope } from '../auth/scopes';
import type { ApiKeyConfig } from './service-config';

export interface DataAgreementConfig {
  /** The agreement's number as the office registered it ('470/123/DKPS/2024'): what keys, events and audit name. */
  readonly number: string;
  /** The agency (OPD) or institution that signed it: 'Dinas Sosial Kabupaten Nagekeo'. */
  readonly agency: string;
  /** The office day it was signed and comes into force, yyyy-mm-dd. */
  readonly signedOn: string;
  /** Its last day in force, yyyy-mm-dd: from the next office day its keys are refused (AGREEMENT_EXPIRED). */
  readonly expiresOn: string;
  /** What the agency uses the data for, as the agreement says ('verifikasi penerima bantuan sosial'). */
  readonly purpose: string;
  /** The scopes (auth/scopes.ts) it grants; at least one. */
  readonly scopes: readonly string[];
  /** The personal-data fields (auth/fields.ts) it grants; absent: every field of its scopes. */
  readonly fields?: readonly string[];
  /** Region code prefixes it covers ('5316', '531601'), or ['*']. */
  readonly regions: readonly string[];
}

/** What the number may hold: printable ASCII (slashes, dots, dashes, spaces inside), 80 characters at most. */
const NUMBER = /^[\x21-\x7e](?:[\x20-\x7e]{0,78}[\x21-\x7e])?$/;
const REGION = /^(\*|\d{2,10})$/;

/** True for a real calendar day written yyyy-mm-dd. */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function parseDataAgreements(raw: string | undefined, problems: string[]): DataAgreementConfig[] {
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) {
    problems.push('DATA_AGREEMENTS must be a JSON list');
    return [];
  }
  const agreements: DataAgreementConfig[] = [];
  const seen = new Set<string>();
  parsed.forEach((a: unknown, i) => {
    const entry = a as Partial<Record<keyof DataAgreementConfig, unknown>>;
    if (
      typeof entry !== 'object' ||
      entry === null ||
      typeof entry.number !== 'string' ||
      typeof entry.agency !== 'string' ||
      typeof entry.signedOn !== 'string' ||
      typeof entry.expiresOn !== 'string' ||
      typeof entry.purpose !== 'string' ||
      !Array.isArray(entry.scopes) ||
      !Array.isArray(entry.regions) ||
      (entry.fields !== undefined && !Array.isArray(entry.fields))
    ) {
      problems.push(`DATA_AGREEMENTS[${i}] must be { number, agency, signedOn, expiresOn (yyyy-mm-dd), purpose, scopes: [], fields?: [], regions: [] }`);
      return;
    }
    const before = problems.length;
    const name = `DATA_AGREEMENTS entry ${JSON.stringify(entry.number)}`;
    if (!NUMBER.test(entry.number)) problems.push(`DATA_AGREEMENTS[${i}] number must be 1 to 80 printable characters, got ${JSON.stringify(entry.number)}`);
    else if (seen.has(entry.number)) problems.push(`${name} is listed more than once: each agreement number once (a renewal is a new entry with its own number)`);
    seen.add(entry.number);
    if (entry.agency.trim() === '') problems.push(`${name} names no agency`);
    if (entry.purpose.trim() === '') problems.push(`${name} names no purpose`);
    const signedOk = isCalendarDay(entry.signedOn);
    const expiresOk = isCalendarDay(entry.expiresOn);
    if (!signedOk) problems.push(`${name} has signedOn ${JSON.stringify(entry.signedOn)}, not a date yyyy-mm-dd`);
    if (!expiresOk) problems.push(`${name} has expiresOn ${JSON.stringify(entry.expiresOn)}, not a date yyyy-mm-dd`);
    if (signedOk && expiresOk && entry.expiresOn <= entry.signedOn) problems.push(`${name} expires on ${entry.expiresOn}, not after it was signed (${entry.signedOn})`);
    const unknownScopes = entry.scopes.filter((s) => typeof s !== 'string' || !isApiScope(s));
    if (entry.scopes.length === 0) problems.push(`${name} grants no scopes; the scopes are ${API_SCOPE_NAMES.join(', ')}`);
    if (unknownScopes.length > 0) problems.push(`${name} names unknown scopes ${list(unknownScopes)}; the scopes are ${API_SCOPE_NAMES.join(', ')}`);
    const unknownFields = (entry.fields ?? []).filter((f) => typeof f !== 'string' || !isPersonalField(f));
    if (unknownFields.length > 0) problems.push(`${name} names unknown fields ${list(unknownFields)}; the fields are ${PERSONAL_FIELD_NAMES.join(', ')}`);
    const badRegions = entry.regions.filter((r) => typeof r !== 'string' || !REGION.test(r));
    if (badRegions.length > 0) problems.push(`${name} names regions ${list(badRegions)}; a region is "*" or a region code prefix of 2 to 10 digits ("5316", "531601")`);
    if (problems.length > before) return;
    agreements.push({
      number: entry.number,
      agency: entry.agency.trim(),
      signedOn: entry.signedOn,
      expiresOn: entry.expiresOn,
      purpose: entry.purpose.trim(),
      scopes: [...new Set(entry.scopes.map(String))],
      ...(entry.fields ? { fields: [...new Set(entry.fields.map(String))] } : {}),
      regions: [...new Set(entry.regions.map(String))],
    });
  });
  return agreements;
}

/**
 * Ties each key naming an agreement to it: the agreement must exist, and the key's scopes, fields and regions must
 * lie within the agreement's. A key that names no scopes (fields) of its own gets the agreement's, so that an
 * agreement's key is never wider than the agreement. Returns the keys as the services use them.
 */
export function bindKeysToAgreements(keys: readonly ApiKeyConfig[], agreements: readonly DataAgreementConfig[], problems: string[]): ApiKeyConfig[] {
  const byNumber = new Map(agreements.map((a) => [a.number, a]));
  return keys.map((key) => {
    if (key.agreement === undefined) return key;
    const name = `API_KEYS entry ${JSON.stringify(key.id)}`;
    const agreement = byNumber.get(key.agreement);
    if (!agreement) {
      problems.push(`${name} names the agreement ${JSON.stringify(key.agreement)}, which DATA_AGREEMENTS does not hold`);
      return key;
    }
    // An agreement grants data access (scoped reads); a partner reporting births, deaths or burials, or an office
    // role, would lose every unscoped endpoint it needs by taking the agreement's scopes.
    if (!key.roles.includes('integrator') || key.roles.length > 1) {
      problems.push(`${name} names the agreement ${JSON.stringify(key.agreement)} but has the roles ${key.roles.join(', ') || 'none'}: only an integrator key (role integrator alone) stands on a data-access agreement`);
    }
    const scopes = key.scopes ?? agreement.scopes;
    const wideScopes = scopes.filter((s) => !agreement.scopes.includes(s));
    if (wideScopes.length > 0) problems.push(`${name} has scopes ${list(wideScopes)} that its agreement ${JSON.stringify(agreement.number)} does not grant (it grants ${agreement.scopes.join(', ')})`);
    const fields = key.fields ?? agreement.fields;
    const granted = agreement.fields;
    const wideFields = granted && fields ? fields.filter((f) => !granted.includes(f)) : [];
    if (wideFields.length > 0) problems.push(`${name} has fields ${list(wideFields)} that its agreement ${JSON.stringify(agreement.number)} does not grant (it grants ${granted?.join(', ') || 'none'})`);
    const wideRegions = key.regions.filter((r) => !withinRegions(r, agreement.regions));
    if (wideRegions.length > 0) {
      problems.push(`${name} has regions ${list(wideRegions)} outside its agreement ${JSON.stringify(agreement.number)} (it covers ${agreement.regions.join(', ') || 'none'})`);
    }
    return { ...key, scopes: [...scopes], ...(fields ? { fields: [...fields] } : {}) };
  });
}

/** A key's region lies within the agreement's: the agreement covers everywhere, or a prefix of the key's region. */
function withinRegions(region: string, covered: readonly string[]): boolean {
  if (covered.includes('*')) return true;
  return region !== '*' && covered.some((prefix) => region.startsWith(prefix));
}

function list(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}
