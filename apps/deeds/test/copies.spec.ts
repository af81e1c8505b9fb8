// The deed as a document (service tier, SQLite): a registered death deed is issued as a PDF kutipan on plain paper
// whose embedded verification code is accepted by the public /verify endpoint; a correction makes a new version, a
// new copy verifies as valid and the old one as superseded; an annulment makes every copy verify as annulled. The
// verification shows no personal data, and a copy altered in the database no longer verifies. The kutipan reads as
// the office prints it: the deed's number in the form's sentence, the town, the NIK, "Dikeluarkan di Mbay" and the
// configured official (its text read back with pdftotext, from poppler-utils).
import { execFileSync } from 'node:child_process';
import { MikroORM } from '@mikro-orm/core';
import { PDFDocument } from 'pdf-lib';
import { SUBJECTS } from '@adminduk/contracts';
import { OutboxEvent } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import { DeedCopy } from '../src/copies/deed-copy.entity';
import { bootDeeds, Caller, daysAgo, nik, verifiedDeath, type Reply } from './deed-fixtures';

let t: TestApp;
let operator: Caller;
let registrar: Caller;
let anonymous: Caller;

beforeAll(async () => {
  t = await bootDeeds({}, { DEEDS_PUBLIC_BASE_URL: 'https://adminduk.nagekeokab.go.id/akta', DEEDS_OFFICIAL_NAME: 'Drs. Yohanes Bosco Dhey, M.Si', DEEDS_OFFICIAL_NIP: '19750312 200003 1 004' });
  operator = await Caller.user(t, ['operator'], ['531601']);
  registrar = await Caller.user(t, ['registrar'], ['531601']);
  anonymous = new Caller(t, {});
});
afterAll(() => t?.close());

/** The verification code a PDF carries in its metadata, read back with pdf-lib. */
async function codeIn(pdf: Buffer): Promise<{ code: string | undefined; pages: number; title: string | undefined }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const code = /verification-code:([A-Z2-7]{16})/.exec(doc.getKeywords() ?? '')?.[1];
  return { code, pages: doc.getPageCount(), title: doc.getTitle() };
}

/** The events of a subject the deed wrote to the outbox (in the transaction of its actions). */
async function outboxOf(subject: string, deedId: string): Promise<Record<string, unknown>[]> {
  const rows = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject }, { orderBy: { occurredAt: 'asc' } });
  return rows.map((r) => r.payload as Record<string, unknown>).filter((p) => p['deedId'] === deedId);
}

async function registeredAndIssued(deceasedNik = nik('1950-05-05', 'M')): Promise<Reply> {
  const verified = await verifiedDeath(t, operator, deceasedNik);
  const registered = await registrar.ok(`/deeds/${verified.body.id}/register`, { version: verified.body.version });
  return operator.ok(`/deeds/${verified.body.id}/issue`, { version: registered.body.version });
}

