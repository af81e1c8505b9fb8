// The problem codes each service's OpenAPI document lists (Problem.code["x-codes"]), read from the sources: the
// office app's catalogue test holds an Indonesian message for each, so a code missing here is a message missing
// on screen.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { problemCodes } from './problem-codes';

const root = resolve(__dirname, '..', '..');

describe('problem codes of a service', () => {
  const deeds = problemCodes(root, 'deeds');
  const identity = problemCodes(root, 'identity');

  it("holds the service's own codes, the platform's shared ones, and the codes the error filter makes of HTTP and database failures", () => {
    expect(deeds).toEqual(expect.arrayContaining(['NOTIFICATION_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED', 'UNSUPPORTED_MEDIA_TYPE', 'FIELD_REQUIRED']));
    expect(deeds).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'VALIDATION_FAILED', 'VERSION_CONFLICT', 'IDENTITY_PROVIDER_UNAVAILABLE']));
    expect(deeds).toEqual(expect.arrayContaining(['DATABASE_UNAVAILABLE', 'BODY_TOO_LARGE', 'MALFORMED_BODY', 'ROUTE_NOT_FOUND', 'INTERNAL_ERROR']));
  });

  it("keeps one service's codes out of another's, and the libraries' own error codes out of all", () => {
    expect(identity).not.toContain('NOTIFICATION_NOT_FOUND');
    expect(deeds).not.toContain('NIK_ALREADY_REGISTERED');
    expect([...deeds, ...identity].filter((c) => c.startsWith('FST_ERR_') || c === 'ECONNREFUSED')).toEqual([]);
    expect(deeds).toEqual([...deeds].sort());
  });

  it('is what the committed OpenAPI documents list (npm run openapi writes them; npm test fails when they are stale)', () => {
    for (const service of ['identity', 'deeds', 'outreach', 'reporting']) {
      const document = JSON.parse(readFileSync(join(root, 'apps', service, 'openapi.json'), 'utf8'));
      expect(document.components.schemas.Problem.properties.code['x-codes']).toEqual(problemCodes(root, service));
    }
  });
});
