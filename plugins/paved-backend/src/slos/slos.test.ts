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
import {
  createMockDirectory,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { applyDatabaseMigrations } from '../database';
import {
  createFixtureRepositories,
  daysAgo,
  fixtureCatalog,
  insertDeployment,
  NOW,
} from '../adoption/__testUtils__/fixtures';
import { RepositoryReader } from '../adoption/RepositoryReader';
import { SloQueries } from './SloQueries';
import { SloService } from './SloService';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const HOUR = 3_600_000;
const REF = 'component:default/svc';

const SLOS = `
objectives:
  - name: deploys
    type: deployment-success-rate
    target: 0.9
  - name: staging-deploys
    type: deployment-success-rate
    environment: staging
    target: 0.5
  - name: up
    type: availability
    target: 0.99
    window: 10d
    burnRateWindow: 1d
  - name: sev1-up
    type: availability
    target: 0.999
    severities: [sev1]
    window: 10d
  - name: fast
    type: lead-time
    description: Changes reach production within a day
    target: 0.5
    threshold: 1d
  - name: broken
    type: latency
    target: 0.9
`;

const svc: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'svc',
    namespace: 'default',
    annotations: { 'paved.dev/slos': SLOS },
  },
  spec: {},
};

async function insertIncident(
  db: Knex,
  openedAt: Date,
  resolvedAt: Date | null,
  severity: string,
) {
  const id = randomUUID();
  await db('paved_incidents').insert({
    id,
    source: 'api',
    external_id: id,
    entity_ref: REF,
    title: 'down',
    severity,
    status: resolvedAt ? 'resolved' : 'open',
    opened_at: openedAt,
    resolved_at: resolvedAt,
    source_updated_at: openedAt,
    created_at: openedAt,
    updated_at: openedAt,
  });
}

async function insertShipped(
  db: Knex,
  deployedDaysAgo: number,
  commits: Array<[sha: string, committedDaysAgo: number]>,
) {
  const id = await insertDeployment(db, {
    entityRef: REF,
    source: 'github',
    environment: 'production',
    production: true,
    startedAt: daysAgo(deployedDaysAgo),
    finishedAt: daysAgo(deployedDaysAgo),
  });
  for (const [sha, committed] of commits) {
    await db('paved_changes')
      .insert({
        subject: 'github.com/project-slug=acme/svc',
        sha,
        entity_ref: REF,
        source: 'github',
        committed_at: daysAgo(committed),
        created_at: daysAgo(committed),
      })
      .onConflict(['subject', 'sha'])
      .ignore();
    await db('paved_deployment_changes').insert({ deployment_id: id, sha });
  }
}

/** The ledger behind the expected numbers in the test below. */
async function insertLedger(db: Knex) {
  // Production: 19 successes (1..19 days ago) and one failure 2.2 days ago
  // (plus the three deployments that ship commits, below);
  // pending, cancelled and 40-day-old records do not count.
  for (let d = 1; d <= 19; d++) {
    await insertDeployment(db, {
      entityRef: REF,
      source: 'github',
      environment: 'production',
      production: true,
      startedAt: new Date(daysAgo(d).getTime() + HOUR / 2),
    });
  }
  for (const [status, d] of [
    ['failure', 2.2],
    ['pending', 0.1],
    ['cancelled', 3],
    ['failure', 40],
  ] as const) {
    await insertDeployment(db, {
      entityRef: REF,
      source: 'github',
      environment: 'production',
      production: true,
      status,
      startedAt: daysAgo(d),
    });
  }
  // Staging: one success, one error.
  for (const status of ['success', 'error']) {
    await insertDeployment(db, {
      entityRef: REF,
      source: 'github',
      environment: 'staging',
      status,
      startedAt: daysAgo(4),
    });
  }
  // Incidents: sev2 1 h and an overlapping sev1 1 h (1.5 h together),
  // one outside the window, one open for the last 30 minutes.
  await insertIncident(
    db,
    daysAgo(5),
    new Date(daysAgo(5).getTime() + HOUR),
    'sev2',
  );
  await insertIncident(
    db,
    new Date(daysAgo(5).getTime() + HOUR / 2),
    new Date(daysAgo(5).getTime() + 1.5 * HOUR),
    'sev1',
  );
  await insertIncident(db, daysAgo(12), daysAgo(11.9), 'sev1');
  await insertIncident(db, new Date(NOW.getTime() - HOUR / 2), null, 'sev2');
  // Lead times: 0.5 d (good) and 2 d (too slow) shipped 2 days ago,
  // 0.2 d shipped 10 days ago; sha-a shipping again later changes nothing.
  await insertShipped(db, 10, [['sha-c', 10.2]]);
  await insertShipped(db, 2, [
    ['sha-a', 2.5],
    ['sha-b', 4],
  ]);
  await insertShipped(db, 1, [['sha-a', 2.5]]);
}

