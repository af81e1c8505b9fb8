/** The register in OpenSID's format impor penduduk: GET /registers/opensid.xlsx and the `export` command (README.md). */
import { Module } from '@nestjs/common';
import { OpenSidExportController } from './opensid-export.controller';
import { OpenSidExportService } from './opensid-export.service';

@Module({
  controllers: [OpenSidExportController],
  providers: [OpenSidExportService],
  exports: [OpenSidExportService],
})
export class ExportModule {}
