/**
 * One action of a resident's IKD log (activated, deactivated, activated again): append-only, never updated or
 * deleted. The IKD's status is derived from these rows by the domain fold (foldIkd). `seq` numbers the resident's
 * actions from 1; the unique (resident_id, seq) constraint makes two concurrent writers of the same version collide
 * instead of both appending.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';

@Entity({ tableName: 'ikd_action' })
@Unique({ name: 'ikd_action_resident_seq_unique', properties: ['residentId', 'seq'] })
export class IkdActionRecord {
  [OptionalProps]?: 'id' | 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  residentId!: string;

  /** Position in the resident's log, from 1. */
  @Property({ type: 'integer' })
  seq!: number;

  /** IKD_ACTION_TYPES */
  @Property({ length: 20 })
  type!: string;

  /** When, as the domain reads it: a date-time with the office's offset. */
  @Property({ length: 40 })
  at!: string;

  /** Who: the caller's id (token subject). */
  @Property({ length: 200 })
  actedBy!: string;

  /** The action's payload (channel, visit, reason); no phone number, no personal data. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: DateTimeType, length: 3 })
  recordedAt: Date = new Date();
}