describe('SLOs', () => {
  it.each(databases.eachSupportedId())(
    'computes error budgets and burn rates from the ledger on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(
        { migrations: { skip: false } } as any,
        knex,
      );
      await insertLedger(knex);
      const service = new SloService({
        catalog: catalogServiceMock({ entities: [svc] }),
        queries: new SloQueries(knex),
        repositories: new RepositoryReader({
          reader: mockServices.urlReader.mock(),
        }),
      });

      const report = await service.evaluate(svc, NOW);
      expect(report.declared).toBe(true);
      expect(report.source).toEqual({
        type: 'annotation',
        location: 'paved.dev/slos',
      });
      expect(report.errors).toEqual([
        {
          path: 'objectives[5].type',
          message:
            'type must be one of deployment-success-rate, availability, lead-time',
        },
      ]);
      const byName = Object.fromEntries(
        report.objectives.map(o => [o.name, o]),
      );
      expect(Object.keys(byName)).toEqual([
        'deploys',
        'staging-deploys',
        'up',
        'sev1-up',
        'fast',
      ]);

      // 22 of 23 (with the three deployments that shipped commits): 2.3
      // failures allowed, 1 spent. Last 7.5 days: 1 of 10 failed, exactly
      // the allowed rate, which is not yet at risk.
      expect(byName.deploys).toMatchObject({
        unit: 'deployments',
        good: 22,
        total: 23,
        sli: 22 / 23,
        burnRateWindow: '180h',
        status: 'healthy',
        window: { duration: '30d', to: NOW.toISOString() },
      });
      expect(byName.deploys.errorBudget!.allowed).toBeCloseTo(2.3, 9);
      expect(byName.deploys.errorBudget!.remaining).toBeCloseTo(1 - 1 / 2.3, 9);
      expect(byName.deploys.burnRate).toBeCloseTo(1, 9);

      expect(byName['staging-deploys']).toMatchObject({
        good: 1,
        total: 2,
        sli: 0.5,
        status: 'exhausted',
      });
      expect(byName['staging-deploys'].errorBudget!.remaining).toBeCloseTo(
        0,
        9,
      );

      // 10 days allow 2.4 h of downtime; 1.5 h + 0.5 h were spent.
      const up = byName.up;
      expect(up.unit).toBe('seconds');
      expect(up.total).toBe(864000);
      expect(up.good).toBe(864000 - 7200);
      expect(up.errorBudget!.allowed).toBeCloseTo(8640, 6);
      expect(up.errorBudget!.spent).toBe(7200);
      expect(up.errorBudget!.remaining).toBeCloseTo(1 / 6, 9);
      expect(up.burnRate).toBeCloseTo(1800 / 86400 / 0.01, 9);
      expect(up.status).toBe('at-risk');

      // Only the sev1 hour counts, against 14.4 minutes allowed.
      expect(byName['sev1-up'].errorBudget!.spent).toBe(3600);
      expect(byName['sev1-up'].errorBudget!.remaining).toBeCloseTo(
        1 - 3600 / 864,
        6,
      );
      expect(byName['sev1-up'].status).toBe('exhausted');

      // 2 of 3 changes within a day; the last 7.5 days: 1 of 2.
      expect(byName.fast).toMatchObject({
        unit: 'changes',
        description: 'Changes reach production within a day',
        good: 2,
        total: 3,
        status: 'healthy',
      });
      expect(byName.fast.errorBudget!.remaining).toBeCloseTo(1 / 3, 9);
      expect(byName.fast.burnRate).toBeCloseTo(1, 9);
    },
  );

  it.each(databases.eachSupportedId())(
    'says when there is no data, and reads declarations from a sibling file, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(
        { migrations: { skip: false } } as any,
        knex,
      );
      const dir = createMockDirectory();
      const entities = fixtureCatalog(
        await createFixtureRepositories(dir.path),
      );
      const checkout = entities.find(e => e.metadata.name === 'checkout')!;
      const service = new SloService({
        catalog: catalogServiceMock({ entities }),
        queries: new SloQueries(knex),
        repositories: new RepositoryReader({
          reader: mockServices.urlReader.mock(),
        }),
      });
      const report = await service.evaluate(checkout, NOW);
      expect(report.source).toEqual({
        type: 'file',
        location: `file:${dir.resolve('tested/slos.yaml')}`,
      });
      expect(report.errors).toEqual([]);
      expect(report.objectives).toEqual([
        expect.objectContaining({
          name: 'deployments-succeed',
          total: 0,
          sli: null,
          errorBudget: null,
          burnRate: null,
          status: 'no-data',
          notAvailableReason:
            'no finished production deployments in the window',
        }),
      ]);

      const missing: Entity = {
        ...checkout,
        metadata: {
          ...checkout.metadata,
          annotations: {
            ...checkout.metadata.annotations,
            'paved.dev/slos': '../outside.yaml',
          },
        },
      };
      expect((await service.evaluate(missing, NOW)).errors).toEqual([
        {
          path: '',
          message:
            'cannot read ../outside.yaml: "../outside.yaml" points outside the directory of catalog-info.yaml',
        },
      ]);

      const web = entities.find(e => e.metadata.name === 'web')!;
      expect(await service.evaluate(web, NOW)).toEqual({
        entityRef: 'component:default/web',
        declared: false,
        objectives: [],
        errors: [],
      });
    },
  );
});