describe('a kutipan akta as a PDF with a QR verification code', () => {
  it('is a one-page PDF whose embedded code /verify accepts as VALID, showing no personal data', async () => {
    const deceased = nik('1950-05-05', 'M');
    const issued = await registeredAndIssued(deceased);
    expect(issued.body.status).toBe('ISSUED');
    const [copy] = issued.body.copies;
    expect(copy).toMatchObject({ status: 'VALID', deedVersion: 1, verificationUrl: `https://adminduk.nagekeokab.go.id/akta/verify/${copy.code}` });

    const pdf = await operator.get(copy.pdf);
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toBe('application/pdf');
    // Saved as a file named by the copy (no personal data in the name), not kept by caches (issue 16).
    expect([pdf.headers['content-disposition'], pdf.headers['cache-control'], pdf.headers['x-content-type-options']]).toEqual([`attachment; filename="kutipan-${copy.id}.pdf"`, 'no-store', 'nosniff']);
    const read = await codeIn(pdf.raw);
    expect(read.pages).toBe(1);
    expect(read.title).toBe(`Kutipan Akta Kematian ${issued.body.deedNumber}`);
    expect(read.code).toBe(copy.code);

    const verified = await anonymous.get(`/verify/${read.code}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      code: copy.code,
      status: 'VALID',
      documentName: 'Kutipan Akta Kematian',
      deedType: 'DEATH',
      deedNumber: issued.body.deedNumber,
      deedVersion: 1,
      registeredBy: 'Kabupaten Nagekeo',
      signature: { algorithm: 'Ed25519', check: 'VALID' },
    });
    expect(JSON.stringify(verified.body)).not.toContain(deceased);
    expect(JSON.stringify(verified.body)).not.toContain('Kornelis');
  });

  it('reads as the office prints it: the form’s sentence with the deed number, the town, the NIK, issued in Mbay by the configured official', async () => {
    const deceased = nik('1950-05-05', 'M');
    const issued = await registeredAndIssued(deceased);
    const pdf = await operator.get(issued.body.copies[0].pdf);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf.raw }).toString('utf8').replace(/[ \t]+/g, ' ');
    expect(text).toContain('KUTIPAN AKTA KEMATIAN');
    expect(text).toContain(`Berdasarkan Akta Kematian Nomor ${issued.body.deedNumber}`);
    expect(text).toContain('bahwa di KABUPATEN NAGEKEO');
    expect(text).toContain('telah meninggal dunia KORNELIS SAWU');
    expect(text).toContain(`NIK ${deceased}`);
    expect(text).not.toContain('Rumah, Labolewa');
    expect(text).toMatch(/Dikeluarkan di Mbay, tanggal \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(text).toContain('KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL');
    expect(text).toContain('Drs. Yohanes Bosco Dhey, M.Si');
    expect(text).toContain('NIP. 19750312 200003 1 004');
  });

  it('numbers deaths of one year in sequence, in the default format', async () => {
    const a = await registeredAndIssued();
    const b = await registeredAndIssued();
    const year = daysAgo(0).slice(0, 4);
    const seq = (n: string) => Number(n.slice(-4));
    expect(a.body.deedNumber).toMatch(new RegExp(`^5316-KM-\\d{4}${year}-\\d{4}$`));
    expect(seq(b.body.deedNumber)).toBe(seq(a.body.deedNumber) + 1);
  });

  it('after a correction: a new version and copy; the old code verifies as SUPERSEDED, the new one as VALID', async () => {
    const issued = await registeredAndIssued();
    const id = issued.body.id;
    const oldCode = issued.body.copies[0].code;
    const corrected = await registrar.ok(`/deeds/${id}/corrections`, {
      version: issued.body.version,
      changes: [{ field: 'deceased.fullName', to: 'Kornelis Sawu Bhoko' }],
      reason: 'the family name was left out',
    });
    expect(corrected.body).toMatchObject({ status: 'REGISTERED', deedVersion: 2, deedNumber: issued.body.deedNumber });
    expect(corrected.body.corrections).toEqual([
      expect.objectContaining({ version: 2, changes: [{ field: 'deceased.fullName', from: 'Kornelis Sawu', to: 'Kornelis Sawu Bhoko' }], reason: 'the family name was left out' }),
    ]);
    expect((await anonymous.get(`/verify/${oldCode}`)).body).toMatchObject({ status: 'SUPERSEDED', deedVersion: 1, currentDeedVersion: 2 });
    // Identity learns what changed, with the old and new name and the deceased's NIK (issue 19, item 7).
    expect(await outboxOf(SUBJECTS.deeds.deedCorrected, id)).toEqual([
      expect.objectContaining({
        deedType: 'DEATH',
        deedNumber: issued.body.deedNumber,
        deedVersion: 2,
        fields: ['deceased.fullName'],
        changes: [{ field: 'deceased.fullName', from: 'Kornelis Sawu', to: 'Kornelis Sawu Bhoko' }],
        persons: [{ role: 'deceased', nik: issued.body.particulars.deceased.nik }],
        reason: 'the family name was left out',
      }),
    ]);

    const reissued = await operator.ok(`/deeds/${id}/issue`, { version: corrected.body.version });
    const newCopy = reissued.body.copies[1];
    expect(newCopy).toMatchObject({ deedVersion: 2, status: 'VALID' });
    expect(reissued.body.copies[0].status).toBe('SUPERSEDED');
    const read = await codeIn((await operator.get(newCopy.pdf)).raw);
    expect(read.code).toBe(newCopy.code);
    expect((await anonymous.get(`/verify/${read.code}`)).body).toMatchObject({ status: 'VALID', deedVersion: 2 });
    expect((await anonymous.get(`/verify/${oldCode}`)).body.status).toBe('SUPERSEDED');
  });

  it('after an annulment on a final court decision: every copy verifies as ANNULLED', async () => {
    const issued = await registeredAndIssued();
    const id = issued.body.id;
    const notFinal = await registrar.post(`/deeds/${id}/annulment`, { version: issued.body.version, courtDecision: { number: '88/Pdt.G/2026/PN Bjw', finalOn: daysAgo(-5) } });
    expect(notFinal.status).toBe(422);
    expect(notFinal.body.code).toBe('COURT_DECISION_NOT_FINAL');
    const annulled = await registrar.ok(`/deeds/${id}/annulment`, { version: issued.body.version, courtDecision: { number: '88/Pdt.G/2026/PN Bjw', finalOn: daysAgo(0) }, reason: 'the person is alive' });
    expect(annulled.body).toMatchObject({ status: 'ANNULLED', allowedActions: [], annulment: { courtDecision: { number: '88/Pdt.G/2026/PN Bjw' } } });
    const verified = await anonymous.get(`/verify/${issued.body.copies[0].code}`);
    expect(verified.body).toMatchObject({ status: 'ANNULLED', annulledOn: daysAgo(0) });
    expect(await outboxOf(SUBJECTS.deeds.deedAnnulled, id)).toEqual([
      expect.objectContaining({ deedType: 'DEATH', deedNumber: issued.body.deedNumber, courtDecision: { number: '88/Pdt.G/2026/PN Bjw', finalOn: daysAgo(0) }, reason: 'the person is alive', persons: [{ role: 'deceased', nik: issued.body.particulars.deceased.nik }] }),
    ]);
    // A refused annulment published nothing.
    expect(await outboxOf(SUBJECTS.deeds.deedAnnulled, id)).toHaveLength(1);
    const again = await operator.post(`/deeds/${id}/issue`, { version: annulled.body.version });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('answers an unknown code 404 and a malformed one 400, as problem+json', async () => {
    const unknown = await anonymous.get('/verify/AAAAAAAAAAAAAAAA');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'COPY_NOT_FOUND' } });
    expect(unknown.contentType).toContain('application/problem+json');
    expect(await anonymous.get('/verify/not-a-code')).toMatchObject({ status: 400, body: { code: 'VERIFICATION_CODE_INVALID' } });
  });

  it('does not verify a copy whose stored fields were altered: the signature no longer checks', async () => {
    const issued = await registeredAndIssued();
    const code = issued.body.copies[0].code;
    const em = t.app.get(MikroORM).em.fork();
    const copy = await em.findOneOrFail(DeedCopy, { code });
    copy.signedPayload = copy.signedPayload.replace(/"deedVersion":1/, '"deedVersion":9');
    await em.flush();
    expect((await anonymous.get(`/verify/${code}`)).body).toMatchObject({ status: 'INVALID', signature: { check: 'INVALID' } });
  });

  it('publishes the public signing key, with which the signature checks outside the service', async () => {
    const { createPublicKey, verify } = await import('node:crypto');
    const issued = await registeredAndIssued();
    const verification = (await anonymous.get(`/verify/${issued.body.copies[0].code}`)).body;
    const keys = (await anonymous.get('/signing-keys')).body.keys as { keyId: string; publicKeyPem: string; current: boolean }[];
    const key = keys.find((k) => k.keyId === verification.signature.keyId);
    expect(key?.current).toBe(true);
    expect(verify(null, Buffer.from(verification.signature.signedPayload), createPublicKey(key?.publicKeyPem as string), Buffer.from(verification.signature.value, 'base64url'))).toBe(true);
    expect(JSON.parse(verification.signature.signedPayload)).toMatchObject({ code: verification.code, deedNumber: issued.body.deedNumber, deedType: 'DEATH' });
  });
});
