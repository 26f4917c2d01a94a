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
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { shiftSurveyPeriod, surveyPeriodId } from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import request from 'supertest';
import { demoDataModule } from '../__testUtils__/demoDataModule';
import { pavedPlugin } from '../plugin';
import { SURVEY_SECRET_NAME } from './feature';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const survey = (
  name: string,
  minimumAnswers: number,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Survey',
  metadata: {
    name,
    namespace: 'default',
    title: `Survey ${name}`,
    annotations,
  },
  spec: {
    question: 'How likely are you to recommend the platform?',
    subject: 'platform',
    period: 'quarterly',
    minimumAnswers,
  },
});

const users: Entity[] = Array.from({ length: 12 }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: `dev${i}`, namespace: 'default' },
  spec: { memberOf: [] },
}));

const as = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
const period = surveyPeriodId('quarterly', new Date());

async function start(
  knex: Knex,
  options: {
    minimumAnswers?: number;
    surveys?: object;
    features?: any[];
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: [
          survey('steps', options.minimumAnswers ?? 3),
          survey('demo', 3, { 'paved.dev/demo-answers': 'true' }),
          ...users,
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          paved: { surveys: options.surveys ?? { secret: 'anonymity-test' } },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return server;
}

type Server = Awaited<ReturnType<typeof start>>;

const answer = (
  server: Server,
  name: string,
  score: number,
  surveyName = 'steps',
) =>
  request(server)
    .post(`/api/paved/v1/surveys/default/${surveyName}/answers`)
    .set('Authorization', as(name))
    .send({ score, comment: `comment of ${name}` });

async function results(server: Server, surveyName = 'steps') {
  const res = await request(server)
    .get(`/api/paved/v1/surveys/default/${surveyName}/results`)
    .set('Authorization', as('dev0'));
  expect(res.status).toBe(200);
  return res.body.periods;
}

/** Whether the survey list says the person answered `steps` this period. */
async function answered(server: Server, name: string) {
  const list = await request(server)
    .get('/api/paved/v1/surveys')
    .set('Authorization', as(name));
  return list.body.items.find((s: any) => s.name === 'steps').answered;
}

const setOpen = (server: Server, open: boolean) =>
  request(server)
    .put('/api/paved/v1/surveys/default/steps/state')
    .set('Authorization', as('dev0'))
    .send({ open })
    .expect(200);

describe('survey anonymity', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('releases an open period in steps of the threshold, and a closed one without its last few answers', async () => {
      const server = await start(knex);
      await answer(server, 'dev0', 10).expect(200);
      await answer(server, 'dev1', 9).expect(200);
      expect(await results(server)).toEqual([
        {
          period,
          demo: false,
          tooFewAnswers: true,
          minimumAnswers: 3,
          collecting: true,
        },
      ]);

      await answer(server, 'dev2', 0).expect(200);
      const first = await results(server);
      expect(first).toEqual([
        expect.objectContaining({
          tooFewAnswers: false,
          responses: 3,
          nps: 33,
          collecting: true,
        }),
      ]);

      // One more answer, and a changed one: polling shows nothing new, so
      // neither can be singled out.
      await answer(server, 'dev3', 0).expect(200);
      await answer(server, 'dev1', 0).expect(200);
      expect(await results(server)).toEqual(first);
      await answer(server, 'dev4', 10).expect(200);
      expect(await results(server)).toEqual(first);

      // The third answer since the release makes the next step.
      await answer(server, 'dev5', 10).expect(200);
      const second = await results(server);
      expect(second[0]).toMatchObject({ responses: 6, nps: 0 });
      expect(second[0].comments).toHaveLength(6);

      // Closed with nothing new since the step: the same figures.
      await setOpen(server, false);
      expect(await results(server)).toEqual([
        { ...second[0], collecting: false },
      ]);

      // Reopened for one more answer and closed again: one answer since the
      // last step is fewer than the threshold, so it is never shown.
      await setOpen(server, true);
      await answer(server, 'dev6', 10).expect(200);
      await setOpen(server, false);
      const final = await results(server);
      expect(final[0]).toMatchObject({ responses: 6, collecting: false });
      expect(JSON.stringify(final)).not.toContain('comment of dev6');

      // Three more after reopening are a step: all of them show.
      await setOpen(server, true);
      await answer(server, 'dev7', 10).expect(200);
      await answer(server, 'dev8', 10).expect(200);
      await setOpen(server, false);
      expect((await results(server))[0]).toMatchObject({ responses: 9 });
      expect(
        await knex('paved_survey_periods').select(
          'period',
          'minimum_answers',
          'closed',
          'released_answers',
        ),
      ).toEqual([
        {
          period,
          minimum_answers: 3,
          closed: databaseId === 'SQLITE_3' ? 1 : true,
          released_answers: 9,
        },
      ]);
    });

    it("keeps a period's threshold when minimumAnswers is lowered", async () => {
      const strict = await start(knex, { minimumAnswers: 5 });
      for (const name of ['dev0', 'dev1', 'dev2']) {
        await answer(strict, name, 9).expect(200);
      }
      await setOpen(strict, false);
      expect(await results(strict)).toEqual([
        {
          period,
          demo: false,
          tooFewAnswers: true,
          minimumAnswers: 5,
          collecting: false,
        },
      ]);

      // The survey's owner lowers the threshold to 3 (and reopens it): the
      // three answers given under 5 stay hidden.
      const lowered = await start(knex, { minimumAnswers: 3 });
      expect(await results(lowered)).toEqual([
        expect.objectContaining({ tooFewAnswers: true, minimumAnswers: 5 }),
      ]);
      await setOpen(lowered, true);
      expect(await results(lowered)).toEqual([
        expect.objectContaining({ tooFewAnswers: true, minimumAnswers: 5 }),
      ]);
      const csv = await request(lowered)
        .get('/api/paved/v1/surveys/default/steps/results/csv')
        .set('Authorization', as('dev0'));
      expect(csv.text).toContain('too few answers (fewer than 5)');
    });

    it('never counts demo answers with real ones', async () => {
      const previous = shiftSurveyPeriod('quarterly', period, -1);
      const server = await start(knex, {
        features: [
          demoDataModule([
            {
              id: 'test',
              async seedSurvey({ survey: read, addAnswers }) {
                if (read.entity.metadata.name !== 'demo') return;
                await addAnswers(
                  [
                    ...[10, 10, 10].map(score => ({ period: previous, score })),
                    ...[10, 10, 10, 10].map(score => ({ period, score })),
                  ].map((row, i) => ({ ...row, respondent: `demo:${i}` })),
                );
              },
            },
          ]),
        ],
      });
      // Real answers in the period the demo data also fills.
      await answer(server, 'dev0', 0, 'demo').expect(200);
      await answer(server, 'dev1', 0, 'demo').expect(200);
      const withTwo = await results(server, 'demo');
      expect(withTwo).toEqual([
        expect.objectContaining({
          period: previous,
          demo: true,
          responses: 3,
          nps: 100,
        }),
        expect.objectContaining({ period, demo: false, tooFewAnswers: true }),
      ]);
      await answer(server, 'dev2', 0, 'demo').expect(200);
      expect((await results(server, 'demo'))[1]).toMatchObject({
        period,
        demo: false,
        responses: 3,
        detractors: 3,
        nps: -100,
      });
    });
  });

  describe('the respondent-hash key', () => {
    const env = process.env.NODE_ENV;
    afterEach(() => {
      process.env.NODE_ENV = env;
    });

    it('is required in production', async () => {
      const knex = await databases.init('SQLITE_3');
      process.env.NODE_ENV = 'production';
      await expect(start(knex, { surveys: {} })).rejects.toThrow(
        /paved.surveys.secret is required in production/,
      );
      await expect(
        start(knex, { surveys: { secret: 'too-short' } }),
      ).rejects.toThrow(/at least 32 characters in production/);
    });

    it('replaces the generated key once one is configured', async () => {
      const knex = await databases.init('SQLITE_3');
      await start(knex, { surveys: {} });
      expect(await knex('paved_secrets').pluck('name')).toEqual([
        SURVEY_SECRET_NAME,
      ]);
      await start(knex, { surveys: { secret: 'configured-key' } });
      expect(await knex('paved_secrets').select()).toEqual([]);
    });

    it('recognises answers given before a rotation', async () => {
      const knex = await databases.init('SQLITE_3');
      const before = await start(knex, { surveys: { secret: 'old-key' } });
      await answer(before, 'dev0', 7).expect(200);

      const rotated = await start(knex, {
        surveys: { secret: 'new-key', previousSecrets: ['old-key'] },
      });
      expect(await answered(rotated, 'dev0')).toBe(true);
      const again = await answer(rotated, 'dev0', 9);
      expect(again.body.changed).toBe(true);
      const rows = await knex('paved_survey_answers')
        .where({ survey_ref: 'survey:default/steps' })
        .select('score');
      expect(rows).toEqual([{ score: 9 }]);

      // Without the old key the same person would count twice.
      const forgotten = await start(knex, { surveys: { secret: 'other-key' } });
      expect(await answered(forgotten, 'dev0')).toBe(false);
    });
  });
});
