/**
 * One action of a child's KIA log (print, issue, reissue): append-only, never updated or deleted. The KIA's
 * status, including its expiry as the child ages, is derived from these rows by the domain fold (foldKia).
 * `seq` numbers the resident's actions from 1; the unique (resident_id, seq) constraint makes two concurrent
 * writers of the same version collide instead of both appending.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { KiaAction } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';

@Entity({ tableName: 'kia_action' })
@Unique({ name: 'kia_action_resident_seq_unique', properties: ['residentId', 'seq'] })
export class KiaActionRecord {
  [OptionalProps]?: 'id' | 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  residentId!: string;

  /** Position in the resident's log, from 1. */
  @Property({ type: 'integer' })
  seq!: number;

  /** KIA_ACTION_TYPES */
  @Property({ length: 30 })
  type!: string;

  /** When, as the domain reads it: a date-time with the office's offset. */
  @Property({ length: 40 })
  at!: string;

  /** Who: the caller's id (token subject or API key id). */
  @Property({ length: 200 })
  actedBy!: string;

  /** The action's payload (type, reason, reference, channel, visit); no personal data. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: DateTimeType, length: 3 })
  recordedAt: Date = new Date();
}

/** A stored action row as the domain fold reads it (GET …/kia, the documents' application, GET /villages/{code}/documents). */
export function kiaActionOf(r: KiaActionRecord): KiaAction {
  return { type: r.type, at: r.at, by: r.actedBy, payload: r.payload } as KiaAction;
}
