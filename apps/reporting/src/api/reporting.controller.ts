/**
 * The read API (shapes.ts) and the two office endpoints. One-line handlers: IndicatorsService answers.
 * Access (common/roles.ts): the aggregate reads are public; reconciliation and replay need an office role.
 */
import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { attachment, CurrentPrincipal, Problem, Public, PublicOrSignedIn, Roles, type Principal } from '@adminduk/platform';
import { RECONCILERS, REBUILDERS } from '../common/roles';
import { IndicatorsService } from '../indicators/indicators.service';
import { ReplayService, type ReplayReport } from '../projections/replay.service';
import { DateQuery, IndicatorsView, RankingView, ReconciliationView, RegionDateQuery, RegionView, ReplayView, SeriesQuery, SeriesView } from './reporting.dto';
import { exportRecords, toCsv } from './exports';
import type { IndicatorsResponse, RankingResponse, ReconciliationResponse, RegionResponse, SeriesResponse } from './shapes';

/** What the public figures withhold, for the OpenAPI document (indicators/small-cells.ts, the README). */
const SMALL_CELLS =
  'Without credentials (or for a caller outside the office: partner, integrator) counts of 1 to 4 people are withheld: ' +
  '`null`, named in the figure\'s `suppressed` list (`total`, `value`, `parts.<KEY>`, `details.<name>`), or `suppressed: true` on a ranking row or a series point; ' +
  'the CSV export writes "< 5". A part, percentage or detail that would give a withheld count back is withheld too, and so is the count of another region ' +
  '(the smallest non-zero sibling, else the parent) that would give it back by subtraction across region levels (kecamatan of the regency, desa of a kecamatan): ' +
  'every public answer of a day shows the same withheld cells, whatever the region, endpoint or format. ' +
  'An operator, registrar, analyst or admin sending a bearer token gets exact counts for the regions of their scope; invalid credentials are a 401.';

@ApiTags('indicators')
@Controller()
export class ReportingController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly replays: ReplayService,
  ) {}

  @Get('indicators')
  @PublicOrSignedIn()
  @ApiOperation({ summary: "The indicators of a region on a day (the office's ten, and the Ministry's IKD, burial register and integrated services), each with its definition, target and breakdown (public; small counts withheld)", description: SMALL_CELLS })
  @ApiOkResponse({ type: IndicatorsView })
  list(@Query() q: RegionDateQuery, @CurrentPrincipal() viewer: Principal | undefined): Promise<IndicatorsResponse> {
    return this.indicators.indicators(q.region, q.date, viewer);
  }

  @Get('indicators/:id/ranking')
  @PublicOrSignedIn()
  @ApiOperation({ summary: "The region's kecamatan or villages ranked by one indicator, worst first (public; small counts withheld)", description: SMALL_CELLS })
  @ApiOkResponse({ type: RankingView })
  ranking(@Param('id') id: string, @Query() q: RegionDateQuery, @CurrentPrincipal() viewer: Principal | undefined): Promise<RankingResponse> {
    return this.indicators.ranking(id, q.region, q.date, viewer);
  }

  @Get('indicators/:id/series')
  @PublicOrSignedIn()
  @ApiOperation({ summary: 'One indicator of a region, one point per day (at most 366 days; public; small counts withheld)', description: SMALL_CELLS })
  @ApiOkResponse({ type: SeriesView })
  series(@Param('id') id: string, @Query() q: SeriesQuery, @CurrentPrincipal() viewer: Principal | undefined): Promise<SeriesResponse> {
    return this.indicators.series(id, q.region, q.from, q.to, viewer);
  }

  @Get('regions/:code')
  @Public()
  @ApiTags('regions')
  @ApiOperation({ summary: 'A region, its parent and its children, for drill-down (public)' })
  @ApiOkResponse({ type: RegionView })
  region(@Param('code') code: string): RegionResponse {
    return this.indicators.region(code);
  }

  @Get('exports/:file')
  @PublicOrSignedIn()
  @ApiTags('exports')
  @ApiOperation({ summary: 'One indicator for a region and each of its children, as {id}.csv or {id}.json (public; small counts withheld: "< 5" in CSV)', description: SMALL_CELLS })
  @ApiProduces('text/csv', 'application/json')
  async export(@Param('file') file: string, @Query() q: RegionDateQuery, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() viewer: Principal | undefined): Promise<string | object> {
    const match = /^([A-Z0-9_]+)\.(csv|json)$/.exec(file);
    if (!match) throw Problem.notFound('EXPORT_NOT_FOUND', 'exports are /exports/{indicatorId}.csv or /exports/{indicatorId}.json');
    const [, id, format] = match as unknown as [string, string, 'csv' | 'json'];
    const table = await this.indicators.exportTable(id, q.region, q.date, viewer);
    const name = `${table.indicator}_${table.region.code}_${table.asOf}.${format}`;
    reply.header('content-disposition', attachment(name));
    if (format === 'json') return { indicator: table.indicator, asOf: table.asOf, region: table.region, rows: exportRecords(table) };
    reply.header('content-type', 'text/csv; charset=utf-8');
    return toCsv(table);
  }

  @Get('reconciliation')
  @Roles(...RECONCILERS)
  @ApiBearerAuth()
  @ApiTags('reconciliation')
  @ApiOperation({ summary: 'Checks that every breakdown adds up, in every region, and that children add up to their parent (office roles)' })
  @ApiOkResponse({ type: ReconciliationView })
  reconciliation(@Query() q: DateQuery): Promise<ReconciliationResponse> {
    return this.indicators.reconciliation(q.date);
  }

  @Post('replay')
  @HttpCode(200)
  @Roles(...REBUILDERS)
  @ApiBearerAuth()
  @ApiTags('replay')
  @ApiOperation({
    summary: 'Empties the read models and rebuilds them from the JetStream history (registrar, admin; regency scope)',
    description: 'It changes what everyone in the regency reads: the caller\'s region scope must cover the whole regency (regions `*` or the regency code), else 403 REGENCY_SCOPE_REQUIRED.',
  })
  @ApiOkResponse({ type: ReplayView })
  replay(@CurrentPrincipal() principal: Principal): Promise<ReplayReport> {
    return this.replays.replayFor(principal);
  }
}
