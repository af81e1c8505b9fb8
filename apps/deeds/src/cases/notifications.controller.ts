import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { NotificationListQuery, NotificationPage, NotificationView, NotifyDto } from './deed.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Post()
  @Roles('partner')
  @ApiOperation({ summary: "A partner reports a birth, stillbirth, death or marriage (BLAS / OMAS): the first report opens the case (201), the same event reported again joins it (200)" })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key on a retry gets the first answer, and nothing is written twice' })
  @ApiCreatedResponse({ type: NotificationView, description: 'a new case, NOTIFIED' })
  @ApiOkResponse({ type: NotificationView, description: 'the event was already reported: this report joined that case' })
  async notify(
    @Body() dto: NotifyDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NotificationView> {
    const outcome = await this.notifications.notify(dto, principal, idempotencyKey);
    void reply.status(outcome.status);
    return outcome.view;
  }

  @Get()
  @Roles('partner')
  @ApiOperation({
    summary: "The partner's own reports, newest first: each with the status of its case and whether the document is ready (no personal data)",
    description:
      'A person of a partner institution (signed in with the institution in the token) sees the reports of the institution, whether made by a person or with its API key; nobody sees another institution’s reports.',
  })
  @ApiOkResponse({ type: NotificationPage })
  list(@Query() query: NotificationListQuery, @CurrentPrincipal() principal: Principal): Promise<NotificationPage> {
    return this.notifications.list(query, principal);
  }

  @Get(':id')
  @Roles('partner')
  @ApiOperation({ summary: "How one of the partner's own reports is getting on: the status of its case, and whether the document is ready (no personal data); another institution's report is 404" })
  @ApiOkResponse({ type: NotificationView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<NotificationView> {
    return this.notifications.get(id, principal);
  }
}
