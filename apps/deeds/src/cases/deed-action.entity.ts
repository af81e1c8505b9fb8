/**
 * One action of a deed record's log (notify, submit, verify, reject, register, record, issue, correct, annul,
 * archive): append-only, never updated or deleted. Everything about the record is derived from these rows by the
 * domain fold (foldDeed). `seq` numbers the record's actions from 1; the unique (deed_id, seq) constraint makes
 * two concurrent writers of the same version collide instead of both appending.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { DeedActionType, DeedActorRole } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';

@Entity({ tableName: 'deed_action' })
@Unique({ name: 'deed_action_deed_seq_unique', properties: ['deedId', 'seq'] })
export class DeedActionRecord {
  [OptionalProps]?: 'id' | 'recordedAt' | 'channel' | 'visitId';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  deedId!: string;

  /** Position in the record's log, from 1. */
  @Property({ type: 'integer' })
  seq!: number;

  @Property({ length: 12 })
  type!: DeedActionType;

  /** When, as the domain reads it: a date-time with the office's offset. */
  @Property({ length: 40 })
  at!: string;

  @Property({ length: 12 })
  actorRole!: DeedActorRole;

  /** Who: the caller's id (token subject or API key id). */
  @Property({ length: 200 })
  actorId!: string;

  /** The action's payload as the domain takes it (event date, documents, reason, deed number, changes, …). */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  /**
   * Where the step took place, when the caller said so (the ISSUE of a kutipan: at the counter, on an outreach
   * visit, or sent signed electronically); null when the step does not say. Kept beside the domain's payload, not
   * in it: it is the office's bookkeeping of the hand-over, not a fact the lifecycle rules read.
   */
  @Property({ length: 12, nullable: true })
  channel: 'OFFICE' | 'OUTREACH' | 'ONLINE' | null = null;

  /** The outreach visit the step took place on (channel OUTREACH only). */
  @Property({ type: 'uuid', nullable: true })
  visitId: string | null = null;

  @Property({ type: DateTimeType, length: 3 })
  recordedAt: Date = new Date();
}
