// The runtime payload schema: every message is checked at the edge (DESIGN.md house rule 4). A valid payload
// comes back as a value; an invalid one reports every error with its path, not only the first; fields the
// schema does not know are ignored, so a consumer accepts messages from a newer producer (house rule 3).
import { s, type FieldError, type Infer, type Parsed } from './schema.js';
import { ResidentRegistered } from './identity.events.js';
import { EVENT_SCHEMAS } from './payloads.js';
import { producerOf, STREAMS, SUBJECTS } from './subjects.js';

const errorsOf = <T>(r: Parsed<T>): readonly FieldError[] => (r.ok ? [] : r.errors);
const paths = <T>(r: Parsed<T>): string[] => errorsOf(r).map((e) => e.path);

describe('scalars', () => {
  it.each([
    ['string', s.string(), 'Mbay', [42, null, undefined, {}]],
    ['string of 2–3 characters', s.string({ min: 2, max: 3 }), 'ab', ['a', 'abcd']],
    ['string matching a pattern', s.string({ pattern: /^\d{6}$/ }), '531601', ['53160', '53160a', ' 531601']],
    ['integer', s.int(), -3, [1.5, '3', Number.NaN, Number.POSITIVE_INFINITY, null]],
    ['integer from 1', s.int({ min: 1, max: 10 }), 1, [0, 11]],
    ['boolean', s.boolean(), false, ['true', 0, null]],
    ['literal', s.literal('M', 'F'), 'F', ['f', 'X', null]],
    ['number literal', s.literal(1, 2), 2, ['2', 3]],
    ['ISO date', s.isoDate(), '2024-02-29', ['2023-02-29', '2024-13-01', '2024-2-1', '01-03-1990', '2024-02-29T00:00:00Z', 20240229]],
    ['instant', s.instant(), '2026-11-27T09:30:00.123+08:00', ['2026-11-27T09:30:00', '2026-11-27', '2026-02-30T09:30:00Z', 'yesterday']],
    ['uuid', s.uuid(), '0190b5b4-0000-7000-8000-000000000000', ['0190B5B4-0000-7000-8000-000000000000', '0190b5b4000070008000000000000000', 'x']],
    ['sixteen digits', s.digits16(), '5316014103900001', ['531601410390000', '53160141039000012', 5316014103900001]],
  ] as const)('%s: accepts %j and refuses the rest', (_what, schema, valid, invalid) => {
    expect((schema as { parse(v: unknown): Parsed<unknown> }).parse(valid)).toEqual({ ok: true, value: valid });
    for (const value of invalid) {
      const r = (schema as { parse(v: unknown): Parsed<unknown> }).parse(value);
      expect({ value, ok: r.ok, paths: paths(r) }).toEqual({ value, ok: false, paths: ['payload'] });
    }
  });

  it('says what was expected', () => {
    expect(errorsOf(s.int({ min: 1, max: 10 }).parse(0))).toEqual([{ path: 'payload', message: 'must be an integer from 1 to 10' }]);
    expect(errorsOf(s.literal('M', 'F').parse('X'))[0]?.message).toBe('must be one of M, F');
    expect(errorsOf(s.string({ max: 3 }).parse('abcd'))[0]?.message).toBe('must have 0–3 characters');
  });

  it('wraps: optional accepts undefined, nullable accepts null, and neither accepts the other', () => {
    expect(s.optional(s.int()).parse(undefined)).toEqual({ ok: true, value: undefined });
    expect(s.optional(s.int()).parse(null).ok).toBe(false);
    expect(s.nullable(s.int()).parse(null)).toEqual({ ok: true, value: null });
    expect(s.nullable(s.int()).parse(undefined).ok).toBe(false);
    expect(s.optional(s.nullable(s.int())).parse(null)).toEqual({ ok: true, value: null });
  });
});

