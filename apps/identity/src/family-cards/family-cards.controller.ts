import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scope, uuidParam, type Principal } from '@adminduk/platform';
import {
  AddMemberDto,
  ChangeHeadDto,
  CreateFamilyCardDto,
  FamilyCardPage,
  FamilyCardSearchQuery,
  FamilyCardVersionPage,
  FamilyCardView,
  RemoveMemberDto,
  SplitFamilyCardDto,
  SplitResultView,
} from './family-card.dto';
import { FamilyCardsService } from './family-cards.service';

@ApiTags('family-cards')
@Controller('family-cards')
export class FamilyCardsController {
  constructor(private readonly cards: FamilyCardsService) {}

  @Post()
  @HttpCode(201)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Issue a family card with a new No. KK for registered residents (head and members with their SHDK)' })
  @ApiCreatedResponse({ type: FamilyCardView })
  create(@Body() dto: CreateFamilyCardDto, @CurrentPrincipal() principal: Principal): Promise<FamilyCardView> {
    return this.cards.create(dto, principal);
  }

  @Get()
  @Roles('operator', 'registrar', 'integrator')
  @Scope('family-cards')
  @ApiOperation({ summary: 'Find a family card by its current No. KK' })
  @ApiOkResponse({ type: FamilyCardPage })
  search(@Query() query: FamilyCardSearchQuery, @CurrentPrincipal() principal: Principal): Promise<FamilyCardPage> {
    return this.cards.search(query, principal);
  }

  @Get(':id')
  @Roles('operator', 'registrar', 'integrator')
  @Scope('family-cards')
  @ApiOperation({ summary: 'Read a family card with its members' })
  @ApiOkResponse({ type: FamilyCardView })
  get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<FamilyCardView> {
    return this.cards.get(id, principal);
  }

  @Get(':id/versions')
  @Roles('operator', 'registrar', 'integrator')
  @Scope('family-cards')
  @ApiOperation({ summary: 'The history of a family card: every version with its members and the facts of the change' })
  @ApiOkResponse({ type: FamilyCardVersionPage })
  versions(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal): Promise<FamilyCardVersionPage> {
    return this.cards.versions(id, principal);
  }

  @Post(':id/members')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Add a newborn (BIRTH) or a resident who moves in (MOVE_IN)' })
  @ApiOkResponse({ type: FamilyCardView })
  addMember(@Param('id', uuidParam()) id: string, @Body() dto: AddMemberDto, @CurrentPrincipal() principal: Principal): Promise<FamilyCardView> {
    return this.cards.addMember(id, dto, principal);
  }

  @Post(':id/members/:residentId/removal')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Remove a member who died or moved out; when the head leaves, a successor takes over' })
  @ApiOkResponse({ type: FamilyCardView })
  removeMember(
    @Param('id', uuidParam()) id: string,
    @Param('residentId', uuidParam()) residentId: string,
    @Body() dto: RemoveMemberDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FamilyCardView> {
    return this.cards.removeMember(id, residentId, dto, principal);
  }

  @Post(':id/head')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Make another member the head of the family' })
  @ApiOkResponse({ type: FamilyCardView })
  changeHead(@Param('id', uuidParam()) id: string, @Body() dto: ChangeHeadDto, @CurrentPrincipal() principal: Principal): Promise<FamilyCardView> {
    return this.cards.changeHead(id, dto, principal);
  }

  @Post(':id/split')
  @HttpCode(200)
  @Roles('operator', 'registrar')
  @ApiOperation({ summary: 'Pecah KK: a married Anak leaves with their spouse and children on a new card' })
  @ApiOkResponse({ type: SplitResultView })
  split(@Param('id', uuidParam()) id: string, @Body() dto: SplitFamilyCardDto, @CurrentPrincipal() principal: Principal): Promise<SplitResultView> {
    return this.cards.split(id, dto, principal);
  }
}
