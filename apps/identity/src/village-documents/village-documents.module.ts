/** GET /villages/{code}/documents: a village's e-KTP and KIA states in one request (identity service). No entity of its own. */
import { Module } from '@nestjs/common';
import { ResidentStatusModule } from '../resident-status/resident-status.module';
import { VillageDocumentsController } from './village-documents.controller';
import { VillageDocumentsService } from './village-documents.service';

@Module({
  imports: [ResidentStatusModule],
  controllers: [VillageDocumentsController],
  providers: [VillageDocumentsService],
})
export class VillageDocumentsModule {}
