/**
 * A parish's report of a death, completed in the village: what the team is asked for, a NIK read as deeds reads it,
 * the checklist with the photos kept, and the particulars sent whole.
 */
import type { WaitingReport } from './day';
import { judgeReport } from './report-verdict';

const AS_OF = '2026-12-07';
const death: WaitingReport = {
  deedId: '0190b5b4-6666-7000-8000-000000000001',
  deedType: 'DEATH',
  eventDate: '2026-12-04',
  who: 'Yosef Dhey',
  parentsMarried: true,
  provided: ['DEATH_LETTER_VILLAGE'],
  particulars: { deceased: { fullName: 'Yosef Dhey', sex: 'M' } },
  reportedBy: ['RELIGIOUS_INSTITUTION'],
};
const EVERY_OTHER_PHOTO = ['KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS'] as const;

describe('a partner’s report completed in the village', () => {
  it('asks for what the report lacks among what deeds needs at submission', () => {
    const verdict = judgeReport(death, {}, [], AS_OF);
    expect(verdict.asked).toEqual(['deceased.nik', 'place']);
    expect(verdict.complete).toBe(false);
    expect(verdict.checklist.missing).toEqual(['FAMILY_CARD', 'DECEASED_KTP', 'REPORTER_KTP', 'WITNESSES_KTP']);
  });

  it('a NIK deeds would refuse keeps it from being submitted, with the domain’s codes; every photo there makes no difference', () => {
    const verdict = judgeReport(death, { 'deceased.nik': '5316 0110', place: 'Rumah duka, Labolewa' }, [...EVERY_OTHER_PHOTO], AS_OF);
    expect(verdict.checklist.complete).toBe(true);
    expect(Object.keys(verdict.nikProblems)).toEqual(['deceased.nik']);
    expect(verdict.nikProblems['deceased.nik']?.length).toBeGreaterThan(0);
    expect(verdict.unknown).toEqual(['deceased.nik']);
    expect(verdict.complete).toBe(false);
  });

  it('complete: the NIK as typed from the card (spaces taken out), the groups sent whole, the report’s name kept', () => {
    const verdict = judgeReport(death, { 'deceased.nik': '5316 0110 1040 0001', place: 'Rumah duka, Labolewa' }, [...EVERY_OTHER_PHOTO], AS_OF);
    expect(verdict.nikProblems).toEqual({});
    expect(verdict.complete).toBe(true);
    expect(verdict.particulars).toEqual({ deceased: { fullName: 'Yosef Dhey', sex: 'M', nik: '5316011010400001' }, place: 'Rumah duka, Labolewa' });
  });

  it('a blank answer is no answer', () => {
    expect(judgeReport(death, { place: '   ' }, [...EVERY_OTHER_PHOTO], AS_OF).unknown).toEqual(['deceased.nik', 'place']);
  });
});
