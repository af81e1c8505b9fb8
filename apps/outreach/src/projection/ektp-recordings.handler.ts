/**
 * The durable consumer that dates e-KTP recordings for the projection's current-pace line (EktpRecording). Thin
 * edge: the platform has checked the envelope and payload and opened the inbox transaction `em`.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { SUBJECTS, type EktpStatusChanged, type EventEnvelope } from '@adminduk/contracts';
import { ConsumeEvent, localDate, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
import { EktpRecording } from './ektp-recording.entity';

/** DO NOT RENAME: a new name starts again from the stream's first event. */
export const PACE_DURABLES = { ektpRecorded: 'outreach-identity-ektp-recorded' } as const;

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
    const day = localDate(this.config.utcOffset, new Date(event.occurredAt));
    const row = await em.findOne(EktpRecording, { residentId: p.residentId });
    if (!row) em.persist(em.create(EktpRecording, { residentId: p.residentId, recordedOn: day, districtCode: p.districtCode }));
    else if (day < row.recordedOn) Object.assign(row, { recordedOn: day, districtCode: p.districtCode });
  }
}
