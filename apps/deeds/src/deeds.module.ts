/**
 * The deeds service: civil registration (pencatatan sipil) of births, stillbirths, deaths, marriages, divorces,
 * recognitions, legitimations and adoptions, from the partners' reports (BLAS, OMAS) to the signed copies on plain
 * paper and their public verification; KUA reports of Muslim marriages; the burial register (Buku Pokok Pemakaman) matched with the deaths. It publishes to the DEEDS stream and
 * asks identity over NATS request/reply before registering a birth, and for the child's NIK when it issues a birth's
 * kutipan.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { STREAMS } from '@adminduk/contracts';
import { PlatformModule, type ServiceConfig, type ServiceDefinition } from '@adminduk/platform';
import { DEEDS_DATABASE } from './deeds.database';
import { DEEDS_CONFIG, loadDeedsConfig, type DeedsConfig } from './deeds.config';
import { OfficeClockService } from './office-clock.service';
import { BurialsController } from './burials/burials.controller';
import { BurialsService } from './burials/burials.service';
import { DeedAccessService } from './cases/deed-access.service';
import { DeedCasesService } from './cases/deed-cases.service';
import { DeedChecksService } from './cases/deed-checks.service';
import { DeedJournalService } from './cases/deed-journal.service';
import { DeedRequestsService } from './cases/deed-requests.service';
import { DeedViewsService } from './cases/deed-views.service';
import { DeedsController } from './cases/deeds.controller';
import { NotificationsController } from './cases/notifications.controller';
import { NotificationsService } from './cases/notifications.service';
import { CopiesController } from './copies/copies.controller';
import { CopiesService } from './copies/copies.service';
import { KutipanPdfService } from './copies/kutipan-pdf.service';
import { SigningService } from './copies/signing.service';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { UploadParserService } from './documents/upload-parser.service';
import { KuaMarriagesController } from './kua/kua-marriages.controller';
import { KuaMarriagesService } from './kua/kua-marriages.service';
import { DeedNumberService } from './registration/deed-number.service';
import { IdentityLinkService } from './registration/identity-link.service';
import { RegistrationRetryService } from './registration/registration-retry.service';
import { RegistrationService } from './registration/registration.service';
import { ServiceTimesController } from './reports/service-times.controller';
import { ServiceTimesService } from './reports/service-times.service';

export const DEEDS_OPENAPI = {
  title: 'Adminduk deeds service',
  description:
    'Civil deeds (akta pencatatan sipil) for a Dukcapil office: partners’ reports of births and deaths (BLAS, OMAS), applications with their ' +
    'document checklists, verification, registration with deed numbers, signed copies on plain paper with a public QR verification, ' +
    'corrections and annulments, KUA reports of Muslim marriages, the burial register matched with the deaths, and BLAS / OMAS service times.',
  version: '0.1.0',
};

@Module({})
export class DeedsModule {
  /** `deeds` defaults to the DEEDS_* variables of the environment (deeds.config.ts). */
  static forRoot(config: ServiceConfig, deeds: DeedsConfig = loadDeedsConfig(config)): DynamicModule {
    return {
      module: DeedsModule,
      imports: [PlatformModule.forRoot({ config, database: DEEDS_DATABASE, streams: [STREAMS.deeds] })],
      controllers: [NotificationsController, DeedsController, DocumentsController, CopiesController, KuaMarriagesController, ServiceTimesController, BurialsController],
      providers: [
        { provide: DEEDS_CONFIG, useValue: deeds },
        OfficeClockService,
        DeedAccessService,
        DeedChecksService,
        DeedJournalService,
        DeedRequestsService,
        DeedViewsService,
        DeedCasesService,
        NotificationsService,
        SigningService,
        KutipanPdfService,
        CopiesService,
        UploadParserService,
        DocumentsService,
        DeedNumberService,
        IdentityLinkService,
        RegistrationService,
        RegistrationRetryService,
        KuaMarriagesService,
        ServiceTimesService,
        BurialsService,
      ],
    };
  }
}

/** The deeds service for tools (OpenAPI writer, launcher). */
export const DEEDS_SERVICE: ServiceDefinition = {
  name: 'deeds',
  module: (config) => DeedsModule.forRoot(config),
  openApi: DEEDS_OPENAPI,
  database: DEEDS_DATABASE,
};
