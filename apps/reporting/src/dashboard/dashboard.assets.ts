import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { Problem, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';

/**
 * The dashboard's files, served from `join(__dirname, 'public')` (sources under Jest, dist/apps/reporting/dashboard
 * in the build). Only the files named here are ever read: a request names a key of this allow-list, never a path,
 * so no request can reach another file (`..`, encoded slashes, absolute paths are simply unknown names).
 */
export const DASHBOARD_FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'format.js': 'text/javascript; charset=utf-8',
  'chart.js': 'text/javascript; charset=utf-8',
  'views.js': 'text/javascript; charset=utf-8',
  'labels.js': 'text/javascript; charset=utf-8',
  'route.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

export interface DashboardFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** A strong validator: the hash of the content, so a browser revalidates cheaply (304) after each release. */
  readonly etag: string;
}

export const DASHBOARD_PUBLIC_DIR = join(__dirname, 'public');

@Injectable()
export class DashboardAssets {
  private readonly cache = new Map<string, DashboardFile>();

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  /** The file, or a 404 problem when the name is not one of the dashboard's files. */
  async get(name: string): Promise<DashboardFile> {
    const contentType = Object.prototype.hasOwnProperty.call(DASHBOARD_FILES, name) ? DASHBOARD_FILES[name] : undefined;
    if (!contentType) throw Problem.notFound('DASHBOARD_ASSET_NOT_FOUND', 'there is no such file in the dashboard');
    const cached = this.cache.get(name);
    if (cached) return cached;
    let body: Buffer;
    try {
      body = await readFile(join(DASHBOARD_PUBLIC_DIR, name));
    } catch {
      // Listed but not deployed (a build that forgot the asset copy): say so rather than a bare 500.
      throw Problem.notFound('DASHBOARD_ASSET_NOT_FOUND', 'the dashboard file is missing from this installation');
    }
    // The page opens on this office's regency (REGENCY_CODE), written into the page rather than fetched.
    if (name === 'index.html') body = Buffer.from(body.toString('utf8').replace('{{REGENCY_CODE}}', this.config.regencyCode));
    const file: DashboardFile = { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    // The files are part of the release and do not change while the service runs.
    this.cache.set(name, file);
    return file;
  }
}
