/**
 * What an imported register said about a resident's documents (the optional columns ektp_state, kia_state,
 * birth_deed, ektp_recorded_on and registered_on of the file), as checked on the import day: the provenance of the e-KTP and KIA baselines
 * (IMPORT_STATE actions in ektp_action / kia_action) and what `import --announce` publishes on
 * identity.resident.registered.v1. One row per resident for whom the file said anything; written once, in the
 * batch's transaction, never updated. A null column: the file did not say.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'imported_document' })
export class ImportedDocument {
  @PrimaryKey({ type: 'uuid' })
  residentId!: string;

  /** The import job that wrote it. */
  @Property({ type: 'uuid' })
  @Index({ name: 'imported_document_job_idx' })
  jobId!: string;

  /** ektpStates of the contracts, as of the import day. */
  @Property({ length: 20, nullable: true })
  ektpState?: string | null;

  /** kiaStates of the contracts, as of the import day. */
  @Property({ length: 12, nullable: true })
  kiaState?: string | null;

  /** The person has a birth deed (akta kelahiran). */
  @Property({ type: 'boolean', nullable: true })
  birthDeed?: boolean | null;

  /** The e-KTP's recording day the file gave (ektp_recorded_on, YYYY-MM-DD; added in 0.3). */
  @Property({ length: 10, nullable: true })
  ektpRecordedOn?: string | null;

  /** The day the person entered the older register, as the file gave it (registered_on, YYYY-MM-DD; added in 0.3). */
  @Property({ length: 10, nullable: true })
  registeredOn?: string | null;
}
