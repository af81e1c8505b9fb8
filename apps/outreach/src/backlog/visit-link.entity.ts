/**
 * A record the identity or deeds service made on an outreach visit (an event carrying channel OUTREACH and the
 * visit's id): an e-KTP recording or hand-over of a resident, a KIA printed or handed over, a deed application, a
 * kutipan akta handed over (an ISSUE step whose stepChannel is OUTREACH, with its stepVisitId). One row per visit,
 * kind and record, so that the team's reported outcome can be reconciled with what the registers hold.
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';

@Entity({ tableName: 'outreach_visit_link' })
@Unique({ name: 'outreach_visit_link_unique', properties: ['visitId', 'kind', 'recordId'] })
@Index({ name: 'outreach_visit_link_visit_idx', properties: ['visitId'] })
export class VisitLink {
  [OptionalProps]?: 'id' | 'linkedAt' | 'recordType';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  visitId!: string;

  /** The service kind (EKTP_RECORDING, HANDOVER, BIRTH_DEED, APPLICATION). */
  @Property({ length: 20 })
  kind!: string;

  /** The resident (e-KTP, KIA) or the deed (applications). */
  @Property({ type: 'uuid' })
  recordId!: string;

  /** What recordId names: RESIDENT or DEED (a hand-over may be either: an e-KTP or KIA, or a kutipan akta). */
  @Property({ length: 10, default: 'RESIDENT' })
  recordType: 'RESIDENT' | 'DEED' = 'RESIDENT';

  /** The event that made the link. */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: DateTimeType, length: 3 })
  linkedAt: Date = new Date();
}
