// The projection folds: a resident's facts and the days from which they count, whatever order the events arrive in
// (the consumers of different subjects run side by side) and however often (a replay after live consumption).
import fc from 'fast-check';
import { birthdayOf, derive, emptyResident, officeDay, onEktpStatusChanged, onMaritalStatusChanged, onResidentRegistered, onStatusChanged, type ResidentFacts } from './facts';

const place = { districtCode: '531601', villageCode: '5316011003' };
const moment = (day: string) => ({ at: new Date(`${day}T02:00:00Z`), day });

type Step = (r: ResidentFacts) => void;
const steps: Step[] = [
  (r) => onResidentRegistered(r, { residentId: r.residentId, nik: '5316014103900001', birthDate: '2010-05-10', sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'IMPORT', ...place }, moment('2025-01-02')),
  (r) => onMaritalStatusChanged(r, { residentId: r.residentId, from: 'BELUM_KAWIN', to: 'KAWIN_TERCATAT', ...place }, moment('2026-03-01')),
  (r) => onEktpStatusChanged(r, { residentId: r.residentId, from: 'NOT_RECORDED', to: 'RECORDED', channel: 'OUTREACH', ...place }, moment('2026-06-15')),
  (r) => onStatusChanged(r, { residentId: r.residentId, from: 'ALIVE', to: 'MOVED_OUT', effectiveDate: '2026-09-30', change: 'MOVE_OUT', ...place }, moment('2026-10-01')),
];

describe('resident facts', () => {
  it('wajib KTP from the first marriage when it comes before the 17th birthday (UU 24/2013 art. 63); counted until the move out', () => {
    const r = emptyResident('0190a2f0-0000-7000-8000-000000000001');
    for (const step of steps) step(r);
    expect(r.wajibFrom).toBe('2026-03-01');
    expect([r.ektpTotalFrom, r.ektpTotalTo, r.ektpCovFrom]).toEqual(['2026-03-01', '2026-09-30', '2026-06-15']);
    // A married child is no longer a KIA child; the birth deed population (under 18) ends with the move.
    expect([r.kiaTotalFrom, r.kiaTotalTo]).toEqual(['2025-01-02', '2026-03-01']);
    expect([r.deedTotalFrom, r.deedTotalTo]).toEqual(['2025-01-02', '2026-09-30']);
  });

  it('gives the same facts in any order of the events, and applying them twice changes nothing', () => {
    const reference = emptyResident('0190a2f0-0000-7000-8000-000000000001');
    for (const step of steps) step(reference);
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }), (order, again) => {
        const r = emptyResident('0190a2f0-0000-7000-8000-000000000001');
        for (const i of [...order, ...again]) (steps[i] as Step)(r);
        expect(r).toEqual(reference);
      }),
    );
  });

  it('dates a recording only from an e-KTP step that made it: an import already recorded counts as recorded, not as pace', () => {
    const imported = emptyResident('0190a2f0-0000-7000-8000-000000000002');
    onResidentRegistered(imported, { residentId: imported.residentId, nik: '5316011506800001', birthDate: '1980-06-15', sex: 'M', maritalStatus: 'BELUM_KAWIN', origin: 'IMPORT', ektpState: 'PRINTED', ...place }, moment('2026-12-04'));
    onEktpStatusChanged(imported, { residentId: imported.residentId, from: 'PRINTED', to: 'ISSUED', channel: 'OFFICE', ...place }, moment('2026-12-05'));
    expect([imported.ektpCovFrom, imported.ektpRecordingOn]).toEqual(['2026-12-04', null]);
    const recorded = emptyResident('0190a2f0-0000-7000-8000-000000000003');
    onEktpStatusChanged(recorded, { residentId: recorded.residentId, from: 'NOT_RECORDED', to: 'RECORDED', channel: 'OUTREACH', ...place }, moment('2026-11-20'));
    onResidentRegistered(recorded, { residentId: recorded.residentId, nik: '5316011506800002', birthDate: '1980-06-15', sex: 'M', maritalStatus: 'BELUM_KAWIN', origin: 'IMPORT', ektpState: 'NOT_RECORDED', ...place }, moment('2026-01-02'));
    expect([recorded.ektpCovFrom, recorded.ektpRecordingOn]).toEqual(['2026-11-20', '2026-11-20']);
  });

  it('leaves a resident known only from a later step out of every count until the registration arrives', () => {
    const r = emptyResident('0190a2f0-0000-7000-8000-000000000002');
    (steps[2] as Step)(r);
    derive(r);
    expect([r.ektpTotalFrom, r.kiaTotalFrom, r.deedTotalFrom]).toEqual([null, null, null]);
  });

  it('reads days on the office calendar and 29 February birthdays as 1 March in common years', () => {
    expect(officeDay('2026-11-30T17:30:00Z', '+08:00')).toBe('2026-12-01');
    expect(birthdayOf('2008-02-29', 17)).toBe('2025-03-01');
    expect(birthdayOf('2008-02-29', 16)).toBe('2024-02-29');
  });
});
