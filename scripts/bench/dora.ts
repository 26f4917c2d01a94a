/*
 * Copyright 2026 The Paved Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * Benchmark of the DORA metrics on PostgreSQL (see README.md here and
 * docs/dora.md).
 *
 *   yarn bench:dora                       (repository root)
 *   BENCH_ENTITIES=200 yarn bench:dora    a tenth of the data, for a try
 *   POSTGRES_URL=postgresql://user@host:5432 yarn bench:dora
 *   BENCH_KEEP=1 yarn bench:dora          keep the database afterwards
 *   BENCH_PUSHES=2000 yarn bench:dora     fewer push deliveries (default 20,000)
 *
 * Creates its own database, seeds 1,000,000 deployments, 3,000,000
 * commits and 20,000 incidents across 2,000 entities (dora-seed.ts),
 * builds the roll-ups, and measures through DoraService (what the REST
 * routes call, read-time refresh check included):
 *
 * - the entity query (28 and 365 days) over random entities, p50/p95;
 * - the organisation query (every team, system and component, with the
 *   organisation's weekly trends) for 28 and 365 days, p50/p95;
 * - the naive implementation (load the rows, compute in JavaScript:
 *   __testUtils__/referenceDora.ts) of the same reports, in the same run, for the
 *   speed-up; and checks that both give the same numbers;
 * - a deployment recorded through the ledger store, then read back;
 * - the ingestion of push webhooks with commit ranges into the ledger's
 *   commit history, through the WebhookProcessor (dora-pushes.ts).
 *
 * Targets: entity p95 <= 10 ms; organisation p95 <= 200 ms (28 days, exact
 * medians from the roll-ups' lead-time batches, no sampling) and <= 3 s
 * (365 days); speed-up >= 20x for the entity query (whose naive
 * version loads only that entity's rows) and the organisation queries.
 * Exits with 1 when one is missed.
 * Not part of `make test`.
 */

import knexFactory, { Knex } from 'knex';
import { join } from 'node:path';
import { DeploymentStore } from '../../plugins/paved-backend/src/deployments/DeploymentStore';
import { CommitRangeCoverage } from '../../plugins/paved-backend/src/dora/CommitRangeCoverage';
import { DEFAULT_DORA_BANDS } from '../../plugins/paved-backend/src/dora/config';
import { DoraEntityDirectory } from '../../plugins/paved-backend/src/dora/DoraEntityDirectory';
import {
  DoraQueries,
  Median,
} from '../../plugins/paved-backend/src/dora/DoraQueries';
import { DoraRollups } from '../../plugins/paved-backend/src/dora/DoraRollups';
import { DoraService } from '../../plugins/paved-backend/src/dora/DoraService';
import {
  computeFacts,
  loadLedger,
  summarise,
  summariseOrganisation,
} from '../../plugins/paved-backend/src/dora/__testUtils__/referenceDora';
import { resolveWindow } from '../../plugins/paved-backend/src/dora/windows';
import { END, seed } from './dora-seed';
import { measurePushIngestion } from './dora-pushes';

const ADMIN_URL = (
  process.env.POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432'
).replace(/\/+$/, '');
const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 2000);
const ENTITY_RUNS = Number(process.env.BENCH_ENTITY_RUNS ?? 300);
const ORG_RUNS = Number(process.env.BENCH_ORG_RUNS ?? 10);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 20000);
const NAIVE_ENTITY_RUNS = 30;
const NAIVE_ORG_RUNS = Number(process.env.BENCH_NAIVE_ORG_RUNS ?? 1);
const NOW = new Date(END.getTime() - 1000);

const ms = (t: number) => `${t.toFixed(t < 10 ? 2 : 0)} ms`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  return sorted[lo] + (sorted[Math.ceil(rank)] - sorted[lo]) * (rank - lo);
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

async function measure(runs: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time(() => fn(i)))[0]);
  return { p50: percentile(times, 50), p95: percentile(times, 95), times };
}

/** A deterministic spread of entity refs. */
const entityRef = (i: number) =>
  `component:default/svc-${String((i * 7919) % ENTITIES).padStart(4, '0')}`;

function sameMedian(a: Median | undefined, b: Median | undefined) {
  const x = a ?? { median: null, samples: 0 };
  const y = b ?? { median: null, samples: 0 };
  if (x.samples !== y.samples) return false;
  if (x.median === null || y.median === null) return x.median === y.median;
  return Math.abs(x.median - y.median) < 1e-3;
}

