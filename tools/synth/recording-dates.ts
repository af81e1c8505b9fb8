/**
 * The day each recorded e-KTP was recorded (the import's optional column `ektp_recorded_on`), so that the seeded
 * register has a history: the e-KTP projection's pace (dated recordings of the last 8 weeks, ektpTargetDate of the
 * domain library) and the trends have a past instead of one import day.
 *
 * Model (assumptions, checked against the office's figures):
 * - nobody is recorded before EKTP_RECORDING_BEGAN (2011-01-01: national e-KTP recording, Perpres 26/2009 as
 *   amended by Perpres 35/2010), nor before becoming wajib KTP (the 17th birthday; for someone married under 17,
 *   whose wedding day the register does not hold, 2011 or a year before asOf, whichever is later);
 * - those already wajib KTP in 2011 were mostly recorded by the mass campaign of 2011–2013: a delay from 2011 with
 *   a mean of 1.5 years; those who turned 17 later, a delay from their birthday with a mean of 1 year (school
 *   recordings, jemput bola visits);
 * - a drawn day after asOf (the person is recorded, the state says so) is redrawn uniformly between the first
 *   possible day and asOf.
 * With Nagekeo's 17-year-olds (about 3,300 a year) this gives a recent pace of roughly 60–80 recordings a week,
 * of the order of the office's own figures: 99,618 recorded in April 2022, 103,438 in May 2023 (about 3,800 in 13
 * months, some 70 a week; libs/domain/src/indicators/coverage.ts, tools/synth/figures.ts).
 *
 * Deterministic: one random stream per seed and NIK (Rng.derive), separate from the population's streams, so that
 * adding the dates changed no other value of a register generated before.
 */
import { Rng } from './prng';

export const EKTP_RECORDING_BEGAN = '2011-01-01';
const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2425;
const RECORDED = new Set(['RECORDED', 'PRINT_READY', 'SENT_FOR_PRINTING', 'PRINTED', 'ISSUED']);

const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface RecordingHolder {
  readonly nik: string;
  readonly birthDate: string;
  readonly maritalStatus: string;
  readonly ektpState: string;
}

/** The day the e-KTP was recorded ('' when it is not recorded), as of `asOf`, for the given seed. */
export function ektpRecordedOn(seed: string | number, holder: RecordingHolder, asOf: string): string {
  if (!RECORDED.has(holder.ektpState)) return '';
  const rng = Rng.derive(seed, 'ektp-recorded-on', holder.nik);
  const today = dayNumber(asOf);
  const began = dayNumber(EKTP_RECORDING_BEGAN);
  const seventeen = dayNumber(`${Number(holder.birthDate.slice(0, 4)) + 17}${holder.birthDate.slice(4).replace('-02-29', '-03-01')}`);
  // Married under 17 (not yet 17 on asOf): the wedding day is unknown, the last year is the guess.
  const wajibFrom = seventeen <= today ? seventeen : Math.max(began, today - 365);
  const first = Math.min(today, Math.max(began, wajibFrom));
  const meanYears = wajibFrom <= began ? 1.5 : 1;
  let day = first + Math.floor(-Math.log(1 - rng.next()) * meanYears * YEAR_DAYS);
  if (day > today) day = first + Math.floor(rng.next() * (today - first + 1));
  return isoDay(day);
}
