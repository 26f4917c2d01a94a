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
import { Entity } from '@backstage/catalog-model';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test runs the module inside the real Paved backend
import pavedBackend from '@paved/plugin-paved-backend';
import { Knex } from 'knex';
import request from 'supertest';
import pavedModuleDemoData from '.';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

jest.setTimeout(180_000);

const group = (name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { children: [], ...spec },
});
const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: `group:default/${owner}`,
    system: 'demo-shop',
  },
});

// The demo shop as examples/score/catalog-info.yaml and its Score files
// put it in the catalog: the department owns the system, each team its
// components.
const entities: Entity[] = [
  group('shop', {
    type: 'department',
    children: ['team-web', 'team-catalog', 'team-checkout'],
  }),
  group('team-web', { type: 'team', parent: 'shop' }),
  group('team-catalog', { type: 'team', parent: 'shop' }),
  group('team-checkout', { type: 'team', parent: 'shop' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'demo-shop', namespace: 'default' },
    spec: { owner: 'group:default/shop' },
  },
  component('shop-frontend', 'team-web'),
  component('catalog-api', 'team-catalog'),
  component('orders-service', 'team-checkout'),
  component('fulfilment-worker', 'team-checkout'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: {},
  },
];

const alice = mockCredentials.user.header('user:default/alice');

/** Collects what the backend logs, to wait for a line and check levels. */
function logFactory(log: Array<{ level: string; message: string }>) {
  const logger: any = Object.fromEntries(
    ['error', 'warn', 'info', 'debug'].map(level => [
      level,
      (message: string) => log.push({ level, message }),
    ]),
  );
  logger.child = () => logger;
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => logger,
  });
}

async function start(
  databaseId: TestDatabaseId,
  options: { withModule?: boolean; knex?: Knex } = {},
) {
  const knex = options.knex ?? (await databases.init(databaseId));
  const log: Array<{ level: string; message: string }> = [];
  const backend = await startTestBackend({
    features: [
      pavedBackend,
      ...(options.withModule === false ? [] : [pavedModuleDemoData]),
      catalogServiceMock.factory({ entities }),
      logFactory(log),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { paved: { surveys: { secret: 'test-secret' } } },
      }),
    ],
  });
  const get = async (path: string) => {
    const res = await request(backend.server)
      .get(`/api/paved/v1${path}`)
      .set('Authorization', alice);
    expect({
      path,
      status: res.status,
      body: res.status === 200 ? undefined : res.body,
    }).toEqual({ path, status: 200 });
    return res.body;
  };
  /** Waits for the line the seeding logs when it is done, and returns it. */
  const seeded = async () => {
    for (let attempt = 0; attempt < 600; attempt++) {
      const line = log.find(l => l.message.startsWith('Demo ledger seeded'));
      if (line) return line.message;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('The demo ledger was not seeded within a minute');
  };
  return { knex, log, get, seeded, stop: () => backend.stop() };
}

type Metric = { value: number | null; band: string | null };

const count = async (knex: Knex, table: string, where: object = {}) =>
  Number((await knex(table).where(where).count({ n: '*' }))[0].n);

/**
 * A team's 90-day DORA report once the commit range of every deployment is
 * resolved (on the scheduler, which the seeding triggers).
 */
async function teamReport(
  knex: Knex,
  get: (path: string) => Promise<any>,
  team: string,
): Promise<Record<string, Metric>> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const ranges = await count(knex, 'paved_commit_ranges');
    const pending = await count(knex, 'paved_commit_ranges', {
      status: 'pending',
    });
    if (ranges === (await count(knex, 'paved_deployments')) && !pending) {
      break;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const report = await get(
    `/dora?group=${encodeURIComponent(`group:default/${team}`)}&days=90`,
  );
  // Every deployment's commits are known but those of each component's
  // first one, which has nothing to start from.
  const { deployments, complete } = report.commitCoverage;
  expect(complete).toBeGreaterThanOrEqual(deployments - report.entityCount);
  return report.metrics;
}

