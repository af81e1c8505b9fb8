/**
 * A document of a child's KIA application: a photo or scan (JPEG, PNG or PDF) of the birth deed, the KK, the
 * parents' KTP-el, the child's photo, or for a reissue the police's letter of loss or the damaged card
 * (KiaDocumentKind of the domain; what each application asks for is kiaDocumentsAsked). `forCard` is the card the
 * application is for (1: the first card; the number of cards so far plus one when it was added), so that the
 * documents of the next card start empty once a card is printed. The bytes are in KiaDocumentContent, so that
 * listing documents never reads them. Append-only.
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { KiaDocumentKind } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';

@Entity({ tableName: 'kia_document' })
@Index({ name: 'kia_document_resident_idx', properties: ['residentId', 'forCard'] })
export class KiaDocumentRecord {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  residentId!: string;

  @Property({ type: 'integer' })
  forCard!: number;

  @Property({ length: 30 })
  kind!: KiaDocumentKind;

  /** application/pdf, image/jpeg or image/png. */
  @Property({ length: 40 })
  contentType!: string;

  @Property({ type: 'integer' })
  size!: number;

  /** SHA-256 of the bytes, hex. */
  @Property({ length: 64 })
  sha256!: string;

  @Property({ length: 200, nullable: true })
  fileName?: string | null;

  @Property({ length: 40 })
  addedAt!: string;

  @Property({ length: 200 })
  addedBy!: string;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();
}

/**
 * The bytes of a KIA application's document, in identity's own database, saved in the transaction of its document
 * row (as deeds keeps its documents): backed up with the register, served by any instance, never on a shared
 * volume. Limited by IDENTITY_UPLOAD_MAX_BYTES (2 MiB by default).
 */
@Entity({ tableName: 'kia_document_content' })
export class KiaDocumentContent {
  @PrimaryKey({ type: 'uuid' })
  documentId!: string;

  @Property({ type: 'blob' })
  content!: Buffer;
}
