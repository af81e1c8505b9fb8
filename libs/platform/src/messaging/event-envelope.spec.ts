// The edge check of incoming events, and the subject matching that finds an event's stream.
import { SUBJECTS } from '@adminduk/contracts';
import { parseEventMessage } from './event-envelope';
import { streamForSubject, subjectMatches } from './streams';

const subject = SUBJECTS.identity.residentRegistered;
const payload = { residentId: '0190b5b4-0000-7000-8000-000000000001', nik: '5316014103900001', birthDate: '1990-03-01', sex: 'F', maritalStatus: 'BELUM_KAWIN', origin: 'BIRTH', districtCode: '531601' };
const envelope = { id: '0190b5b4-0000-7000-8000-0000000000aa', subject, occurredAt: '2026-11-27T10:00:00.000Z', producer: 'identity', payload };
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseEventMessage', () => {
  it('accepts a valid envelope and keeps only the fields the contract knows', () => {
    const parsed = parseEventMessage(bytes({ ...envelope, payload: { ...payload, addedLater: 1 } }), subject);
    expect(parsed).toEqual({ ok: true, envelope });
  });

  it.each([
    ['bytes that are not JSON', '{"id":', 'MALFORMED_MESSAGE'],
    ['bytes that are not UTF-8', '\uFFFF', 'MALFORMED_MESSAGE'],
    ['a JSON array', [envelope], 'MALFORMED_MESSAGE'],
    ['an envelope without id', { ...envelope, id: undefined }, 'MALFORMED_MESSAGE'],
    ['an envelope for another subject', { ...envelope, subject: SUBJECTS.identity.kiaStatusChanged }, 'MALFORMED_MESSAGE'],
    ['an envelope without payload', { id: envelope.id, subject, occurredAt: envelope.occurredAt, producer: 'identity' }, 'MALFORMED_MESSAGE'],
    ['a payload that breaks the contract', { ...envelope, payload: { ...payload, nik: '123' } }, 'INVALID_PAYLOAD'],
  ])('refuses %s as poison (%s)', (_what, value, reason) => {
    const data = value === '\uFFFF' ? new Uint8Array([0xff, 0xfe, 0x7b]) : bytes(value);
    const parsed = parseEventMessage(data, subject);
    expect(parsed).toMatchObject({ ok: false, reason });
  });

  it('says which payload field breaks the contract', () => {
    const parsed = parseEventMessage(bytes({ ...envelope, payload: { ...payload, nik: '123', sex: 'X' } }), subject);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.detail).toContain('payload.nik');
      expect(parsed.detail).toContain('payload.sex');
    }
  });
});

describe('subjects and streams', () => {
  it.each([
    ['identity.resident.>', 'identity.resident.registered.v1', true],
    ['identity.resident.>', 'identity.resident', false],
    ['identity.*.registered.v1', 'identity.resident.registered.v1', true],
    ['identity.*', 'identity.resident.registered.v1', false],
    ['identity.resident.registered.v1', 'identity.resident.registered.v1', true],
    ['identity.resident.registered.v1', 'identity.resident.registered.v2', false],
  ])('%s matches %s: %s', (pattern, value, expected) => {
    expect(subjectMatches(pattern, value)).toBe(expected);
  });

  it('finds the stream that stores each event subject', () => {
    for (const s of Object.values(SUBJECTS.identity)) expect(streamForSubject(s)?.name).toBe('IDENTITY');
    expect(streamForSubject(SUBJECTS.identityRpc.residentByNik)).toBeUndefined();
  });
});
