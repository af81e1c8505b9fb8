import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardAssets } from './dashboard.assets';

/**
 * The dashboard (issue 7): one HTML page and its static files, served by the reporting service itself so that the
 * office needs no other web server and nothing from the internet. The page reads the public read API
 * (/indicators, /regions, /exports) from the same origin.
 */
@Module({
  controllers: [DashboardController],
  providers: [DashboardAssets],
})
export class DashboardModule {}
