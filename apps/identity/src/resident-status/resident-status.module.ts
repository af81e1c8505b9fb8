/**
 * Resident status (alive, deceased, moved out) and moves, in the identity service; also the resident access
 * and office clock that the e-KTP and KIA modules use. Its entity, ResidentStatusActionRecord, is listed in
 * identity.database.ts.
 */
import { Module } from '@nestjs/common';
import { OfficeClockService } from './office-clock.service';
import { ResidentAccessService } from './resident-access.service';
import { ResidentStatusController } from './resident-status.controller';
import { ResidentStatusService } from './resident-status.service';
import { FamilyCardsService } from '../family-cards/family-cards.service';

@Module({
  controllers: [ResidentStatusController],
  providers: [ResidentStatusService, ResidentAccessService, OfficeClockService, FamilyCardsService],
  exports: [ResidentAccessService, OfficeClockService],
})
export class ResidentStatusModule {}
