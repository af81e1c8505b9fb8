/** The identity service: residents, family cards, NIK issuance, e-KTP and KIA. */
import { Module, type DynamicModule } from '@nestjs/common';
import { STREAMS } from '@adminduk/contracts';
import { PlatformModule, type ServiceConfig } from '@adminduk/platform';
import { IDENTITY_DATABASE } from './identity.database';
import { ResidentsController } from './residents/residents.controller';
import { ResidentsService } from './residents/residents.service';

export const IDENTITY_OPENAPI = {
  title: 'Adminduk identity service',
  description: 'Residents, family cards (Kartu Keluarga), NIK issuance, e-KTP and KIA for a Dukcapil office.',
  version: '0.1.0',
};

@Module({})
export class IdentityModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: IdentityModule,
      imports: [PlatformModule.forRoot({ config, database: IDENTITY_DATABASE, streams: [STREAMS.identity] })],
      controllers: [ResidentsController],
      providers: [ResidentsService],
    };
  }
}
