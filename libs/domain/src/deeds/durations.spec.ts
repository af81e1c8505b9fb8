import fc from 'fast-check';
import { deedServiceDurations, serviceDurations } from './durations';
import type { DeedState } from './lifecycle';

describe('service durations (BLAS: birth → birth deed ready; OMAS: death → death deed ready)', () => {
  it.each([
    [{ eventDate: '2026-11-01', notifiedAt: '2026-11-01T20:00+08:00', registeredAt: '2026-11-02', issuedAt: '2026-11-02T15:00+08:00' }, [0, 1, 0, 1]],
    [{ eventDate: '2026-11-01', notifiedAt: '2026-11-05', registeredAt: '2026-11-20', issuedAt: '2026-12-01' }, [4, 15, 11, 30]],
    [{ eventDate: '2026-11-01', notifiedAt: '2026-11-05', registeredAt: null }, [4, null, null, null]],
    [{ eventDate: '2026-11-01' }, [null, null, null, null]],
  ])('%j gives event→notified, notified→registered, registered→issued, event→issued = %j', (milestones, [a, b, c, d]) => {
    expect(serviceDurations(milestones)).toEqual({
      ok: true,
      value: { eventToNotified: a, notifiedToRegistered: b, registeredToIssued: c, eventToIssued: d },
      warnings: [],
    });
  });

  it('counts days on the local date written: 23:30 WITA is still the day of the birth', () => {
    const r = serviceDurations({ eventDate: '2026-11-01', notifiedAt: '2026-11-01T23:30:00+08:00' });
    expect(r.ok && r.value.eventToNotified).toBe(0);
  });

  it.each([
    [{ eventDate: '2026-11-01', issuedAt: '2026-11-02' }, ['MILESTONE_MISSING']],
    [{ eventDate: '2026-11-01', notifiedAt: '2026-10-31' }, ['MILESTONE_OUT_OF_ORDER']],
    [{ eventDate: '2026-11-01', notifiedAt: '2026-11-03', registeredAt: '2026-11-02', issuedAt: '2026-11-01' }, ['MILESTONE_OUT_OF_ORDER', 'MILESTONE_OUT_OF_ORDER']],
    [{ eventDate: 'soon', notifiedAt: 'later' }, ['EVENT_DATE_INVALID', 'MILESTONE_INVALID']],
    [null, ['EVENT_DATE_INVALID']],
  ])('reports %j as %j', (milestones, expected) => {
    const r = serviceDurations(milestones as never);
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(expected);
  });

  it('deedServiceDurations refuses what is not a state', () => {
    expect(deedServiceDurations(null as unknown as DeedState)).toMatchObject({ ok: false });
  });

  it('the parts add up to the total, and nothing throws', () => {
    fc.assert(
      fc.property(fc.nat({ max: 400 }), fc.nat({ max: 400 }), fc.nat({ max: 400 }), (a, b, c) => {
        const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
        const r = serviceDurations({ eventDate: day(0), notifiedAt: day(a), registeredAt: day(a + b), issuedAt: day(a + b + c) });
        expect(r).toEqual({ ok: true, value: { eventToNotified: a, notifiedToRegistered: b, registeredToIssued: c, eventToIssued: a + b + c }, warnings: [] });
      }),
    );
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        expect(typeof serviceDurations(junk as never).ok).toBe('boolean');
        expect(typeof deedServiceDurations(junk as never).ok).toBe('boolean');
      }),
    );
  });
});
