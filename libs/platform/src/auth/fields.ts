/**
 * Fields narrow an API key to the personal-data elements its data-access agreement (PKS) grants (issue 16): a
 * bank's NIK check is granted `["nik", "fullName", "birthDate", "sex"]` and reads neither the address, nor the
 * religion, nor the mother's name. A key configured with `fields` (API_KEYS, only with `scopes`) gets, in every
 * answer, only the granted fields of each person and record, at every level of nesting (a family card's members,
 * a resident's moves, the histories of e-KTP and KIA); the others are left out of the JSON: absent, not null, so
 * that a withheld field is never mistaken for an empty one. Identifiers and the register's bookkeeping (ids,
 * versions, statuses, the steps of a history and when they were taken) are always given. Searching by a field
 * needs that field: `GET /residents?name=…&birthDate=…` confirms a name and a birth date, so a key without them is
 * refused with 403 FIELD_NOT_GRANTED before anything is read. A key without `fields`, and every person (bearer
 * token), gets whole answers, as before. The table of fields is in docs/personal-data-access.md.
 *
 * Fail closed: a property of an answer, or a query parameter, that this file does not classify is withheld from
 * (refused to) a key with `fields`; apps/identity/test/integrator-field-scopes.spec.ts checks that every property
 * and query parameter of the scoped endpoints is classified, so a new one is classified when it is added.
 */
import { Problem } from '../errors/problem';

/** The personal-data elements an API key may be granted, with what each covers in an answer. */
export const PERSONAL_FIELDS = {
  nik: 'the NIK (Nomor Induk Kependudukan) of a resident, and of each member of a family card (search: nik)',
  kkNumber: "the No. KK, a family card's number, also the earlier and new numbers in a card's history (search: kkNumber)",
  fullName: 'the full name of a resident or a member (search: name)',
  birthPlace: 'the place of birth',
  birthDate: 'the date of birth (search: birthDate)',
  sex: 'the sex (M, F)',
  religion: 'the religion',
  maritalStatus: "the marital status, and its changes in a card's history",
  education: 'the education level (code)',
  bloodType: 'the blood type (code)',
  occupation: 'the occupation',
  motherName: "the mother's name",
  fatherName: "the father's name",
  address: 'the address text (street, RT / RW, hamlet) of a resident or a family card',
  region: 'the kecamatan and desa / kelurahan codes of the address (districtCode, villageCode; search: villageCode)',
  relationship:
    "family relationships: the SHDK of each member of a card (relationship, relationshipLabel) and its changes, the links to a member's father and mother (fatherResidentId, motherResidentId), the card's polygamy permit",
  moves: 'the moves in, within and out of the regency (where from and to, when, the reference) and where a resident moved out to',
  dateOfDeath: 'the day of death',
  actors: 'who in the office took each step of a history: the subject of a token or the id of a key (by, recordedBy, printedBy, addedBy)',
  fileNames: 'the file names of the documents uploaded for a KIA application (which may name the child)',
} as const satisfies Record<string, string>;

export type PersonalField = keyof typeof PERSONAL_FIELDS;

export const PERSONAL_FIELD_NAMES = Object.keys(PERSONAL_FIELDS) as readonly PersonalField[];

export function isPersonalField(name: string): name is PersonalField {
  return Object.hasOwn(PERSONAL_FIELDS, name);
}

/**
 * What a property of an answer needs, by its name: nothing (`ALWAYS`: identifiers, bookkeeping, the states a scope
 * grants), every one of some fields, or — where the same name means different things — fields chosen by the object
 * that holds it (a fact of a card's history names its type).
 */
type Need = typeof ALWAYS | readonly PersonalField[] | ((holder: Readonly<Record<string, unknown>>) => readonly PersonalField[] | undefined);

const ALWAYS = 'always' as const;

const byFactType = (fields: Readonly<Record<string, readonly PersonalField[]>>, otherwise?: readonly PersonalField[]) => (holder: Readonly<Record<string, unknown>>) =>
  (typeof holder.type === 'string' && Object.hasOwn(fields, holder.type) ? fields[holder.type] : otherwise);

