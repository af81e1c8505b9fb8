import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_PROPERTY } from '@adminduk/platform';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { SERVICE_KINDS, type ServiceKind } from '@adminduk/domain';
import { ServiceCountsView } from '../common/service-counts.dto';
import { PLAN_STATUSES, type PlanOrigin, type PlanStatus } from './plan.entity';
import { CANCEL_REASONS, VISIT_STATUSES, type CancelReason, type VisitStatus } from './plan-visit.entity';

/** The longest plan the service makes: a year of service days (the domain library accepts up to 520 weeks). */
export const MAX_PLAN_WEEKS_HERE = 52;

export class CreatePlanDto {
  @ApiProperty({ minimum: 1, maximum: MAX_PLAN_WEEKS_HERE, example: 8, description: 'how many weeks to plan' })
  @IsInt()
  @Min(1)
  @Max(MAX_PLAN_WEEKS_HERE)
  weeks!: number;

  @ApiPropertyOptional({ description: 'first day of the plan (default: tomorrow at the office); not before today', example: '2026-12-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be YYYY-MM-DD' })
  startDate?: string;

  @ApiPropertyOptional({ description: "seed of the planner's search (the same backlog, teams, calendar and seed give the same plan)", minimum: 1, maximum: 1_000_000, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  seed?: number;

  @ApiPropertyOptional({
    type: [String],
    example: ['2026-12-25'],
    description:
      'holidays (national holidays, cuti bersama, the office\'s own) on which visits may be planned all the same: an explicit override, recorded on the plan (allowedHolidays). Each must be a holiday (PLAN_ALLOW_HOLIDAY_INVALID otherwise); without it no visit falls on a holiday',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(60)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'each of allowHolidays must be YYYY-MM-DD' })
  allowHolidays?: string[];
}

export class PlanListQuery {
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;
}

export class CancelVisitDto {
  @ApiProperty({ enum: CANCEL_REASONS, description: 'why the visit does not take place' })
  @IsIn(CANCEL_REASONS)
  reason!: CancelReason;
}

/** What the team did on the visit, per service kind (every kind defaults to 0). */
export class VisitOutcomeDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 5000, description: 'e-KTP recordings made' })
  @IsOptional() @IsInt() @Min(0) @Max(5000)
  EKTP_RECORDING?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 5000, description: 'birth deed applications taken' })
  @IsOptional() @IsInt() @Min(0) @Max(5000)
  BIRTH_DEED?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 5000, description: 'KIA applications taken' })
  @IsOptional() @IsInt() @Min(0) @Max(5000)
  KIA?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 5000, description: 'other applications taken or completed' })
  @IsOptional() @IsInt() @Min(0) @Max(5000)
  APPLICATION?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 5000, description: 'documents handed over' })
  @IsOptional() @IsInt() @Min(0) @Max(5000)
  HANDOVER?: number;
}

export class VisitMinutesView {
  @ApiProperty({ description: 'out and back' }) travel!: number;
  @ApiProperty() setup!: number;
  @ApiProperty() service!: number;
  @ApiProperty() total!: number;
}

export class LinkedRecordView {
  @ApiProperty({ enum: SERVICE_KINDS }) kind!: ServiceKind;
  @ApiProperty({ description: 'the resident (e-KTP, KIA) or the deed record (applications)' }) recordId!: string;
  @ApiProperty({ enum: ['RESIDENT', 'DEED'] }) recordType!: 'RESIDENT' | 'DEED';
  @ApiProperty({ ...INSTANT_PROPERTY, description: 'when outreach learnt of it' }) linkedAt!: string;
}

export class ReconciliationItemView {
  @ApiProperty({ enum: SERVICE_KINDS }) kind!: ServiceKind;
  @ApiProperty({ description: 'what the team reported' }) reported!: number;
  @ApiProperty({ description: 'records the identity and deeds services hold with this visit' }) linked!: number;
  @ApiProperty({
    enum: ['MATCH', 'FEWER_LINKED', 'MORE_LINKED', 'PARTLY_LINKABLE'],
    description:
      'MATCH; FEWER_LINKED / MORE_LINKED: the registers hold fewer / more records with this visit than reported; PARTLY_LINKABLE: no longer given (deed hand-overs carry their visit since deeds 0.2), kept for clients written against 0.1',
  })
  status!: 'MATCH' | 'FEWER_LINKED' | 'MORE_LINKED' | 'PARTLY_LINKABLE';
  @ApiProperty({ description: 'the report and the registers disagree (FEWER_LINKED or MORE_LINKED): to be looked at' }) mismatch!: boolean;
}

