/**
 * A document of a deed application: an uploaded file (PDF, JPEG or PNG: a birth letter, the KK, KTPs…) or a
 * recorded SPTJM declaration (Surat Pernyataan Tanggung Jawab Mutlak, taken down at the office: the declarant,
 * the statement, two witnesses). `kind` is the domain's DocumentKind; the checklist (checkDocuments) counts the
 * kinds of a record's documents. The file's bytes are in DeedDocumentContent, so that listing documents never
 * reads them.
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { DocumentKind } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';

export const DOCUMENT_SOURCES = ['UPLOAD', 'DECLARATION'] as const;
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

/** An SPTJM as recorded at the office (personal data). */
export interface SptjmDeclaration {
  readonly declarant: { readonly nik: string; readonly fullName: string };
  readonly statement: string;
  readonly declaredOn: string;
  readonly witnesses: readonly { readonly nik: string; readonly fullName: string }[];
}

@Entity({ tableName: 'deed_document' })
@Index({ name: 'deed_document_deed_idx', properties: ['deedId'] })
export class DeedDocument {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  deedId!: string;

  @Property({ length: 30 })
  kind!: DocumentKind;

  @Property({ length: 12 })
  source!: DocumentSource;

  /** UPLOAD: application/pdf, image/jpeg or image/png. */
  @Property({ length: 40, nullable: true })
  contentType?: string | null;

  @Property({ type: 'integer', nullable: true })
  size?: number | null;

  /** UPLOAD: SHA-256 of the bytes, hex. */
  @Property({ length: 64, nullable: true })
  sha256?: string | null;

  @Property({ length: 200, nullable: true })
  fileName?: string | null;

  @Property({ type: 'json', nullable: true })
  declaration?: SptjmDeclaration | null;

  @Property({ length: 40 })
  addedAt!: string;

  @Property({ length: 200 })
  addedBy!: string;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();
}
