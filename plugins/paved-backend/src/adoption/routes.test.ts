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
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PavedDemoDataSeeder } from '@paved/plugin-paved-node';
import request from 'supertest';
import { demoDataModule } from '../__testUtils__/demoDataModule';
import { pavedPlugin } from '../plugin';
import {
  createFixtureRepositories,
  fixtureCatalog,
  insertFixtureLedger,
} from './__testUtils__/fixtures';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function start(
  databaseId: TestDatabaseId,
  extra: any[] = [],
  config: object = {},
) {
  const knex = await databases.init(databaseId);
  const dir = createMockDirectory();
  const entities = fixtureCatalog(await createFixtureRepositories(dir.path));
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: { paved: config } }),
      ...extra,
    ],
  });
  return { server, knex };
}

describe('adoption routes', () => {
  it.each(databases.eachSupportedId())(
    'serves the report, scores, SLOs and page views through the real plugin on %p',
    async databaseId => {
      const { server, knex } = await start(databaseId);
      // The ledger as CI and the orchestrator would have filled it, relative
      // to the real clock (the route computes "now" itself).
      await insertFixtureLedger(knex, new Date());
      const user = mockCredentials.user.header();

      // Before the first run: an honest empty report.
      const before = await request(server)
        .get('/api/paved/v1/adoption')
        .set('Authorization', user);
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({
        computedAt: null,
        current: null,
        history: [],
        furthestOffPath: [],
        analytics: { enabled: true, retentionDays: 90 },
        demo: false,
      });

      // Scores of a component the run has not seen yet are computed on demand.
      const early = await request(server)
        .get('/api/paved/v1/adoption/scores')
        .query({ entity: 'component:default/cart' })
        .set('Authorization', user);
      expect(early.status).toBe(200);
      expect(early.body.automation.checks.map((c: any) => c.status)).toEqual([
        'passed',
        'failed',
        'failed',
        'passed',
        'failed',
      ]);

      const refresh = await request(server)
        .post('/api/paved/v1/adoption/refresh')
        .set('Authorization', user);
      expect(refresh.status).toBe(200);
      expect(refresh.body).toEqual({
        computedAt: expect.any(String),
        durationMs: expect.any(Number),
        entities: 6,
      });

      const report = await request(server)
        .get('/api/paved/v1/adoption')
        .set('Authorization', user);
      expect(report.status).toBe(200);
      expect(report.body.current.funnel.map((s: any) => s.count)).toEqual([
        6, 5, 5, 2, 1,
      ]);
      // The test backend has no scaffolder: said, not hidden.
      expect(report.body.current.templateRuns.status).toBe('unavailable');
      expect(report.body.furthestOffPath[0].entityRef).toBe(
        'component:default/legacy',
      );

      const scores = await request(server)
        .get('/api/paved/v1/adoption/scores')
        .query({ entity: 'checkout' })
        .set('Authorization', user);
      expect(scores.status).toBe(200);
      expect(scores.body.entityRef).toBe('component:default/checkout');
      expect(scores.body.automation.checks[0]).toMatchObject({
        id: 'ci-workflow',
        status: 'passed',
      });

      const slos = await request(server)
        .get('/api/paved/v1/slos')
        .query({ entity: 'component:default/checkout' })
        .set('Authorization', user);
      expect(slos.status).toBe(200);
      expect(slos.body).toMatchObject({
        declared: true,
        source: { type: 'file' },
        objectives: [
          {
            name: 'deployments-succeed',
            good: 2,
            total: 2,
            sli: 1,
            status: 'healthy',
          },
        ],
        errors: [],
      });

      const views = await request(server)
        .post('/api/paved/v1/analytics/page-views')
        .set('Authorization', user)
        .send({ events: [{ pluginId: 'paved' }, { pluginId: 'catalog' }] });
      expect(views.status).toBe(200);
      expect(views.body).toEqual({ enabled: true, recorded: 2, rejected: [] });
      const rows = await knex('paved_analytics_activity').select('user_ref');
      expect(new Set(rows.map(r => r.user_ref))).toEqual(
        new Set([mockCredentials.user().principal.userEntityRef]),
      );
      const after = await request(server)
        .get('/api/paved/v1/adoption')
        .set('Authorization', user);
      expect(after.body.current.activeUsers).toMatchObject({
        weekly: 1,
        monthly: 1,
      });
    },
  );

  it('answers bad input with a 4xx that says what is wrong', async () => {
    const { server } = await start('SQLITE_3');
    const user = mockCredentials.user.header();
    const missing = await request(server)
      .get('/api/paved/v1/adoption/scores')
      .set('Authorization', user);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/entity/);

    const notARef = await request(server)
      .get('/api/paved/v1/slos')
      .query({ entity: 'component:' })
      .set('Authorization', user);
    expect(notARef.status).toBe(400);
    expect(notARef.body.error.message).toMatch(
      /^entity 'component:' is not an entity ref/,
    );

    const unknown = await request(server)
      .get('/api/paved/v1/adoption/scores')
      .query({ entity: 'component:default/nope' })
      .set('Authorization', user);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No entity component:default/nope in the catalog',
    );

    const template = await request(server)
      .get('/api/paved/v1/adoption/scores')
      .query({ entity: 'template:default/paved-web-frontend' })
      .set('Authorization', user);
    expect(template.status).toBe(400);
    expect(template.body.error.message).toBe(
      'Scores are computed for Components; template:default/paved-web-frontend is a Template',
    );

    const empty = await request(server)
      .post('/api/paved/v1/analytics/page-views')
      .set('Authorization', user)
      .send({ events: [] });
    expect(empty.status).toBe(400);

    const extra = await request(server)
      .post('/api/paved/v1/analytics/page-views')
      .set('Authorization', user)
      .send({ events: [{ path: '/catalog/secret' }] });
    expect(extra.status).toBe(400);
  });

  it('needs a credential, a user for page views, and the permissions', async () => {
    const { server } = await start('SQLITE_3');
    const none = await request(server)
      .get('/api/paved/v1/adoption')
      .set('Authorization', mockCredentials.none.header());
    expect(none.status).toBe(401);

    const service = await request(server)
      .post('/api/paved/v1/analytics/page-views')
      .set('Authorization', mockCredentials.service.header())
      .send({ events: [{ pluginId: 'paved' }] });
    expect(service.status).toBe(403);

    const { server: denied } = await start('SQLITE_3', [
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    const user = mockCredentials.user.header();
    const answers = [];
    for (const [method, path, body] of [
      ['get', '/api/paved/v1/adoption'],
      ['post', '/api/paved/v1/adoption/refresh', {}],
      [
        'get',
        '/api/paved/v1/adoption/scores?entity=component%3Adefault%2Fcart',
      ],
      ['get', '/api/paved/v1/slos?entity=component%3Adefault%2Fcart'],
      ['post', '/api/paved/v1/analytics/page-views', { events: [{}] }],
    ] as const) {
      const req =
        method === 'get'
          ? request(denied).get(path)
          : request(denied).post(path).send(body);
      const res = await req.set('Authorization', user);
      answers.push([res.status, res.body.error?.message]);
    }
    expect(answers).toEqual([
      [403, 'Not allowed to read the adoption report'],
      [403, 'Not allowed to recompute the adoption facts'],
      [403, 'Not allowed to read scores'],
      [403, 'Not allowed to read SLOs'],
      [403, 'Not allowed to record page views'],
    ]);
  });

  it('stores no page views with analytics switched off, not even demo ones', async () => {
    const seededAt: Date[] = [];
    const demoPageViews: PavedDemoDataSeeder = {
      id: 'page-views',
      async seedAdoption({ now, addPageViews }) {
        seededAt.push(now);
        await addPageViews([
          {
            userRef: 'user:default/demo-user-01',
            day: now.toISOString().slice(0, 10),
            pluginId: 'paved',
            views: 1,
          },
        ]);
      },
    };
    const { server, knex } = await start(
      'SQLITE_3',
      [demoDataModule([demoPageViews])],
      {
        analytics: { enabled: false },
      },
    );
    // Demo data is seeded at startup.
    expect(seededAt).toHaveLength(1);
    const res = await request(server)
      .post('/api/paved/v1/analytics/page-views')
      .set('Authorization', mockCredentials.user.header())
      .send({ events: [{ pluginId: 'paved' }] });
    expect(res.body).toEqual({ enabled: false, recorded: 0, rejected: [] });
    expect(await knex('paved_analytics_activity')).toEqual([]);

    const report = await request(server)
      .get('/api/paved/v1/adoption')
      .set('Authorization', mockCredentials.user.header());
    // Nothing demo was stored, so nothing is labelled demo.
    expect(report.body.demo).toBe(false);
    expect(report.body.analytics).toEqual({
      enabled: false,
      retentionDays: 90,
    });
  });
});
