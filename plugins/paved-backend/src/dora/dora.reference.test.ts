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
import { TestDatabases } from '@backstage/backend-test-utils';
import { DoraScope } from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import {
  component,
  doraService,
  FixtureLedger,
  migrate,
} from './__testUtils__/fixtureLedger';
import { DoraQueries, Median, RawSummary } from './DoraQueries';
import {
  computeFacts,
  loadLedger,
  summarise,
} from './__testUtils__/referenceDora';
import { resolveWindow } from './windows';

/*
 * The SQL against the plain JavaScript reference implementation of the
 * definitions (referenceDora.ts) on a generated ledger with every case
 * mixed together: pipeline runs with duplicate and failed records, staging
 * deployments, re-shipped commits, commits dated after their deployment,
 * named and unnamed incidents, open incidents, rollbacks, plan-only runs,
 * hotfixes, and a production mapping by environment pattern. Windows include odd instants, a short
 * and a long window, and a time zone whose summer time ends in the window.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A small deterministic PRNG (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENTITIES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
const OWNERS = ['group:default/red', 'group:default/blue'];
const START = Date.parse('2026-08-01T00:00:00Z');
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/** Records marked after the fact, by their number modulo 20. */
const MARKS: Record<
  number,
  { kind?: 'plan' | 'rollback'; labels?: string[] } | undefined
> = {
  7: { kind: 'plan' },
  13: { kind: 'rollback' },
  17: { labels: ['hotfix'] },
};

async function generate(db: Knex) {
  const rnd = random(20261128);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const ledger = new FixtureLedger(db);
  const iso = (t: number) => new Date(Math.round(t)).toISOString();
  let n = 0;
  for (const name of ENTITIES) {
    const entity = `component:default/${name}`;
    const shipped: Array<[string, string]> = [];
    let t = START + rnd() * DAY;
    while (t < START + 120 * DAY) {
      t += rnd() * 3 * DAY;
      const run = rnd() < 0.7 ? `run-${n}` : undefined;
      const commits: Array<[string, string]> = [];
      for (let c = Math.floor(rnd() * 5); c > 0; c--) {
        const sha = `${name}-c${n}-${c}`;
        // Mostly before the deployment, sometimes after it.
        const committed =
          t - (rnd() < 0.05 ? -MINUTE * 30 : rnd() ** 2 * 9 * DAY);
        commits.push([sha, iso(committed)]);
      }
      // Re-ship an earlier commit now and then.
      if (shipped.length && rnd() < 0.2) commits.push(pick(shipped));
      const environment = pick(['production', 'prod-eu', 'staging', 'qa']);
      const status = pick([
        'success',
        'success',
        'success',
        'failure',
        'error',
        'in_progress',
      ] as const);
      await ledger.deploy(entity, {
        id: `d${n}`,
        finished: iso(t),
        environment,
        status,
        run,
        rolledBack: rnd() < 0.08,
        commits,
      });
      // Now and then a plan-only run, a rollback or a hotfix (rework),
      // picked by number so the random sequence stays as it was.
      const mark = MARKS[n % 20];
      if (mark) {
        await ledger.deploy(entity, {
          id: `d${n}`,
          finished: iso(t),
          environment,
          status,
          run,
          ...mark,
        });
      }
      shipped.push(...commits);
      // A duplicate record of the same run, finishing a little later.
      if (run && rnd() < 0.4) {
        await ledger.deploy(entity, {
          id: `d${n}-dup`,
          finished: iso(t + rnd() * 20 * MINUTE),
          environment,
          status: pick(['success', 'failure'] as const),
          run,
          commits: rnd() < 0.5 ? commits.slice(0, 1) : [],
        });
      }
      if (rnd() < 0.25) {
        const opened = t + (rnd() - 0.3) * 2 * DAY;
        await ledger.incident(entity, {
          id: `i${n}`,
          opened: iso(opened),
          resolved:
            rnd() < 0.85 ? iso(opened + rnd() ** 2 * 3 * DAY) : undefined,
          deployment: rnd() < 0.4 ? `d${n}` : undefined,
        });
      }
      n++;
    }
  }
}

