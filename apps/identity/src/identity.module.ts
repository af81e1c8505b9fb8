/** The identity service: residents, family cards, NIK issuance, e-KTP, KIA and IKD. */
import { Module, type DynamicModule } from '@nestjs/common';
import { STREAMS } from '@adminduk/contracts';
import { PlatformModule, type ServiceConfig, type ServiceDefinition } from '@adminduk/platform';
import { IDENTITY_DATABASE } from './identity.database';
import { FamilyCardsModule } from './family-cards/family-cards.module';
import { EktpModule } from './ektp/ektp.module';
import { KiaModule } from './kia/kia.module';
import { IkdModule } from './ikd/ikd.module';
import { VillageDocumentsModule } from './village-documents/village-documents.module';
import { ResidentStatusModule } from './resident-status/resident-status.module';
import { IdentityRpcModule } from './rpc/identity-rpc.module';
import { ImportModule } from './import/import.module';
import { ExportModule } from './export/export.module';
import { DeedEventsModule } from './deed-events/deed-events.module';
import { BirthDeedLinksModule } from './birth-deed-links/birth-deed-links.module';
import { ResidentsController } from './residents/residents.controller';
import { ResidentsService } from './residents/residents.service';
import { ResidentUpdateService } from './residents/resident-update.service';

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
      imports: [PlatformModule.forRoot({ config, database: IDENTITY_DATABASE, streams: [STREAMS.identity] }), FamilyCardsModule, ResidentStatusModule, EktpModule, KiaModule, IkdModule, VillageDocumentsModule, IdentityRpcModule, ImportModule, ExportModule, DeedEventsModule, BirthDeedLinksModule],
      controllers: [ResidentsController],
      providers: [ResidentsService, ResidentUpdateService],
    };
  }
}

/** The identity service for tools (OpenAPI writer, launcher). */
export const IDENTITY_SERVICE: ServiceDefinition = {
  name: 'identity',
  module: (config) => IdentityModule.forRoot(config),
  openApi: IDENTITY_OPENAPI,
  database: IDENTITY_DATABASE,
};
