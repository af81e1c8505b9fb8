// The folds of corrected and annulled deeds (issue 19, item 7; UU 23/2006 art. 71–72): a corrected day of birth or
// death moves the BLAS / OMAS time, an annulment marks the deed annulled whichever of its two events comes first, and a
// birth deed unlinked by an annulment leaves the resident without one.
import type { DeedAnnulled, DeedCorrected, DeedStatusChanged } from '@adminduk/contracts';
import { deedFromAmendment, emptyDeed, emptyResident, onBirthDeedLinked, onBirthDeedUnlinked, onDeedAnnulled, onDeedCorrected, onDeedStatusChanged, onResidentRegistered } from './facts';

const OFFSET = '+08:00';
const deedId = '0190a2f0-0000-7000-8000-0000000000d1';
const where = { districtCode: '531601', villageCode: '5316011003' };
const step = (from: DeedStatusChanged['from'], to: DeedStatusChanged['to'], at: string): DeedStatusChanged => ({
  deedId,
  deedType: 'BIRTH',
  from,
  to,
  at,
  eventDate: '2026-11-01',
  notifiedAt: '2026-11-02T09:00:00+08:00',
  ...(to === 'REGISTERED' || to === 'ISSUED' ? { registeredAt: '2026-11-05T09:00:00+08:00' } : {}),
  ...(to === 'ISSUED' ? { issuedAt: '2026-11-06T09:00:00+08:00' } : {}),
  timeliness: 'ON_TIME',
  channel: 'PARTNER',
  ...where,
});
const amended = { deedId, deedType: 'BIRTH' as const, deedNumber: '5316-KL-05112026-0001', persons: [], ...where };
const correction = (eventDate: string, at: string): DeedCorrected => ({
  ...amended,
  eventDate,
  correctedAt: at,
  deedVersion: 2,
  fields: ['eventDate'],
  changes: [{ field: 'eventDate', from: '2026-11-01', to: eventDate }],
  reason: 'tanggal lahir salah ketik',
});
const annulment: DeedAnnulled = { ...amended, eventDate: '2026-11-01', annulledAt: '2026-12-01T10:00:00+08:00', courtDecision: { number: '88/Pdt.G/2026/PN Bjw', finalOn: '2026-11-30' } };

