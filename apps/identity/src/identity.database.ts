/** The identity service's entities and migrations (one list per database kind; see tools/db/migrations.ts). */
import type { DatabaseDefinition } from '@adminduk/platform';
import { Resident } from './residents/resident.entity';
import { NikSerialCounter } from './residents/nik-serial.entity';
import { FamilyCard } from './family-cards/family-card.entity';
import { FamilyCardMembership } from './family-cards/family-card-membership.entity';
import { FamilyCardVersion } from './family-cards/family-card-version.entity';
import { KkSerialCounter } from './family-cards/kk-serial.entity';
import { EktpActionRecord } from './ektp/ektp-action.entity';
import { EktpRequestRecord } from './ektp/ektp-request.entity';
import { IkdActionRecord } from './ikd/ikd-action.entity';
import { IkdRequestRecord } from './ikd/ikd-request.entity';
import { KiaActionRecord } from './kia/kia-action.entity';
import { KiaRequestRecord } from './kia/kia-request.entity';
import { KiaDocumentContent, KiaDocumentRecord } from './kia/kia-document.entity';
import { ResidentStatusActionRecord } from './resident-status/resident-status-action.entity';
import { ImportJob } from './import/import-job.entity';
import { ImportRejection } from './import/import-rejection.entity';
import { ImportedDocument } from './import/imported-document.entity';
import { DeedEventApplication } from './deed-events/deed-event-application.entity';
import { DeedEventReview } from './deed-events/deed-event-review.entity';
import { BirthDeedLink } from './birth-deed-links/birth-deed-link.entity';
import { MIGRATIONS } from './migrations';

export const IDENTITY_ENTITIES = [Resident, NikSerialCounter, FamilyCard, FamilyCardMembership, FamilyCardVersion, KkSerialCounter, EktpActionRecord, EktpRequestRecord, KiaActionRecord, KiaRequestRecord, KiaDocumentRecord, KiaDocumentContent, IkdActionRecord, IkdRequestRecord, ResidentStatusActionRecord, ImportJob, ImportRejection, ImportedDocument, DeedEventApplication, DeedEventReview, BirthDeedLink];

export const IDENTITY_DATABASE: DatabaseDefinition = { entities: IDENTITY_ENTITIES, migrations: MIGRATIONS };
