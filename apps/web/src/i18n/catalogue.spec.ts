/**
 * Every stable error code a service can send, and every code of the domain library's code lists, has an
 * Indonesian message (errors-id.ts), so that a person never reads a bare code or an English detail. The codes are
 * read from the committed OpenAPI documents (the `x-codes` list of the Problem schema's `code`) and from
 * @adminduk/domain, not copied here: a new code fails this test until its message is written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as domain from '@adminduk/domain';
import { domainCodeLists, missingMessages, problemCodesOf, SERVICES } from './error-codes';
import { ERRORS_EN } from './errors-en';
import { ERRORS_ID } from './errors-id';

const workspace = join(__dirname, '..', '..', '..', '..');
const openApiOf = (service: string): unknown => JSON.parse(readFileSync(join(workspace, 'apps', service, 'openapi.json'), 'utf8'));

describe('the Indonesian error messages', () => {
  describe.each(SERVICES)('cover the problem codes of the %s service', (service) => {
    it('every code in its openapi.json has an Indonesian message', () => {
      const list = problemCodesOf(openApiOf(service));
      if (!list.ok) {
        throw new Error(
          `apps/${service}/openapi.json lists no problem codes (${list.reason}); the OpenAPI generator must write them at ` +
            'components.schemas.Problem.properties.code["x-codes"] (npm run openapi)',
        );
      }
      expect({ service, missing: missingMessages(list.codes, ERRORS_ID) }).toEqual({ service, missing: [] });
    });
  });

  it("cover every code list of @adminduk/domain (exports named *_CODES)", () => {
    const lists = domainCodeLists(domain as unknown as Record<string, unknown>);
    // The domain's code lists exist (NIK, KK, deeds, documents, planning); an empty result means the reading broke.
    expect(Object.keys(lists).length).toBeGreaterThanOrEqual(5);
    const missing = Object.fromEntries(Object.entries(lists).map(([name, codes]) => [name, missingMessages(codes, ERRORS_ID)]).filter(([, m]) => m.length > 0));
    expect(missing).toEqual({});
  });

  it('are plain sentences: no empty message, no code or English detail left in', () => {
    for (const [code, message] of Object.entries(ERRORS_ID)) {
      expect({ code, ok: message.trim().length > 10 && !/\b[A-Z]{2,}_[A-Z_]+\b/.test(message) }).toEqual({ code, ok: true });
    }
  });

  it('has an English message for every code that has an Indonesian one', () => {
    expect(missingMessages(Object.keys(ERRORS_ID), ERRORS_EN)).toEqual([]);
  });
});

describe('reading the code lists', () => {
  it('reads x-codes from the Problem schema', () => {
    const doc = { components: { schemas: { Problem: { properties: { code: { type: 'string', 'x-codes': ['NOT_FOUND', 'VERSION_CONFLICT'] } } } } } };
    expect(problemCodesOf(doc)).toEqual({ ok: true, codes: ['NOT_FOUND', 'VERSION_CONFLICT'] });
  });

  it('says what is missing when there is no list', () => {
    const doc = { components: { schemas: { Problem: { properties: { code: { type: 'string' } } } } } };
    expect(problemCodesOf(doc)).toEqual({ ok: false, reason: 'no components.schemas.Problem.properties.code.x-codes in the document' });
    expect(problemCodesOf({ components: {} })).toEqual({ ok: false, reason: 'no components.schemas in the document' });
    expect(problemCodesOf({ components: { schemas: { Problem: { properties: { code: { 'x-codes': [1] } } } } } }).ok).toBe(false);
  });

  it('takes only the string arrays named *_CODES from the domain', () => {
    expect(domainCodeLists({ A_CODES: ['X', 'Y'], B_CODES: { BIRTH: 'KL' }, C: ['Z'], D_CODES: [1] })).toEqual({ A_CODES: ['X', 'Y'] });
  });

  it('names the codes without a message', () => {
    expect(missingMessages(['A', 'B', 'A', 'C'], { A: 'Pesan', C: ' ' })).toEqual(['B', 'C']);
  });
});