const WINDOWS = [
  { from: '2026-09-01', to: '2026-09-28', timeZone: 'UTC' },
  {
    from: '2026-08-03T07:13:00Z',
    to: '2026-11-29T19:01:00Z',
    timeZone: 'UTC',
  },
  // US summer time ends on 1 November 2026.
  { from: '2026-10-15', to: '2026-11-20', timeZone: 'America/New_York' },
];

function expectClose(actual: Median, expected: Median, what: string) {
  expect({ what, samples: actual.samples }).toEqual({
    what,
    samples: expected.samples,
  });
  if (expected.median === null) {
    expect({ what, median: actual.median }).toEqual({ what, median: null });
  } else {
    expect(actual.median).toBeCloseTo(expected.median, 3);
  }
}

function expectSummary(actual: RawSummary, expected: RawSummary) {
  expect(actual.deployments).toEqual(expected.deployments);
  expect(actual.deploymentBuckets).toEqual(expected.deploymentBuckets);
  expect(actual.entityCount).toBe(expected.entityCount);
  expectClose(actual.leadTime, expected.leadTime, 'lead time');
  expectClose(actual.recoveryTime, expected.recoveryTime, 'recovery time');
  expected.leadTimeBuckets.forEach((m, i) =>
    expectClose(actual.leadTimeBuckets[i], m, `lead time week ${i}`),
  );
  expected.recoveryTimeBuckets.forEach((m, i) =>
    expectClose(actual.recoveryTimeBuckets[i], m, `recovery week ${i}`),
  );
}

