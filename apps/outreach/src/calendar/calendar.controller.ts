import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/platform';
import { KEEPERS, READERS } from '../common/roles';
import { CalendarDayList, CalendarDayQuery, CalendarDayView, CalendarSettingsView, CreateCalendarDayDto, HolidayList, HolidayQuery, UpdateCalendarSettingsDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('settings')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Service weekdays (Wednesday and Friday by default) and the working day' })
  @ApiOkResponse({ type: CalendarSettingsView })
  settings(): Promise<CalendarSettingsView> {
    return this.calendar.settings();
  }

  @Put('settings')
  @Roles(...KEEPERS)
  @ApiOperation({ summary: 'Change the service weekdays and the working day, at the version read (regency scope)' })
  @ApiOkResponse({ type: CalendarSettingsView })
  updateSettings(@Body() dto: UpdateCalendarSettingsDto, @CurrentPrincipal() principal: Principal): Promise<CalendarSettingsView> {
    return this.calendar.updateSettings(dto, principal);
  }

  @Get('days')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Public holidays and blackout dates, from today (or from … to …)' })
  @ApiOkResponse({ type: CalendarDayList })
  days(@Query() query: CalendarDayQuery): Promise<CalendarDayList> {
    return this.calendar.days(query);
  }

  @Get('holidays')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The holidays the planner keeps clear, from today (or from … to …): national holidays and cuti bersama of the joint decrees, and the office\'s own',
    description: "The domain library's NATIONAL_HOLIDAYS extended with the office's HOLIDAY days, each year with its source and whether it is complete.",
  })
  @ApiOkResponse({ type: HolidayList })
  holidays(@Query() query: HolidayQuery): Promise<HolidayList> {
    return this.calendar.holidays(query);
  }

  @Post('days')
  @HttpCode(201)
  @Roles(...KEEPERS)
  @ApiOperation({ summary: 'Add a public holiday or a blackout date (regency scope)' })
  @ApiCreatedResponse({ type: CalendarDayView })
  addDay(@Body() dto: CreateCalendarDayDto, @CurrentPrincipal() principal: Principal): Promise<CalendarDayView> {
    return this.calendar.addDay(dto, principal);
  }

  @Delete('days/:date')
  @HttpCode(204)
  @Roles(...KEEPERS)
  @ApiOperation({ summary: 'Remove a holiday or blackout date (regency scope)' })
  @ApiNoContentResponse()
  removeDay(@Param('date') date: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.calendar.removeDay(date, principal);
  }
}
