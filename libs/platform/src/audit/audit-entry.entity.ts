/**
 * The audit trail (UU 27/2022 on personal data protection; DESIGN.md house rule 8): one row for every read,
 * search or change of a person's record, saying who (actor), did what (action), to which record (resource
 * type and id), through which endpoint, in which request, and with what outcome.
 *
 * A row never holds a NIK, a name or an address: records are named by their ids. A search is one row whose
 * results (the records it disclosed) are AuditEntryResult rows, so that "who has seen this person's data?"
 * finds the searches that returned the person as well as the direct reads.
 */
import { Collection, DateTimeType, Entity, Index, ManyToOne, OneToMany, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { uuidv7 } from '../ids/uuid-v7';

export const AUDIT_ACTIONS = ['READ', 'CREATE', 'UPDATE', 'DELETE', 'SEARCH'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** SUCCESS: done. DENIED: refused because the record lies outside the caller's region scope. */
export const AUDIT_OUTCOMES = ['SUCCESS', 'DENIED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * user: a person with a bearer token; api-key: a partner institution or integrator; anonymous: a public
 * endpoint; system: no request at all (a message consumer or a scheduled job without a caller).
 */
export const AUDIT_ACTOR_KINDS = ['user', 'api-key', 'anonymous', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

@Entity({ tableName: 'audit_entry' })
@Index({ name: 'audit_entry_resource_idx', properties: ['resourceType', 'resourceId'] })
@Index({ name: 'audit_entry_actor_idx', properties: ['actorId', 'at'] })
@Index({ name: 'audit_entry_at_idx', properties: ['at'] })
export class AuditEntry {
  /** UUIDv7: entries sort by the time they were made (the cursor of GET /audit). */
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: DateTimeType, length: 3 })
  at: Date = new Date();

  /** The token subject or the API key id ('system' or 'anonymous' when there is no caller). */
  @Property({ length: 200 })
  actorId!: string;

  @Property({ length: 10 })
  actorKind!: AuditActorKind;

  /** The caller's roles when it acted. */
  @Property({ type: 'json' })
  actorRoles: string[] = [];

  @Property({ length: 10 })
  action!: AuditAction;

  /** Kebab-case: 'resident', 'family-card', 'ektp', … */
  @Property({ length: 40 })
  resourceType!: string;

  /** The record read or changed (its id, never a NIK); none for a search. */
  @Property({ length: 100, nullable: true })
  resourceId?: string;

  /**
   * The region of the record (kecamatan code, digits); for a search, the smallest region holding all its
   * results. Decides which admins see the entry (GET /audit is region-scoped like everything else).
   */
  @Property({ length: 10, nullable: true })
  regionCode?: string;

  /** For a search: how many records it returned. */
  @Property({ type: 'integer', nullable: true })
  resultCount?: number;

  /** For a search: the records it returned. */
  @OneToMany(() => AuditEntryResult, (r) => r.entry)
  results = new Collection<AuditEntryResult>(this);

  /** 'GET /residents/:id' (the route, not the URL: no identifiers in it), or the NATS subject. */
  @Property({ length: 200, nullable: true })
  endpoint?: string;

  @Property({ length: 100, nullable: true })
  requestId?: string;

  @Property({ length: 10 })
  outcome: AuditOutcome = 'SUCCESS';
}

/** A record that a search returned (and so disclosed): one row per result of a SEARCH entry. */
@Entity({ tableName: 'audit_entry_result' })
@Index({ name: 'audit_entry_result_resource_idx', properties: ['resourceId'] })
export class AuditEntryResult {
  [PrimaryKeyProp]?: ['entry', 'resourceId'];

  @ManyToOne(() => AuditEntry, { primary: true, deleteRule: 'cascade' })
  entry!: AuditEntry;

  @PrimaryKey({ length: 100 })
  resourceId!: string;
}
