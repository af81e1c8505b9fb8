/**
 * The read API (shapes.ts) and the two office endpoints. One-line handlers: IndicatorsService answers.
 * Access (common/roles.ts): the aggregate reads are public; reconciliation and replay need an office role.
 */
import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Problem, Public, Roles } from '@adminduk/platform';
import { RECONCILERS, REBUILDERS } from '../common/roles';
import { IndicatorsService } from '../indicators/indicators.service';
import { ReplayService, type ReplayReport } from '../projections/replay.service';
import { DateQuery, IndicatorsView, RankingView, ReconciliationView, RegionDateQuery, RegionView, ReplayView, SeriesQuery, SeriesView } from './reporting.dto';
import { exportRecords, toCsv } from './exports';
import type { IndicatorsResponse, RankingResponse, ReconciliationResponse, RegionResponse, SeriesResponse } from './shapes';

@ApiTags('indicators')
@Controller()
export class ReportingController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly replays: ReplayService,
  ) {}

  @Get('indicators')
  @Public()
  @ApiOperation({ summary: 'The ten indicators of a region on a day, each with its definition, target and breakdown (public)' })
  @ApiOkResponse({ type: IndicatorsView })
  list(@Query() q: RegionDateQuery): Promise<IndicatorsResponse> {
    return this.indicators.indicators(q.region, q.date);
  }

  @Get('indicators/:id/ranking')
  @Public()
  @ApiOperation({ summary: "The region's kecamatan or villages ranked by one indicator, worst first (public)" })
  @ApiOkResponse({ type: RankingView })
  ranking(@Param('id') id: string, @Query() q: RegionDateQuery): Promise<RankingResponse> {
    return this.indicators.ranking(id, q.region, q.date);
  }

  @Get('indicators/:id/series')
  @Public()
  @ApiOperation({ summary: 'One indicator of a region, one point per day (at most 366 days; public)' })
  @ApiOkResponse({ type: SeriesView })
  series(@Param('id') id: string, @Query() q: SeriesQuery): Promise<SeriesResponse> {
    return this.indicators.series(id, q.region, q.from, q.to);
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
  @Public()
  @ApiTags('exports')
  @ApiOperation({ summary: 'One indicator for a region and each of its children, as {id}.csv or {id}.json (public)' })
  @ApiProduces('text/csv', 'application/json')
  async export(@Param('file') file: string, @Query() q: RegionDateQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | object> {
    const match = /^([A-Z0-9_]+)\.(csv|json)$/.exec(file);
    if (!match) throw Problem.notFound('EXPORT_NOT_FOUND', 'exports are /exports/{indicatorId}.csv or /exports/{indicatorId}.json');
    const [, id, format] = match as unknown as [string, string, 'csv' | 'json'];
    const table = await this.indicators.exportTable(id, q.region, q.date);
    const name = `${table.indicator}_${table.region.code}_${table.asOf}.${format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`);
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
  @ApiOperation({ summary: 'Empties the read models and rebuilds them from the JetStream history (registrar, admin)' })
  @ApiOkResponse({ type: ReplayView })
  replay(): Promise<ReplayReport> {
    return this.replays.replay();
  }
}
