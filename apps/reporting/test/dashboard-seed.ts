/**
 * A small synthetic Nagekeo for the dashboard's browser test: residents of the seven kecamatan (adults with e-KTP
 * recorded or not, some recorded in the last weeks, one death per kecamatan; children with and without KIA and
 * birth deeds), birth and death deed steps, and one outreach visit per kecamatan, all as the contract events the
 * identity, deeds and outreach services publish. Deterministic (no randomness): the same day gives the same seed.
 *
 * The figures the test expects are computed here from the seed itself (who counts on which day), independently of
 * the reporting service's projections, following the rules the indicators are defined by: wajib KTP from 17 or
 * first marriage (UU 24/2013 art. 63), alive and in the register on the day, recorded on or before the day.
 * No real person: NIKs are well-formed (kecamatan, birth date, serial) but made up.
 */
import { listDistricts } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';
import { SUBJECTS, type EventSubject } from '@adminduk/contracts';

export const NAGEKEO = '5316';

export interface SeedEvent {
  readonly subject: EventSubject;
  /** When the fact happened: noon-ish office time (WITA, +08:00) on its day, so its office day is unambiguous. */
  readonly occurredAt: string;
  readonly payload: object;
}

export interface SeedAdult {
  readonly residentId: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly enteredOn: string;
  readonly recordedOn: string | null;
  readonly leftOn: string | null;
}

