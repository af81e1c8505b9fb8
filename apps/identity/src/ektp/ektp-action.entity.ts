/**
 * One action of a resident's e-KTP log (recording, print-ready, printing, issue, reprint reports): append-only,
 * never updated or deleted. The e-KTP's status is derived from these rows by the domain fold (foldEktp).
 * `seq` numbers the resident's actions from 1; the unique (resident_id, seq) constraint makes two concurrent
 * writers of the same version collide instead of both appending.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';

@Entity({ tableName: 'ektp_action' })
@Unique({ name: 'ektp_action_resident_seq_unique', properties: ['residentId', 'seq'] })
export class EktpActionRecord {
  [OptionalProps]?: 'id' | 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  residentId!: string;

  /** Position in the resident's log, from 1. */
  @Property({ type: 'integer' })
  seq!: number;

  /** EKTP_ACTION_TYPES */
  @Property({ length: 30 })
  type!: string;

  /** When, as the domain reads it: a date-time with the office's offset. */
  @Property({ length: 40 })
  at!: string;

  /** Who: the caller's id (token subject or API key id). */
  @Property({ length: 200 })
  actedBy!: string;

  /** The action's payload (place, channel, visit, reason, reference); no personal data. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: DateTimeType, length: 3 })
  recordedAt: Date = new Date();
}
