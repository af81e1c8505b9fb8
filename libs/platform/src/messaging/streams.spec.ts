// The stream settings as JetStream spells them, who owns a stream, and subject matching (the parts of streams.ts
// that need no server; streams.int-spec.ts runs ensureStream against a real server and a real cluster).
import { STREAMS } from '@adminduk/contracts';
import { deadLetterStream } from './dead-letter';
import { ownsStream, streamForSubject, streamLimits, subjectMatches } from './streams';

describe('streamLimits', () => {
  it('keeps the defaults of before: one replica, no age or size limit', () => {
    expect(streamLimits({ replicas: 1, maxAgeDays: 0, maxBytes: 0 })).toEqual({ num_replicas: 1, max_age: 0, max_bytes: -1 });
  });

  it('gives the age in nanoseconds and the size in bytes', () => {
    expect(streamLimits({ replicas: 3, maxAgeDays: 30, maxBytes: 10_737_418_240 })).toEqual({ num_replicas: 3, max_age: 30 * 86_400 * 1e9, max_bytes: 10_737_418_240 });
  });

  it('stays an exact integer number of nanoseconds at the largest age (100 years)', () => {
    const { max_age } = streamLimits({ replicas: 1, maxAgeDays: 36_500, maxBytes: 0 });
    expect(Number.isInteger(max_age)).toBe(true);
    expect(JSON.stringify(max_age)).toBe('3153600000000000000');
  });
});

describe('ownsStream', () => {
  it.each([
    ['identity', STREAMS.identity, true],
    ['deeds', STREAMS.deeds, true],
    ['identity', STREAMS.deeds, false],
    ['reporting', STREAMS.outreach, false],
    ['identity', deadLetterStream('identity'), true],
    ['deeds', deadLetterStream('identity'), false],
  ])('%s owns %j: %s', (service, stream, owns) => {
    expect(ownsStream(service, stream)).toBe(owns);
  });
});

describe('subjectMatches and streamForSubject', () => {
  it.each([
    ['deeds.birth.>', 'deeds.birth.registered.v1', true],
    ['deeds.birth.>', 'deeds.birth', false],
    ['deeds.*.registered.v1', 'deeds.death.registered.v1', true],
    ['deeds.*', 'deeds.birth.registered.v1', false],
  ])('%s matches %s: %s', (pattern, subject, matches) => {
    expect(subjectMatches(pattern, subject)).toBe(matches);
  });

  it('finds the stream of a subject from the contracts', () => {
    expect(streamForSubject('deeds.birth.registered.v1')?.name).toBe('DEEDS');
    expect(streamForSubject('nobody.publishes.this.v1')).toBeUndefined();
  });
});
