import fc from 'fast-check';
import { deedCaseKey, type CaseKeyFacts } from './case-key';
import { DEED_TYPES, type DeedType } from './deed-types';

const MOTHER = '5316014103900001';
const FATHER = '5316011207880002';
const codes = (r: ReturnType<typeof deedCaseKey>) => (r.ok ? [] : r.errors.map((e) => e.code));
const key = (type: DeedType, facts: CaseKeyFacts) => {
  const r = deedCaseKey(type, facts);
  return r.ok ? r.value : r.errors.map((e) => e.code).join(',');
};

describe('the natural key of a case: the same event reported twice is one case (our rule, documented in case-key.ts)', () => {
  it.each([
    ['BIRTH', { eventDate: '2026-11-01', motherNik: MOTHER }, `BIRTH|2026-11-01|mother-nik:${MOTHER}|child:1`],
    ['BIRTH', { eventDate: '2026-11-01', motherNik: MOTHER, childOrder: 2 }, `BIRTH|2026-11-01|mother-nik:${MOTHER}|child:2`],
    ['BIRTH', { eventDate: '2026-11-01', motherName: '  Maria  Goreti Wea ', villageCode: '5316012002' }, 'BIRTH|2026-11-01|mother:maria goreti wea@5316012002|child:1'],
    ['STILLBIRTH', { eventDate: '2026-11-01', motherNik: MOTHER }, `STILLBIRTH|2026-11-01|mother-nik:${MOTHER}|child:1`],
    ['DEATH', { deceasedNik: FATHER, eventDate: '2026-11-01' }, `DEATH|deceased-nik:${FATHER}`],
    ['MARRIAGE', { eventDate: '2026-10-10', husbandNik: FATHER, wifeNik: MOTHER }, `MARRIAGE|2026-10-10|husband:${FATHER}|wife:${MOTHER}`],
    ['DIVORCE', { husbandNik: FATHER, wifeNik: MOTHER, courtDecisionNumber: '12/Pdt.G/2026/PN Bjw' }, `DIVORCE|husband:${FATHER}|wife:${MOTHER}|court:12PDTG2026PNBJW`],
    ['RECOGNITION', { birthDeedNumber: '5316-KL-01112026-0042' }, 'RECOGNITION|birth-deed:5316KL011120260042'],
    ['LEGITIMATION', { birthDeedNumber: '5316-KL-01112026-0042' }, 'LEGITIMATION|birth-deed:5316KL011120260042'],
    ['ADOPTION', { birthDeedNumber: '5316-KL-01112026-0042', courtDecisionNumber: '3/Pdt.P/2026/PN Bjw' }, 'ADOPTION|birth-deed:5316KL011120260042|court:3PDTP2026PNBJW'],
  ] as const)('%s %j is keyed %s', (type, facts, expected) => {
    expect(deedCaseKey(type, facts)).toEqual({ ok: true, value: expected, warnings: [] });
  });

  it('gives two reports of one birth the same key, however the reporters spelled names and numbers', () => {
    expect(key('BIRTH', { eventDate: '2026-11-01', motherName: 'Maria Goreti Wéa', villageCode: '5316012002' })).toBe(
      key('BIRTH', { eventDate: '2026-11-01', motherName: "MARIA  goreti wea", villageCode: '5316012002' }),
    );
    expect(key('DIVORCE', { husbandNik: FATHER, wifeNik: MOTHER, courtDecisionNumber: '12/Pdt.G/2026/PN Bjw' })).toBe(
      key('DIVORCE', { husbandNik: FATHER, wifeNik: MOTHER, courtDecisionNumber: '12 / PDT.G / 2026 / PN BJW' }),
    );
  });

  it('keeps twins, another day, another mother and another type apart', () => {
    const first = key('BIRTH', { eventDate: '2026-11-01', motherNik: MOTHER });
    expect(new Set([
      first,
      key('BIRTH', { eventDate: '2026-11-01', motherNik: MOTHER, childOrder: 2 }),
      key('BIRTH', { eventDate: '2026-11-02', motherNik: MOTHER }),
      key('BIRTH', { eventDate: '2026-11-01', motherNik: FATHER }),
      key('STILLBIRTH', { eventDate: '2026-11-01', motherNik: MOTHER }),
    ]).size).toBe(5);
  });

  it('names a death by the deceased alone: reports that disagree on the day are one death', () => {
    expect(key('DEATH', { deceasedNik: FATHER, eventDate: '2026-11-01' })).toBe(key('DEATH', { deceasedNik: FATHER, eventDate: '2026-11-02' }));
  });

  it.each([
    ['BIRTH', {}, ['CASE_KEY_FACT_MISSING', 'CASE_KEY_FACT_MISSING']],
    ['BIRTH', { eventDate: '2026-11-01', motherName: 'Maria' }, ['CASE_KEY_FACT_MISSING']],
    ['BIRTH', { eventDate: '2026-02-30', motherNik: '12', childOrder: 0 }, ['CASE_KEY_FACT_INVALID', 'CASE_KEY_FACT_INVALID', 'CASE_KEY_FACT_INVALID']],
    ['BIRTH', { eventDate: '2026-11-01', motherName: '...', villageCode: '53160' }, ['CASE_KEY_FACT_INVALID', 'CASE_KEY_FACT_INVALID']],
    ['DEATH', { eventDate: '2026-11-01' }, ['CASE_KEY_FACT_MISSING']],
    ['MARRIAGE', { eventDate: '2026-10-10', husbandNik: FATHER }, ['CASE_KEY_FACT_MISSING']],
    ['DIVORCE', { husbandNik: FATHER, wifeNik: MOTHER, courtDecisionNumber: ' / ' }, ['CASE_KEY_FACT_INVALID']],
    ['ADOPTION', {}, ['CASE_KEY_FACT_MISSING', 'CASE_KEY_FACT_MISSING']],
    ['CENSUS', {}, ['DEED_TYPE_INVALID']],
  ])('refuses %s %j with %j', (type, facts, expected) => {
    expect(codes(deedCaseKey(type as DeedType, facts as CaseKeyFacts))).toEqual(expected);
  });

  it('refuses facts that are not an object', () => {
    expect(codes(deedCaseKey('DEATH', null as unknown as CaseKeyFacts))).toEqual(['FACTS_INVALID']);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEED_TYPES, 'X'), fc.anything(), (type, facts) => {
        expect(typeof deedCaseKey(type as DeedType, facts as CaseKeyFacts).ok).toBe('boolean');
      }),
    );
  });
});
