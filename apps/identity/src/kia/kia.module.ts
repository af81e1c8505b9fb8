/** The KIA (child identity card) of each child (identity service). Its entity, KiaActionRecord, is listed in identity.database.ts. */
import { Module } from '@nestjs/common';
import { ResidentStatusModule } from '../resident-status/resident-status.module';
import { KiaController } from './kia.controller';
import { KiaService } from './kia.service';

@Module({
  imports: [ResidentStatusModule],
  controllers: [KiaController],
  providers: [KiaService],
})
export class KiaModule {}
