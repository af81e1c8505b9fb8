/**
 * A resident on a family card now, with their SHDK (relationship to the head). Only current memberships are
 * rows (earlier ones live in the card's versions), so the unique index on the resident is the rule "a
 * resident is on at most one active card", enforced by the database. `position` keeps the order of the
 * members as the domain library returned them (the order printed on the card).
 */
import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { ShdkCode } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';
import { Resident } from '../residents/resident.entity';
import { FamilyCard } from './family-card.entity';

@Entity({ tableName: 'family_card_membership' })
@Index({ name: 'family_card_membership_card_idx', properties: ['card'] })
@Check({ name: 'family_card_membership_relationship_check', expression: 'relationship >= 1 and relationship <= 11' })
export class FamilyCardMembership {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => FamilyCard)
  card!: FamilyCard;

  @ManyToOne(() => Resident)
  @Unique({ name: 'family_card_membership_resident_unique' })
  resident!: Resident;

  /** SHDK code 1–11 (1 Kepala Keluarga … 11 Lainnya). */
  @Property({ type: 'smallint' })
  relationship!: ShdkCode;

  @Property({ type: 'smallint' })
  position!: number;

  /**
   * The resident's father and mother when known (as SIAK records them); the domain uses them when the parent
   * is on the same card (generation checks, newborn SHDK, who leaves in a split).
   */
  @Property({ type: 'uuid', nullable: true })
  fatherResidentId?: string;

  @Property({ type: 'uuid', nullable: true })
  motherResidentId?: string;
}
