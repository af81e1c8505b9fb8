/**
 * The review queue of the deeds events as registrars see it (GET /deed-event-reviews, …/{id}, POST …/confirm,
 * …/reject). A review names residents and the card by id and its differences by field and code: never a name or a
 * NIK (a registrar reads the resident at GET /residents/{id} and the deed at the deeds service, by deedId).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateBy } from 'class-validator';
import { INSTANT_PROPERTY, officeInstant, officeInstantOrNull } from '@adminduk/platform';
import { DEED_EVENT_REVIEW_CODES, DEED_EVENT_REVIEW_RESOLUTIONS, type DeedEventReview, type DeedEventReviewCode, type DeedEventReviewResolution, type DeedEventReviewStatus } from './deed-event-review.entity';

/** A text a person typed: not blank, no control character U+0000–U+001F, U+007F–U+009F (they print as nothing and break exports). */
function PlainText(): PropertyDecorator {
  const control = (c: string) => {
    const n = c.codePointAt(0) ?? 0;
    return n <= 0x1f || (n >= 0x7f && n <= 0x9f);
  };
  return ValidateBy({
    name: 'plainText',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.trim() !== '' && ![...value].some(control),
      defaultMessage: (args) => `${args?.property ?? 'text'} must not be blank nor hold control characters`,
    },
  });
}

export class DeedEventReviewQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'RESOLVED'], default: 'OPEN', description: 'OPEN: pending (the default); RESOLVED: closed' })
  @IsOptional()
  @IsIn(['OPEN', 'RESOLVED'])
  status?: DeedEventReviewStatus;

  @ApiPropertyOptional({ enum: DEED_EVENT_REVIEW_CODES, description: 'only reviews of this code (PARTICULARS_MISMATCH: the events held for a confirmation)' })
  @IsOptional()
  @IsIn(DEED_EVENT_REVIEW_CODES)
  code?: DeedEventReviewCode;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReviewDecisionDto {
  @ApiProperty({ example: 'the family confirmed at the counter that the deed names him by his baptismal name', description: 'why (kept in the review and its audit trail); 1–500 characters, not blank' })
  @IsString()
  @Length(1, 500)
  @PlainText()
  reason!: string;
}

export class ReviewItemView {
  @ApiPropertyOptional({ description: "the domain's or the register's code (PARTICULARS_MISMATCH: NAME_DIFFERS, FAMILY_NAME_DIFFERS, GIVEN_NAME_DIFFERS, NAME_UNREADABLE, BIRTH_DATE_DIFFERS, SEX_DIFFERS)" })
  code?: string;
  @ApiPropertyOptional({ description: "what it is about: the deed's field ('deceased.fullName', 'mother.sex', 'husbandNik', 'familyCard')" })
  field?: string;
  @ApiProperty({ description: 'for people; never a name or a NIK in clear' }) message!: string;
  @ApiPropertyOptional({ type: [String], description: 'the residents it concerns' }) residentIds?: string[];
}

export class DeedEventReviewView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: "the deed (the deeds service's id; for a KUA marriage, its report id)" }) deedId!: string;
  @ApiProperty({ example: 'deeds.death.registered.v1' }) subject!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: DEED_EVENT_REVIEW_CODES }) code!: DeedEventReviewCode;
  @ApiProperty({ description: 'what happened and what is left to do' }) message!: string;
  @ApiProperty({ type: [ReviewItemView] }) items!: ReviewItemView[];
  @ApiProperty({ type: [String] }) residentIds!: string[];
  @ApiProperty({ type: String, nullable: true }) familyCardId!: string | null;
  @ApiProperty({ description: "the kecamatan of the deed's registration" }) districtCode!: string;
  @ApiProperty({ type: String, nullable: true, description: "the desa of the deed's registration when its event named one (added in 0.3): a desa-scoped operator sees its desa's reviews" })
  villageCode!: string | null;
  @ApiProperty({ enum: ['OPEN', 'RESOLVED'] }) status!: DeedEventReviewStatus;
  @ApiProperty({ description: 'true for an OPEN review that holds its event (PARTICULARS_MISMATCH): POST …/confirm applies it, …/reject refuses it' })
  held!: boolean;
  @ApiProperty(INSTANT_PROPERTY) createdAt!: string;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolvedBy!: string | null;
  @ApiProperty({ enum: DEED_EVENT_REVIEW_RESOLUTIONS, nullable: true }) resolution!: DeedEventReviewResolution | null;
  @ApiProperty({ type: String, nullable: true }) resolutionReason!: string | null;
}

export class DeedEventReviewPage {
  @ApiProperty({ type: [DeedEventReviewView] }) items!: DeedEventReviewView[];
}

export class FollowUpView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DEED_EVENT_REVIEW_CODES }) code!: DeedEventReviewCode;
}

export class ReviewDecisionView extends DeedEventReviewView {
  @ApiProperty({ type: [FollowUpView], description: 'confirm: the reviews the application opened (what the register could not do by itself; see GET /deed-event-reviews)' })
  followUps!: FollowUpView[];
}

export function toReviewView(r: DeedEventReview, utcOffset: string): DeedEventReviewView {
  return {
    id: r.id,
    deedId: r.deedId,
    subject: r.subject,
    eventId: r.eventId,
    code: r.code,
    message: r.message,
    items: r.items.map((i) => ({ ...(i.code ? { code: i.code } : {}), ...(i.field ? { field: i.field } : {}), message: i.message, ...(i.residentIds ? { residentIds: [...i.residentIds] } : {}) })),
    residentIds: [...r.residentIds],
    familyCardId: r.familyCardId ?? null,
    districtCode: r.districtCode,
    villageCode: r.villageCode ?? null,
    status: r.status,
    held: r.code === 'PARTICULARS_MISMATCH' && r.status === 'OPEN',
    createdAt: officeInstant(r.createdAt, utcOffset),
    resolvedAt: officeInstantOrNull(r.resolvedAt, utcOffset),
    resolvedBy: r.resolvedBy ?? null,
    resolution: r.resolution ?? null,
    resolutionReason: r.resolutionReason ?? null,
  };
}
