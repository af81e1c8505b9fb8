// The use counted per data-access agreement, and the days an agreement is in force (issue 18). The sink is a
// recording stand-in here (the unit is the counting); agreements.int-spec.ts runs the real outbox and NATS.
import { createHash } from 'node:crypto';
import { Authenticator } from '../auth/authenticator';
import { loadServiceConfig, type ServiceConfig } from '../config/service-config';
import { ProblemException } from '../errors/problem';
import { MetricsService } from '../metrics/metrics';
import type { OutboxStats } from '../messaging/outbox-stats';
import { agreementStanding } from './agreement-term';
import { AgreementUseService, type AgreementUse, type AgreementUseSink } from './agreement-use.service';

const AGREEMENT = {
  number: '470/12/PKS/2026',
  agency: 'Dinas Sosial Kabupaten Nagekeo',
  signedOn: '2026-01-15',
  expiresOn: '2027-01-14',
  purpose: 'verifikasi penerima bantuan sosial',
  scopes: ['residents'],
  regions: ['5316'],
};

class RecordingSink implements AgreementUseSink {
  readonly written: AgreementUse[][] = [];
  failing = false;
  async write(uses: readonly AgreementUse[]): Promise<void> {
    if (this.failing) throw new Error('database unavailable');
    this.written.push([...uses]);
  }
}

function setUp(flushMs = 60_000): { service: AgreementUseService; sink: RecordingSink; metrics: MetricsService; config: ServiceConfig } {
  const config = loadServiceConfig('identity', { DATA_AGREEMENTS: JSON.stringify([AGREEMENT]), AGREEMENT_USE_FLUSH_MS: String(flushMs) });
  const sink = new RecordingSink();
  const metrics = new MetricsService({ pending: async () => 0 } as unknown as OutboxStats);
  return { service: new AgreementUseService(config, sink, new Authenticator(config), metrics), sink, metrics, config };
}

// 10:00 WITA on 8 December 2026, and 00:30 WITA on 9 December (still 8 December in UTC).
const DAY_1 = new Date('2026-12-08T02:00:00Z');
const DAY_2 = new Date('2026-12-08T16:30:00Z');