describe('corrected and annulled deeds', () => {
  it('moves the event day and the BLAS time with a corrected birth date; an older correction arriving late changes nothing', () => {
    const d = emptyDeed(deedId, step(null, 'NOTIFIED', '2026-11-02T09:00:00+08:00'));
    for (const s of [step(null, 'NOTIFIED', '2026-11-02T09:00:00+08:00'), step('VERIFIED', 'REGISTERED', '2026-11-05T09:00:00+08:00'), step('REGISTERED', 'ISSUED', '2026-11-06T09:00:00+08:00')]) onDeedStatusChanged(d, s, OFFSET);
    expect([d.eventDate, d.serviceDays]).toEqual(['2026-11-01', 5]);
    onDeedCorrected(d, correction('2026-10-30', '2026-11-20T09:00:00+08:00'));
    expect([d.eventDate, d.serviceDays]).toEqual(['2026-10-30', 7]);
    // A correction recorded before the deed's latest step was already reflected by that step: not applied again.
    onDeedStatusChanged(d, step('ISSUED', 'ISSUED', '2026-11-25T09:00:00+08:00'), OFFSET);
    onDeedCorrected(d, correction('2026-10-20', '2026-11-21T09:00:00+08:00'));
    expect(d.eventDate).toBe('2026-10-30');
  });

  it('annuls the deed from the day of the annulment, whichever of its events comes first, and once', () => {
    const first = deedFromAmendment(annulment);
    onDeedAnnulled(first, annulment, OFFSET);
    onDeedStatusChanged(first, step('REGISTERED', 'ISSUED', '2026-11-06T09:00:00+08:00'), OFFSET);
    onDeedStatusChanged(first, step('ISSUED', 'ANNULLED', '2026-12-01T10:00:00+08:00'), OFFSET);
    const second = emptyDeed(deedId, step('REGISTERED', 'ISSUED', '2026-11-06T09:00:00+08:00'));
    onDeedStatusChanged(second, step('REGISTERED', 'ISSUED', '2026-11-06T09:00:00+08:00'), OFFSET);
    onDeedStatusChanged(second, step('ISSUED', 'ANNULLED', '2026-12-01T10:00:00+08:00'), OFFSET);
    onDeedAnnulled(second, annulment, OFFSET);
    onDeedAnnulled(second, annulment, OFFSET);
    for (const d of [first, second]) expect([d.status, d.annulledOn, d.registeredOn, d.issuedOn, d.channel]).toEqual(['ANNULLED', '2026-12-01', '2026-11-05', '2026-11-06', 'PARTNER']);
  });

  it('leaves a resident whose birth deed was annulled without one: out of the covered part of BIRTH_DEED_0_18', () => {
    const r = emptyResident('0190a2f0-0000-7000-8000-0000000000e1');
    const m = (day: string) => ({ at: new Date(`${day}T02:00:00Z`), day });
    onResidentRegistered(r, { residentId: r.residentId, nik: '5316014111260001', birthDate: '2026-11-01', sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'BIRTH', ...where }, m('2026-11-05'));
    expect([r.hasBirthDeed, r.deedCovFrom]).toEqual([true, '2026-11-05']);
    onBirthDeedUnlinked(r, { residentId: r.residentId, deedId, reason: 'DEED_ANNULLED', ...where }, m('2026-12-01'));
    // Covered until the day of the annulment, not after: the days before keep their figure.
    expect([r.deedTotalFrom, r.deedCovFrom, r.deedCovTo]).toEqual(['2026-11-05', '2026-11-05', '2026-12-01']);
  });

  it('covers a resident from the day identity links a late birth deed; an annulment ends it, a new deed starts again', () => {
    const m = (day: string) => ({ at: new Date(`${day}T02:00:00Z`), day });
    const registered = (r: ReturnType<typeof emptyResident>) =>
      onResidentRegistered(r, { residentId: r.residentId, nik: '5316014111200001', birthDate: '2020-11-01', sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'IMPORT', hasBirthDeed: false, ...where }, m('2026-01-05'));
    const linked = (r: ReturnType<typeof emptyResident>, day: string) => onBirthDeedLinked(r, { residentId: r.residentId, deedId, link: 'EXISTING_RESIDENT', ...where }, m(day));
    const unlinked = (r: ReturnType<typeof emptyResident>, day: string) => onBirthDeedUnlinked(r, { residentId: r.residentId, deedId, reason: 'DEED_ANNULLED', ...where }, m(day));
    const steps = [registered, (r: ReturnType<typeof emptyResident>) => linked(r, '2026-03-10'), (r: ReturnType<typeof emptyResident>) => unlinked(r, '2026-06-01')];
    const late = emptyResident('0190a2f0-0000-7000-8000-0000000000e2');
    registered(late);
    expect([late.deedTotalFrom, late.deedCovFrom]).toEqual(['2026-01-05', null]);
    linked(late, '2026-03-10');
    expect([late.deedCovFrom, late.deedCovTo]).toEqual(['2026-03-10', '2038-11-01']);
    unlinked(late, '2026-06-01');
    expect([late.deedCovFrom, late.deedCovTo]).toEqual(['2026-03-10', '2026-06-01']);
    // The same facts in any order of the events.
    for (const order of [[2, 1, 0], [1, 0, 2], [2, 0, 1]]) {
      const r = emptyResident(late.residentId);
      for (const i of order) (steps[i] as (x: typeof r) => void)(r);
      expect([r.deedCovFrom, r.deedCovTo]).toEqual(['2026-03-10', '2026-06-01']);
    }
    // A new birth deed after the annulment covers from its own day.
    linked(late, '2026-09-15');
    expect([late.deedCovFrom, late.deedCovTo]).toEqual(['2026-09-15', '2038-11-01']);
  });
});
