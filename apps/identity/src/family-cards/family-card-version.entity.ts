/**
 * One version of a family card: what it looked like after a change (number, members by resident id with
 * their SHDK) and why (the domain facts, NIKs replaced by resident ids), who made it and when. Append-only:
 * the history of a card is its versions in order. The unique (card, version) is a last line of defence
 * against two writers saving the same version.
 */
import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';
import { FamilyCard, type FamilyCardStatus } from './family-card.entity';

/**
 * The operation that made a version: issuing a card, one of the domain's FamilyOperation, or RECORD_FATHER (a
 * recognition or legitimation deed names the child's father, UU 23/2006 art. 49–50: the member's father is recorded,
 * the card keeps its number).
 */
export type FamilyCardVersionOperation = 'CREATE' | 'ADD_NEWBORN' | 'ADD_MOVE_IN' | 'REMOVE_DEATH' | 'REMOVE_MOVE_OUT' | 'CHANGE_HEAD' | 'SPLIT' | 'MOVE_FAMILY' | 'RECORD_FATHER';

export interface VersionMember {
  readonly residentId: string;
  readonly relationship: number;
}

/** A domain fact with its NIKs replaced by resident ids (nik → residentId, newHeadNik → newHeadResidentId, niks → residentIds). */
export type VersionFact = { readonly type: string } & Readonly<Record<string, unknown>>;

@Entity({ tableName: 'family_card_version' })
@Unique({ name: 'family_card_version_card_version_unique', properties: ['card', 'version'] })
@Index({ name: 'family_card_version_kk_number_idx', properties: ['kkNumber'] })
export class FamilyCardVersion {
  [OptionalProps]?: 'id' | 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => FamilyCard)
  card!: FamilyCard;

  @Property({ type: 'integer' })
  version!: number;

  /** The No. KK of this version (every number ever issued appears here: the serial allocator reads them). */
  @Property({ length: 16 })
  kkNumber!: string;

  @Property({ length: 10 })
  status!: FamilyCardStatus;

  @Property({ length: 20 })
  operation!: FamilyCardVersionOperation;

  @Property({ type: 'json' })
  members!: VersionMember[];

  @Property({ type: 'json' })
  facts!: VersionFact[];

  /** The principal id (token subject or API key id) that made the change. */
  @Property({ length: 200 })
  recordedBy!: string;

  @Property({ length: 100, nullable: true })
  requestId?: string;

  @Property({ type: DateTimeType, length: 3 })
  recordedAt: Date = new Date();
}
