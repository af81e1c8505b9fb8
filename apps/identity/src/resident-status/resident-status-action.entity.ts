/**
 * One action of a resident's status log (register, move in, move within the regency, move out, return, death):
 * append-only, never updated or deleted. The status, address and moves are derived from these rows by the
 * domain fold (foldResidentStatus); the Resident row keeps the current status and address for search and
 * region scope, written in the same transaction. `seq` numbers the resident's actions from 1, unique per
 * resident. A resident registered before this log existed gets its opening REGISTER row with the first change.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';

@Entity({ tableName: 'resident_status_action' })
@Unique({ name: 'resident_status_action_resident_seq_unique', properties: ['residentId', 'seq'] })
export class ResidentStatusActionRecord {
  [OptionalProps]?: 'id' | 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  residentId!: string;

  /** Position in the resident's log, from 1. */
  @Property({ type: 'integer' })
  seq!: number;

  /** RESIDENT_ACTION_TYPES */
  @Property({ length: 30 })
  type!: string;

  /** When, as the domain reads it: a date-time with the office's offset. */
  @Property({ length: 40 })
  at!: string;

  /** Who: the caller's id (token subject or API key id), or 'system' for the opening of an older record. */
  @Property({ length: 200 })
  actedBy!: string;

  /** Region codes, dates and references only: the address text stays on the Resident row. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: DateTimeType, length: 3 })
  recordedAt: Date = new Date();
}