describe('DORA SQL against the reference implementation', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let db: Knex;
    let syncDirectory: () => Promise<unknown>;
    const production = { environments: ['production', 'prod-*'] };

    beforeAll(async () => {
      db = await migrate(await databases.init(databaseId));
      await generate(db);
      const { service, directory } = doraService(db, {
        productionEnvironments: production.environments,
        entities: [
          ...ENTITIES.map((name, i) =>
            component(
              name,
              OWNERS[i % 2],
              i < 3 ? 'system:default/core' : undefined,
            ),
          ),
          ...OWNERS.map(ref => ({
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: ref.split('/')[1], namespace: 'default' },
            spec: { type: 'team', children: [] },
          })),
        ],
      });
      // A first read refreshes the roll-ups and learns the owners.
      await service.organisation({ days: 7 });
      await directory.syncAll();
      syncDirectory = () => directory.syncAll();
      // Generating and rolling up the data set takes seconds on PostgreSQL,
      // more when other suites share the two cores.
    }, 60_000);

    it('replaces the group tree concurrently without a duplicate key', async () => {
      // Two reports (or two replicas) refreshing the directory at once.
      await expect(
        Promise.all([syncDirectory(), syncDirectory(), syncDirectory()]),
      ).resolves.toHaveLength(3);
      const groups = await db('paved_dora_groups').pluck('group_ref');
      expect(new Set(groups).size).toBe(groups.length);
      expect(groups.length).toBeGreaterThan(0);
    });

    it.each(WINDOWS)('agrees for %o', async w => {
      const window = resolveWindow(w, w.timeZone);
      const facts = computeFacts(await loadLedger(db), production);
      const queries = new DoraQueries(db);
      const scopes: Array<[DoraScope, (e: string) => boolean]> = [
        ...ENTITIES.map(
          name =>
            [
              { type: 'entity', ref: `component:default/${name}` },
              (e: string) => e === `component:default/${name}`,
            ] as [DoraScope, (e: string) => boolean],
        ),
        [
          { type: 'group', ref: OWNERS[0] },
          e => ['alpha', 'gamma', 'epsilon'].some(x => e.endsWith(`/${x}`)),
        ],
        [
          { type: 'system', ref: 'system:default/core' },
          e => ['alpha', 'beta', 'gamma'].some(x => e.endsWith(`/${x}`)),
        ],
        [{ type: 'organisation' }, () => true],
      ];
      let leadSamples = 0;
      for (const [scope, members] of scopes) {
        const actual = await queries.summary(scope, window);
        expectSummary(actual, summarise(facts, members, window));
        leadSamples += actual.leadTime.samples;
      }
      // The generated data exercises the metrics in every window.
      expect(leadSamples).toBeGreaterThan(20);

      const org = await queries.organisation(window);
      expectSummary(
        org.summary,
        summarise(facts, () => true, window),
      );
      // ... rework rate among them.
      expect(org.summary.deployments.reworkDeployments).toBeGreaterThan(0);
      for (const name of ENTITIES) {
        const entity = `component:default/${name}`;
        const expected = summarise(facts, e => e === entity, window);
        expect(org.deployments.get(entity) ?? expected.deployments).toEqual(
          expected.deployments,
        );
        expectClose(
          org.leadTime.entity.get(entity) ?? { median: null, samples: 0 },
          expected.leadTime,
          `${entity} lead time`,
        );
      }
      for (const [i, owner] of OWNERS.entries()) {
        const expected = summarise(
          facts,
          e => ENTITIES.indexOf(e.split('/')[1]) % 2 === i,
          window,
        );
        expectClose(
          org.leadTime.owner.get(owner) ?? { median: null, samples: 0 },
          expected.leadTime,
          `${owner} lead time`,
        );
        expectClose(
          org.recoveryTime.owner.get(owner) ?? { median: null, samples: 0 },
          expected.recoveryTime,
          `${owner} recovery time`,
        );
      }
    });

    it('keeps the roll-ups current when the ledger changes, whoever writes it', async () => {
      const { service } = doraService(db, {
        productionEnvironments: production.environments,
      });
      const entity = 'component:default/alpha';
      const before = await service.report({ entity, days: 7 });
      // A deployment recorded for a repository no entity claims yet ...
      const ledger = new FixtureLedger(db);
      await db('paved_deployments').insert({
        id: 'linked-later',
        source: 'fixture',
        external_id: 'linked-later',
        subject: 'github.com/project-slug=acme/alpha',
        environment: 'production',
        is_production: true,
        status: 'success',
        started_at: new Date('2026-09-27T09:00:00Z'),
        finished_at: new Date('2026-09-27T10:00:00Z'),
        source_updated_at: new Date('2026-09-27T10:00:00Z'),
        created_at: new Date(),
        updated_at: new Date(),
        rolled_back: false,
      });
      expect(
        (await service.report({ entity, days: 7 })).metrics.deploymentFrequency
          .sampleCount,
      ).toBe(before.metrics.deploymentFrequency.sampleCount);
      // ... counts once the linking task assigns it to the entity.
      await db('paved_deployments')
        .where({ id: 'linked-later' })
        .update({ entity_ref: entity });
      const after = await service.report({ entity, days: 7 });
      expect(after.metrics.deploymentFrequency.sampleCount).toBe(
        before.metrics.deploymentFrequency.sampleCount + 1,
      );
      expect(after.pendingEntities).toBe(0);
      // A rollback flagged later turns it into a failed change.
      await ledger.deploy(entity, {
        id: 'late-rollback',
        finished: '2026-09-27T11:00:00Z',
      });
      const failedBefore = (await service.report({ entity, days: 7 })).metrics
        .changeFailureRate.failedChanges;
      await ledger.deploy(entity, {
        id: 'late-rollback',
        finished: '2026-09-27T11:00:00Z',
        rolledBack: true,
      });
      expect(
        (await service.report({ entity, days: 7 })).metrics.changeFailureRate
          .failedChanges,
      ).toBe(failedBefore + 1);
    });
  });
});