describe('objects and arrays', () => {
  const Member = s.object({ nik: s.digits16(), shdk: s.int({ min: 1, max: 11 }), note: s.optional(s.string()) });
  const Card = s.object({ kkNumber: s.digits16(), members: s.array(Member, { max: 3 }), head: s.nullable(Member) });

  it('accepts a valid value, and leaves out optional fields that are absent', () => {
    const value = { kkNumber: '5316010101260001', members: [{ nik: '5316014103900001', shdk: 1 }], head: null };
    expect(Card.parse(value)).toEqual({ ok: true, value });
    expect(Object.keys((Card.parse(value) as { value: { members: object[] } }).value.members[0] as object)).toEqual(['nik', 'shdk']);
  });

  it('reports every error, each with its path', () => {
    const r = Card.parse({
      kkNumber: '123',
      members: [{ nik: '5316014103900001', shdk: 1 }, { nik: 'x', shdk: 12 }, 'not a member'],
      head: { shdk: 0 },
    });
    expect(r.ok).toBe(false);
    expect(errorsOf(r)).toEqual([
      { path: 'payload.kkNumber', message: expect.any(String) },
      { path: 'payload.members[1].nik', message: expect.any(String) },
      { path: 'payload.members[1].shdk', message: 'must be an integer from 1 to 11' },
      { path: 'payload.members[2]', message: 'must be an object' },
      { path: 'payload.head.nik', message: 'must be a string' },
      { path: 'payload.head.shdk', message: 'must be an integer from 1 to 11' },
    ]);
  });

  it('reports a missing required field by its path', () => {
    expect(errorsOf(Member.parse({ shdk: 1 }))).toEqual([{ path: 'payload.nik', message: 'must be a string' }]);
  });

  it('starts paths where the caller says', () => {
    expect(paths(Member.parse({ nik: 1, shdk: 1 }, 'request'))).toEqual(['request.nik']);
  });

  it('ignores fields it does not know and drops them from the value', () => {
    const r = Member.parse({ nik: '5316014103900001', shdk: 4, addedInV2: 'later', fullName: 'not for this consumer' });
    expect(r).toEqual({ ok: true, value: { nik: '5316014103900001', shdk: 4 } });
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', '{}'],
    ['undefined', undefined],
  ])('refuses %s where an object is expected', (_what, input) => {
    expect(errorsOf(Member.parse(input))).toEqual([{ path: 'payload', message: 'must be an object' }]);
  });

  it('refuses an array that is too long, and a non-array', () => {
    expect(errorsOf(s.array(s.int(), { max: 2 }).parse([1, 2, 3]))).toEqual([{ path: 'payload', message: 'must have at most 2 items' }]);
    expect(errorsOf(s.array(s.int()).parse({ 0: 1 }))).toEqual([{ path: 'payload', message: 'must be an array' }]);
    expect(s.array(s.int()).parse([])).toEqual({ ok: true, value: [] });
  });

  it('infers the TypeScript type: required, optional and nullable fields', () => {
    type Card = Infer<typeof Card>;
    const card: Card = { kkNumber: '5316010101260001', members: [{ nik: '5316014103900001', shdk: 1 }], head: null };
    // @ts-expect-error -- kkNumber is required
    const missing: Card = { members: [], head: null };
    expect([card.members.length, missing.head]).toEqual([1, null]);
  });
});

describe('event payloads', () => {
  const registered = {
    residentId: '0190b5b4-0000-7000-8000-000000000000',
    nik: '5316014103900001',
    birthDate: '1990-03-01',
    sex: 'F',
    maritalStatus: 'KAWIN_TERCATAT',
    origin: 'FIRST_REGISTRATION',
    districtCode: '531601',
    villageCode: '5316012002',
  };

  it('accepts a valid identity.resident.registered.v1 payload, ignoring fields from a newer producer', () => {
    expect(ResidentRegistered.parse({ ...registered, addedLater: true })).toEqual({ ok: true, value: registered });
  });

  it('reports every error of an invalid one', () => {
    const r = ResidentRegistered.parse({ ...registered, residentId: 'nope', nik: '53160141039', sex: 'P', origin: undefined, districtCode: '5316' });
    expect(paths(r).sort()).toEqual(['payload.districtCode', 'payload.nik', 'payload.origin', 'payload.residentId', 'payload.sex']);
  });

  it('has a schema for every event subject', () => {
    expect(Object.keys(EVENT_SCHEMAS)).toEqual(expect.arrayContaining(Object.values(SUBJECTS.identity)));
    for (const schema of Object.values(EVENT_SCHEMAS)) expect(schema.parse(undefined).ok).toBe(false);
  });
});

