/** The KIA (child identity card) of each child (identity service). Its entities (KiaActionRecord, KiaRequestRecord, KiaDocumentRecord, KiaDocumentContent) are listed in identity.database.ts. */
import { Module } from '@nestjs/common';
import { ResidentStatusModule } from '../resident-status/resident-status.module';
import { KiaController } from './kia.controller';
import { KiaService } from './kia.service';
import { KiaDocumentsService } from './kia-documents.service';

@Module({
  imports: [ResidentStatusModule],
  controllers: [KiaController],
  providers: [KiaService, KiaDocumentsService],
})
export class KiaModule {}
