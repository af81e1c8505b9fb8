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

  it('counts an imported resident from registered_on, and says from which day each indicator is dated', () => {
    const base = { nik: '5316015506800001', birthDate: '1980-06-15', sex: 'F' as const, maritalStatus: 'KAWIN_TERCATAT' as const, origin: 'IMPORT' as const, ...place };
    // Dated: entered in 2009, recorded in 2014, no KIA (an adult), no birth deed said: history back to 2009.
    const dated = emptyResident('0190a2f0-0000-7000-8000-000000000004');
    onResidentRegistered(dated, { residentId: dated.residentId, ...base, registeredOn: '2009-03-02', ektpState: 'ISSUED', ektpRecordedOn: '2014-05-20' }, moment('2026-12-04'));
    expect([dated.enteredOn, dated.ektpTotalFrom, dated.ektpCovFrom, dated.ektpRecordingOn]).toEqual(['2009-03-02', '2009-03-02', '2014-05-20', '2014-05-20']);
    expect([dated.ektpKnownFrom, dated.kiaKnownFrom, dated.deedKnownFrom]).toEqual([null, null, null]);
    // Undated presence (no registered_on): every indicator is known from the import day only.
    const undated = emptyResident('0190a2f0-0000-7000-8000-000000000005');
    onResidentRegistered(undated, { residentId: undated.residentId, ...base, ektpState: 'ISSUED', ektpRecordedOn: '2014-05-20' }, moment('2026-12-04'));
    expect([undated.enteredOn, undated.ektpKnownFrom, undated.kiaKnownFrom, undated.deedKnownFrom]).toEqual(['2026-12-04', '2026-12-04', '2026-12-04', '2026-12-04']);
    // Dated presence, but a recording, a KIA and a birth deed without dates: those indicators from the import day.
    const child = emptyResident('0190a2f0-0000-7000-8000-000000000006');
    onResidentRegistered(child, { residentId: child.residentId, ...base, birthDate: '2018-01-10', maritalStatus: 'BELUM_KAWIN', registeredOn: '2018-01-10', kiaState: 'ISSUED', hasBirthDeed: true }, moment('2026-12-04'));
    expect([child.enteredOn, child.ektpKnownFrom, child.kiaKnownFrom, child.deedKnownFrom]).toEqual(['2018-01-10', null, '2026-12-04', '2026-12-04']);
    const adult = emptyResident('0190a2f0-0000-7000-8000-000000000007');
    onResidentRegistered(adult, { residentId: adult.residentId, ...base, registeredOn: '2009-03-02', ektpState: 'PRINTED' }, moment('2026-12-04'));
    expect([adult.ektpKnownFrom, adult.kiaKnownFrom, adult.deedKnownFrom]).toEqual(['2026-12-04', null, null]);
    // A registered_on after the event's day is not believed (the import checks it; an event is not trusted blindly).
    const later = emptyResident('0190a2f0-0000-7000-8000-000000000008');
    onResidentRegistered(later, { residentId: later.residentId, ...base, registeredOn: '2027-01-01' }, moment('2026-12-04'));
    expect([later.enteredOn, later.ektpKnownFrom]).toEqual(['2026-12-04', '2026-12-04']);
    // A live registration (a birth) is dated by its event: nothing unknown.
    const born = emptyResident('0190a2f0-0000-7000-8000-000000000009');
    onResidentRegistered(born, { residentId: born.residentId, ...base, birthDate: '2026-11-30', maritalStatus: 'BELUM_KAWIN', origin: 'BIRTH', hasBirthDeed: true }, moment('2026-12-04'));
    expect([born.ektpKnownFrom, born.kiaKnownFrom, born.deedKnownFrom]).toEqual([null, null, null]);
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
