// The newborn's NIK on the kutipan akta kelahiran (issue 19, item 6), on the machine's PostgreSQL and NATS JetStream
// (integration tier), with identity played by the stand-in served over NATS (fake-identity.ts). Deeds never learns
// a newborn's NIK from an event: when it issues a birth kutipan it asks identity with
// identity.rpc.resident.by-birth-deed.v1. Checked as the clerk would: the PDF's text read back with pdftotext shows
// the NIK identity issued; a kutipan issued before identity registered the child shows "NIK -" and the copy says
// NOT_YET_REGISTERED (printing it again gives the same paper; a further copy asks again); with identity gone the
// issue is refused with 503 IDENTITY_UNAVAILABLE and nothing is issued.
import { execFileSync } from 'node:child_process';
import { MikroORM } from '@mikro-orm/core';
import { STREAMS } from '@adminduk/contracts';
import { NatsService } from '@adminduk/platform';
import { createDatabase, dropDatabase, uniqueNatsPrefix, type TestApp } from '@adminduk/platform/testing';
import { DeedCopy } from '../src/copies/deed-copy.entity';
import { BIRTH_DOCUMENTS, birthReport, bootDeeds, Caller, completeAndVerify, daysAgo, family, PARTNERS, type Reply } from './deed-fixtures';
import { deleteStream, REGISTER, startFakeIdentity } from './fake-identity';

jest.setTimeout(60_000);

let db: { name: string; url: string };
let prefix: string;
let deeds: TestApp;
let identity: TestApp | undefined;
let pustu: Caller;
let operator: Caller;
let registrar: Caller;
let anonymous: Caller;
let kk = 50;

beforeAll(async () => {
  db = await createDatabase('deedskutipannik');
  prefix = uniqueNatsPrefix('deeds-kutipan-nik');
  identity = await startFakeIdentity({ NATS_PREFIX: prefix });
  deeds = await bootDeeds({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  await deeds.app.get(NatsService).ready();
  pustu = Caller.partner(deeds, PARTNERS.pustuBoawae);
  operator = await Caller.user(deeds, ['operator'], ['531603'], 'op-boawae');
  registrar = await Caller.user(deeds, ['registrar'], ['5316'], 'pejabat-pencatatan-sipil');
  anonymous = new Caller(deeds, {});
}, 60_000);

afterAll(async () => {
  await deleteStream(deeds?.app.get(NatsService), STREAMS.deeds.name);
  await identity?.close();
  await deeds?.close();
  await dropDatabase(db.name);
}, 30_000);

/** A birth two days ago in Boawae, reported by the Pustu, completed, verified and registered (identity knows the family). */
async function registeredBirth(fullName: string): Promise<Reply> {
  const parents = family('531603');
  REGISTER.addFamily(`53160305012000${String(++kk).padStart(2, '0')}`, parents, '531603', '5316031001');
  const report = await pustu.ok('/notifications', birthReport(parents), 201);
  const verified = await completeAndVerify(operator, report.body.deedId, BIRTH_DOCUMENTS, { particulars: { child: { fullName, sex: 'F', religion: 'KATOLIK' } } });
  return registrar.ok(`/deeds/${report.body.deedId}/register`, { version: verified.body.version });
}

/** The NIK identity issues a girl born `daysAgo(2)` under kecamatan Boawae (day + 40), with `serial`. */
function newbornNik(serial: number): string {
  const born = daysAgo(2);
  return `531603${String(Number(born.slice(8, 10)) + 40).padStart(2, '0')}${born.slice(5, 7)}${born.slice(2, 4)}${String(serial).padStart(4, '0')}`;
}

/** The lines of the kutipan's text as pdftotext reads it, spaces collapsed. */
async function kutipanLines(pdfPath: string): Promise<string[]> {
  const pdf = await operator.get(pdfPath);
  expect(pdf.status).toBe(200);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf.raw })
    .toString('utf8')
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '');
}

const copyRow = (id: string) => deeds.app.get(MikroORM).em.fork().findOneOrFail(DeedCopy, { id });

