import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { RegistrationService } from '../registration/registration.service';
import { DeedCasesService } from './deed-cases.service';
import { AnnulDto, CorrectionDto, DeedPage, DeedSearchQuery, DeedView, IssueDto, OpenDeedDto, ReasonDto, RegisterDto, SubmitDto, VersionDto } from './deed.dto';

@ApiTags('deeds')
@Controller('deeds')
export class DeedsController {
  constructor(
    private readonly cases: DeedCasesService,
    private readonly registration: RegistrationService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Open an application at the office or on an outreach visit (no action yet: add documents, then submit)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key on a retry gets the case opened the first time (201), and nothing is written twice; keys are per caller' })
  @ApiCreatedResponse({ type: DeedView })
  open(@Body() dto: OpenDeedDto, @Headers('idempotency-key') idempotencyKey: string | undefined, @CurrentPrincipal() principal: Principal): Promise<DeedView> {
    return this.cases.open(dto, principal, idempotencyKey);
  }

  @Get()
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'The work queue: records by status, type, kecamatan, or waiting for identity (no particulars)' })
  @ApiOkResponse({ type: DeedPage })
  list(@Query() query: DeedSearchQuery, @CurrentPrincipal() principal: Principal): Promise<DeedPage> {
    return this.cases.list(query, principal);
  }

  @Get(':id')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'A deed record: particulars, documents and checklist, timeliness, milestones and BLAS/OMAS durations, copies, history' })
  @ApiOkResponse({ type: DeedView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<DeedView> {
    return this.cases.get(id, principal);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: "Submit the application (or resubmit it after a rejection): the deed type's document checklist must be complete" })
  @ApiOkResponse({ type: DeedView })
  submit(@Param('id', uuidParam()) id: string, @Body() dto: SubmitDto, @CurrentPrincipal() principal: Principal): Promise<DeedView> {
    return this.cases.submit(id, dto, principal);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Record that the office checked the data and documents' })
  @ApiOkResponse({ type: DeedView })
  verify(@Param('id', uuidParam()) id: string, @Body() dto: VersionDto, @CurrentPrincipal() principal: Principal): Promise<DeedView> {
    return this.cases.verify(id, dto, principal);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Send the application back with the reason; it may be resubmitted' })
  @ApiOkResponse({ type: DeedView })
  reject(@Param('id', uuidParam()) id: string, @Body() dto: ReasonDto, @CurrentPrincipal() principal: Principal): Promise<DeedView> {
    return this.cases.reject(id, dto, principal);
  }

  @Post(':id/register')
  @Roles('registrar')
  @ApiOperation({
    summary:
      'Register the deed with its number (a stillbirth: record it, and its letter is issued). A birth is first linked with identity; when identity cannot be asked, the registration waits (202, waitingFor IDENTITY) and is retried',
  })
  @ApiOkResponse({ type: DeedView, description: 'registered' })
  @ApiAcceptedResponse({ type: DeedView, description: 'waiting for the identity service; retried until it answers' })
  async register(
    @Param('id', uuidParam()) id: string,
    @Body() dto: RegisterDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeedView> {
    const outcome = await this.registration.register(id, dto, principal);
    void reply.status(outcome.status);
    return outcome.view;
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Issue a kutipan: a signed PDF copy with a QR verification code (again after a loss, or after a correction)' })
  @ApiOkResponse({ type: DeedView })
  issue(@Param('id', uuidParam()) id: string, @Body() dto: IssueDto, @CurrentPrincipal() principal: Principal): Promise<DeedView> {
    return this.cases.issue(id, dto, principal);
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @Roles('registrar')
  @ApiOperation({
    summary: 'Correct a clerical error (pembetulan, UU 23/2006 art. 71): a new deed version; earlier copies verify as superseded',
    description:
      'Each change names a particular of the deed type by path, or `eventDate` for the deed\'s event date (the day of birth, death, marriage, of the court decision…), ' +
      'with the corrected value. A corrected event date is a real date YYYY-MM-DD (422 EVENT_DATE_INVALID), not after the office day (EVENT_DATE_IN_FUTURE), ' +
      'not after the deed\'s registration (EVENT_DATE_AFTER_REGISTRATION) nor its first report (EVENT_AFTER_ACTION), not before 1900 (EVENT_DATE_TOO_EARLY), ' +
      'for a death not before the deceased\'s birth date (EVENT_DATE_BEFORE_BIRTH), and differs from the deed\'s (EVENT_DATE_UNCHANGED); several at once: ' +
      'DEED_ACTION_REFUSED with one item per violation. The timeliness class follows the corrected date; the registration stands.',
  })
  @ApiOkResponse({ type: DeedView })
  correct(@Param('id', uuidParam()) id: string, @Body() dto: CorrectionDto, @CurrentPrincipal() principal: Principal): Promise<DeedView> {
    return this.cases.correct(id, dto, principal);
  }

  @Post(':id/annulment')
  @HttpCode(200)
  @Roles('registrar')
  @ApiOperation({ summary: 'Annul the deed on a final court decision (pembatalan, UU 23/2006 art. 72): its copies verify as annulled' })
  @ApiOkResponse({ type: DeedView })
  annul(@Param('id', uuidParam()) id: string, @Body() dto: AnnulDto, @CurrentPrincipal() principal: Principal): Promise<DeedView> {
    return this.cases.annul(id, dto, principal);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Close a record that never became a deed (a duplicate report, a withdrawn application)' })
  @ApiOkResponse({ type: DeedView })
  archive(@Param('id', uuidParam()) id: string, @Body() dto: ReasonDto, @CurrentPrincipal() principal: Principal): Promise<DeedView> {
    return this.cases.archive(id, dto, principal);
  }
}