/**
 * Every property of the answers of the scoped endpoints, classified. A name not here is withheld from a key with
 * `fields` (fail closed).
 */
export const PROPERTY_NEEDS: Readonly<Record<string, Need>> = {
  // Pages and identifiers.
  items: ALWAYS,
  next: ALWAYS,
  id: ALWAYS,
  residentId: ALWAYS,
  residentIds: ALWAYS,
  familyCardId: ALWAYS,
  fromFamilyCardId: ALWAYS,
  newFamilyCardId: ALWAYS,
  previousHeadResidentId: ALWAYS,
  newHeadResidentId: ALWAYS,
  // Bookkeeping of the register: versions, statuses, the steps of histories and when they were taken.
  version: ALWAYS,
  status: ALWAYS,
  origin: ALWAYS,
  since: ALWAYS,
  createdAt: ALWAYS,
  updatedAt: ALWAYS,
  recordedAt: ALWAYS,
  asOf: ALWAYS,
  index: ALWAYS,
  type: ALWAYS,
  operation: ALWAYS,
  rule: ALWAYS,
  reason: ALWAYS,
  at: ALWAYS,
  allowedActions: ALWAYS,
  history: ALWAYS,
  members: ALWAYS,
  facts: ALWAYS,
  kind: ALWAYS,
  reference: ALWAYS,
  // The e-KTP and KIA states the `documents` scope grants.
  wajibKtp: ALWAYS,
  recordings: ALWAYS,
  place: ALWAYS,
  channel: ALWAYS,
  visitId: ALWAYS,
  printReadyAt: ALWAYS,
  sentForPrintingAt: ALWAYS,
  printedAt: ALWAYS,
  issuedAt: ALWAYS,
  lastIssuedAt: ALWAYS,
  lastIssuedChannel: ALWAYS,
  issueCount: ALWAYS,
  reprint: ALWAYS,
  reprints: ALWAYS,
  printFailures: ALWAYS,
  imported: ALWAYS,
  source: ALWAYS,
  eligibility: ALWAYS,
  eligible: ALWAYS,
  validUntil: ALWAYS,
  card: ALWAYS,
  cards: ALWAYS,
  kiaType: ALWAYS,
  issuedChannel: ALWAYS,
  reissueReason: ALWAYS,
  expiry: ALWAYS,
  application: ALWAYS,
  forCard: ALWAYS,
  documents: ALWAYS,
  contentType: ALWAYS,
  size: ALWAYS,
  sha256: ALWAYS,
  addedAt: ALWAYS,
  checklists: ALWAYS,
  asked: ALWAYS,
  missing: ALWAYS,
  complete: ALWAYS,
  // Personal data.
  nik: ['nik'],
  kkNumber: ['kkNumber'],
  previousKkNumber: ['kkNumber'],
  fromKkNumber: ['kkNumber'],
  newKkNumber: ['kkNumber'],
  fullName: ['fullName'],
  birthPlace: ['birthPlace'],
  birthDate: ['birthDate'],
  sex: ['sex'],
  religion: ['religion'],
  maritalStatus: ['maritalStatus'],
  education: ['education'],
  bloodType: ['bloodType'],
  occupation: ['occupation'],
  motherName: ['motherName'],
  fatherName: ['fatherName'],
  address: ['address'],
  districtCode: ['region'],
  villageCode: ['region'],
  relationship: ['relationship'],
  relationshipLabel: ['relationship'],
  fatherResidentId: ['relationship'],
  motherResidentId: ['relationship'],
  polygamyPermitted: ['relationship'],
  moves: ['moves'],
  movedOutTo: ['moves'],
  movedOn: ['moves'],
  dateOfDeath: ['dateOfDeath'],
  // The day the latest death or move took effect: the day of a death, or of a move.
  effectiveDate: ['moves', 'dateOfDeath'],
  // `from` and `to`: a change of marital status or of SHDK in a card's history; else (a move) the region codes.
  from: byFactType({ MARITAL_STATUS_CHANGED: ['maritalStatus'], RELATIONSHIP_CHANGED: ['relationship'] }, ['moves', 'region']),
  to: byFactType({ MARITAL_STATUS_CHANGED: ['maritalStatus'], RELATIONSHIP_CHANGED: ['relationship'] }, ['moves', 'region']),
  by: ['actors'],
  recordedBy: ['actors'],
  printedBy: ['actors'],
  addedBy: ['actors'],
  fileName: ['fileNames'],
};

