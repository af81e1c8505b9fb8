/** The e-KTP of each resident (identity service). Its entity, EktpActionRecord, is listed in identity.database.ts. */
import { Module } from '@nestjs/common';
import { ResidentStatusModule } from '../resident-status/resident-status.module';
import { EktpController } from './ektp.controller';
import { EktpService } from './ektp.service';

@Module({
  imports: [ResidentStatusModule],
  controllers: [EktpController],
  providers: [EktpService],
})
export class EktpModule {}
