/** The reporting service's entities and migrations (one list per database kind; see tools/db/migrations.ts). */
import type { DatabaseDefinition } from '@adminduk/platform';
import { ResidentFact } from './projections/resident-fact.entity';
import { DeedFact } from './projections/deed-fact.entity';
import { VisitFact } from './projections/visit-fact.entity';
import { AgreementUse } from './projections/agreement-use.entity';
import { ScorecardEntry } from './scorecard/scorecard-entry.entity';
import { MIGRATIONS } from './migrations';

export const REPORTING_ENTITIES = [ResidentFact, DeedFact, VisitFact, AgreementUse, ScorecardEntry];

export const REPORTING_DATABASE: DatabaseDefinition = { entities: REPORTING_ENTITIES, migrations: MIGRATIONS };
