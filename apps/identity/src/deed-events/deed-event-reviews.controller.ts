import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@adminduk/platform';
import { DeedEventReviewPage, DeedEventReviewQuery, DeedEventReviewView, ReviewDecisionDto, ReviewDecisionView } from './deed-event-reviews.dto';
import { DeedEventReviewsService } from './deed-event-reviews.service';

@ApiTags('deed-event-reviews')
@Controller('deed-event-reviews')
export class DeedEventReviewsController {
  constructor(private readonly reviews: DeedEventReviewsService) {}

  @Get()
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: "The deeds events the register could not apply by itself, in the caller's region (pending first: status OPEN by default)" })
  @ApiOkResponse({ type: DeedEventReviewPage })
  list(@Query() query: DeedEventReviewQuery, @CurrentPrincipal() principal: Principal): Promise<DeedEventReviewPage> {
    return this.reviews.list(query, principal);
  }

  @Get(':id')
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'One review of a deeds event, with its differences or violations (fields and codes; residents by id)' })
  @ApiOkResponse({ type: DeedEventReviewView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<DeedEventReviewView> {
    return this.reviews.get(id, principal);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('registrar')
  @ApiOperation({ summary: "A registrar confirms a held event (PARTICULARS_MISMATCH) with a reason: it is applied to the register now, audited" })
  @ApiOkResponse({ type: ReviewDecisionView })
  confirm(@Param('id', uuidParam()) id: string, @Body() dto: ReviewDecisionDto, @CurrentPrincipal() principal: Principal): Promise<ReviewDecisionView> {
    return this.reviews.confirm(id, dto, principal);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({
    summary:
      'Closes a review that holds no event once the work is done through the ordinary endpoints (the child added to a card, the NIK found, …), with a reason: RESOLVED, DONE, audited. A held event is 409 DEED_EVENT_REVIEW_HELD',
  })
  @ApiOkResponse({ type: ReviewDecisionView })
  close(@Param('id', uuidParam()) id: string, @Body() dto: ReviewDecisionDto, @CurrentPrincipal() principal: Principal): Promise<ReviewDecisionView> {
    return this.reviews.close(id, dto, principal);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('registrar')
  @ApiOperation({ summary: 'A registrar rejects a held event (PARTICULARS_MISMATCH) with a reason: nothing is applied, the refusal is kept, audited' })
  @ApiOkResponse({ type: ReviewDecisionView })
  reject(@Param('id', uuidParam()) id: string, @Body() dto: ReviewDecisionDto, @CurrentPrincipal() principal: Principal): Promise<ReviewDecisionView> {
    return this.reviews.reject(id, dto, principal);
  }
}
