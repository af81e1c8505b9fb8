/**
 * The reporting service's projections as pure folds: how one event changes the facts kept about one resident, one
 * deed record or one outreach visit. The live consumers (projection-events.service.ts) and the replay
 * (replay.service.ts) apply the same functions, so a replay of the streams gives the same rows as the live run.
 *
 * Every fold is idempotent and independent of the order of events (the consumers of different subjects run side
 * by side, a retried event comes back after later ones, and a replay reads stream by stream):
 * - a group of fields that can change back and forth (place, status, e-KTP state, KIA state) keeps the
 *   occurredAt of the event that set it and an older event never overwrites a newer one (two events of one
 *   resident at the same millisecond: the one applied last wins; the services write one change per transaction);
 * - the dates of facts that happen once (entered the register, e-KTP recorded, first married, a deed registered,
 *   issued, rejected, annulled) keep the earliest date any event gave them.
 *
 * From these facts each resident row carries, per coverage indicator, the interval of days in which it counts in
 * the whole (`*TotalFrom` to `*TotalTo`) and in the covered part (`*CovFrom` to `*CovTo`): day D counts when
 * from ≤ D < to (to null: open). "As of a date" is then a plain comparison, the same in SQL and in the series.
 * Dates are the office's calendar days ('YYYY-MM-DD', compared as strings).
 */
import { DEED_TYPE_RULES, serviceDurations, type DeedType } from '@adminduk/domain';
import type {
  DeedAnnulled,
  DeedCorrected,
  BurialRecorded,
  DeedStatusChanged,
  EktpStatusChanged,
  IkdStatusChanged,
  KiaStatusChanged,
  ResidentBirthDeedLinked,
  ResidentBirthDeedUnlinked,
  ResidentCorrected,
  ResidentMaritalStatusChanged,
  ResidentRegistered,
  ResidentStatusChanged,
  VisitCompleted,
} from '@adminduk/contracts';

/** Age from which e-KTP is compulsory (UU 24/2013 art. 63) and under which a child may hold a KIA (Permendagri 2/2016). */
export const WAJIB_KTP_AGE = 17;
/**
 * The Ministry's child population for birth deed coverage: ages 0–17, i.e. under 18 on the date (UU 35/2014 on
 * child protection: a child is under 18). The domain library's birthDeedCoverage leaves who is counted to the
 * caller; we take the Ministry's child population, so an 18-year-old no longer counts.
 */
export const BIRTH_DEED_AGE_LIMIT = 18;

/** e-KTP states in which the biometrics have been recorded (the e-KTP recording indicator counts them). */
export const RECORDED_EKTP_STATES = new Set(['RECORDED', 'PRINT_READY', 'SENT_FOR_PRINTING', 'PRINTED', 'ISSUED']);
const HELD_KIA_STATES = new Set(['PRINTED', 'ISSUED']);

