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
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { applyDatabaseMigrations } from '../database';
import { DemoDataSeeders } from '../demoDataSeeders';
import { AnalyticsActivityStore } from '../analytics/AnalyticsActivityStore';
import recordedTasks from './__fixtures__/scaffolder/tasks.json';
import {
  createFixtureRepositories,
  fixtureCatalog,
  insertFixtureLedger,
  NOW,
} from './__testUtils__/fixtures';
import { AdoptionEngine } from './AdoptionEngine';
import { AdoptionService } from './AdoptionService';
import { AnalyticsService } from '../analytics/AnalyticsService';
import { AdoptionConfig } from './config';
import { RepositoryReader } from './RepositoryReader';
import { ScaffolderTaskReader } from './ScaffolderTaskReader';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const server = setupServer();
registerMswTestHooks(server);

const SCAFFOLDER = 'http://scaffolder.test/api/scaffolder';
const config = (overrides: Partial<AdoptionConfig> = {}): AdoptionConfig => ({
  historyDays: 365,
  analytics: { enabled: true, retentionDays: 90 },
  demoData: false,
  ...overrides,
});

const share = (count: number, total: number) => ({
  count,
  total,
  share: count / total,
});

// A demo data module as the engine sees it: twelve weekly snapshots before
// today and a demo user's page view today.
const demoSeeders = () =>
  new DemoDataSeeders(
    [
      {
        id: 'test',
        async seedAdoption({ now, addSnapshots, addPageViews }) {
          const day = (daysAgo: number) =>
            new Date(now.getTime() - daysAgo * 86_400_000)
              .toISOString()
              .slice(0, 10);
          await addSnapshots(
            Array.from({ length: 12 }, (_, w) => ({
              day: day((12 - w) * 7),
              metrics: {
                components: 40,
                withScore: share(20, 40),
                fromGoldenPath: share(10, 40),
                onCurrentVersion: share(8, 40),
                deployingThroughPaved: share(16, 40),
                funnel: [],
                templateRuns: {
                  windowDays: 90,
                  status: 'ok',
                  runs: 4,
                  succeeded: 3,
                  failed: 1,
                  successRate: 0.75,
                },
                activeUsers: {
                  enabled: true,
                  weekly: 6,
                  monthly: 14,
                  demoWeekly: 6,
                  demoMonthly: 14,
                },
                timeToFirstProductionDeployment: {
                  medianSeconds: 86_400,
                  samples: 2,
                },
                automationScore: 50,
                complexityScore: 40,
              },
            })),
          );
          await addPageViews([
            {
              userRef: 'user:default/demo-user-01',
              day: day(0),
              pluginId: 'paved',
              views: 2,
            },
          ]);
        },
      },
    ],
    mockServices.logger.mock(),
  );

async function setup(
  databaseId: TestDatabaseId,
  options: { config?: AdoptionConfig; demo?: DemoDataSeeders } = {},
) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations({ migrations: { skip: false } } as any, knex);
  const dir = createMockDirectory();
  const repos = await createFixtureRepositories(dir.path);
  const entities = fixtureCatalog(repos);
  const catalog = catalogServiceMock({ entities });
  await insertFixtureLedger(knex);
  const engine = new AdoptionEngine({
    db: knex,
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    config: options.config ?? config(),
    repositories: new RepositoryReader({
      reader: mockServices.urlReader.mock(),
    }),
    scaffolder: new ScaffolderTaskReader({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => SCAFFOLDER,
      }),
      auth: mockServices.auth(),
    }),
    demo: options.demo,
  });
  return { knex, repos, catalog, engine };
}

function serveRecordedTasks(requests: Request[] = []) {
  server.use(
    http.get(`${SCAFFOLDER}/v2/tasks`, ({ request }) => {
      requests.push(request);
      return HttpResponse.json(recordedTasks);
    }),
  );
  return requests;
}