export interface DashboardSeed {
  readonly today: string;
  readonly districts: readonly { readonly code: string; readonly name: string }[];
  readonly adults: readonly SeedAdult[];
  readonly events: readonly SeedEvent[];
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const at = (day: string, hour = 10) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/** A v4-shaped UUID from a counter: stable ids, so a re-run of the seed describes the same people. */
function idFactory(run: string): () => string {
  let n = 0;
  return () => {
    n += 1;
    const hex = `${run}${n.toString(16).padStart(12, '0')}`.padStart(32, '0').slice(-32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

/** Final e-KTP recording share per kecamatan, all different, so that the ranking has one right order. */
const RECORDED_SHARE = [0.62, 0.91, 0.74, 0.83, 0.55, 0.96, 0.69, 0.78, 0.66, 0.87];

export function buildDashboardSeed(today: string, run = 'd45b0a7d'): DashboardSeed {
  const id = idFactory(run);
  const districts = listDistricts(NAGEKEO).map((d) => ({ code: d.code, name: d.name }));
  const events: SeedEvent[] = [];
  const adults: SeedAdult[] = [];
  let serial = 0;
  const nik = (districtCode: string, birthDate: string, sex: 'M' | 'F') => {
    serial += 1;
    const day = Number(birthDate.slice(8, 10)) + (sex === 'F' ? 40 : 0);
    return `${districtCode}${String(day).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${String(serial % 10000).padStart(4, '0')}`;
  };
  const birthDateAged = (years: number, k: number) => `${Number(today.slice(0, 4)) - years}-${String((k % 12) + 1).padStart(2, '0')}-${String((k % 27) + 1).padStart(2, '0')}`;

  districts.forEach((district, i) => {
    const villages = listVillages(district.code).slice(0, 3).map((v) => v.code);
    const adultCount = 24 + 4 * i;
    const finallyRecorded = Math.round(adultCount * RECORDED_SHARE[i % RECORDED_SHARE.length]);
    const recordedRecently = Math.min(finallyRecorded, 3 + i);
    const recordedAtEntry = finallyRecorded - recordedRecently;

    for (let k = 0; k < adultCount; k++) {
      const residentId = id();
      const villageCode = villages[k % villages.length];
      const sex = k % 2 === 0 ? 'F' : 'M';
      const birthDate = birthDateAged(20 + ((k * 7 + i) % 45), k + i);
      // Registered (an import of the register) over two weeks, 80 to 66 days ago: the series starts there.
      const enteredOn = addDays(today, -80 + ((k + i) % 15));
      const recordedAtStart = k < recordedAtEntry;
      const recordsLater = k >= recordedAtEntry && k < finallyRecorded;
      events.push({
        subject: SUBJECTS.identity.residentRegistered,
        occurredAt: at(enteredOn),
        payload: {
          residentId,
          nik: nik(district.code, birthDate, sex),
          birthDate,
          sex,
          maritalStatus: k % 3 === 0 ? 'BELUM_KAWIN' : 'KAWIN_TERCATAT',
          origin: 'IMPORT',
          ektpState: recordedAtStart ? (k % 2 === 0 ? 'ISSUED' : 'RECORDED') : 'NOT_RECORDED',
          kiaState: 'NOT_ISSUED',
          hasBirthDeed: k % 4 !== 0,
          districtCode: district.code,
          villageCode,
        },
      });
      let recordedOn: string | null = recordedAtStart ? enteredOn : null;
      if (recordsLater) {
        // Recorded in the last six weeks, at the office or on an outreach visit.
        recordedOn = addDays(today, -42 + ((k * 5 + i * 3) % 42));
        events.push({
          subject: SUBJECTS.identity.ektpStatusChanged,
          occurredAt: at(recordedOn, 11),
          payload: { residentId, from: 'NOT_RECORDED', to: 'RECORDED', channel: k % 2 === 0 ? 'OFFICE' : 'OUTREACH', action: 'RECORD_BIOMETRICS', districtCode: district.code, villageCode },
        });
      }
      let leftOn: string | null = null;
      if (k === 0) {
        // One recorded resident per kecamatan died ten days ago: no longer wajib KTP from that day.
        leftOn = addDays(today, -10);
        events.push({
          subject: SUBJECTS.identity.residentStatusChanged,
          occurredAt: at(addDays(today, -8), 9),
          payload: { residentId, from: 'ALIVE', to: 'DECEASED', effectiveDate: leftOn, change: 'DEATH', districtCode: district.code, villageCode },
        });
        const deedId = id();
        const steps: [string | null, string, string][] = [[null, 'NOTIFIED', addDays(today, -9)], ['NOTIFIED', 'REGISTERED', addDays(today, -8)]];
        // Two kecamatan still have their death deed in process.
        if (i % 3 !== 1) steps.push(['REGISTERED', 'ISSUED', addDays(today, -7)]);
        for (const [from, to, day] of steps) {
          events.push({
            subject: SUBJECTS.deeds.deedStatusChanged,
            occurredAt: at(day, 14),
            payload: { deedId, deedType: 'DEATH', from, to, at: at(day, 14), eventDate: leftOn, timeliness: 'ON_TIME', channel: 'PARTNER', districtCode: district.code, villageCode },
          });
        }
      }
      adults.push({ residentId, districtCode: district.code, villageCode, enteredOn, recordedOn, leftOn });
    }

    // Children: not wajib KTP; some hold a KIA, most have a birth deed.
    for (let k = 0; k < 10 + i; k++) {
      const residentId = id();
      const villageCode = villages[k % villages.length];
      const age = 1 + ((k * 3 + i) % 15);
      const birthDate = birthDateAged(age, k + 2 * i);
      const enteredOn = addDays(today, -78 + (k % 10));
      const holds = k % 3 === 0;
      events.push({
        subject: SUBJECTS.identity.residentRegistered,
        occurredAt: at(enteredOn),
        payload: {
          residentId,
          nik: nik(district.code, birthDate, k % 2 === 0 ? 'M' : 'F'),
          birthDate,
          sex: k % 2 === 0 ? 'M' : 'F',
          maritalStatus: 'BELUM_KAWIN',
          origin: 'IMPORT',
          ektpState: 'NOT_YET_COMPULSORY',
          kiaState: holds ? 'ISSUED' : 'NOT_ISSUED',
          hasBirthDeed: k % 5 !== 0,
          districtCode: district.code,
          villageCode,
        },
      });
      if (!holds && k % 3 === 1) {
        events.push({
          subject: SUBJECTS.identity.kiaStatusChanged,
          occurredAt: at(addDays(today, -20 + k), 13),
          payload: { residentId, from: 'NOT_ISSUED', to: 'PRINTED', kiaType: age < 5 ? 'UNDER_5' : 'FROM_5_TO_UNDER_17', action: 'PRINT', channel: 'OFFICE', districtCode: district.code, villageCode },
        });
      }
    }

    // Birth deeds (BLAS): reported through different channels, issued a few days after registration.
    const channels = ['ONLINE', 'PARTNER', 'OFFICE', 'OUTREACH'];
    for (let k = 0; k < 3; k++) {
      const deedId = id();
      const eventDate = addDays(today, -35 - i * 3 - k);
      const submitted = addDays(today, -22 + i + k);
      for (const [from, to, day] of [
        [null, 'SUBMITTED', submitted],
        ['SUBMITTED', 'REGISTERED', addDays(submitted, 2)],
        ['REGISTERED', 'ISSUED', addDays(submitted, 3)],
      ] as [string | null, string, string][]) {
        events.push({
          subject: SUBJECTS.deeds.deedStatusChanged,
          occurredAt: at(day, 15),
          payload: { deedId, deedType: 'BIRTH', from, to, at: at(day, 15), eventDate, timeliness: 'ON_TIME', channel: channels[(i + k) % channels.length], districtCode: district.code, villageCode: villages[k % villages.length] },
        });
      }
    }

    // One completed jemput bola visit per kecamatan.
    const visitDay = addDays(today, -(3 + i * 2));
    const done = { EKTP_RECORDING: 5 + i, BIRTH_DEED: 2, KIA: 3, APPLICATION: 1, HANDOVER: 4 };
    events.push({
      subject: SUBJECTS.outreach.visitCompleted,
      occurredAt: at(visitDay, 16),
      payload: { visitId: id(), planId: id(), seriesId: id(), date: visitDay, teamId: id(), districtCode: district.code, villageCode: villages[0], planned: done, done, recordedAt: at(visitDay, 16) },
    });
  });

  events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return { today, districts, adults, events };
}

export interface Coverage {
  readonly total: number;
  readonly recorded: number;
  readonly notRecorded: number;
  /** recorded / total × 100, two decimals (how the Ministry's coverage is shown); null without anyone to count. */
  readonly percent: number | null;
}

/** e-KTP recording coverage of a region (4, 6 or 10 digits) on a day, counted from the seed. */
export function ektpCoverage(seed: DashboardSeed, region: string, day: string): Coverage {
  const counted = seed.adults.filter((a) => a.villageCode.startsWith(region) && a.enteredOn <= day && (a.leftOn === null || day < a.leftOn));
  const recorded = counted.filter((a) => a.recordedOn !== null && a.recordedOn <= day).length;
  const total = counted.length;
  return { total, recorded, notRecorded: total - recorded, percent: total === 0 ? null : Math.round((recorded * 10_000) / total) / 100 };
}