export interface ResidentFacts {
  residentId: string;
  birthDate: string | null;
  maritalStatus: string | null;
  /** The first day the resident was known to be married (or entered the register married). */
  everMarriedOn: string | null;
  districtCode: string | null;
  /** 10 digits; when the events name no village, the kecamatan's code + '0000' (an "unknown village" bucket). */
  villageCode: string | null;
  status: string;
  /** The first day the resident was in the register. */
  enteredOn: string | null;
  /** The day of death or move out of the regency, while the latest status says so. */
  leftOn: string | null;
  ektpState: string | null;
  /** The day the resident counts as recorded from: the recording's day, or the day they entered the register already recorded. */
  ektpRecordedOn: string | null;
  /**
   * The day of the recording itself, when an event dated it (an e-KTP step from not recorded to recorded); null for a
   * resident who entered the register already recorded (an import carries no recording date). Only these make the
   * recording pace (ektpTargetDate of the domain library): an import is the baseline, not recent work.
   */
  ektpRecordingOn: string | null;
  /**
   * From which day this resident's facts behind an indicator are dated (null: dated all along). An import states
   * things as of its day without saying since when: a resident without registered_on (presence before the import
   * unknown), a recorded e-KTP without ektp_recorded_on, a KIA held or a birth deed had (never dated by an import)
   * make the import day the first day whose figure the records can tell. The series shows no value before the
   * latest such day of its region (historyFrom) instead of a figure that would only reflect the missing dates.
   */
  ektpKnownFrom: string | null;
  kiaKnownFrom: string | null;
  deedKnownFrom: string | null;
  kiaState: string | null;
  kiaFrom: string | null;
  kiaUntil: string | null;
  /** The resident entered the register with a birth deed (an import said so, or a newborn registered from one). */
  hasBirthDeed: boolean;
  /**
   * The days identity linked a birth deed to the resident (identity.resident.birth-deed-linked.v1; a late birth
   * deed of someone already in the register): the first and the last. And the last day a birth deed was unlinked
   * (identity.resident.birth-deed-unlinked.v1: annulled by a court). Kept as earliest / latest so that the fold
   * does not depend on the order of the events; derive() turns them into the covered interval.
   */
  deedLinkedOn: string | null;
  deedLastLinkedOn: string | null;
  deedUnlinkedOn: string | null;
  /**
   * The digital ID (IKD; identity.ikd.status-changed.v1): its latest state (the newest event's), the day of the first
   * activation (`ikdFrom`, the earliest) and of the latest deactivation (`ikdUntil`), whatever order the events come
   * in. The resident counts as active from the first activation, until the latest deactivation while the latest state
   * is DEACTIVATED. One spell per resident: a phone change (deactivated, then re-activated on the new phone, often the
   * same day) leaves the history unbroken, so a past day's or a past year's figure does not change when a phone is
   * replaced later; the price is that the days between a deactivation and a later re-activation count as active.
   */
  ikdState: string | null;
  ikdFrom: string | null;
  ikdUntil: string | null;
  profileAt: Date | null;
  placeAt: Date | null;
  statusAt: Date | null;
  ektpAt: Date | null;
  kiaAt: Date | null;
  ikdAt: Date | null;
  // Derived (see the module comment).
  wajibFrom: string | null;
  ektpTotalFrom: string | null;
  ektpTotalTo: string | null;
  ektpCovFrom: string | null;
  kiaTotalFrom: string | null;
  kiaTotalTo: string | null;
  kiaCovFrom: string | null;
  kiaCovTo: string | null;
  deedTotalFrom: string | null;
  deedTotalTo: string | null;
  deedCovFrom: string | null;
  /** The end of the covered part (an annulment; otherwise the end of the population interval). */
  deedCovTo: string | null;
  /** IKD active (the IKD indicator's part; its whole is the e-KTP recorded interval): within the e-KTP recorded days. */
  ikdCovFrom: string | null;
  ikdCovTo: string | null;
}

export function emptyResident(residentId: string): ResidentFacts {
  return {
    residentId,
    birthDate: null,
    maritalStatus: null,
    everMarriedOn: null,
    districtCode: null,
    villageCode: null,
    status: 'ALIVE',
    enteredOn: null,
    leftOn: null,
    ektpState: null,
    ektpRecordedOn: null,
    ektpRecordingOn: null,
    ektpKnownFrom: null,
    kiaKnownFrom: null,
    deedKnownFrom: null,
    kiaState: null,
    kiaFrom: null,
    kiaUntil: null,
    hasBirthDeed: false,
    deedLinkedOn: null,
    deedLastLinkedOn: null,
    deedUnlinkedOn: null,
    ikdState: null,
    ikdFrom: null,
    ikdUntil: null,
    profileAt: null,
    placeAt: null,
    statusAt: null,
    ektpAt: null,
    kiaAt: null,
    ikdAt: null,
    wajibFrom: null,
    ektpTotalFrom: null,
    ektpTotalTo: null,
    ektpCovFrom: null,
    kiaTotalFrom: null,
    kiaTotalTo: null,
    kiaCovFrom: null,
    kiaCovTo: null,
    deedTotalFrom: null,
    deedTotalTo: null,
    deedCovFrom: null,
    deedCovTo: null,
    ikdCovFrom: null,
    ikdCovTo: null,
  };
}

