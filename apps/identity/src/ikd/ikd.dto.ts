import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT_PROPERTY } from '@adminduk/platform';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  CAPTURE_CHANNELS,
  IKD_ACTION_TYPES,
  IKD_DEACTIVATION_REASONS,
  IKD_STATUSES,
  type CaptureChannel,
  type IkdActionType,
  type IkdDeactivationReason,
  type IkdState,
  type IkdStatus,
} from '@adminduk/domain';

/** The body fields each action takes; any other field is refused (400 FIELD_NOT_FOR_ACTION). */
export const IKD_ACTION_FIELDS: Readonly<Record<IkdActionType, readonly (keyof IkdActionDto)[]>> = {
  ACTIVATE: ['channel', 'visitId'],
  DEACTIVATE: ['reason', 'channel', 'visitId'],
  REACTIVATE: ['channel', 'visitId'],
};

/** One action on a resident's IKD. The IKD rules (libs/domain foldIkd) decide whether it is allowed now. */
export class IkdActionDto {
  @ApiProperty({ enum: IKD_ACTION_TYPES, description: 'ACTIVATE (first time), DEACTIVATE, REACTIVATE (again, usually on a new phone); see allowedActions of GET /residents/{id}/ikd' })
  @IsIn(IKD_ACTION_TYPES)
  type!: IkdActionType;

  @ApiProperty({ type: 'integer', description: 'the IKD version you read (GET …/ikd): a stale one is refused with 409 VERSION_CONFLICT', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  version!: number;

  @ApiPropertyOptional({ enum: IKD_DEACTIVATION_REASONS, description: 'DEACTIVATE (required): why' })
  @IsOptional()
  @IsIn(IKD_DEACTIVATION_REASONS)
  reason?: IkdDeactivationReason;

  @ApiPropertyOptional({ enum: CAPTURE_CHANNELS, description: 'at the office (default) or on an outreach visit (then visitId)' })
  @IsOptional()
  @IsIn(CAPTURE_CHANNELS)
  channel?: CaptureChannel;

  @ApiPropertyOptional({ description: 'the outreach visit (required with channel OUTREACH, only with it)' })
  @IsOptional()
  @IsUUID()
  visitId?: string;
}

/** One step of the IKD's history, with where it was taken and, for a deactivation, why. */
export class IkdHistoryView {
  @ApiProperty() index!: number;
  @ApiProperty({ enum: IKD_ACTION_TYPES }) type!: IkdActionType;
  @ApiProperty(INSTANT_PROPERTY) at!: string;
  @ApiProperty({ description: 'who recorded it' }) by!: string;
  @ApiProperty({ enum: IKD_STATUSES, description: 'the status after this action' }) status!: IkdStatus;
  @ApiProperty({ enum: CAPTURE_CHANNELS }) channel!: CaptureChannel;
  @ApiProperty({ type: String, nullable: true }) visitId!: string | null;
  @ApiProperty({ enum: IKD_DEACTIVATION_REASONS, nullable: true, description: 'DEACTIVATE only' }) reason!: IkdDeactivationReason | null;
}

/**
 * A resident's IKD, derived from its actions as of today. Its property names are those the integrators' field
 * filter already classifies (libs/platform auth/fields.ts), so that the `documents` scope reads it whole.
 */
export class IkdView {
  @ApiProperty() residentId!: string;
  @ApiProperty({ description: "the office's date the derived fields are for" }) asOf!: string;
  @ApiProperty({ enum: IKD_STATUSES }) status!: IkdStatus;
  @ApiProperty({ ...INSTANT_PROPERTY, nullable: true, description: 'the latest action (null: never activated)' }) since!: string | null;
  @ApiProperty({ enum: IKD_ACTION_TYPES, isArray: true, description: 'what may happen next: no activation without a recorded e-KTP, nothing once the resident died or moved out' })
  allowedActions!: IkdActionType[];
  @ApiProperty({ description: 'the number of actions: send it back with the next action' }) version!: number;
  @ApiProperty({ type: [IkdHistoryView] }) history!: IkdHistoryView[];
}

export function toIkdView(residentId: string, s: IkdState): IkdView {
  // The state keeps activations and deactivations apart, in order: walk them along the history.
  let a = 0;
  let d = 0;
  const history = s.history.map((h): IkdHistoryView => {
    if (h.type === 'DEACTIVATE') {
      const step = s.deactivations[d++];
      return { ...h, channel: step?.channel ?? 'OFFICE', visitId: step?.visitId ?? null, reason: step?.reason ?? null };
    }
    const step = s.activations[a++];
    return { ...h, channel: step?.channel ?? 'OFFICE', visitId: step?.visitId ?? null, reason: null };
  });
  return {
    residentId,
    asOf: s.asOf,
    status: s.status,
    since: s.history.at(-1)?.at ?? null,
    allowedActions: [...s.allowedActions],
    version: s.version,
    history,
  };
}
