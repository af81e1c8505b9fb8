/**
 * The reporting service: read models built only from the IDENTITY, DEEDS and OUTREACH streams (no personal data:
 * ids, dates, codes), the Ministry's and the office's indicators per region and day with their definitions and
 * breakdowns, the reconciliation of every breakdown, exports, a replay of the stream history, and the dashboard.
 * It publishes nothing.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type ServiceConfig, type ServiceDefinition } from '@adminduk/platform';
import { REPORTING_DATABASE } from './reporting.database';
import { DashboardModule } from './dashboard/dashboard.module';
import { ReportingController } from './api/reporting.controller';
import { OfficeClockService } from './common/office-clock.service';
import { RegionsService } from './common/regions.service';
import { FiguresService } from './indicators/figures.service';
import { IndicatorsService } from './indicators/indicators.service';
import { ProjectionEventsHandler } from './projections/projection-events.handler';
import { ProjectionEventsService } from './projections/projection-events.service';
import { ReplayService } from './projections/replay.service';
import { ReportingAgreementUseSink } from './projections/agreement-use.sink';
import { ScorecardController } from './scorecard/scorecard.controller';
import { ScorecardService } from './scorecard/scorecard.service';

export const REPORTING_OPENAPI = {
  title: 'Adminduk reporting service',
  description:
    'Indicators of a Dukcapil office per region and day (e-KTP recording, KIA, birth deeds 0–17, death deeds, BLAS and OMAS times, ' +
    'timely registration, online share, outreach activity, projection to the e-KTP target), each with its definition and a breakdown ' +
    "that adds up; the Ministry's scorecard (its indicators, targets and the office's standing, with values entered by hand where the system measures nothing); " +
    'rankings, series, exports, the reconciliation of every breakdown and a replay of the event history.',
  version: '0.1.0',
};

@Module({})
export class ReportingModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ReportingModule,
      // No stream of its own: the reporting service publishes nothing (its consumers ensure the streams they read).
      imports: [PlatformModule.forRoot({ config, database: REPORTING_DATABASE, streams: [], agreementUseSink: ReportingAgreementUseSink }), DashboardModule],
      controllers: [ReportingController, ScorecardController],
      providers: [OfficeClockService, RegionsService, FiguresService, IndicatorsService, ProjectionEventsService, ProjectionEventsHandler, ReplayService, ScorecardService],
    };
  }
}

/** The reporting service for tools (OpenAPI writer, launcher, migrations). */
export const REPORTING_SERVICE: ServiceDefinition = {
  name: 'reporting',
  module: (config) => ReportingModule.forRoot(config),
  openApi: REPORTING_OPENAPI,
  database: REPORTING_DATABASE,
};
