// Benchmark (prints figures, asserts nothing about time): the regency's indicators on a Nagekeo-sized read model
// (165,000 residents, ≈11,800 deed records, 600 visits, generated straight into a throw-away PostgreSQL database),
// counted in full (cold: after a replay) and incrementally after one event (a birth in one village), in the same
// run so that the ratio holds on a loaded machine.
//
//   node -r ./tools/scripts/ts-register.cjs apps/reporting/test/incremental-figures.bench.ts [residents] [rounds]
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { listDistricts } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';
import { uuidv7 } from '@adminduk/platform';
import { createDatabase, dropDatabase, type TestApp } from '@adminduk/platform/testing';
import { FiguresService } from '../src/indicators/figures.service';
import { ProjectionEventsService, type ProjectedSubject } from '../src/projections/projection-events.service';
import { at, envelope, plusDays, REGENCY, startReporting, TODAY } from './reporting-fixtures';

const RESIDENTS = Number(process.argv[2] ?? 165_000);
const ROUNDS = Number(process.argv[3] ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const db = await createDatabase('reportingbench');
  let t: TestApp | undefined;
  try {
    t = await startReporting({ DATABASE_URL: db.url });
    const app = t.app;
    const connection = app.get(MikroORM).em.getConnection();
    const villages = listDistricts(REGENCY).flatMap((d) => [...listVillages(d.code).map((v) => v.code), `${d.code}0000`]);
    const list = `array[${villages.map((v) => `'${v}'`).join(',')}]`;
    const day = (expr: string) => `to_char(date '${TODAY}' + (${expr})::int, 'YYYY-MM-DD')`;
    // Residents: ages 0–89, registered ~1–3 years ago, 80% of wajib KTP recorded, 45% of children with a KIA,
    // 88% with a birth deed, 2% left (died or moved) in the last year. Intervals as the folds derive them.
    await connection.execute(`
      insert into reporting_resident (resident_id, birth_date, marital_status, district_code, village_code, status, entered_on, left_on,
        ektp_recorded_on, has_birth_deed, ektp_total_from, ektp_total_to, ektp_cov_from, kia_total_from, kia_total_to, kia_cov_from,
        kia_cov_to, deed_total_from, deed_total_to, deed_cov_from)
      select md5('r' || i)::uuid, birth, 'BELUM_KAWIN', left(v, 6), v, case when gone is null then 'ALIVE' else 'DECEASED' end, entered, gone,
        rec, deed, wfrom, gone, case when wfrom is not null and rec is not null then greatest(wfrom, rec) end,
        case when kfrom < kto then kfrom end, case when kfrom < kto then kto end, case when kfrom < kto and kia then kfrom end, case when kfrom < kto and kia then kto end,
        case when dfrom < dto then dfrom end, case when dfrom < dto then dto end, case when dfrom < dto and deed then dfrom end
      from (
        select i, v, birth, entered, gone, deed, kia,
          case when (i * 7) % 10 < 8 then ${day('-((i * 37) % 700)')} end as rec,
          greatest(entered, to_char(birth::date + interval '17 years', 'YYYY-MM-DD')) as wfrom,
          greatest(entered, birth) as kfrom, least(coalesce(gone, '9999-12-31'), to_char(birth::date + interval '17 years', 'YYYY-MM-DD')) as kto,
          greatest(entered, birth) as dfrom, least(coalesce(gone, '9999-12-31'), to_char(birth::date + interval '18 years', 'YYYY-MM-DD')) as dto
        from (
          select i, (${list})[1 + (i * 7919) % ${villages.length}] as v, ${day('-((i * 104729) % 32850)')} as birth,
            ${day('-365 - (i % 730)')} as entered, case when i % 50 = 0 then ${day('-(i % 365)')} end as gone,
            (i * 13) % 100 < 88 as deed, (i * 17) % 100 < 45 as kia
          from generate_series(1::bigint, ${RESIDENTS}) as i
        ) base
      ) r`);
    await connection.execute(`
      insert into reporting_deed (deed_id, deed_type, status, channel, district_code, village_code, event_date, first_on, registered_on, issued_on, timeliness, service_days)
      select md5('d' || i)::uuid, case when i % 4 = 0 then 'DEATH' else 'BIRTH' end, 'ISSUED', (array['PARTNER','ONLINE','OFFICE','OUTREACH'])[1 + i % 4],
        left(v, 6), v, ${day('-(i % 365) - 5')}, ${day('-(i % 365) - 4')}, ${day('-(i % 365) - 3')}, ${day('-(i % 365)')}, 'ON_TIME', '5'
      from (select i, (${list})[1 + (i * 31) % ${villages.length}] as v from generate_series(1::bigint, ${Math.round(RESIDENTS / 14)}) as i) d`);
    await connection.execute(`
      insert into reporting_visit (visit_id, date, district_code, village_code, recorded_at, ektp_recording, birth_deed, kia, application, handover)
      select md5('v' || i)::uuid, ${day('-(i % 120)')}, left(v, 6), v, now(), i % 20, i % 7, i % 5, i % 9, i % 4
      from (select i, (${list})[1 + (i * 17) % ${villages.length}] as v from generate_series(1::bigint, ${Math.round(RESIDENTS / 275)}) as i) x`);
    await connection.execute('analyze');

    const figures = app.get(FiguresService);
    const projection = app.get(ProjectionEventsService);
    const em = app.get(MikroORM).em.fork();
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    };
    await get('/indicators'); // warm-up (connections, JIT of the code paths)

    const cold: number[] = [];
    const afterEvent: number[] = [];
    const cached: number[] = [];
    const countsOnly: number[] = [];
    const answerOnly: number[] = [];
    const target = villages[3] as string;
    for (let round = 0; round < ROUNDS; round++) {
      projection.changed(); // as after a replay: every figure counted again in full
      cold.push(await time(() => get('/indicators')));
      cached.push(await time(() => get('/indicators')));
      const event = envelope(
        SUBJECTS.identity.residentRegistered,
        { residentId: uuidv7(), nik: `5316${String(410000000000 + round)}`, birthDate: TODAY, sex: 'M', maritalStatus: 'BELUM_KAWIN', origin: 'BIRTH', districtCode: target.slice(0, 6), villageCode: target },
        at(TODAY),
      );
      await em.fork().transactional((tx) => projection.apply(tx, SUBJECTS.identity.residentRegistered as ProjectedSubject, event as never));
      afterEvent.push(await time(() => get('/indicators')));
      // The same step in two halves: the village counts brought up to date, then the answer built from them.
      await em.fork().transactional((tx) => projection.apply(tx, SUBJECTS.identity.residentRegistered as ProjectedSubject, { ...event, id: uuidv7(), payload: { ...event.payload as object, residentId: uuidv7() } } as never));
      countsOnly.push(await time(() => figures.villageCounts(TODAY)));
      answerOnly.push(await time(() => get('/indicators')));
    }
    // The incremental figures are the full ones (checked here too, on the big table).
    const served = await figures.villageCounts(TODAY);
    const fresh = await figures.freshVillageCounts(TODAY);
    const same = [...fresh].every(([code, c]) => JSON.stringify(c.m) === JSON.stringify(served.get(code)?.m)) && fresh.size === served.size;
    const counts = await connection.execute<{ n: string }[]>(`select count(*) as n from reporting_resident`, [], 'all');
    const perVillage = Math.round(Number(counts[0]?.n) / villages.length);
    console.log(
      JSON.stringify(
        {
          residents: Number(counts[0]?.n),
          villages: villages.length,
          residentsPerVillage: perVillage,
          rounds: ROUNDS,
          medianMs: { coldFull: +median(cold).toFixed(1), afterOneEvent: +median(afterEvent).toFixed(1), cachedNoEvent: +median(cached).toFixed(1), afterOneEventCountsOnly: +median(countsOnly).toFixed(1), afterOneEventAnswerOnly: +median(answerOnly).toFixed(1) },
          ratioColdOverIncremental: +(median(cold) / median(afterEvent)).toFixed(1),
          allMs: { cold: cold.map((x) => +x.toFixed(1)), afterEvent: afterEvent.map((x) => +x.toFixed(1)), cached: cached.map((x) => +x.toFixed(1)) },
          stats: figures.stats,
          incrementalEqualsFull: same,
          day: TODAY,
          pastDay: plusDays(TODAY, -30),
        },
        null,
        2,
      ),
    );
  } finally {
    await t?.close();
    await dropDatabase(db.name);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
