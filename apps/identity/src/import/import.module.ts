/**
 * Bulk import of an existing population register (identity service). Its entities, ImportJob and
 * ImportRejection, are listed in identity.database.ts; it is run as a command (import.command.ts) or uploaded
 * through POST /imports (imports.controller.ts, for the office app).
 */
import { Module } from '@nestjs/common';
import { ImportAnnounceService } from './import-announce.service';
import { ImportService } from './import.service';
import { ImportsController } from './imports.controller';
import { ImportsHttpService } from './imports-http.service';

@Module({
  controllers: [ImportsController],
  providers: [ImportService, ImportAnnounceService, ImportsHttpService],
  exports: [ImportService, ImportAnnounceService],
})
export class ImportModule {}
