import { ApiProperty } from '@nestjs/swagger';
import type { ServiceCounts } from '@adminduk/domain';

/** A count per service kind of the planner. */
export class ServiceCountsView implements ServiceCounts {
  @ApiProperty({ description: 'wajib-KTP residents whose e-KTP is not recorded / recordings' }) EKTP_RECORDING!: number;
  @ApiProperty({ description: 'children (0–18) without a birth deed / birth deed applications' }) BIRTH_DEED!: number;
  @ApiProperty({ description: 'children without a valid KIA / KIA applications' }) KIA!: number;
  @ApiProperty({ description: 'open applications (SUBMITTED, VERIFIED) / applications taken' }) APPLICATION!: number;
  @ApiProperty({ description: 'documents ready to hand over / handed over' }) HANDOVER!: number;
}

export const ZERO_COUNTS: ServiceCounts = { EKTP_RECORDING: 0, BIRTH_DEED: 0, KIA: 0, APPLICATION: 0, HANDOVER: 0 };