describe('the newborn’s NIK on the kutipan akta kelahiran', () => {
  it('prints the NIK identity issued when it registered the newborn from the deed', async () => {
    const registered = await registeredBirth('Maria Yasinta Wea');
    const nik = newbornNik(1);
    REGISTER.linkBirth(registered.body.id, nik);
    const questions = REGISTER.birthDeedQuestions;

    const issued = await operator.ok(`/deeds/${registered.body.id}/issue`, { version: registered.body.version });
    expect(REGISTER.birthDeedQuestions - questions).toBe(1);
    expect(issued.body).toMatchObject({ status: 'ISSUED', copies: [{ status: 'VALID', childNikSource: 'IDENTITY' }] });
    const lines = await kutipanLines(issued.body.copies[0].pdf);
    expect(lines).toEqual(expect.arrayContaining(['KUTIPAN AKTA KELAHIRAN', 'telah lahir MARIA YASINTA WEA', `NIK ${nik}`, 'jenis kelamin PEREMPUAN']));

    // Kept with the copy (printing it again needs no identity), and never in what anyone can read by the QR code.
    const copy = await copyRow(issued.body.copies[0].id);
    expect(copy.content.childNik).toEqual({ nik, source: 'IDENTITY' });
    expect(copy.signedPayload).not.toContain(nik);
    const verification = await anonymous.get(`/verify/${copy.code}`);
    expect(verification.body).toMatchObject({ status: 'VALID', signature: { check: 'VALID' } });
    expect(JSON.stringify(verification.body)).not.toContain(nik);
  });

  it('prints "-" while identity has no resident for the deed, says so on the copy, and a further copy asks again', async () => {
    const registered = await registeredBirth('Theresia Lowa Bupu');
    const issued = await operator.ok(`/deeds/${registered.body.id}/issue`, { version: registered.body.version });
    expect(issued.body.copies).toEqual([expect.objectContaining({ status: 'VALID', childNikSource: 'NOT_YET_REGISTERED' })]);
    expect(await kutipanLines(issued.body.copies[0].pdf)).toEqual(expect.arrayContaining(['telah lahir THERESIA LOWA BUPU', 'NIK -']));
    expect((await copyRow(issued.body.copies[0].id)).content.childNik).toEqual({ nik: null, source: 'NOT_YET_REGISTERED' });

    // Identity registers the child; the first copy prints as it was issued, a further copy shows the NIK.
    const nik = newbornNik(2);
    REGISTER.linkBirth(registered.body.id, nik);
    expect(await kutipanLines(issued.body.copies[0].pdf)).toContain('NIK -');
    const again = await operator.ok(`/deeds/${registered.body.id}/issue`, { version: issued.body.version });
    expect(again.body.copies.map((c: { childNikSource: string }) => c.childNikSource)).toEqual(['NOT_YET_REGISTERED', 'IDENTITY']);
    expect(await kutipanLines(again.body.copies[1].pdf)).toContain(`NIK ${nik}`);
  });

  it('refuses to issue with 503 IDENTITY_UNAVAILABLE while identity does not answer: nothing issued, and it issues once identity is back', async () => {
    const registered = await registeredBirth('Yuliana Ngapa');
    const nik = newbornNik(3);
    REGISTER.linkBirth(registered.body.id, nik);
    await identity?.close();
    identity = undefined;

    const refused = await operator.post(`/deeds/${registered.body.id}/issue`, { version: registered.body.version });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ status: 503, code: 'IDENTITY_UNAVAILABLE' });
    expect(JSON.stringify(refused.body)).not.toContain(nik);
    expect((await operator.get(`/deeds/${registered.body.id}`)).body).toMatchObject({ status: 'REGISTERED', version: registered.body.version, copies: [] });

    identity = await startFakeIdentity({ NATS_PREFIX: prefix });
    const issued = await operator.ok(`/deeds/${registered.body.id}/issue`, { version: registered.body.version });
    expect(issued.body.copies).toEqual([expect.objectContaining({ childNikSource: 'IDENTITY' })]);
    expect(await kutipanLines(issued.body.copies[0].pdf)).toContain(`NIK ${nik}`);
  });
});
