// Every deed reaches the register (issue 19, item 7; service tier, SQLite): a recognition, a legitimation and an
// adoption name the child by NIK (required at SUBMIT, checked by parseNik) and, once registered, put their
// registered-deed event into the outbox with the child's NIK and the father's or adopter's NIK and name, for identity
// to apply. (A late birth deed naming the child's NIK: blas.int-spec.ts, a birth needs identity's link.)
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { OutboxEvent } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import { bootDeeds, Caller, completeAndVerify, daysAgo, family, nik } from './deed-fixtures';

let t: TestApp;
let operator: Caller;
let registrar: Caller;

beforeAll(async () => {
  t = await bootDeeds();
  operator = await Caller.user(t, ['operator'], ['531601']);
  registrar = await Caller.user(t, ['registrar'], ['531601']);
});
afterAll(() => t?.close());

async function outbox(subject: string, deedId: string): Promise<Record<string, unknown>[]> {
  const rows = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject });
  return rows.map((r) => r.payload as Record<string, unknown>).filter((p) => p.deedId === deedId);
}

const CHILD_NIK = nik('2019-02-14', 'F');
let birthDeeds = 40;
/** The child's birth deed number: the case key of these deeds, one per case. */
let BIRTH_DEED = '';

function application(deedType: 'RECOGNITION' | 'LEGITIMATION' | 'ADOPTION', child: Record<string, unknown>) {
  const parents = family();
  BIRTH_DEED = `5316-LU-20022019-00${(birthDeeds += 1)}`;
  const particulars: Record<string, unknown> = { child, birthDeedNumber: BIRTH_DEED };
  if (deedType !== 'ADOPTION') Object.assign(particulars, { father: parents.father, mother: parents.mother });
  if (deedType === 'LEGITIMATION') particulars.marriageDeedNumber = '5316-KW-01032026-0003';
  if (deedType === 'ADOPTION') {
    Object.assign(particulars, {
      adopter: { nik: nik('1975-06-01', 'M'), fullName: 'Petrus Nuwa', sex: 'M' },
      courtDecision: { number: '3/Pdt.P/2026/PN Bjw', court: 'Pengadilan Negeri Bajawa' },
    });
  }
  return { deedType, eventDate: daysAgo(10), districtCode: '531601', villageCode: '5316012002', particulars };
}

const DOCUMENTS = {
  RECOGNITION: ['RECOGNITION_LETTER', 'BIRTH_DEED', 'KK'],
  LEGITIMATION: ['BIRTH_DEED', 'MARRIAGE_DEED', 'KK'],
  ADOPTION: ['COURT_DECISION', 'BIRTH_DEED', 'KK'],
} as const;

describe('a recognition, legitimation or adoption deed', () => {
  it.each(['RECOGNITION', 'LEGITIMATION', 'ADOPTION'] as const)('%s: is not submitted without the child’s NIK, nor with a NIK parseNik refuses', async (deedType) => {
    const opened = await operator.ok('/deeds', application(deedType, { fullName: 'Maria Goreti Ngapa' }), 201);
    for (const kind of DOCUMENTS[deedType]) expect((await operator.upload(opened.body.id, kind)).status).toBe(201);
    const missing = await operator.post(`/deeds/${opened.body.id}/submit`, { version: 0 });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'particulars.child.nik' })]));
    // 31 February: a NIK whose birth date does not exist.
    const invalid = await operator.post(`/deeds/${opened.body.id}/submit`, { version: 0, particulars: { child: { nik: '5316017102190001', fullName: 'Maria Goreti Ngapa' } } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toContain('particulars.child.nik');
  });

  it('RECOGNITION: registered, it publishes deeds.recognition.registered.v1 with the child and the father by NIK and name', async () => {
    const opened = await operator.ok('/deeds', application('RECOGNITION', { nik: CHILD_NIK, fullName: 'Maria Goreti Ngapa' }), 201);
    const verified = await completeAndVerify(operator, opened.body.id, DOCUMENTS.RECOGNITION);
    const registered = await registrar.ok(`/deeds/${opened.body.id}/register`, { version: verified.body.version });
    expect(registered.body.status).toBe('REGISTERED');
    const [event, ...more] = await outbox(SUBJECTS.deeds.recognitionRegistered, opened.body.id);
    expect(more).toEqual([]);
    const father = opened.body.particulars.father;
    expect(event).toMatchObject({
      deedNumber: registered.body.deedNumber,
      child: { nik: CHILD_NIK, fullName: 'Maria Goreti Ngapa' },
      birthDeedNumber: BIRTH_DEED,
      fatherNik: father.nik,
      father: { fullName: father.fullName, sex: 'M', birthDate: father.birthDate },
      motherNik: opened.body.particulars.mother.nik,
      districtCode: '531601',
    });
  });

  it('LEGITIMATION: registered, it publishes deeds.legitimation.registered.v1 with the parents’ marriage deed', async () => {
    const opened = await operator.ok('/deeds', application('LEGITIMATION', { nik: CHILD_NIK, fullName: 'Maria Goreti Ngapa' }), 201);
    const verified = await completeAndVerify(operator, opened.body.id, DOCUMENTS.LEGITIMATION);
    await registrar.ok(`/deeds/${opened.body.id}/register`, { version: verified.body.version });
    expect(await outbox(SUBJECTS.deeds.legitimationRegistered, opened.body.id)).toEqual([
      expect.objectContaining({ child: { nik: CHILD_NIK, fullName: 'Maria Goreti Ngapa' }, marriageDeedNumber: '5316-KW-01032026-0003', fatherNik: opened.body.particulars.father.nik }),
    ]);
  });

  it('ADOPTION: registered, it publishes deeds.adoption.registered.v1 with the adopter and the court decision', async () => {
    const opened = await operator.ok('/deeds', application('ADOPTION', { nik: CHILD_NIK, fullName: 'Maria Goreti Nuwa' }), 201);
    const verified = await completeAndVerify(operator, opened.body.id, DOCUMENTS.ADOPTION);
    await registrar.ok(`/deeds/${opened.body.id}/register`, { version: verified.body.version });
    expect(await outbox(SUBJECTS.deeds.adoptionRegistered, opened.body.id)).toEqual([
      expect.objectContaining({
        child: { nik: CHILD_NIK, fullName: 'Maria Goreti Nuwa' },
        adopterNik: opened.body.particulars.adopter.nik,
        adopter: { fullName: 'Petrus Nuwa', sex: 'M' },
        courtDecision: { number: '3/Pdt.P/2026/PN Bjw', court: 'Pengadilan Negeri Bajawa' },
      }),
    ]);
  });
});
