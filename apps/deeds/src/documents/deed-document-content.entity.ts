/**
 * The bytes of an uploaded document, in the service's own database (not on disk): saved in the same
 * transaction as the document row, backed up with the records, and served by any instance of the service
 * (instances are stateless and share no volume). Uploads are limited (DEEDS_UPLOAD_MAX_BYTES, 2 MiB by default),
 * which keeps rows small.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'deed_document_content' })
export class DeedDocumentContent {
  @PrimaryKey({ type: 'uuid' })
  documentId!: string;

  @Property({ type: 'blob' })
  content!: Buffer;
}
