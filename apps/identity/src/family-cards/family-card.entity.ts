/**
 * A family card (Kartu Keluarga, KK) as it stands now. Its members are FamilyCardMembership rows and every
 * version it has had is a FamilyCardVersion row. The No. KK is unique (a database constraint) and changes
 * when the card is reissued (the domain's KK_NUMBER_POLICY); the address's kecamatan is the card's region
 * scope and the office that issues its numbers. `version` is the optimistic lock the client sends back with
 * every change: a stale version is refused with 409 VERSION_CONFLICT.
 */
import { DateTimeType, Entity, Enum, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';

export const FAMILY_CARD_STATUSES = ['ACTIVE', 'CLOSED'] as const;
export type FamilyCardStatus = (typeof FAMILY_CARD_STATUSES)[number];

@Entity({ tableName: 'family_card' })
export class FamilyCard {
  [OptionalProps]?: 'id' | 'status' | 'version' | 'polygamyPermitted' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** No. KK, 16 digits: issuing kecamatan, date of issue DDMMYY, serial. */
  @Property({ length: 16 })
  @Unique({ name: 'family_card_kk_number_unique' })
  kkNumber!: string;

  /** The kecamatan of the family's address (6 digits): region scope, and where new numbers are issued. */
  @Property({ length: 6 })
  districtCode!: string;

  /** The desa / kelurahan of the family's address (10 digits). */
  @Property({ length: 10 })
  villageCode!: string;

  @Property({ length: 300 })
  address!: string;

  /** A court has permitted the head more than one wife (UU 1/1974 art. 3(2), 4). */
  @Property({ type: 'boolean' })
  polygamyPermitted = false;

  /** CLOSED: the last member left; the card keeps its history but takes no more changes. */
  @Enum({ items: () => FAMILY_CARD_STATUSES, length: 10 })
  status: FamilyCardStatus = 'ACTIVE';

  /** 1 when issued, one more with every change (each is a FamilyCardVersion row). */
  @Property({ type: 'integer' })
  version = 1;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();

  @Property({ type: DateTimeType, length: 3, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