describe('AgreementUseService', () => {
  it('counts the requests per agreement and office day, the 4xx among them apart; a 5xx is no refusal', async () => {
    const { service, sink } = setUp();
    for (const status of [200, 200, 403, 429, 500]) service.count('470/12/PKS/2026', status, DAY_1);
    service.count('470/12/PKS/2026', 200, DAY_2);
    service.count('PKS.03/RSUD-AERAMO/2025', 404, DAY_1);
    await service.flush();
    expect(sink.written).toEqual([
      [
        { agreement: '470/12/PKS/2026', day: '2026-12-08', requests: 5, refused: 2 },
        { agreement: 'PKS.03/RSUD-AERAMO/2025', day: '2026-12-08', requests: 1, refused: 1 },
        { agreement: '470/12/PKS/2026', day: '2026-12-09', requests: 1, refused: 0 },
      ],
    ]);
  });

  it('hands each request to the sink once: a flush takes the increments since the previous one, and nothing is no call', async () => {
    const { service, sink } = setUp();
    await service.flush();
    expect(sink.written).toEqual([]);
    service.count('470/12/PKS/2026', 200, DAY_1);
    await service.flush();
    service.count('470/12/PKS/2026', 200, DAY_1);
    service.count('470/12/PKS/2026', 403, DAY_1);
    await service.flush();
    await service.flush();
    expect(sink.written).toEqual([[{ agreement: '470/12/PKS/2026', day: '2026-12-08', requests: 1, refused: 0 }], [{ agreement: '470/12/PKS/2026', day: '2026-12-08', requests: 2, refused: 1 }]]);
    expect(service.pending()).toEqual([]);
  });

  it('keeps what a failing sink did not take, and offers it again with what came since', async () => {
    const { service, sink } = setUp();
    service.count('470/12/PKS/2026', 200, DAY_1);
    sink.failing = true;
    await service.flush();
    expect(service.pending()).toEqual([{ agreement: '470/12/PKS/2026', day: '2026-12-08', requests: 1, refused: 0 }]);
    service.count('470/12/PKS/2026', 403, DAY_1);
    sink.failing = false;
    await service.flush();
    expect(sink.written).toEqual([[{ agreement: '470/12/PKS/2026', day: '2026-12-08', requests: 2, refused: 1 }]]);
  });

  it('flushes every AGREEMENT_USE_FLUSH_MS, and once more when the service stops', async () => {
    jest.useFakeTimers();
    try {
      const { service, sink } = setUp(1000);
      service.onModuleInit();
      service.count('470/12/PKS/2026', 200, DAY_1);
      await jest.advanceTimersByTimeAsync(999);
      expect(sink.written).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(sink.written).toHaveLength(1);
      service.count('470/12/PKS/2026', 403, DAY_1);
      await service.beforeApplicationShutdown();
      expect(sink.written[1]).toEqual([{ agreement: '470/12/PKS/2026', day: '2026-12-08', requests: 1, refused: 1 }]);
      // Stopped: no more timed flushes.
      service.count('470/12/PKS/2026', 200, DAY_1);
      await jest.advanceTimersByTimeAsync(5000);
      expect(sink.written).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('counts in Prometheus per agreement number and outcome', async () => {
    const { service, metrics } = setUp();
    service.count('470/12/PKS/2026', 200, DAY_1);
    service.count('470/12/PKS/2026', 403, DAY_1);
    service.count('470/12/PKS/2026', 200, DAY_2);
    const text = await metrics.registry.metrics();
    expect(text).toContain('adminduk_agreement_requests_total{agreement="470/12/PKS/2026",outcome="answered"} 2');
    expect(text).toContain('adminduk_agreement_requests_total{agreement="470/12/PKS/2026",outcome="refused"} 1');
  });
});

describe('the days an agreement is in force', () => {
  it("gives the principal of a key on an agreement the agreement's number, and its scopes when the key names none", async () => {
    const key = 'adk_dinsos';
    const config = loadServiceConfig('identity', {
      DATA_AGREEMENTS: JSON.stringify([AGREEMENT]),
      API_KEYS: JSON.stringify([{ id: 'dinsos-nagekeo', sha256: createHash('sha256').update(key).digest('hex'), roles: ['integrator'], regions: ['531601'], agreement: AGREEMENT.number }]),
    });
    const authenticator = new Authenticator(config);
    expect(await authenticator.authenticate({ 'x-api-key': key })).toEqual({ id: 'dinsos-nagekeo', kind: 'api-key', roles: ['integrator'], regions: ['531601'], scopes: ['residents'], agreement: AGREEMENT.number });
    expect(authenticator.agreementOfKey(key)).toBe(AGREEMENT.number);
    expect(authenticator.agreementOfKey('adk_unknown')).toBeUndefined();
  });

  it('runs from the day it was signed to its last day, both included', () => {
    expect(agreementStanding(AGREEMENT, '2026-01-14')).toBe('not-yet-in-force');
    expect(agreementStanding(AGREEMENT, '2026-01-15')).toBe('in-force');
    expect(agreementStanding(AGREEMENT, '2027-01-14')).toBe('in-force');
    expect(agreementStanding(AGREEMENT, '2027-01-15')).toBe('expired');
  });

  it("stops a key at midnight of the office's day (WITA), naming the agreement and its days only", () => {
    const { config } = setUp();
    const authenticator = new Authenticator(config);
    const principal = { id: 'dinsos-nagekeo', kind: 'api-key' as const, roles: ['integrator' as const], regions: ['5316'], agreement: AGREEMENT.number };
    // 23:59 WITA on its last day: still in force; a minute later (still 14 January in UTC): expired.
    expect(() => authenticator.requireAgreementInForce(principal, new Date('2027-01-14T15:59:00Z'))).not.toThrow();
    const refusal = (now: Date): ProblemException => {
      try {
        authenticator.requireAgreementInForce(principal, now);
      } catch (error) {
        return error as ProblemException;
      }
      throw new Error('not refused');
    };
    expect(refusal(new Date('2027-01-14T16:00:00Z'))).toMatchObject({ status: 403, code: 'AGREEMENT_EXPIRED', detail: expect.stringContaining('470/12/PKS/2026 expired after 2027-01-14') });
    expect(refusal(new Date('2026-01-14T15:59:00Z'))).toMatchObject({ status: 403, code: 'AGREEMENT_NOT_IN_FORCE', detail: expect.stringContaining('470/12/PKS/2026 comes into force on 2026-01-15') });
    // People and development keys have no agreement to check.
    expect(() => authenticator.requireAgreementInForce({ ...principal, agreement: undefined }, new Date('2030-01-01T00:00:00Z'))).not.toThrow();
  });
});
