/**
 * The outreach service (jemput bola): the teams, villages and calendar of the office's village visits, the
 * backlog per village kept current from the identity and deeds events, plans made by the domain library's
 * planner, cancellations with re-planning, visit outcomes, and the e-KTP coverage projection. It holds no
 * personal data beyond a minimal read model keyed by resident id (no names, no NIKs) and publishes to the
 * OUTREACH stream.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { STREAMS } from '@adminduk/contracts';
import { PlatformModule, type ServiceConfig, type ServiceDefinition } from '@adminduk/platform';
import { OUTREACH_DATABASE } from './outreach.database';
import { OfficeClockService } from './common/office-clock.service';
import { TeamsController } from './teams/teams.controller';
import { TeamsService } from './teams/teams.service';
import { VillagesController } from './villages/villages.controller';
import { VillagesService } from './villages/villages.service';
import { RegionNamesService } from './villages/region-names.service';
import { ReferenceSeedService } from './villages/reference-seed.service';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { BacklogController } from './backlog/backlog.controller';
import { BacklogService } from './backlog/backlog.service';
import { BacklogEventsHandler } from './backlog/backlog-events.handler';
import { BacklogEventsService } from './backlog/backlog-events.service';
import { PlansController } from './plans/plans.controller';
import { PlansService } from './plans/plans.service';
import { VisitsService } from './plans/visits.service';
import { PlanLockService } from './plans/plan-lock.service';
import { PlanRecordsService } from './plans/plan-records.service';
import { PlanningInputService } from './plans/planning-input.service';
import { ProjectionController } from './projection/projection.controller';
import { ProjectionService } from './projection/projection.service';
import { EktpRecordingsHandler } from './projection/ektp-recordings.handler';

export const OUTREACH_OPENAPI = {
  title: 'Adminduk outreach service',
  description:
    'Village visits (jemput bola) of a Dukcapil office: teams, villages and travel times, the service calendar, the backlog per village ' +
    '(e-KTP recordings, birth deeds, KIA, open applications, documents to hand over), visit plans with re-planning after cancellations, ' +
    'visit outcomes, and when the e-KTP recording target is reached.',
  version: '0.1.0',
};

@Module({})
export class OutreachModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: OutreachModule,
      imports: [PlatformModule.forRoot({ config, database: OUTREACH_DATABASE, streams: [STREAMS.outreach] })],
      controllers: [BacklogController, PlansController, ProjectionController, TeamsController, VillagesController, CalendarController],
      providers: [
        OfficeClockService,
        RegionNamesService,
        ReferenceSeedService,
        TeamsService,
        VillagesService,
        CalendarService,
        BacklogEventsService,
        BacklogEventsHandler,
        BacklogService,
        PlanningInputService,
        PlanRecordsService,
        PlanLockService,
        PlansService,
        VisitsService,
        ProjectionService,
        EktpRecordingsHandler,
      ],
    };
  }
}

/** The outreach service for tools (OpenAPI writer, launcher, migrations). */
export const OUTREACH_SERVICE: ServiceDefinition = {
  name: 'outreach',
  module: (config) => OutreachModule.forRoot(config),
  openApi: OUTREACH_OPENAPI,
  database: OUTREACH_DATABASE,
};