describe('demo ledger', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('seeds labelled history whose DORA bands tell the teams apart, once', async () => {
      const first = await start(databaseId);
      const { knex, get } = first;
      expect(await first.seeded()).toMatch(
        /^Demo ledger seeded in \d+ ms: \d{3} new deliveries, 0 already stored$/,
      );

      const web = await teamReport(knex, get, 'team-web');
      const checkout = await teamReport(knex, get, 'team-checkout');
      // eslint-disable-next-line no-console
      console.log(
        ['team-web', 'team-checkout']
          .map(
            (team, i) =>
              `${team}: ${Object.entries([web, checkout][i])
                .map(([k, m]) => `${k} ${m.value} (${m.band})`)
                .join(', ')}`,
          )
          .join('\n'),
      );
      const catalog = await teamReport(knex, get, 'team-catalog');
      expect(catalog.deploymentFrequency.band).toBe('high');
      expect(catalog.leadTime.band).toBe('high');
      expect(web.deploymentFrequency.band).toBe('elite');
      expect(web.leadTime.band).toBe('elite');
      expect(web.changeFailureRate.band).toBe('elite');
      expect(web.recoveryTime.band).toBe('elite');
      // Weekly to monthly releases, weeks of lead time, many failures.
      expect(['medium', 'low']).toContain(checkout.deploymentFrequency.band);
      expect(['medium', 'low']).toContain(checkout.leadTime.band);
      expect(checkout.leadTime.value!).toBeGreaterThan(7 * 86_400);
      expect(['medium', 'low']).toContain(checkout.changeFailureRate.band);
      expect(checkout.changeFailureRate.value!).toBeGreaterThan(
        3 * web.changeFailureRate.value!,
      );

      // The department sees the four components.
      const shop = await get(
        `/dora?group=${encodeURIComponent('group:default/shop')}&days=90`,
      );
      expect(shop.entityCount).toBe(4);

      // The incident with a rollback: the release rolled back, a rollback
      // deployment to the release before, the incident resolved.
      const { items: incidents } = await get(
        `/incidents?entity=${encodeURIComponent(
          'component:default/orders-service',
        )}`,
      );
      const rolledBack = incidents.filter((i: any) =>
        /rolled back/.test(i.title),
      );
      expect(rolledBack.length).toBeGreaterThan(0);
      expect(rolledBack[0]).toMatchObject({
        source: 'demo',
        status: 'resolved',
      });
      expect(rolledBack[0].deploymentId).toBeDefined();
      const [bad] = await knex('paved_deployments').where({
        id: rolledBack[0].deploymentId,
      });
      expect(Boolean(bad.rolled_back)).toBe(true);
      const rollback = await knex('paved_deployments')
        .where({
          entity_ref: 'component:default/orders-service',
          kind: 'rollback',
        })
        .whereRaw('COALESCE(finished_at, started_at) > ?', [bad.finished_at]);
      expect(rollback.length).toBeGreaterThan(0);

      // Every record is demo, came through the webhook intake and was
      // processed; the deployments list shows them.
      const deliveries = await knex('paved_webhook_deliveries');
      expect(deliveries.length).toBeGreaterThan(200);
      expect(deliveries.every((d: any) => d.source === 'demo')).toBe(true);
      expect(deliveries.every((d: any) => d.status === 'processed')).toBe(true);
      const sources = await knex('paved_deployments').distinct('source');
      expect(sources.map((s: any) => s.source)).toEqual(['demo']);
      const { items: listed } = await get(
        `/deployments?entity=${encodeURIComponent(
          'component:default/shop-frontend',
        )}&limit=5`,
      );
      expect(listed).toHaveLength(5);
      expect(listed[0].message).toMatch(/^\(demo\)/);

      expect(
        first.log.filter(l => ['warn', 'error'].includes(l.level)),
      ).toEqual([]);

      // A second start (a restart, or another replica) adds nothing.
      const before = {
        deliveries: deliveries.length,
        deployments: await count(knex, 'paved_deployments'),
        incidents: await count(knex, 'paved_incidents'),
        changes: await count(knex, 'paved_changes'),
      };
      await first.stop();
      const second = await start(databaseId, { knex });
      expect(await second.seeded()).toMatch(
        /^Demo ledger seeded in \d+ ms: 0 new deliveries, \d{3} already stored$/,
      );
      expect({
        deliveries: await count(knex, 'paved_webhook_deliveries'),
        deployments: await count(knex, 'paved_deployments'),
        incidents: await count(knex, 'paved_incidents'),
        changes: await count(knex, 'paved_changes'),
      }).toEqual(before);
      await second.stop();

      // Without the module, the next start removes the demo ledger.
      const off = await start(databaseId, { withModule: false, knex });
      expect(off.log.map(l => l.message)).toContainEqual(
        expect.stringMatching(
          /^Demo data is off: removed \d{3} demo deployments and incidents/,
        ),
      );
      expect(await count(knex, 'paved_deployments')).toBe(0);
      expect(await count(knex, 'paved_incidents')).toBe(0);
      expect(await count(knex, 'paved_changes')).toBe(0);
      expect(await count(knex, 'paved_commit_ranges')).toBe(0);
      expect(await count(knex, 'paved_deployment_changes')).toBe(0);
      expect(await count(knex, 'paved_webhook_deliveries')).toBe(0);
      const report = await off.get(
        `/dora?group=${encodeURIComponent('group:default/team-web')}&days=90`,
      );
      expect(report.metrics.deploymentFrequency.value).toBeNull();
      await off.stop();
    });
  });
});
