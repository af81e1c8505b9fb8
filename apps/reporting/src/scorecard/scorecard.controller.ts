/**
 * The Ministry's scorecard (scorecard.service.ts). Reading it is public like the indicators (small counts withheld
 * for the public); the manual entries are the office's: listed by its roles, entered by the registrar or an analyst
 * whose scope covers the regency.
 */
import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { attachment, CurrentPrincipal, PublicOrSignedIn, Roles, type Principal } from '@adminduk/platform';
import { RECONCILERS } from '../common/roles';
import { RegionsService } from '../common/regions.service';
import { NewScorecardEntryDto, ScorecardEntryView, ScorecardQuery, ScorecardView, ScorecardYearQuery } from './scorecard.dto';
import { scorecardCsv, scorecardPage, SCORECARD_PAGE_CSP } from './scorecard-export';
import { ScorecardService, type ScorecardEntryView as EntryView, type ScorecardResponse } from './scorecard.service';

const WITHHELD = 'Public answers withhold small counts as GET /indicators does (a withheld value is null with `suppressed: true`; "< 5" in the CSV and the printable page).';

@ApiTags('scorecard')
@Controller('scorecard')
export class ScorecardController {
  constructor(
    private readonly scorecard: ScorecardService,
    private readonly regions: RegionsService,
  ) {}

  @Get()
  @PublicOrSignedIn()
  @ApiOperation({
    summary: "The Ministry's indicators for a region and a year: definition, formula, the year's target and its source, the value (computed, entered by hand, or not measured) and where the office stands",
    description: WITHHELD,
  })
  @ApiOkResponse({ type: ScorecardView })
  get(@Query() q: ScorecardQuery, @CurrentPrincipal() viewer: Principal | undefined): Promise<ScorecardResponse> {
    return this.scorecard.scorecard(q.region, q.year, viewer);
  }

  @Get('export.csv')
  @PublicOrSignedIn()
  @ApiOperation({ summary: 'The scorecard as CSV, one row per Ministry indicator (as the office sends it upward)', description: WITHHELD })
  @ApiProduces('text/csv')
  async csv(@Query() q: ScorecardQuery, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() viewer: Principal | undefined): Promise<string> {
    const card = await this.scorecard.scorecard(q.region, q.year, viewer);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', attachment(`rapor-kemendagri_${card.region.code}_${card.year}.csv`));
    return scorecardCsv(card);
  }

  @Get('print')
  @PublicOrSignedIn()
  @ApiOperation({ summary: 'The scorecard as a printable page in Bahasa Indonesia (print it or save it as PDF from the browser)', description: WITHHELD })
  @ApiProduces('text/html')
  async print(@Query() q: ScorecardQuery, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() viewer: Principal | undefined): Promise<string> {
    const card = await this.scorecard.scorecard(q.region, q.year, viewer);
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('content-security-policy', SCORECARD_PAGE_CSP);
    return scorecardPage(card, `Dinas Kependudukan dan Pencatatan Sipil ${this.regions.regency.name}`);
  }

  @Get('entries')
  @Roles(...RECONCILERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every value entered by hand for a year, newest first, with who entered it and when (operator, registrar, analyst)' })
  @ApiOkResponse({ type: [ScorecardEntryView] })
  entries(@Query() q: ScorecardYearQuery): Promise<EntryView[]> {
    return this.scorecard.entries(q.year);
  }

  @Post('entries')
  @HttpCode(201)
  @Roles('registrar', 'analyst')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Enter the office's value of an indicator the system does not measure, for a year (registrar, analyst; regency scope)",
    description: 'Entries are kept, never changed: a correction is a newer entry. A measured indicator is 409 SCORECARD_INDICATOR_MEASURED; a scope short of the regency is 403 REGENCY_SCOPE_REQUIRED.',
  })
  @ApiCreatedResponse({ type: ScorecardEntryView })
  enter(@Body() body: NewScorecardEntryDto, @CurrentPrincipal() principal: Principal): Promise<EntryView> {
    return this.scorecard.enter(body, principal);
  }
}
