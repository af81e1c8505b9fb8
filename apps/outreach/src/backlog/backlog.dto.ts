import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ServiceCountsView } from '../common/service-counts.dto';
import { RESIDENT_DUE_KINDS, type ResidentDueKind } from './backlog.service';

export class BacklogQuery {
  @ApiPropertyOptional({ description: 'only this kecamatan (6 digits)', example: '531601' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be 6 digits' })
  districtCode?: string;
}

/** The counts behind the backlog, as of the day: whom each backlog is out of. */
export class PopulationCountsView {
  @ApiProperty({ description: 'living residents known to the read model' }) residents!: number;
  @ApiProperty({ description: 'wajib KTP today: 17 or over, or ever married (UU 24/2013 art. 63(1))' }) wajibKtp!: number;
  @ApiProperty({ description: 'wajib KTP with the e-KTP recorded' }) ektpRecorded!: number;
  @ApiProperty({ description: 'becoming wajib KTP within the next 52 weeks (turning 17)' }) newWajibKtpNextYear!: number;
  @ApiProperty({ description: 'children aged 0–18 (the birth deed indicator)' }) children!: number;
  @ApiProperty({ description: 'of them, with a birth deed known' }) childrenWithBirthDeed!: number;
  @ApiProperty({ description: 'children under 17 never married (KIA, Permendagri 2/2016)' }) kiaEligible!: number;
  @ApiProperty({ description: 'of them, with a valid KIA issued or printed' }) withKia!: number;
}

export class AreaBacklogView {
  @ApiProperty({ type: ServiceCountsView, description: 'what a team could do there, per service kind of the planner' }) backlog!: ServiceCountsView;
  @ApiProperty({ type: PopulationCountsView }) population!: PopulationCountsView;
}

export class VillageBacklogView extends AreaBacklogView {
  @ApiProperty({ example: '5316012002' }) code!: string;
  @ApiProperty({ example: 'Labolewa' }) name!: string;
}

export class DistrictBacklogView extends AreaBacklogView {
  @ApiProperty({ example: '531601' }) code!: string;
  @ApiProperty({ example: 'Aesesa' }) name!: string;
  @ApiProperty({ type: [VillageBacklogView] }) villages!: VillageBacklogView[];
  @ApiProperty({ type: AreaBacklogView, nullable: true, description: 'records of the kecamatan without a (known) village: counted here, not planned' })
  unassigned!: AreaBacklogView | null;
}

export class BacklogView {
  @ApiProperty({ description: "the office's date the counts are for (ages move with it)" }) asOf!: string;
  @ApiProperty({ example: '5316' }) regencyCode!: string;
  @ApiProperty({ type: AreaBacklogView, description: 'everything in your region scope' }) totals!: AreaBacklogView;
  @ApiProperty({ type: [DistrictBacklogView] }) districts!: DistrictBacklogView[];
}

export class ResidentDueView {
  @ApiProperty({ format: 'uuid', description: "the resident's id in the identity service (join with its resident list for names)" }) residentId!: string;
  @ApiProperty({
    enum: RESIDENT_DUE_KINDS,
    isArray: true,
    description:
      'what is due, in this order: EKTP_RECORDING (wajib KTP, e-KTP not recorded), BIRTH_DEED (aged 0–18, no birth deed known), KIA (under 17 never married, no valid KIA printed or issued), EKTP_HANDOVER (e-KTP PRINTED), KIA_HANDOVER (valid KIA PRINTED) — each exactly what the village counts in GET /backlog (HANDOVER there also counts deeds REGISTERED)',
  })
  due!: ResidentDueKind[];
}

export class VillageResidentsView {
  @ApiProperty({ example: '5316012002' }) villageCode!: string;
  @ApiProperty({ description: "the office's date the list is for (ages move with it)", example: '2026-12-07' }) asOf!: string;
  @ApiProperty({ type: [ResidentDueView], description: 'the living residents of the village with at least one thing due, ordered by resident id; not paged (a village has at most a few thousand residents)' })
  items!: ResidentDueView[];
}