describe('every deed reaches the register (issue 19, item 7)', () => {
  const registration = {
    deedId: '0190b5b4-0000-7000-8000-000000000001',
    deedNumber: '5316-LU-07122026-0001',
    registeredAt: '2026-12-07T09:00:00.000+08:00',
    eventDate: '2026-11-30',
    timeliness: 'ON_TIME',
    districtCode: '531601',
  };
  const child = { nik: '5316014103200001', fullName: 'Maria Goreti Wea' };
  /** NATS matching of a stream's `<prefix>.>` patterns. */
  const subjectMatches = (pattern: string, subject: string) => pattern.endsWith('.>') ? subject.startsWith(pattern.slice(0, -1)) : pattern === subject;

  it('stores every event subject in its producer\'s stream', () => {
    for (const subject of Object.keys(EVENT_SCHEMAS)) {
      const stream = Object.values(STREAMS).find((st) => st.subjects.some((pattern) => subjectMatches(pattern, subject)));
      expect({ subject, stream: stream?.name }).toEqual({ subject, stream: producerOf(subject).toUpperCase() });
    }
  });

  it('accepts a recognition, a legitimation and an adoption with the child and the parent or adopter by NIK and name', () => {
    const father = { fullName: 'Yohanes Ngapa', sex: 'M' };
    expect(EVENT_SCHEMAS[SUBJECTS.deeds.recognitionRegistered].parse({ ...registration, child, birthDeedNumber: '5316-LU-01012020-0001', fatherNik: '5316011204800001', father }).ok).toBe(true);
    expect(EVENT_SCHEMAS[SUBJECTS.deeds.legitimationRegistered].parse({ ...registration, child, birthDeedNumber: 'x', marriageDeedNumber: 'y', father }).ok).toBe(true);
    const adoption = EVENT_SCHEMAS[SUBJECTS.deeds.adoptionRegistered].parse({ ...registration, child: { nik: '123' }, birthDeedNumber: 'x', adopter: { fullName: 'Ana' } });
    expect(paths(adoption).sort()).toEqual(['payload.adopterNik', 'payload.child.fullName', 'payload.child.nik', 'payload.courtDecision']);
  });

  it("takes a birth deed's childNik as an optional addition to deeds.birth.registered.v1, and the link event without names", () => {
    const birth = { ...registration, child: { fullName: 'Bayi', sex: 'F', birthPlace: 'Mbay', religion: 'KATOLIK' }, motherName: 'Ibu' };
    expect(EVENT_SCHEMAS[SUBJECTS.deeds.birthRegistered].parse(birth).ok).toBe(true);
    expect(EVENT_SCHEMAS[SUBJECTS.deeds.birthRegistered].parse({ ...birth, childNik: '5316014103200001' }).ok).toBe(true);
    expect(paths(EVENT_SCHEMAS[SUBJECTS.deeds.birthRegistered].parse({ ...birth, childNik: '53160141' }))).toEqual(['payload.childNik']);
    const linked = { residentId: '0190b5b4-0000-7000-8000-000000000002', deedId: registration.deedId, link: 'EXISTING_RESIDENT', districtCode: '531601' };
    expect(EVENT_SCHEMAS[SUBJECTS.identity.residentBirthDeedLinked].parse(linked)).toEqual({ ok: true, value: linked });
  });
});

