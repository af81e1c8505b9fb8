/**
 * A Muslim marriage reported by the KUA (Kantor Urusan Agama). The KUA records the marriages of Muslims; the
 * office issues no akta perkawinan and only updates both spouses' marital status (UU 23/2006 art. 1(23), 8(2);
 * marriageRoute in the domain). So a report is not a deed record: it is kept here and published as
 * deeds.marriage.registered.v1 with route KUA and no deed number (its `deedId` is this report's id).
 *
 * `caseKey` is the digest of the marriage's natural key (deedCaseKey MARRIAGE: the day and both NIKs), unique:
 * the same marriage reported twice is one report. A retried request carries the same Idempotency-Key.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';

@Entity({ tableName: 'kua_marriage' })
@Unique({ name: 'kua_marriage_idempotency_unique', properties: ['reportedBy', 'idempotencyKey'] })
export class KuaMarriage {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ length: 64 })
  @Unique({ name: 'kua_marriage_case_key_unique' })
  caseKey!: string;

  @Property({ length: 16 })
  husbandNik!: string;

  @Property({ length: 200 })
  husbandName!: string;

  @Property({ length: 16 })
  wifeNik!: string;

  @Property({ length: 200 })
  wifeName!: string;

  @Property({ length: 10 })
  marriageDate!: string;

  /** The number of the marriage certificate (akta nikah / buku nikah) of the KUA. */
  @Property({ length: 60 })
  marriageCertificateNumber!: string;

  /** The KUA that recorded it ('KUA Kecamatan Aesesa'). */
  @Property({ length: 100 })
  kuaName!: string;

  @Property({ length: 6 })
  districtCode!: string;

  @Property({ length: 10, nullable: true })
  villageCode?: string | null;

  @Property({ length: 200 })
  reportedBy!: string;

  @Property({ length: 100, nullable: true })
  idempotencyKey?: string | null;

  @Property({ length: 64 })
  requestDigest!: string;

  @Property({ length: 40 })
  reportedAt!: string;

  @Property({ length: 20 })
  timeliness!: string;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();
}
