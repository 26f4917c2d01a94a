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
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test runs the module inside the real Paved backend
import pavedBackend from '@paved/plugin-paved-backend';
import { surveyPeriodId } from '@paved/plugin-paved-common';
import request from 'supertest';
import pavedModuleDemoData from '.';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

// Each backend also seeds the demo ledger in the background, and stopping
// waits for it.
jest.setTimeout(60_000);

const survey = (name: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Survey',
  metadata: {
    name,
    namespace: 'default',
    title: `Survey ${name}`,
    annotations,
  },
  spec: {
    question: 'How likely are you to recommend the platform to a colleague?',
    subject: 'platform',
    period: 'quarterly',
  },
});

const entities: Entity[] = [
  survey('demo', { 'paved.dev/demo-answers': 'true' }),
  survey('real'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: {},
  },
];

const alice = mockCredentials.user.header('user:default/alice');

async function start(
  databaseId: TestDatabaseId,
  options: { paved?: object; withModule?: boolean } = {},
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      pavedBackend,
      ...(options.withModule === false ? [] : [pavedModuleDemoData]),
      catalogServiceMock.factory({ entities }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          paved: { surveys: { secret: 'test-secret' }, ...options.paved },
        },
      }),
    ],
  });
  const get = async (path: string) => {
    const res = await request(server)
      .get(`/api/paved/v1${path}`)
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    return res.body;
  };
  return { knex, get };
}

describe('paved backend module demo-data', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('switches demo data on and seeds labelled adoption history and page views at startup', async () => {
      const { knex, get } = await start(databaseId);

      expect((await get('/info')).demoData).toBe(true);

      const report = await get('/adoption');
      expect(report.demo).toBe(true);
      expect(report.history).toHaveLength(12);
      expect(report.history.every((p: any) => p.demo)).toBe(true);
      // Weekly, ending a week before today.
      const days = report.history.map((p: any) => Date.parse(p.day));
      expect(days.slice(1).map((d: number, i: number) => d - days[i])).toEqual(
        Array(11).fill(7 * 86_400_000),
      );
      const today = Date.parse(new Date().toISOString().slice(0, 10));
      expect(today - days[11]).toBe(7 * 86_400_000);

      const views = await knex('paved_analytics_activity');
      expect(views.length).toBeGreaterThan(0);
      expect(views.every(v => Boolean(v.demo))).toBe(true);
      expect(
        views.every(v => /^user:default\/demo-user-\d\d$/.test(v.user_ref)),
      ).toBe(true);
    });

    it('seeds the annotated survey only, labelled, once per period', async () => {
      const { knex, get } = await start(databaseId);
      const period = surveyPeriodId('quarterly', new Date());

      const results = await get('/surveys/default/demo/results');
      expect(results.survey.demo).toBe(true);
      expect(results.periods).toHaveLength(5);
      expect(results.periods.every((p: any) => p.demo)).toBe(true);
      // Four past periods with results, the current one still below 5.
      expect(results.periods.map((p: any) => p.nps ?? null)).toEqual([
        -9,
        7,
        25,
        37,
        null,
      ]);
      expect(results.periods[4]).toMatchObject({
        period,
        demo: true,
        tooFewAnswers: true,
      });
      expect(results.periods[4]).not.toHaveProperty('responses');
      expect(results.periods[3].comments.length).toBeGreaterThan(0);
      expect(
        results.periods[3].comments.every((c: string) =>
          c.startsWith('(demo)'),
        ),
      ).toBe(true);

      const real = await get('/surveys/default/real/results');
      expect(real.survey.demo).toBe(false);
      expect(real.periods).toEqual([]);

      // Reading again (the list reads every survey) adds nothing.
      const count = async () =>
        Number((await knex('paved_survey_answers').count({ n: '*' }))[0].n);
      const before = await count();
      expect(before).toBe(64);
      await get('/surveys');
      expect(await count()).toBe(before);
    });

    it('seeds no page views while page views are switched off', async () => {
      const { knex, get } = await start(databaseId, {
        paved: { analytics: { enabled: false } },
      });
      const report = await get('/adoption');
      expect(report.demo).toBe(true);
      expect(report.history).toHaveLength(12);
      expect(await knex('paved_analytics_activity')).toEqual([]);
    });

    it('seeds nothing and reports demo data off with paved.demoData.enabled false', async () => {
      const { knex, get } = await start(databaseId, {
        paved: { demoData: { enabled: false } },
      });
      expect((await get('/info')).demoData).toBe(false);
      const report = await get('/adoption');
      expect(report.demo).toBe(false);
      expect(report.history).toEqual([]);
      const results = await get('/surveys/default/demo/results');
      expect(results.survey.demo).toBe(false);
      expect(results.periods).toEqual([]);
      expect(await knex('paved_adoption_snapshots')).toEqual([]);
      expect(await knex('paved_analytics_activity')).toEqual([]);
      expect(await knex('paved_survey_answers')).toEqual([]);
    });
  });

  it('leaves demo data off without the module, whatever the config says', async () => {
    const { get } = await start('SQLITE_3', {
      withModule: false,
      paved: { demoData: { enabled: true } },
    });
    expect((await get('/info')).demoData).toBe(false);
    const results = await get('/surveys/default/demo/results');
    expect(results.survey.demo).toBe(false);
    expect(results.periods).toEqual([]);
  });
});