/** What the folds need of an event: its instant and the office's day of it. */
export interface EventMoment {
  readonly at: Date;
  /** The office's calendar day of `at`. */
  readonly day: string;
}

/** The office's calendar day of an instant, at a fixed offset such as '+08:00'. */
export function officeDay(instant: string | Date, utcOffset: string): string {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(time + minutes * 60_000).toISOString().slice(0, 10);
}

function minDay(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

function maxDay(...days: (string | null)[]): string | null {
  let best: string | null = null;
  for (const d of days) {
    if (d === null) return null;
    if (best === null || d > best) best = d;
  }
  return best;
}

/** The day someone born on `birthDate` reaches `age` (29 February: 1 March in common years, as the domain library). */
export function birthdayOf(birthDate: string, age: number): string {
  const year = Number(birthDate.slice(0, 4)) + age;
  const month = Number(birthDate.slice(5, 7));
  const day = Number(birthDate.slice(8, 10));
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 29 February of a common year over to 1 March, which is the rule we want.
  return `${String(year).padStart(4, '0')}${date.toISOString().slice(4, 10)}`;
}

/** The day after `day`. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** An empty interval (to ≤ from) is no interval. */
function interval(from: string | null, to: string | null): [string | null, string | null] {
  if (from === null || (to !== null && to <= from)) return [null, null];
  return [from, to];
}

/** Recomputes the derived interval columns from the facts. */
export function derive(r: ResidentFacts): void {
  const known = r.birthDate !== null && r.enteredOn !== null && r.districtCode !== null;
  const left = r.status === 'ALIVE' ? null : r.leftOn;
  if (!known) {
    Object.assign(r, {
      wajibFrom: null,
      ektpTotalFrom: null,
      ektpTotalTo: null,
      ektpCovFrom: null,
      kiaTotalFrom: null,
      kiaTotalTo: null,
      kiaCovFrom: null,
      kiaCovTo: null,
      deedTotalFrom: null,
      deedTotalTo: null,
      deedCovFrom: null,
      deedCovTo: null,
      ikdCovFrom: null,
      ikdCovTo: null,
    });
    return;
  }
  const birth = r.birthDate as string;
  const entered = maxDay(r.enteredOn, birth) as string;
  const seventeen = birthdayOf(birth, WAJIB_KTP_AGE);
  // Wajib KTP from the 17th birthday or the first marriage, whichever comes first (UU 24/2013 art. 63).
  r.wajibFrom = minDay(seventeen, r.everMarriedOn);
  [r.ektpTotalFrom, r.ektpTotalTo] = interval(maxDay(entered, r.wajibFrom), left);
  r.ektpCovFrom = r.ektpTotalFrom === null || r.ektpRecordedOn === null ? null : maxDay(r.ektpTotalFrom, r.ektpRecordedOn);
  if (r.ektpCovFrom !== null && r.ektpTotalTo !== null && r.ektpCovFrom >= r.ektpTotalTo) r.ektpCovFrom = null;
  // KIA: children under 17 who never married (Permendagri 2/2016).
  [r.kiaTotalFrom, r.kiaTotalTo] = interval(entered, minDay(minDay(left, seventeen), r.everMarriedOn));
  const heldFrom = r.kiaFrom !== null && HELD_KIA_STATES.has(r.kiaState ?? '') ? r.kiaFrom : r.kiaState === 'EXPIRED' ? r.kiaFrom : null;
  if (r.kiaTotalFrom === null || heldFrom === null) [r.kiaCovFrom, r.kiaCovTo] = [null, null];
  else [r.kiaCovFrom, r.kiaCovTo] = interval(maxDay(r.kiaTotalFrom, heldFrom), minDay(r.kiaTotalTo, r.kiaState === 'EXPIRED' ? r.kiaUntil : null));
  // Birth deeds: children 0–17 (under 18).
  [r.deedTotalFrom, r.deedTotalTo] = interval(entered, minDay(left, birthdayOf(birth, BIRTH_DEED_AGE_LIMIT)));
  [r.deedCovFrom, r.deedCovTo] = deedCovered(r);
  // IKD: active within the days the resident counts as e-KTP recorded (the IKD indicator's whole).
  if (r.ektpCovFrom === null || r.ikdFrom === null) [r.ikdCovFrom, r.ikdCovTo] = [null, null];
  else [r.ikdCovFrom, r.ikdCovTo] = interval(maxDay(r.ektpCovFrom, r.ikdFrom), minDay(r.ektpTotalTo, r.ikdState === 'DEACTIVATED' ? r.ikdUntil : null));
}

/**
 * The days a child of the population has a birth deed: from entering the register when it entered with one (an
 * import's birth_deed, a newborn from its deed), else from the day identity linked a late birth deed; until the last
 * annulment (unlink) unless a deed was linked again after it, which then covers from that day on.
 */
function deedCovered(r: ResidentFacts): [string | null, string | null] {
  if (r.deedTotalFrom === null) return [null, null];
  const relinked = r.deedUnlinkedOn !== null && r.deedLastLinkedOn !== null && r.deedLastLinkedOn > r.deedUnlinkedOn;
  if (relinked) return interval(maxDay(r.deedTotalFrom, r.deedLastLinkedOn), r.deedTotalTo);
  const from = r.hasBirthDeed ? r.deedTotalFrom : r.deedLinkedOn === null ? null : maxDay(r.deedTotalFrom, r.deedLinkedOn);
  if (from === null) return [null, null];
  return interval(from, minDay(r.deedTotalTo, r.deedUnlinkedOn));
}

/** True (and the stamp moved) when an event at `at` is not older than the one that set the group. */
function claim(r: ResidentFacts, stamp: 'profileAt' | 'placeAt' | 'statusAt' | 'ektpAt' | 'kiaAt' | 'ikdAt', at: Date): boolean {
  const current = r[stamp];
  if (current && current.getTime() > at.getTime()) return false;
  r[stamp] = at;
  return true;
}

function place(r: ResidentFacts, m: EventMoment, p: { districtCode: string; villageCode?: string }): void {
  if (!claim(r, 'placeAt', m.at)) return;
  r.districtCode = p.districtCode;
  r.villageCode = p.villageCode ?? `${p.districtCode}0000`;
}

const everMarried = (status: string) => status !== 'BELUM_KAWIN';

/** The later of two days (null: none); for the *KnownFrom columns, whose latest undated day wins. */
function laterDay(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

export function onResidentRegistered(r: ResidentFacts, p: ResidentRegistered, m: EventMoment): void {
  if (claim(r, 'profileAt', m.at)) r.birthDate = p.birthDate;
  // An imported register's day of entry (registered_on) dates the resident's presence: history before the import.
  const registeredOn = p.origin === 'IMPORT' && p.registeredOn !== undefined && p.registeredOn <= m.day ? p.registeredOn : undefined;
  r.enteredOn = minDay(r.enteredOn, registeredOn ?? m.day);
  if (p.origin === 'IMPORT') {
    // What the import left undated makes the import day the first day the records can tell (ResidentFacts).
    const presence = registeredOn === undefined ? m.day : null;
    const ektpUndated = p.ektpState !== undefined && RECORDED_EKTP_STATES.has(p.ektpState) && p.ektpRecordedOn === undefined;
    r.ektpKnownFrom = laterDay(r.ektpKnownFrom, laterDay(presence, ektpUndated ? m.day : null));
    r.kiaKnownFrom = laterDay(r.kiaKnownFrom, laterDay(presence, p.kiaState !== undefined && HELD_KIA_STATES.has(p.kiaState) ? m.day : null));
    r.deedKnownFrom = laterDay(r.deedKnownFrom, laterDay(presence, p.hasBirthDeed === true ? m.day : null));
  }
  if (r.maritalStatus === null) r.maritalStatus = p.maritalStatus;
  if (everMarried(p.maritalStatus)) r.everMarriedOn = minDay(r.everMarriedOn, m.day);
  place(r, m, p);
  // The documents the resident entered with (absent: unknown, counted as not yet done).
  // An imported register's recording day (ektpRecordedOn) dates the recording: history and pace. Without it the
  // recording is the baseline of the import day, not pace (ektpRecordingOn stays unset).
  if (p.ektpState && RECORDED_EKTP_STATES.has(p.ektpState)) {
    const recordedOn = p.ektpRecordedOn !== undefined && p.ektpRecordedOn <= m.day ? p.ektpRecordedOn : undefined;
    r.ektpRecordedOn = minDay(r.ektpRecordedOn, recordedOn ?? m.day);
    if (recordedOn !== undefined) r.ektpRecordingOn = minDay(r.ektpRecordingOn, recordedOn);
  }
  if (p.ektpState && claim(r, 'ektpAt', m.at)) r.ektpState = p.ektpState;
  if (p.kiaState && claim(r, 'kiaAt', m.at)) {
    r.kiaState = p.kiaState;
    if (HELD_KIA_STATES.has(p.kiaState)) r.kiaFrom = minDay(r.kiaFrom, m.day);
  }
  // A resident registered from a birth deed has one (identity creates newborns from the deeds service's events).
  if (p.hasBirthDeed === true || p.origin === 'BIRTH') r.hasBirthDeed = true;
  derive(r);
}

export function onResidentCorrected(r: ResidentFacts, p: ResidentCorrected, m: EventMoment): void {
  if (claim(r, 'profileAt', m.at)) r.birthDate = p.birthDate;
  place(r, m, p);
  derive(r);
}

/**
 * The resident's birth deed was annulled by a court (identity.resident.birth-deed-unlinked.v1, after
 * deeds.deed.annulled.v1): the resident no longer counts as holding a birth deed (BIRTH_DEED_0_18). A birth deed
 * registered for them later is not linked here (the read model keeps no deed per resident, see the README).
 */
export function onBirthDeedLinked(r: ResidentFacts, p: ResidentBirthDeedLinked, m: EventMoment): void {
  r.deedLinkedOn = minDay(r.deedLinkedOn, m.day);
  r.deedLastLinkedOn = laterDay(r.deedLastLinkedOn, m.day);
  place(r, m, p);
  derive(r);
}

export function onBirthDeedUnlinked(r: ResidentFacts, p: ResidentBirthDeedUnlinked, m: EventMoment): void {
  r.deedUnlinkedOn = laterDay(r.deedUnlinkedOn, m.day);
  place(r, m, p);
  derive(r);
}

export function onMaritalStatusChanged(r: ResidentFacts, p: ResidentMaritalStatusChanged, m: EventMoment): void {
  r.maritalStatus = p.to;
  // "Married or ever married" never ends (UU 24/2013 art. 63): the first day is kept.
  if (everMarried(p.to)) r.everMarriedOn = minDay(r.everMarriedOn, m.day);
  place(r, m, p);
  derive(r);
}

export function onStatusChanged(r: ResidentFacts, p: ResidentStatusChanged, m: EventMoment): void {
  if (claim(r, 'statusAt', m.at)) {
    r.status = p.to;
    r.leftOn = p.to === 'ALIVE' ? null : p.effectiveDate;
  }
  // Someone who comes back was in the register before: enteredOn keeps the first day.
  if (p.to === 'ALIVE') r.enteredOn = minDay(r.enteredOn, m.day);
  place(r, m, p);
  derive(r);
}

export function onEktpStatusChanged(r: ResidentFacts, p: EktpStatusChanged, m: EventMoment): void {
  if (claim(r, 'ektpAt', m.at)) r.ektpState = p.to;
  if (RECORDED_EKTP_STATES.has(p.to)) r.ektpRecordedOn = minDay(r.ektpRecordedOn, m.day);
  // A recording made now (from a state without biometrics), not a later step of one made before: dated pace.
  if (RECORDED_EKTP_STATES.has(p.to) && !RECORDED_EKTP_STATES.has(p.from)) r.ektpRecordingOn = minDay(r.ektpRecordingOn, m.day);
  place(r, m, p);
  derive(r);
}

export function onKiaStatusChanged(r: ResidentFacts, p: KiaStatusChanged, m: EventMoment): void {
  if (claim(r, 'kiaAt', m.at)) {
    r.kiaState = p.to;
    if (p.to === 'EXPIRED') r.kiaUntil = m.day;
    if (HELD_KIA_STATES.has(p.to)) r.kiaUntil = null;
  }
  if (HELD_KIA_STATES.has(p.to)) r.kiaFrom = minDay(r.kiaFrom, m.day);
  place(r, m, p);
  derive(r);
}

/**
 * identity.ikd.status-changed.v1: the newest event sets the state (claim); the first activation day (earliest) and
 * the latest deactivation day are kept, so the spell does not depend on the order the events come in (ResidentFacts).
 * `on` is the office day the change took effect.
 */
export function onIkdStatusChanged(r: ResidentFacts, p: IkdStatusChanged, m: EventMoment): void {
  if (claim(r, 'ikdAt', m.at)) r.ikdState = p.to;
  if (p.to === 'ACTIVE') r.ikdFrom = minDay(r.ikdFrom, p.on);
  if (p.to === 'DEACTIVATED') r.ikdUntil = laterDay(r.ikdUntil, p.on);
  place(r, m, p);
  derive(r);
}

// ---------------------------------------------------------------------------------------------------------------
// Deed records (deeds.deed.status-changed.v1)

export interface DeedFacts {
  deedId: string;
  deedType: string;
  status: string;
  statusAt: Date | null;
  channel: string;
  /** The instant of the earliest step seen: its channel is how the record reached the office. */
  firstAt: Date | null;
  districtCode: string;
  villageCode: string;
  eventDate: string | null;
  /** The first day the office knew of the record (notified, or its first step). */
  firstOn: string | null;
  registeredOn: string | null;
  issuedOn: string | null;
  rejectedOn: string | null;
  annulledOn: string | null;
  timeliness: string | null;
  /** Event to issue in whole days (the BLAS / OMAS time, serviceDurations of the domain library); null until issued. */
  serviceDays: number | null;
  /**
   * A death record's burial (deeds.burial.recorded.v1): the first day a burial attached to it was recorded, the day
   * of that burial, and how the burial found the record (REGISTERED_DEATH, DEATH_CASE, NEW_CASE: the burial opened
   * the case). Null for every other record. The BURIAL_REGISTER indicator counts these burials, matched once the
   * death is registered (registeredOn).
   */
  burialRecordedOn: string | null;
  buriedOn: string | null;
  burialMatch: string | null;
  /** Which burial the row keeps: the first recorded (its instant in UTC, then its id), whatever order they come in. */
  burialKey: string | null;
  /**
   * A birth deed's application: SEVERAL when it also yielded the family card reissued with the child or the child's
   * KIA (identity.resident.birth-deed-linked.v1 `documents`; an integrated service), ONE when it yielded the deed
   * alone, null when no event said (older events; other deed types).
   */
  yielded: string | null;
}

export function emptyDeed(deedId: string, p: DeedStatusChanged): DeedFacts {
  return {
    deedId,
    deedType: p.deedType,
    status: p.to,
    statusAt: null,
    channel: p.channel,
    firstAt: null,
    districtCode: p.districtCode,
    villageCode: p.villageCode ?? `${p.districtCode}0000`,
    eventDate: null,
    firstOn: null,
    registeredOn: null,
    issuedOn: null,
    rejectedOn: null,
    annulledOn: null,
    timeliness: null,
    serviceDays: null,
    burialRecordedOn: null,
    buriedOn: null,
    burialMatch: null,
    burialKey: null,
    yielded: null,
  };
}

const REGISTERED_STATES = new Set(['REGISTERED', 'ISSUED', 'RECORDED', 'ARCHIVED']);

export function onDeedStatusChanged(d: DeedFacts, p: DeedStatusChanged, utcOffset: string): void {
  const at = new Date(p.at);
  const day = officeDay(p.at, utcOffset);
  if (!d.statusAt || at.getTime() >= d.statusAt.getTime()) {
    d.status = p.to;
    d.statusAt = at;
    d.deedType = p.deedType;
    d.districtCode = p.districtCode;
    d.villageCode = p.villageCode ?? `${p.districtCode}0000`;
    if (p.timeliness) d.timeliness = p.timeliness;
  }
  if (!d.firstAt || at.getTime() < d.firstAt.getTime()) {
    d.firstAt = at;
    d.channel = p.channel;
  }
  if (p.eventDate && d.eventDate === null) d.eventDate = p.eventDate;
  if (p.timeliness && d.timeliness === null) d.timeliness = p.timeliness;
  d.firstOn = minDay(d.firstOn, minDay(day, p.notifiedAt ? officeDay(p.notifiedAt, utcOffset) : null));
  const registered = p.registeredAt ? officeDay(p.registeredAt, utcOffset) : REGISTERED_STATES.has(p.to) ? day : null;
  d.registeredOn = minDay(d.registeredOn, registered);
  const issued = p.issuedAt ? officeDay(p.issuedAt, utcOffset) : p.to === 'ISSUED' ? day : null;
  d.issuedOn = minDay(d.issuedOn, issued);
  if (p.to === 'REJECTED') d.rejectedOn = minDay(d.rejectedOn, day);
  if (p.to === 'ANNULLED') d.annulledOn = minDay(d.annulledOn, day);
  d.serviceDays = null;
  const programme = DEED_TYPE_RULES[d.deedType as DeedType]?.programme;
  if (programme && d.eventDate && d.issuedOn) {
    const durations = serviceDurations({ eventDate: d.eventDate, notifiedAt: d.firstOn, registeredAt: d.registeredOn ?? d.issuedOn, issuedAt: d.issuedOn });
    // Milestones out of order (a typing error upstream) give no time rather than a wrong one.
    if (durations.ok) d.serviceDays = durations.value.eventToIssued;
  }
}

/**
 * A deed row for a correction or annulment whose deed has no row yet (its status events not yet consumed by their own
 * durable): what the event says, the rest left for the status events (the channel is a placeholder until the first
 * step's event sets it, firstAt being unset; the row counts as received only from its first step's day).
 */
export function deedFromAmendment(p: DeedCorrected | DeedAnnulled): DeedFacts {
  return { ...placedDeed(p.deedId, p.deedType, p), status: 'REGISTERED', channel: 'OFFICE' };
}

/**
 * A death record for a burial whose record has no row yet (its status events not yet consumed by their own durable):
 * a DEATH row with the burial's place, not yet received (firstOn unset: it counts as a death from its first step's
 * day) and not registered; its status events fill in the rest.
 */
export function deedFromBurial(p: BurialRecorded): DeedFacts {
  return placedDeed(p.deathDeedId, 'DEATH', p);
}

/** A row known only by its id, type and place, before any of its steps (amendments, burials and links can come first). */
function placedDeed(deedId: string, deedType: string, p: { districtCode: string; villageCode?: string }): DeedFacts {
  return {
    deedId,
    deedType,
    status: 'NOTIFIED',
    statusAt: null,
    channel: 'PARTNER',
    firstAt: null,
    districtCode: p.districtCode,
    villageCode: p.villageCode ?? `${p.districtCode}0000`,
    eventDate: null,
    firstOn: null,
    registeredOn: null,
    issuedOn: null,
    rejectedOn: null,
    annulledOn: null,
    timeliness: null,
    serviceDays: null,
    burialRecordedOn: null,
    buriedOn: null,
    burialMatch: null,
    burialKey: null,
    yielded: null,
  };
}

/**
 * A birth deed row for a link whose deed has no row yet (its status events not yet consumed by their own durable):
 * not yet received nor registered; its status events fill in the rest.
 */
export function deedFromLink(p: ResidentBirthDeedLinked): DeedFacts {
  return { ...placedDeed(p.deedId, 'BIRTH', p), channel: 'OFFICE' };
}

/**
 * identity.resident.birth-deed-linked.v1 with `documents`: how many documents the deed's application yielded. The
 * larger answer wins (a link repeated by a retry says the same; several is never undone).
 */
export function onBirthDeedDocuments(d: DeedFacts, p: ResidentBirthDeedLinked): void {
  if (p.documents === undefined) return;
  const yielded = p.documents.length >= 2 ? 'SEVERAL' : 'ONE';
  if (d.yielded !== 'SEVERAL') d.yielded = yielded;
}

/**
 * deeds.burial.recorded.v1: the death record's first burial is kept. A record can have two (a parish reports it with
 * the NIK, the cemetery keeper without and is matched by particulars): the first recorded wins — by its instant, then
 * its id — so the row is the same whatever order the two events come in, live or in a replay.
 */
export function onBurialRecorded(d: DeedFacts, p: BurialRecorded, utcOffset: string): void {
  const key = `${new Date(p.recordedAt).toISOString()}|${p.burialId}`;
  if (d.burialKey !== null && d.burialKey <= key) return;
  const recordedOn = officeDay(p.recordedAt, utcOffset);
  d.burialKey = key;
  d.burialRecordedOn = recordedOn;
  d.buriedOn = p.buriedOn;
  d.burialMatch = p.match;
}

/** BLAS / OMAS days from the event to the issue (serviceDurations of the domain library); null when they cannot be said. */
function serviceDaysOf(d: DeedFacts): number | null {
  const programme = DEED_TYPE_RULES[d.deedType as DeedType]?.programme;
  if (!programme || !d.eventDate || !d.issuedOn) return null;
  const durations = serviceDurations({ eventDate: d.eventDate, notifiedAt: d.firstOn, registeredAt: d.registeredOn ?? d.issuedOn, issuedAt: d.issuedOn });
  // Milestones out of order (a typing error upstream) give no time rather than a wrong one.
  return durations.ok ? durations.value.eventToIssued : null;
}

/**
 * deeds.deed.corrected.v1 (pembetulan, UU 23/2006 art. 71): the deed's day of birth or death as corrected, when the
 * correction is not older than the row's latest step (a retried older correction never undoes a newer one); the
 * BLAS / OMAS time follows it. Other corrected particulars are not in this read model.
 */
export function onDeedCorrected(d: DeedFacts, p: DeedCorrected): void {
  const at = new Date(p.correctedAt);
  if (!p.changes.some((c) => c.field === 'eventDate')) return;
  if (d.statusAt && at.getTime() < d.statusAt.getTime()) return;
  d.eventDate = p.eventDate;
  d.serviceDays = serviceDaysOf(d);
}

/**
 * deeds.deed.annulled.v1 (pembatalan, art. 72): as the ANNULLED step of deeds.deed.status-changed.v1 (either may come
 * first): from the day of the annulment the deed no longer counts as registered, timely or issued (measures.ts).
 */
export function onDeedAnnulled(d: DeedFacts, p: DeedAnnulled, utcOffset: string): void {
  const at = new Date(p.annulledAt);
  if (!d.statusAt || at.getTime() >= d.statusAt.getTime()) {
    d.status = 'ANNULLED';
    d.statusAt = at;
  }
  d.annulledOn = minDay(d.annulledOn, officeDay(p.annulledAt, utcOffset));
}

// ---------------------------------------------------------------------------------------------------------------
// Outreach visits (outreach.visit.completed.v1)

export interface VisitFacts {
  visitId: string;
  date: string;
  districtCode: string;
  villageCode: string;
  recordedAt: Date;
  ektpRecording: number;
  birthDeed: number;
  kia: number;
  application: number;
  handover: number;
}

export function visitFacts(p: VisitCompleted): VisitFacts {
  return {
    visitId: p.visitId,
    date: p.date,
    districtCode: p.districtCode,
    villageCode: p.villageCode,
    recordedAt: new Date(p.recordedAt),
    ektpRecording: p.done.EKTP_RECORDING,
    birthDeed: p.done.BIRTH_DEED,
    kia: p.done.KIA,
    application: p.done.APPLICATION,
    handover: p.done.HANDOVER,
  };
}

/** A later report of the same visit replaces the earlier one (newest recordedAt wins; ties keep the first). */
export function onVisitCompleted(existing: VisitFacts | undefined, p: VisitCompleted): VisitFacts | undefined {
  const next = visitFacts(p);
  if (existing && existing.recordedAt.getTime() >= next.recordedAt.getTime()) return undefined;
  return next;
}