describe('corrections and annulments of registered deeds (issue 19, item 7)', () => {
  const amended = {
    deedId: '0190b5b4-0000-7000-8000-000000000003',
    deedType: 'BIRTH',
    deedNumber: '5316-KL-07122026-0001',
    eventDate: '2026-11-30',
    persons: [{ role: 'mother', nik: '5316014103900001' }],
    districtCode: '531601',
    villageCode: '5316012002',
  };
  const corrected = {
    ...amended,
    correctedAt: '2026-12-08T10:00:00.000+08:00',
    deedVersion: 2,
    fields: ['child.fullName', 'place'],
    changes: [{ field: 'child.fullName', from: 'Maria Gorety Wea', to: 'Maria Goreti Wea' }],
    reason: 'ejaan nama sesuai surat keterangan lahir',
  };
  const annulled = { ...amended, deedType: 'DEATH', persons: [{ role: 'deceased', nik: '5316011204800001' }], annulledAt: '2026-12-09T10:00:00.000+08:00', courtDecision: { number: '88/Pdt.G/2026/PN Bjw', finalOn: '2026-12-01' } };

  it('accepts deeds.deed.corrected.v1 with the changed fields, the register particulars with old and new values, and the reason', () => {
    expect(EVENT_SCHEMAS[SUBJECTS.deeds.deedCorrected].parse(corrected)).toEqual({ ok: true, value: corrected });
    // A particular the deed did not hold before is corrected from the empty string.
    expect(EVENT_SCHEMAS[SUBJECTS.deeds.deedCorrected].parse({ ...corrected, changes: [{ field: 'eventDate', from: '', to: '2026-11-29' }] }).ok).toBe(true);
  });

  it('refuses a correction whose change is no register particular, has no new value, or no reason', () => {
    const r = EVENT_SCHEMAS[SUBJECTS.deeds.deedCorrected].parse({
      ...corrected,
      deedVersion: 1,
      changes: [{ field: 'place', from: 'a', to: 'b' }, { field: 'child.sex', from: 'M' }],
      reason: '',
    });
    expect(paths(r).sort()).toEqual(['payload.changes[0].field', 'payload.changes[1].to', 'payload.deedVersion', 'payload.reason']);
  });

  it('accepts deeds.deed.annulled.v1 with the court decision and the persons by NIK', () => {
    expect(EVENT_SCHEMAS[SUBJECTS.deeds.deedAnnulled].parse(annulled)).toEqual({ ok: true, value: annulled });
    expect(EVENT_SCHEMAS[SUBJECTS.deeds.deedAnnulled].parse({ ...annulled, reason: 'akta ganda' }).ok).toBe(true);
  });

  it('refuses an annulment without a decision, with a malformed NIK or an unknown role', () => {
    const r = EVENT_SCHEMAS[SUBJECTS.deeds.deedAnnulled].parse({ ...annulled, courtDecision: { number: '88' }, persons: [{ role: 'witness', nik: '5316' }] });
    expect(paths(r).sort()).toEqual(['payload.courtDecision.finalOn', 'payload.persons[0].nik', 'payload.persons[0].role']);
    expect(paths(EVENT_SCHEMAS[SUBJECTS.deeds.deedAnnulled].parse({ ...annulled, deedNumber: undefined }))).toEqual(['payload.deedNumber']);
  });

  it('takes identity.resident.birth-deed-unlinked.v1 without names or NIKs', () => {
    const unlinked = { residentId: '0190b5b4-0000-7000-8000-000000000002', deedId: amended.deedId, reason: 'DEED_ANNULLED', districtCode: '531601' };
    expect(EVENT_SCHEMAS[SUBJECTS.identity.residentBirthDeedUnlinked].parse(unlinked)).toEqual({ ok: true, value: unlinked });
    expect(paths(EVENT_SCHEMAS[SUBJECTS.identity.residentBirthDeedUnlinked].parse({ ...unlinked, reason: 'CORRECTED' }))).toEqual(['payload.reason']);
  });
});