/** Query parameters that search by another name than the property they match (`name`: the full name). */
const QUERY_NEEDS: Readonly<Record<string, Need>> = {
  name: ['fullName'],
  limit: ALWAYS,
  after: ALWAYS,
};

/** The fields a property or query parameter needs; undefined when it is not classified (withheld, refused). */
function needOf(table: Readonly<Record<string, Need>>, name: string, holder: Readonly<Record<string, unknown>>): typeof ALWAYS | readonly PersonalField[] | undefined {
  if (!Object.hasOwn(table, name)) return undefined;
  const need = table[name] as Need;
  return typeof need === 'function' ? need(holder) : need;
}

/** True when the property or query parameter is classified (for the tests that keep the table complete). */
export function isClassifiedProperty(name: string): boolean {
  return Object.hasOwn(PROPERTY_NEEDS, name);
}

export function isClassifiedQueryParameter(name: string): boolean {
  return Object.hasOwn(QUERY_NEEDS, name) || Object.hasOwn(PROPERTY_NEEDS, name);
}

const granted = (need: typeof ALWAYS | readonly PersonalField[] | undefined, fields: ReadonlySet<string>): boolean =>
  need === ALWAYS || (need !== undefined && need.every((f) => fields.has(f)));

/**
 * The answer as a key granted `fields` may read it: a copy of the JSON value with every property it is not granted
 * left out, at every level. Arrays keep their items; objects keep only granted properties (an unclassified one is
 * left out). A value that is not JSON (a file) cannot be narrowed: 403 FIELD_NOT_GRANTED.
 */
export function projectFields(value: unknown, fields: readonly string[]): unknown {
  const set = new Set(fields);
  // The value as it is sent: class instances, dates and toJSON() as JSON.stringify writes them.
  if (value === undefined || value === null) return value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array || typeof (value as { pipe?: unknown }).pipe === 'function') {
    throw Problem.forbidden('FIELD_NOT_GRANTED', 'this answer is a file, which cannot be narrowed to the fields this key is granted');
  }
  return project(JSON.parse(JSON.stringify(value)) as unknown, set);
}

function project(value: unknown, fields: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, fields));
  if (value === null || typeof value !== 'object') return value;
  const holder = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(holder)) {
    if (granted(needOf(PROPERTY_NEEDS, name, holder), fields)) out[name] = project(inner, fields);
  }
  return out;
}

/**
 * 403 FIELD_NOT_GRANTED when a key granted `fields` searches by a field it is not granted (or by a query
 * parameter not classified here): a search by name and birth date confirms both. Before anything is read.
 */
export function requireQueryFields(principal: { readonly fields?: readonly string[] }, query: unknown): void {
  if (!principal.fields || query === null || typeof query !== 'object') return;
  const fields = new Set(principal.fields);
  const refused: string[] = [];
  for (const name of Object.keys(query)) {
    const need = Object.hasOwn(QUERY_NEEDS, name) ? needOf(QUERY_NEEDS, name, {}) : needOf(PROPERTY_NEEDS, name, {});
    if (!granted(need, fields)) {
      refused.push(need === undefined || need === ALWAYS ? `${name} (not a search this key may make)` : `${name} (needs ${need.join(' and ')})`);
    }
  }
  if (refused.length > 0) {
    throw Problem.forbidden('FIELD_NOT_GRANTED', `this key is granted only the fields ${principal.fields.join(', ') || '(none)'}; it may not search by ${refused.join(', ')}`);
  }
}
