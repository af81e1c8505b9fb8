/** The outreach service's entities and migrations (one list per database kind; see tools/db/migrations.ts). */
import type { DatabaseDefinition } from '@adminduk/platform';
import { Team } from './teams/team.entity';
import { OutreachVillage } from './villages/outreach-village.entity';
import { CalendarSettings } from './calendar/calendar-settings.entity';
import { CalendarDay } from './calendar/calendar-day.entity';
import { ResidentState } from './backlog/resident-state.entity';
import { BirthDeed } from './backlog/birth-deed.entity';
import { DeedApplication } from './backlog/deed-application.entity';
import { VisitLink } from './backlog/visit-link.entity';
import { Plan } from './plans/plan.entity';
import { PlanVisit } from './plans/plan-visit.entity';
import { EktpRecording } from './projection/ektp-recording.entity';
import { MIGRATIONS } from './migrations';

export const OUTREACH_ENTITIES = [Team, OutreachVillage, CalendarSettings, CalendarDay, ResidentState, BirthDeed, DeedApplication, VisitLink, Plan, PlanVisit, EktpRecording];

export const OUTREACH_DATABASE: DatabaseDefinition = { entities: OUTREACH_ENTITIES, migrations: MIGRATIONS };
