/**
 * The durable consumer that dates e-KTP recordings for the projection's current-pace line (EktpRecording). Thin
 * edge: the platform has checked the envelope and payload and opened the inbox transaction `em`.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { SUBJECTS, type EktpStatusChanged, type EventEnvelope, type ResidentRegistered } from '@adminduk/contracts';
import { ConsumeEvent, localDate, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
import { EktpRecording } from './ektp-recording.entity';

/** DO NOT RENAME: a new name starts again from the stream's first event. */
export const PACE_DURABLES = { ektpRecorded: 'outreach-identity-ektp-recorded', importedRecording: 'outreach-identity-imported-recording' } as const;

/** States in which the biometrics have been recorded (as reporting counts them). */
const RECORDED = new Set(['RECORDED', 'PRINT_READY', 'SENT_FOR_PRINTING', 'PRINTED', 'ISSUED']);

@Injectable()
export class EktpRecordingsHandler {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  @ConsumeEvent(SUBJECTS.identity.ektpStatusChanged, { durable: PACE_DURABLES.ektpRecorded })
  async onEktpStatusChanged(em: EntityManager, event: EventEnvelope<EktpStatusChanged>): Promise<void> {
    const p = event.payload;
    // A recording made now, not a later step (printing, issue, reprint) of one made before.
    if (!RECORDED.has(p.to) || RECORDED.has(p.from)) return;
    await this.dated(em, p.residentId, localDate(this.config.utcOffset, new Date(event.occurredAt)), p.districtCode);
  }

  /**
   * A resident who entered the register already recorded, with the day the older register says the recording was
   * made (ektpRecordedOn, from an import's ektp_recorded_on): a dated recording like any other. Without the date,
   * the import is the baseline, not pace: no row.
   */
  @ConsumeEvent(SUBJECTS.identity.residentRegistered, { durable: PACE_DURABLES.importedRecording })
  async onResidentRegistered(em: EntityManager, event: EventEnvelope<ResidentRegistered>): Promise<void> {
    const p = event.payload;
    if (!p.ektpRecordedOn || !p.ektpState || !RECORDED.has(p.ektpState)) return;
    // Not after the day of the event (identity checks it; a date from the future would inflate the pace).
    if (p.ektpRecordedOn > localDate(this.config.utcOffset, new Date(event.occurredAt))) return;
    await this.dated(em, p.residentId, p.ektpRecordedOn, p.districtCode);
  }

  /** The earliest recording day any event gave, with the kecamatan of that event. */
  private async dated(em: EntityManager, residentId: string, day: string, districtCode: string): Promise<void> {
    const row = await em.findOne(EktpRecording, { residentId });
    if (!row) em.persist(em.create(EktpRecording, { residentId, recordedOn: day, districtCode }));
    else if (day < row.recordedOn) Object.assign(row, { recordedOn: day, districtCode });
  }
}
