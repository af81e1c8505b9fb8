/**
 * A civil registration case (a deed record): from the first report of the event to the deed and its copies.
 *
 * The record's history is its append-only action log (DeedActionRecord); what the domain fold (foldDeed) derives
 * from it — status, deed number, deed version, timeliness, the BLAS/OMAS milestones — is also kept here as a
 * projection, written only from the fold's result in the same transaction as the action, so that the office's
 * work queues and reports can be queried. `status` is null while an application opened at the office is being
 * prepared (documents uploaded, no action yet).
 *
 * `caseKey` is the SHA-256 of the domain's natural key (deedCaseKey: the same event reported twice is one case),
 * unique, so that two reports of one event cannot open two cases even when they arrive together; it is cleared
 * when the case is archived or annulled, so that the event can be reported again.
 *
 * The closed lists (type, channel, status) are checked by the DTOs and the domain, not by CHECK constraints: MikroORM 6
 * cannot read such constraints back (SQLite lists of more than two values, PostgreSQL's rewritten expressions), so
 * they would make the migration drift check (tools/db/migrations.ts check) fail for ever.
 *
 * A birth being registered while the identity service cannot be asked waits here: `waitingFor` IDENTITY, the
 * registrar's request in `pendingRegistration`, and the retry schedule (RegistrationRetryService).
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { DeedStatus, DeedType, HeadDecision, TimelinessClass } from '@adminduk/domain';
import { uuidv7, type ProblemItem } from '@adminduk/platform';
import type { Particulars } from './particulars.dto';

export const CHANNELS = ['PARTNER', 'ONLINE', 'OFFICE', 'OUTREACH'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A registration asked for while identity could not answer: done by the retry job in the registrar's name. */
export interface PendingRegistration {
  readonly requestedAt: string;
  readonly actorId: string;
  readonly headDecision?: HeadDecision;
}

/** What identity answered about the family of a birth (no names; NIKs stay in the particulars). */
export interface IdentityLink {
  readonly familyCardId?: string;
  readonly kkNumber?: string;
  readonly motherResidentId?: string;
  readonly fatherResidentId?: string;
  readonly linkedAt: string;
}

@Entity({ tableName: 'deed_record' })
@Index({ name: 'deed_record_queue_idx', properties: ['districtCode', 'status'] })
@Index({ name: 'deed_record_waiting_idx', properties: ['waitingFor', 'nextRetryAt'] })
export class DeedRecord {
  [OptionalProps]?: 'id' | 'status' | 'actionCount' | 'deedVersion' | 'retryAttempts' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ length: 20 })
  deedType!: DeedType;

  /** SHA-256 (hex) of the natural key; null once archived or annulled. */
  @Property({ length: 64, nullable: true })
  @Unique({ name: 'deed_record_case_key_unique' })
  caseKey?: string | null;

  /** The kecamatan where the event is registered (the family's address): the record's region scope. */
  @Property({ length: 6 })
  districtCode!: string;

  @Property({ length: 10, nullable: true })
  villageCode?: string | null;

  /** How the case reached the office. */
  @Property({ length: 10 })
  channel!: Channel;

  /** The outreach visit (channel OUTREACH). */
  @Property({ type: 'uuid', nullable: true })
  visitId?: string | null;

  /** The day the deadline counts from (the birth, death, marriage, final court decision…). */
  @Property({ length: 10 })
  eventDate!: string;

  @Property({ type: 'json' })
  particulars!: Particulars;

  /** BIRTH: the parents are married (null: not said; the checklist takes it as true). */
  @Property({ type: 'boolean', nullable: true })
  parentsMarried?: boolean | null;

  // ---- projection of the fold (never written otherwise) ----

  /** null: an application being prepared, no action yet. */
  @Property({ length: 12, nullable: true })
  status: DeedStatus | null = null;

  /** The number of actions in the log: the version a client sends back with its next action. */
  @Property({ type: 'integer' })
  actionCount = 0;

  /** The domain's deed version: 0 before registration, 1 once registered, one more per correction. */
  @Property({ type: 'integer' })
  deedVersion = 0;

  @Property({ length: 60, nullable: true })
  @Unique({ name: 'deed_record_deed_number_unique' })
  deedNumber?: string | null;

  @Property({ length: 20, nullable: true })
  timeliness?: TimelinessClass | null;

  /** BLAS / OMAS milestones (instants at the office's offset). */
  @Property({ length: 40, nullable: true })
  notifiedAt?: string | null;

  @Property({ length: 40, nullable: true })
  registeredAt?: string | null;

  /** The first copy issued (for a stillbirth: the letter, when recorded). */
  @Property({ length: 40, nullable: true })
  issuedAt?: string | null;

  // ---- linking with identity ----

  @Property({ length: 10, nullable: true })
  waitingFor?: 'IDENTITY' | null;

  @Property({ type: 'json', nullable: true })
  pendingRegistration?: PendingRegistration | null;

  @Property({ type: 'integer' })
  retryAttempts = 0;

  @Property({ type: DateTimeType, length: 3, nullable: true })
  nextRetryAt?: Date | null;

  /** Why the last question to identity failed (NATS_UNAVAILABLE, TIMEOUT, …). */
  @Property({ length: 40, nullable: true })
  lastWaitCode?: string | null;

  /** Identity's answer refused the link (a parent not in the register, not on the card…): a registrar must act. */
  @Property({ type: 'json', nullable: true })
  linkProblems?: ProblemItem[] | null;

  @Property({ type: 'json', nullable: true })
  identityLink?: IdentityLink | null;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();

  @Property({ type: DateTimeType, length: 3, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
