/** The deeds service's entities and migrations (one list per database kind; see tools/db/migrations.ts). */
import type { DatabaseDefinition } from '@adminduk/platform';
import { DeedRecord } from './cases/deed-record.entity';
import { DeedActionRecord } from './cases/deed-action.entity';
import { DeedNotification } from './cases/deed-notification.entity';
import { DeedRequest } from './cases/deed-request.entity';
import { DeedNumberCounter } from './registration/deed-number-counter.entity';
import { DeedDocument } from './documents/deed-document.entity';
import { DeedDocumentContent } from './documents/deed-document-content.entity';
import { DeedCopy } from './copies/deed-copy.entity';
import { KuaMarriage } from './kua/kua-marriage.entity';
import { Burial } from './burials/burial.entity';
import { MIGRATIONS } from './migrations';

export const DEEDS_ENTITIES = [DeedRecord, DeedActionRecord, DeedNotification, DeedRequest, DeedNumberCounter, DeedDocument, DeedDocumentContent, DeedCopy, KuaMarriage, Burial];

export const DEEDS_DATABASE: DatabaseDefinition = { entities: DEEDS_ENTITIES, migrations: MIGRATIONS };