async function main() {
  const name = `paved_bench_dora_${Date.now()}`;
  const admin = knexFactory({
    client: 'pg',
    connection: `${ADMIN_URL}/postgres`,
  });
  await admin.raw(`CREATE DATABASE ${name}`);
  const db: Knex = knexFactory({
    client: 'pg',
    connection: `${ADMIN_URL}/${name}`,
    pool: { min: 0, max: 10 },
  });
  const misses: string[] = [];
  try {
    console.log(`Database ${name} on ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')}`);
    await db.migrate.latest({
      directory: join(__dirname, '../../plugins/paved-backend/migrations'),
      tableName: 'paved_knex_migrations',
    });
    const [seedMs] = await time(() => seed(db, { entities: ENTITIES }));
    const rollups = new DoraRollups(db, {});
    const [rollupMs] = await time(async () => {
      await rollups.rebuildAll();
      await db.raw('VACUUM ANALYZE paved_dora_deployments');
      await db.raw('VACUUM ANALYZE paved_dora_lead_times');
      await db.raw('VACUUM ANALYZE paved_dora_entities');
    });
    const count = async (table: string) =>
      Number((await db(table).count({ n: '*' }))[0].n);
    console.log(
      `Seeded ${await count('paved_deployments')} deployments, ${await count(
        'paved_changes',
      )} commits (${await count(
        'paved_deployment_changes',
      )} deployment-commit links), ${await count(
        'paved_incidents',
      )} incidents, ${ENTITIES} entities in ${(seedMs / 1000).toFixed(0)} s`,
    );
    console.log(
      `Roll-ups: ${await count(
        'paved_dora_deployments',
      )} production runs, ${await count(
        'paved_dora_lead_times',
      )} lead-time samples, built in ${(rollupMs / 1000).toFixed(0)} s`,
    );

    // The catalog is not part of this benchmark: the seed filled the
    // directory, so a catalog call here would be a bug.
    const noCatalog = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('the benchmark has no catalog');
        },
      },
    );
    const service = new DoraService({
      config: { timeZone: 'UTC', bands: DEFAULT_DORA_BANDS },
      rollups,
      queries: new DoraQueries(db),
      directory: new DoraEntityDirectory({
        db,
        catalog: noCatalog as any,
        auth: noCatalog as any,
      }),
      coverage: new CommitRangeCoverage(db),
      now: () => NOW,
    });

    // Warm up the connection pool and caches.
    for (let i = 0; i < 20; i++) {
      await service.report({ entity: entityRef(i), days: 28 });
    }
    await service.organisation({ days: 28 });
    await service.organisation({ days: 365 });

    const results: Array<[string, { p50: number; p95: number }, number?]> = [];
    const entity28 = await measure(ENTITY_RUNS, i =>
      service.report({ entity: entityRef(i + 100), days: 28 }),
    );
    const entity365 = await measure(ENTITY_RUNS, i =>
      service.report({ entity: entityRef(i + 700), days: 365 }),
    );
    const org28 = await measure(ORG_RUNS, () =>
      service.organisation({ days: 28 }),
    );
    const org365 = await measure(ORG_RUNS, () =>
      service.organisation({ days: 365 }),
    );

    // The naive implementation: load the rows, compute in JavaScript.
    const window28 = resolveWindow({ days: 28 }, 'UTC', NOW);
    const window365 = resolveWindow({ days: 365 }, 'UTC', NOW);
    const naiveEntity = await measure(NAIVE_ENTITY_RUNS, async i => {
      const ref = entityRef(i + 100);
      const facts = computeFacts(await loadLedger(db, { entities: [ref] }), {});
      return summarise(facts, e => e === ref, window28);
    });
    const directory = new Map<
      string,
      { owner: string | null; system: string | null }
    >(
      (
        await db('paved_dora_entities').select(
          'entity_ref',
          'owner_ref',
          'system_ref',
        )
      ).map(r => [r.entity_ref, { owner: r.owner_ref, system: r.system_ref }]),
    );
    const naiveOrg = async (window: typeof window28) => {
      const facts = computeFacts(await loadLedger(db), {});
      return summariseOrganisation(facts, directory, window);
    };
    const naiveOrg28 = await measure(NAIVE_ORG_RUNS, () => naiveOrg(window28));
    const naiveOrg365 = await measure(NAIVE_ORG_RUNS, () =>
      naiveOrg(window365),
    );

    // Both must say the same.
    let checked = 0;
    const disagreements: string[] = [];
    const facts = computeFacts(await loadLedger(db), {});
    for (const window of [window28, window365]) {
      const sql = await new DoraQueries(db).organisation(window);
      const naive = summariseOrganisation(facts, directory, window);
      const label = `${Math.round(window.days)} days`;
      if (
        JSON.stringify(sql.summary.deployments) !==
        JSON.stringify(naive.summary.deployments)
      ) {
        disagreements.push(`${label}: organisation deployments`);
      }
      for (const [what, a, b] of [
        ['lead time', sql.summary.leadTime, naive.summary.leadTime],
        ['recovery time', sql.summary.recoveryTime, naive.summary.recoveryTime],
      ] as const) {
        if (!sameMedian(a, b))
          disagreements.push(`${label}: organisation ${what}`);
      }
      sql.summary.leadTimeBuckets.forEach((m, i) => {
        if (!sameMedian(m, naive.summary.leadTimeBuckets[i])) {
          disagreements.push(`${label}: lead time of week ${i}`);
        }
      });
      for (const level of ['entity', 'owner', 'system'] as const) {
        for (const [key, m] of naive.leadTime[level]) {
          checked++;
          if (!sameMedian(sql.leadTime[level].get(key), m)) {
            disagreements.push(`${label}: lead time of ${level} ${key}`);
          }
        }
        for (const [key, m] of naive.recoveryTime[level]) {
          checked++;
          if (!sameMedian(sql.recoveryTime[level].get(key), m)) {
            disagreements.push(`${label}: recovery time of ${level} ${key}`);
          }
        }
      }
      for (const [key, c] of naive.deployments) {
        checked++;
        if (JSON.stringify(sql.deployments.get(key)) !== JSON.stringify(c)) {
          disagreements.push(`${label}: deployments of ${key}`);
        }
      }
    }

    // A deployment recorded now, read back (trigger, refresh, query).
    const store = new DeploymentStore(db);
    const fresh = entityRef(4242);
    const before = await service.report({ entity: fresh, days: 28 });
    const [writeMs] = await time(() =>
      store.record({
        source: 'bench',
        externalId: 'bench-fresh',
        entityRef: fresh,
        environment: 'production',
        production: true,
        status: 'success',
        startedAt: new Date(NOW.getTime() - 600000),
        finishedAt: new Date(NOW.getTime() - 60000),
        updatedAt: NOW,
        changes: [
          {
            sha: 'f1e2d3c4b5a6',
            committedAt: new Date(NOW.getTime() - 7200000),
          },
        ],
      }),
    );
    const [readMs, after] = await time(() =>
      service.report({ entity: fresh, days: 28 }),
    );
    const counted =
      after.metrics.deploymentFrequency.sampleCount ===
      before.metrics.deploymentFrequency.sampleCount + 1;

    // Push webhooks with commit ranges, inbox to ledger, in the same run.
    const pushes = await measurePushIngestion(db, { count: PUSHES });

    results.push(
      ['entity query, 28 days', entity28, naiveEntity.p50],
      ['entity query, 365 days', entity365],
      ['organisation query, 28 days', org28, naiveOrg28.p50],
      ['organisation query, 365 days', org365, naiveOrg365.p50],
    );
    console.log('');
    console.log(
      `${'query'.padEnd(30)} ${'p50'.padStart(9)} ${'p95'.padStart(
        9,
      )} ${'naive p50'.padStart(10)} ${'speed-up'.padStart(9)}`,
    );
    for (const [label, r, naive] of results) {
      console.log(
        `${label.padEnd(30)} ${ms(r.p50).padStart(9)} ${ms(r.p95).padStart(
          9,
        )} ${(naive ? ms(naive) : '').padStart(10)} ${(naive
          ? `${(naive / r.p50).toFixed(0)}x`
          : ''
        ).padStart(9)}`,
      );
    }
    console.log(
      `(entity: ${ENTITY_RUNS} runs over different entities; organisation: ${ORG_RUNS} runs; naive entity ${NAIVE_ENTITY_RUNS} runs, naive organisation ${NAIVE_ORG_RUNS} run(s))`,
    );
    console.log(
      `Recorded a deployment in ${ms(
        writeMs,
      )}; the next entity report (refresh included) took ${ms(readMs)} and ${
        counted ? 'counted it' : 'DID NOT count it'
      }.`,
    );
    console.log(
      `Ingested ${pushes.pushes} push webhooks (${
        pushes.commits
      } commits) into the commit history in ${pushes.seconds.toFixed(
        1,
      )} s: ${Math.round(pushes.perSecond)} push events/s${
        pushes.correct ? '' : `; WRONG: ${pushes.problems.join('; ')}`
      }.`,
    );
    console.log(
      disagreements.length
        ? `SQL and naive DISAGREE on ${
            disagreements.length
          } of ${checked} values: ${disagreements.slice(0, 5).join('; ')}`
        : `SQL and naive agree on all ${checked} per-entity, per-team and per-system values and the organisation totals and weekly medians.`,
    );

    const target = (ok: boolean, text: string) => {
      console.log(`${ok ? 'PASS' : 'MISS'}  ${text}`);
      if (!ok) misses.push(text);
    };
    console.log('');
    target(entity28.p95 <= 10, `entity query p95 ${ms(entity28.p95)} <= 10 ms`);
    target(
      org28.p95 <= 200,
      `organisation 28 days p95 ${ms(org28.p95)} <= 200 ms (naive p50 ${ms(
        naiveOrg28.p50,
      )})`,
    );
    target(
      org365.p95 <= 3000,
      `organisation 365 days p95 ${ms(org365.p95)} <= 3 s`,
    );
    for (const [label, r, naive] of results) {
      if (naive) {
        target(
          naive / r.p50 >= 20,
          `${label} speed-up ${(naive / r.p50).toFixed(0)}x >= 20x`,
        );
      }
    }
    target(counted, 'a recorded deployment counts in the next report');
    target(
      pushes.perSecond >= 2000,
      `push ingestion ${Math.round(pushes.perSecond)} push events/s >= 2,000/s`,
    );
    target(pushes.correct, 'every push and commit ingested once');
    target(!disagreements.length, 'SQL and naive agree');
  } finally {
    await db.destroy();
    if (!process.env.BENCH_KEEP) {
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
    } else {
      console.log(`Kept database ${name}`);
    }
    await admin.destroy();
  }
  if (misses.length) process.exit(1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
