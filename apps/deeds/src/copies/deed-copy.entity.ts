/**
 * A copy handed out: a kutipan akta (ISSUE) or, for a stillbirth, the Surat Keterangan Lahir Mati (RECORD).
 * The PDF is rendered from `content` (the particulars as they stood at `deedVersion`: personal data), and it
 * carries `code`, the public verification code in its QR code. `signedPayload` is the canonical JSON of the
 * copy's public fields (no names, no NIKs; the particulars enter as a SHA-256 digest) and `signature` the
 * electronic signature (TTE) over it: Ed25519 with the office's key `keyId`. A copy whose deed was corrected
 * since verifies as SUPERSEDED, one whose deed was annulled as ANNULLED.
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';
import type { Particulars } from '../cases/particulars.dto';

/**
 * The child's NIK on a kutipan akta kelahiran, as it was when the copy was made: from the deed's particulars (a late
 * birth deed of a child already on the register names it), from identity (the newborn it registered from the deed,
 * asked with identity.rpc.resident.by-birth-deed.v1 at issue), or none yet (identity has not registered the child:
 * the kutipan prints "-"; issuing a further copy later asks again). Personal data, like the particulars beside it:
 * kept with the copy so that printing it again gives the same document, never logged, never in the signed payload
 * (whose digest of a NIK anyone with /verify could test guesses against), and not shown by /verify.
 */
export interface ChildNikOnCopy {
  readonly nik: string | null;
  readonly source: 'DEED' | 'IDENTITY' | 'NOT_YET_REGISTERED';
}

/** What the PDF shows. */
export interface CopyContent {
  readonly documentName: string;
  readonly deedType: string;
  readonly deedNumber: string | null;
  readonly deedVersion: number;
  readonly registeredOn: string;
  readonly issuedOn: string;
  readonly eventDate: string;
  readonly regencyName: string;
  readonly districtName: string;
  readonly villageName: string | null;
  readonly particulars: Particulars;
  readonly headDecision: { readonly number: string; readonly date: string } | null;
  readonly corrections: number;
  /**
   * The regency or city (kabupaten / kota) of the record's region, printed as the place of the event ("bahwa di
   * KABUPATEN NAGEKEO"): the kutipan names the town, not the facility. Absent on copies made before it was kept
   * (then `regencyName`).
   */
  readonly eventRegencyName?: string;
  /** The town of issue and the signing official when the copy was made (absent on older copies: then the configured ones). */
  readonly issuePlace?: string;
  readonly official?: { readonly title: string; readonly name: string; readonly nip: string };
  /** Birth copies made since the kutipan asks identity for the NIK (absent on older copies and other deed types: then the particulars' child.nik). */
  readonly childNik?: ChildNikOnCopy;
}

@Entity({ tableName: 'deed_copy' })
@Index({ name: 'deed_copy_deed_idx', properties: ['deedId'] })
export class DeedCopy {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  deedId!: string;

  /** The public verification code (16 characters of base32), printed and in the QR code. */
  @Property({ length: 20 })
  @Unique({ name: 'deed_copy_code_unique' })
  code!: string;

  /** The deed version this copy shows. */
  @Property({ type: 'integer' })
  deedVersion!: number;

  @Property({ length: 40 })
  issuedAt!: string;

  @Property({ length: 200 })
  issuedBy!: string;

  @Property({ type: 'json' })
  content!: CopyContent;

  /** Canonical JSON of the public fields: exactly the bytes that were signed. */
  @Property({ type: 'text' })
  signedPayload!: string;

  /** Ed25519 signature over signedPayload, base64url. */
  @Property({ length: 100 })
  signature!: string;

  @Property({ length: 20 })
  keyId!: string;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();
}