export class VisitView {
  @ApiProperty({ description: 'the visit id that e-KTP recordings and deed applications taken on it carry' }) id!: string;
  @ApiProperty() date!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty() teamName!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty() villageCode!: string;
  @ApiProperty() villageName!: string;
  @ApiProperty({ type: ServiceCountsView, description: 'what the planner expects the team to deliver' }) planned!: ServiceCountsView;
  @ApiProperty({ type: VisitMinutesView }) minutes!: VisitMinutesView;
  @ApiProperty({ enum: VISIT_STATUSES }) status!: VisitStatus;
  @ApiProperty({ enum: CANCEL_REASONS, nullable: true }) cancelReason!: CancelReason | null;
  @ApiProperty({ type: ServiceCountsView, nullable: true, description: 'what the team reported it did' }) outcome!: ServiceCountsView | null;
  @ApiPropertyOptional({ type: ServiceCountsView, description: 'GET of one visit: records of the registers linked to it, per service kind' })
  linked?: ServiceCountsView;
  @ApiPropertyOptional({ type: [LinkedRecordView], description: 'GET of one visit: the linked records themselves (resident or deed ids, no personal data)' })
  links?: LinkedRecordView[];
  @ApiPropertyOptional({ type: [ReconciliationItemView], description: 'GET of one visit with an outcome: reported against linked' })
  reconciliation?: ReconciliationItemView[];
  @ApiPropertyOptional({ description: 'GET of one visit with an outcome: some kind is FEWER_LINKED or MORE_LINKED' })
  mismatch?: boolean;
}

export class SkippedDateView {
  @ApiProperty() date!: string;
  @ApiProperty({ enum: ['HOLIDAY', 'BLACKOUT'] }) reason!: string;
  @ApiPropertyOptional({ description: "the holiday's name, when the calendar gives one ('Kelahiran Yesus Kristus')" }) name?: string;
}

export class AllowedHolidayView {
  @ApiProperty() date!: string;
  @ApiProperty({ type: String, nullable: true, description: "the holiday's name" }) name!: string | null;
}

export class PlanWarningView {
  @ApiProperty() code!: string;
  @ApiProperty({ description: "where in the planner's input" }) path!: string;
  @ApiProperty() message!: string;
}

export class PlanSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: "the first version's id" }) seriesId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: PlanStatus;
  @ApiProperty({ enum: ['GENERATED', 'REPLANNED'] }) origin!: PlanOrigin;
  @ApiProperty({ type: String, nullable: true }) previousPlanId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'for a re-plan: the cancelled visit' }) cancelledVisitId!: string | null;
  @ApiProperty({ description: 'the day the backlog was read' }) asOf!: string;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiProperty() weeks!: number;
  @ApiProperty({ description: "the planner's objective (weighted resident-days of waiting) of the part it planned; lower is better" }) objective!: number;
  @ApiProperty({ type: ServiceCountsView, description: 'the backlog the planner started from' }) backlog!: ServiceCountsView;
  @ApiProperty({ type: ServiceCountsView, description: "what the planner's visits serve" }) served!: ServiceCountsView;
  @ApiProperty({ type: ServiceCountsView, description: 'what is left after them' }) remaining!: ServiceCountsView;
  @ApiProperty(INSTANT_PROPERTY) createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) publishedAt!: string | null;
}

export class PlanView extends PlanSummaryView {
  @ApiProperty({ type: [SkippedDateView], description: 'service days without visits: holidays (national holidays and cuti bersama included) and blackouts' }) skippedDates!: SkippedDateView[];
  @ApiProperty({ type: [AllowedHolidayView], description: 'holidays the plan may place visits on, by the explicit override allowHolidays of POST /plans' }) allowedHolidays!: AllowedHolidayView[];
  @ApiProperty({ type: [PlanWarningView] }) warnings!: PlanWarningView[];
  @ApiProperty({ type: [VisitView], description: 'by date, then team; within your region scope' }) visits!: VisitView[];
}

export class PlanList {
  @ApiProperty({ type: [PlanSummaryView] }) items!: PlanSummaryView[];
}
