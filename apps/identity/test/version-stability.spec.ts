// Reading a record inside a change must not make it look changed: on SQLite a datetime column declared with the
// string type name came back as a number, so every transaction that loaded a resident bumped its version (and a
// client holding the version it had just read got a 409). Entities use DateTimeType; this pins it.
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  token = await tokenFor(['registrar'], ['5316']);
});
afterAll(() => t.close());

it('an e-KTP action leaves the resident at the version the client read', async () => {
  const registered = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      fullName: 'Yosef Dhey',
      birthPlace: 'Boawae',
      birthDate: '1988-07-07',
      sex: 'M',
      religion: 'KATOLIK',
      maritalStatus: 'KAWIN_TERCATAT',
      motherName: 'Maria Bhoki',
      districtCode: '531603',
      villageCode: '5316031001',
      address: 'Boawae',
    },
  });
  expect(registered.statusCode).toBe(201);
  const { id, version } = registered.json();
  const action = await t.app.inject({
    method: 'POST',
    url: `/residents/${id}/ektp/actions`,
    headers: { authorization: `Bearer ${token}` },
    payload: { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Dukcapil Mbay', channel: 'OFFICE' },
  });
  expect(action.statusCode).toBe(201);
  const read = await t.app.inject({ method: 'GET', url: `/residents/${id}`, headers: { authorization: `Bearer ${token}` } });
  expect(read.json().version).toBe(version);
});
