/** The IKD (digital ID) of each resident (identity service). Its entities are listed in identity.database.ts. */
import { Module } from '@nestjs/common';
import { ResidentStatusModule } from '../resident-status/resident-status.module';
import { IkdController } from './ikd.controller';
import { IkdService } from './ikd.service';

@Module({
  imports: [ResidentStatusModule],
  controllers: [IkdController],
  providers: [IkdService],
})
export class IkdModule {}
