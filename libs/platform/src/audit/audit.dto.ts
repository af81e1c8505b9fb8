import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { INSTANT_PROPERTY } from '../time/office-instant';
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, AUDIT_OUTCOMES, type AuditAction, type AuditActorKind, type AuditOutcome } from './audit-entry.entity';

/** A date-time with its offset: the office works in WITA (+08:00), so a bare date or time would be ambiguous. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class AuditQuery {
  @ApiPropertyOptional({ description: "kind of record: 'resident', 'family-card', …", example: 'resident' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, { message: 'resourceType must be kebab-case, like resident or family-card' })
  resourceType?: string;

  @ApiPropertyOptional({
    description: 'the id of a record (never a NIK): its reads and changes, and the searches that returned it',
    example: '0190b5b4-0000-7000-8000-000000000000',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'resourceId must be a record id' })
  resourceId?: string;

  @ApiPropertyOptional({ description: 'token subject or API key id of the caller', example: 'operator-aesesa-1' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ description: 'entries at or after this date-time (ISO 8601 with offset)', example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @Matches(INSTANT, { message: 'from must be an ISO 8601 date-time with offset, like 2026-11-01T00:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'from must be a real date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'entries before this date-time (ISO 8601 with offset)', example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @Matches(INSTANT, { message: 'to must be an ISO 8601 date-time with offset, like 2026-12-01T00:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'to must be a real date-time' })
  to?: string;

  @ApiPropertyOptional({ description: 'page size, 1–200', default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `next` cursor of the previous page' })
  @IsOptional()
  @Matches(UUID, { message: 'after must be the next cursor of a previous page' })
  after?: string;
}

export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty({ ...INSTANT_PROPERTY, description: "when (RFC 3339 at the office's offset, e.g. +08:00)" }) at!: string;
  @ApiProperty({ description: 'token subject or API key id' }) actorId!: string;
  @ApiProperty({ enum: AUDIT_ACTOR_KINDS }) actorKind!: AuditActorKind;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ example: 'resident' }) resourceType!: string;
  @ApiPropertyOptional({ description: 'the record read or changed; absent for a search' }) resourceId?: string;
  @ApiPropertyOptional({ description: 'region of the record (for a search: the smallest region holding every result)' }) regionCode?: string;
  @ApiPropertyOptional({ description: 'for a search: how many records it returned' }) resultCount?: number;
  @ApiPropertyOptional({ type: [String], description: 'for a search: the ids of the records it returned' }) resultIds?: string[];
  @ApiPropertyOptional({ example: 'GET /residents/:id' }) endpoint?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome!: AuditOutcome;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items!: AuditEntryView[];
  @ApiPropertyOptional({ description: 'pass as `after` for the next page' }) next?: string;
}