describe('adoption computation', () => {
  it.each(databases.eachSupportedId())(
    'computes the funnel, checks, scores and template usage of the fixture catalog on %p',
    async databaseId => {
      const requests = serveRecordedTasks();
      const { engine, catalog } = await setup(databaseId);

      const result = await engine.run(NOW);
      expect(result).toMatchObject({
        computedAt: NOW.toISOString(),
        entities: 6,
      });

      // The scaffolder was asked with a service token, newest first.
      expect(requests).toHaveLength(1);
      const url = new URL(requests[0].url);
      expect(url.searchParams.get('order')).toBe('desc:created_at');
      expect(requests[0].headers.get('authorization')).toMatch(/^Bearer .+/);

      const service = new AdoptionService({ engine, catalog });
      const report = await service.getReport(mockCredentials.service(), NOW);
      const m = report.current!;
      expect(m.components).toBe(6);
      expect(m.withScore).toEqual({ count: 5, total: 6, share: 5 / 6 });
      expect(m.fromGoldenPath).toEqual({ count: 5, total: 6, share: 5 / 6 });
      expect(m.onCurrentVersion).toEqual({ count: 2, total: 6, share: 2 / 6 });
      expect(m.deployingThroughPaved).toEqual({
        count: 3,
        total: 6,
        share: 3 / 6,
      });
      expect(m.funnel.map(s => [s.id, s.count])).toEqual([
        ['catalog', 6],
        ['score', 5],
        ['golden-path', 5],
        ['current-version', 2],
        ['deploying', 1],
      ]);
      expect(m.automationScore).toBe(55);
      expect(m.templateRuns).toEqual({
        windowDays: 90,
        status: 'ok',
        runs: 3,
        succeeded: 3,
        failed: 0,
        successRate: 1,
      });
      expect(m.timeToFirstProductionDeployment).toEqual({
        medianSeconds: 86400,
        samples: 1,
      });
      expect(report.templates).toEqual([
        {
          templateRef: 'template:default/paved-typescript-service',
          title: 'TypeScript service',
          version: '1.2.0',
          runs: 3,
          succeeded: 3,
          failed: 0,
          successRate: 1,
          lastRunAt: '2026-11-25T13:20:11.000Z',
          components: 1,
          medianSecondsToFirstProductionDeployment: 86400,
        },
        {
          templateRef: 'template:default/paved-web-frontend',
          version: '1.0.0',
          runs: 0,
          succeeded: 0,
          failed: 0,
          successRate: null,
          components: 0,
          medianSecondsToFirstProductionDeployment: null,
        },
      ]);
      expect(
        report.furthestOffPath.map(c => [
          c.entityRef,
          c.deviations.length,
          c.automationScore,
        ]),
      ).toEqual([
        ['component:default/legacy', 5, 0],
        ['component:default/cart', 4, 40],
        ['component:default/web', 3, 35],
        ['component:default/broken', 3, 55],
        ['component:default/gp-api-12415', 1, 100],
      ]);
      expect(report.history).toHaveLength(1);
      expect(report.history[0]).toMatchObject({
        day: '2026-11-28',
        demo: false,
        withScore: 5 / 6,
      });
      expect(report.demo).toBe(false);

      // Per entity: every check with its reason.
      const summary = async (name: string) => {
        const s = (await engine.scores.get(`component:default/${name}`))!;
        return {
          automation: s.automation.score,
          complexity: s.complexity.score,
          checks: Object.fromEntries(
            s.automation.checks.map(c => [c.id, `${c.status}: ${c.reason}`]),
          ),
        };
      };
      expect(await summary('checkout')).toEqual({
        automation: 100,
        complexity: 19,
        checks: {
          'ci-workflow': 'passed: found .github/workflows/ci.yaml',
          'tests-in-ci': 'passed: CI runs `npm test`',
          'deploys-automated':
            'passed: 5 of 5 deployments in the last 30 days were automated',
          'resources-from-score':
            'passed: the Score file declares every resource it depends on (2 resources)',
          'no-overrides':
            'passed: kept every default of paved-typescript-service',
        },
      });
      expect((await summary('cart')).checks).toEqual({
        'ci-workflow': 'passed: found .gitlab-ci.yml',
        'tests-in-ci': 'failed: no test command in .gitlab-ci.yml',
        'deploys-automated':
          'failed: 1 of 3 deployments in the last 30 days were automated; 2 were recorded by hand',
        'resources-from-score':
          'passed: the Score file declares the workload and it depends on no other resources',
        'no-overrides':
          'failed: overrode 1 default: containers.main.resources.limits.memory',
      });
      expect((await summary('cart')).automation).toBe(40);
      expect(await summary('legacy')).toMatchObject({
        automation: 0,
        checks: {
          'ci-workflow': 'failed: no CI configuration in the repository',
          'tests-in-ci': 'failed: there is no CI configuration',
          'deploys-automated':
            'failed: no deployments recorded in the last 30 days',
          'resources-from-score': 'failed: the component has no Score file',
          'no-overrides': 'not-applicable: not created from a golden path',
        },
      });
      expect((await summary('web')).checks['ci-workflow']).toBe(
        'failed: no repository Paved can read: it has no backstage.io/managed-by-location',
      );
      expect((await summary('broken')).checks['resources-from-score']).toBe(
        'failed: the catalog reports 1 problem with the Score file',
      );
      const legacy = (await engine.scores.get('component:default/legacy'))!;
      expect(legacy.facts.catalog).toMatchObject({
        dependencies: 2,
        resourcesOutsideScore: ['resource:default/legacy-db'],
        goldenPath: { status: 'none' },
      });
      expect(legacy.facts.ledger.environments).toEqual([]);
      const cart = (await engine.scores.get('component:default/cart'))!;
      expect(cart.facts.ledger).toMatchObject({
        deployments: 3,
        automatedDeployments: 1,
        manualDeployments: 2,
        productionDeployments: 2,
        environments: ['production', 'staging'],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps fact history on change only, and drops entities that left the catalog, on %p',
    async databaseId => {
      serveRecordedTasks();
      const { engine, repos, knex } = await setup(databaseId);
      await engine.run(NOW);
      const historyRows = async () =>
        Number(
          (await knex('paved_adoption_fact_history').count({ n: '*' }))[0].n,
        );
      expect(await historyRows()).toBe(18); // 6 entities × 3 retrievers

      // Nothing changed: a second run adds no history.
      await engine.run(new Date(NOW.getTime() + 3600_000));
      expect(await historyRows()).toBe(18);

      // legacy gets a CI workflow with tests.
      await fs.mkdir(join(repos.none, '.github/workflows'), {
        recursive: true,
      });
      await fs.writeFile(
        join(repos.none, '.github/workflows/build.yml'),
        'jobs:\n  t:\n    steps:\n      - run: go test ./...\n',
      );
      await engine.run(new Date(NOW.getTime() + 7200_000));
      expect(await historyRows()).toBe(19);
      const history = await engine.facts.history('component:default/legacy');
      expect(
        history
          .filter(h => h.retrieverId === 'repository')
          .map(h => (h.facts as any).testCommands),
      ).toEqual([[], ['go test']]);
      expect(
        (await engine.scores.get('component:default/legacy'))!.automation.score,
      ).toBe(47); // 40 of 85

      // legacy leaves the catalog: its latest facts and scores go.
      const remaining = fixtureCatalog(repos).filter(
        e => e.metadata.name !== 'legacy',
      );
      const engine2 = new AdoptionEngine({
        db: knex,
        catalog: catalogServiceMock({ entities: remaining }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        config: config(),
        repositories: new RepositoryReader({
          reader: mockServices.urlReader.mock(),
        }),
      });
      const later = new Date(NOW.getTime() + 3 * 3600_000);
      const run = await engine2.run(later);
      expect(run.entities).toBe(5);
      expect(
        await engine2.scores.get('component:default/legacy'),
      ).toBeUndefined();
      expect(
        await knex('paved_adoption_facts').where({
          entity_ref: 'component:default/legacy',
        }),
      ).toEqual([]);
      // Without the scaffolder connected, template runs say so.
      expect((await engine2.snapshots.latest())!.metrics.templateRuns).toEqual({
        windowDays: 90,
        status: 'unavailable',
        detail: 'the scaffolder task history is not connected',
        runs: 0,
        succeeded: 0,
        failed: 0,
        successRate: null,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'reports the scaffolder as unavailable when it answers with an error, on %p',
    async databaseId => {
      server.use(
        http.get(`${SCAFFOLDER}/v2/tasks`, () =>
          HttpResponse.json(
            { error: { name: 'NotAllowedError', message: 'nope' } },
            { status: 403 },
          ),
        ),
      );
      const { engine } = await setup(databaseId);
      await engine.run(NOW);
      const runs = (await engine.snapshots.latest())!.metrics.templateRuns;
      expect(runs.status).toBe('unavailable');
      expect(runs.detail).toMatch(
        /^could not read the scaffolder's task history: Request failed with 403/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'counts weekly and monthly active users, keeps demo data labelled and prunes after the retention, on %p',
    async databaseId => {
      serveRecordedTasks();
      const { engine, catalog, knex } = await setup(databaseId, {
        config: config({ demoData: true }),
        demo: demoSeeders(),
      });
      const analytics = new AnalyticsService(engine.activity, true);
      const day = 86_400_000;
      const at = (daysAgo: number) =>
        new Date(NOW.getTime() - daysAgo * day).toISOString();
      // Today, 20 days ago (monthly only) and 100 days ago (past retention).
      await engine.activity.record([
        {
          userRef: 'user:default/old',
          day: at(100).slice(0, 10),
          pluginId: 'catalog',
          views: 3,
        },
      ]);
      expect(
        await analytics.record(
          'user:default/ada',
          [
            { pluginId: 'paved' },
            { pluginId: 'paved' },
            { pluginId: 'catalog', at: at(1) },
          ],
          NOW,
        ),
      ).toEqual({ enabled: true, recorded: 3, rejected: [] });
      await engine.activity.record([
        {
          userRef: 'user:default/bob',
          day: at(20).slice(0, 10),
          pluginId: 'catalog',
          views: 1,
        },
      ]);
      // Invalid events are reported; the valid one in between is kept.
      expect(
        await analytics.record(
          'user:default/cy',
          [
            { at: 'yesterday' },
            { pluginId: 'techdocs' },
            { pluginId: '<script>' },
            { at: at(5) },
          ],
          NOW,
        ),
      ).toEqual({
        enabled: true,
        recorded: 1,
        rejected: [
          {
            index: 0,
            message: "events[0].at is not an ISO 8601 time: 'yesterday'",
          },
          {
            index: 2,
            message:
              "events[2].pluginId must be a plugin id (letters, digits, . _ -, at most 64), got '<script>'",
          },
          {
            index: 3,
            message: `events[3].at must be within the last 2 days, got ${at(
              5,
            )}`,
          },
        ],
      });
      // Repeated views add up per user, day and plugin.
      const ada = await knex('paved_analytics_activity')
        .where({ user_ref: 'user:default/ada' })
        .orderBy('day');
      expect(
        ada.map((r: any) => [r.day, r.plugin_id, Number(r.views)]),
      ).toEqual([
        ['2026-11-27', 'catalog', 1],
        ['2026-11-28', 'paved', 2],
      ]);

      await engine.run(NOW);
      const report = await new AdoptionService({ engine, catalog }).getReport(
        mockCredentials.service(),
        NOW,
      );
      const users = report.current!.activeUsers;
      // ada and cy this week, bob this month; 100 days ago is pruned.
      expect(users.weekly - users.demoWeekly).toBe(2);
      expect(users.monthly - users.demoMonthly).toBe(3);
      expect(users.demoWeekly).toBeGreaterThan(0);
      expect(report.demo).toBe(true);
      expect(report.history.filter(h => h.demo)).toHaveLength(12);
      expect(report.history.at(-1)).toMatchObject({
        day: '2026-11-28',
        demo: false,
      });
      const old = await knex('paved_analytics_activity').where({
        user_ref: 'user:default/old',
      });
      expect(old).toEqual([]);

      // With demo data off, the demo rows are ignored.
      const plain = new AdoptionEngine({
        db: knex,
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        config: config(),
        repositories: new RepositoryReader({
          reader: mockServices.urlReader.mock(),
        }),
      });
      const plainReport = await new AdoptionService({
        engine: plain,
        catalog,
      }).getReport(mockCredentials.service(), NOW);
      expect(plainReport.demo).toBe(false);
      expect(plainReport.current!.activeUsers).toMatchObject({
        weekly: 2,
        monthly: 3,
        demoWeekly: 0,
        demoMonthly: 0,
      });
      expect(plainReport.history.every(h => !h.demo)).toBe(true);
    },
  );

  it('stores nothing when analytics is switched off', async () => {
    const knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations({ migrations: { skip: false } } as any, knex);
    const store = new AnalyticsActivityStore(knex);
    const analytics = new AnalyticsService(store, false);
    expect(await analytics.record('user:default/ada', [{}], NOW)).toEqual({
      enabled: false,
      recorded: 0,
      rejected: [],
    });
    expect(await knex('paved_analytics_activity')).toEqual([]);
  });
});
