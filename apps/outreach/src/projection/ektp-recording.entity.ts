/**
 * A dated e-KTP recording, kept for the current-pace line of the projection (ektpTargetDate of the domain library):
 * the office's day of the first e-KTP step that took a resident from a state without biometrics to one with them.
 * A resident who entered the register already recorded (an import) has a row only when the import gave the day of
 * the recording (ektpRecordedOn); otherwise none: an import without dates is the baseline, not pace.
 * Keyed by the resident's id; no name, no NIK (UU 27/2022).
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'outreach_ektp_recording' })
export class EktpRecording {
  @PrimaryKey({ type: 'uuid' })
  residentId!: string;

  /** 'YYYY-MM-DD', the office's calendar day of the recording (the earliest any event gave). */
  @Property({ length: 10, index: 'outreach_ektp_recording_day_idx' })
  recordedOn!: string;

  /** The kecamatan at the time (6 digits): the regency's and a kecamatan's pace. */
  @Property({ length: 6 })
  districtCode!: string;
}
