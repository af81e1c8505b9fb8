// The scorecard's folds (issue 18): a resident's IKD spell and a death record's burial, whatever order the events of
// different durables arrive in, and however often.
import fc from 'fast-check';
import type { BurialRecorded, DeedStatusChanged } from '@adminduk/contracts';
import { deedFromBurial, emptyDeed, emptyResident, onBurialRecorded, onDeedStatusChanged, onEktpStatusChanged, onIkdStatusChanged, onResidentRegistered, type DeedFacts, type ResidentFacts } from './facts';

const place = { districtCode: '531601', villageCode: '5316011003' };
const moment = (day: string, hour = 2) => ({ at: new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`), day });
const ikd = (from: string, to: string, action: string, on: string) => (r: ResidentFacts) =>
  onIkdStatusChanged(r, { residentId: r.residentId, from: from as never, to: to as never, action: action as never, on, channel: 'OFFICE', ...place }, moment(on));

type Step = (r: ResidentFacts) => void;
const resident: Step[] = [
  (r) => onResidentRegistered(r, { residentId: r.residentId, nik: '5316014103900001', birthDate: '1990-03-01', sex: 'F', maritalStatus: 'KAWIN_TERCATAT', origin: 'FIRST_REGISTRATION', ...place }, moment('2026-01-05')),
  (r) => onEktpStatusChanged(r, { residentId: r.residentId, from: 'NOT_RECORDED', to: 'RECORDED', channel: 'OFFICE', ...place }, moment('2026-02-01')),
  ikd('NOT_ACTIVATED', 'ACTIVE', 'ACTIVATE', '2026-03-01'),
  ikd('ACTIVE', 'DEACTIVATED', 'DEACTIVATE', '2026-05-01'),
  ikd('DEACTIVATED', 'ACTIVE', 'REACTIVATE', '2026-06-10'),
];

describe('IKD facts', () => {
  it('counts the active spell within the days the resident is e-KTP recorded, and ends it on a deactivation', () => {
    const r = emptyResident('0190a2f0-0000-7000-8000-0000000000a1');
    for (const step of resident.slice(0, 4)) step(r);
    expect([r.ikdState, r.ikdCovFrom, r.ikdCovTo]).toEqual(['DEACTIVATED', '2026-03-01', '2026-05-01']);
    resident[4]?.(r);
    // One spell per resident (documented on ResidentFacts): active from the first activation again, open-ended.
    expect([r.ikdState, r.ikdCovFrom, r.ikdCovTo]).toEqual(['ACTIVE', '2026-03-01', null]);
  });

  it('a phone change (deactivated and re-activated the same day) leaves the past unchanged', () => {
    const r = emptyResident('0190a2f0-0000-7000-8000-0000000000a6');
    for (const step of resident.slice(0, 3)) step(r);
    const before = [r.ikdCovFrom, r.ikdCovTo];
    onIkdStatusChanged(r, { residentId: r.residentId, from: 'ACTIVE', to: 'DEACTIVATED', action: 'DEACTIVATE', on: '2027-01-10', channel: 'OFFICE', ...place }, moment('2027-01-10', 1));
    onIkdStatusChanged(r, { residentId: r.residentId, from: 'DEACTIVATED', to: 'ACTIVE', action: 'REACTIVATE', on: '2027-01-10', channel: 'OFFICE', ...place }, moment('2027-01-10', 3));
    expect([r.ikdCovFrom, r.ikdCovTo]).toEqual(before);
    expect(before).toEqual(['2026-03-01', null]);
  });

  it('an activation recorded before the e-KTP is counted only from the recording', () => {
    const r = emptyResident('0190a2f0-0000-7000-8000-0000000000a2');
    resident[0]?.(r);
    ikd('NOT_ACTIVATED', 'ACTIVE', 'ACTIVATE', '2026-01-20')(r);
    expect(r.ikdCovFrom).toBeNull();
    resident[1]?.(r);
    expect(r.ikdCovFrom).toBe('2026-02-01');
  });

  it('keeps an ended spell when the deactivation arrives before its activation (another batch, a retry)', () => {
    const r = emptyResident('0190a2f0-0000-7000-8000-0000000000a4');
    for (const i of [0, 1, 3, 2]) resident[i]?.(r);
    expect([r.ikdState, r.ikdCovFrom, r.ikdCovTo]).toEqual(['DEACTIVATED', '2026-03-01', '2026-05-01']);
  });

  it('gives the same facts in any order of the events, and applying them twice changes nothing', () => {
    const reference = emptyResident('0190a2f0-0000-7000-8000-0000000000a3');
    for (const step of resident) step(reference);
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }), (order, again) => {
        const r = emptyResident('0190a2f0-0000-7000-8000-0000000000a3');
        for (const i of [...order, ...again]) (resident[i] as Step)(r);
        expect(r).toEqual(reference);
      }),
    );
    // And without the re-activation: the spell ends on the deactivation, in any order.
    const ended = emptyResident('0190a2f0-0000-7000-8000-0000000000a5');
    for (const step of resident.slice(0, 4)) step(ended);
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }), (order) => {
        const r = emptyResident('0190a2f0-0000-7000-8000-0000000000a5');
        for (const i of order) (resident[i] as Step)(r);
        expect(r).toEqual(ended);
      }),
    );
  });
});

const deedId = '0190a2f0-0000-7000-8000-0000000000d1';
const step = (from: string | null, to: string, day: string, extra: Partial<DeedStatusChanged> = {}): DeedStatusChanged => ({
  deedId,
  deedType: 'DEATH',
  from: from as never,
  to: to as never,
  at: `${day}T10:00:00.000+08:00`,
  eventDate: '2026-04-01',
  channel: 'PARTNER',
  ...place,
  ...extra,
});
const burial: BurialRecorded = {
  burialId: '0190a2f0-0000-7000-8000-0000000000b1',
  buriedOn: '2026-04-03',
  diedOn: '2026-04-01',
  reporterKind: 'CEMETERY',
  deathDeedId: deedId,
  match: 'NEW_CASE',
  matchedBy: 'NONE',
  recordedAt: '2026-04-04T09:00:00.000+08:00',
  ...place,
};

describe('burial facts', () => {
  const applyAll = (order: readonly number[]): DeedFacts => {
    const events: ((d: DeedFacts | undefined) => DeedFacts)[] = [
      (d) => {
        const row = d ?? emptyDeed(deedId, step(null, 'NOTIFIED', '2026-04-04'));
        onDeedStatusChanged(row, step(null, 'NOTIFIED', '2026-04-04'), '+08:00');
        return row;
      },
      (d) => {
        const row = d ?? emptyDeed(deedId, step('VERIFIED', 'REGISTERED', '2026-04-20'));
        onDeedStatusChanged(row, step('VERIFIED', 'REGISTERED', '2026-04-20', { registeredAt: '2026-04-20T10:00:00.000+08:00' }), '+08:00');
        return row;
      },
      (d) => {
        const row = d ?? deedFromBurial(burial);
        onBurialRecorded(row, burial, '+08:00');
        return row;
      },
    ];
    let row: DeedFacts | undefined;
    for (const i of order) row = events[i]?.(row);
    return row as DeedFacts;
  };

  it('keeps the burial on its death record and the record its steps, whichever came first', () => {
    const reference = applyAll([0, 1, 2]);
    expect([reference.deedType, reference.firstOn, reference.registeredOn, reference.burialRecordedOn, reference.buriedOn, reference.burialMatch]).toEqual(['DEATH', '2026-04-04', '2026-04-20', '2026-04-04', '2026-04-03', 'NEW_CASE']);
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }), (order, again) => {
        const row = applyAll([...order, ...again]);
        expect({ ...row, statusAt: row.statusAt?.toISOString(), firstAt: row.firstAt?.toISOString() }).toEqual({ ...reference, statusAt: reference.statusAt?.toISOString(), firstAt: reference.firstAt?.toISOString() });
      }),
    );
  });

  it('keeps the first of two burials on one death record, whichever event comes first', () => {
    const later: BurialRecorded = { ...burial, burialId: '0190a2f0-0000-7000-8000-0000000000b2', recordedAt: '2026-04-04T15:00:00.000+08:00', match: 'DEATH_CASE', matchedBy: 'PARTICULARS', reporterKind: 'CEMETERY', buriedOn: '2026-04-02' };
    const both = (first: BurialRecorded, second: BurialRecorded) => {
      const row = deedFromBurial(first);
      onBurialRecorded(row, first, '+08:00');
      onBurialRecorded(row, second, '+08:00');
      onBurialRecorded(row, first, '+08:00');
      return [row.burialMatch, row.buriedOn, row.burialRecordedOn];
    };
    expect(both(burial, later)).toEqual(['NEW_CASE', '2026-04-03', '2026-04-04']);
    expect(both(later, burial)).toEqual(['NEW_CASE', '2026-04-03', '2026-04-04']);
  });

  it('a burial alone makes a death record not yet received nor registered (not counted as a death until its steps come)', () => {
    const row = deedFromBurial(burial);
    onBurialRecorded(row, burial, '+08:00');
    expect([row.deedType, row.firstOn, row.registeredOn, row.burialRecordedOn]).toEqual(['DEATH', null, null, '2026-04-04']);
  });
});
