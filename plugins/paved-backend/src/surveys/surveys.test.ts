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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { surveyPeriodId } from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import request from 'supertest';
import { demoDataModule } from '../__testUtils__/demoDataModule';
import { pavedPlugin } from '../plugin';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const survey = (
  name: string,
  spec: Record<string, unknown> = {},
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
    question: 'How likely are you to recommend the platform to a colleague?',
    followUp: 'What should we improve?',
    subject: 'platform',
    period: 'quarterly',
    ...spec,
  },
});

const user = (name: string, memberOf: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
  relations: memberOf.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});

const entities: Entity[] = [
  survey('platform-nps'),
  survey('team-a-only', {
    subject: 'system:default/payments',
    audience: { type: 'groups', groups: ['group:default/team-a'] },
  }),
  survey('service-owners', {
    subject: 'component:default/checkout',
    audience: { type: 'owners', filter: { kind: 'Component' } },
  }),
  survey('closed', { status: 'closed' }),
  survey('demo', {}, { 'paved.dev/demo-answers': 'true' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/team-b' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-b' }],
  },
  user('alice', ['team-a']),
  user('bob', ['team-b']),
  ...Array.from({ length: 18 }, (_, i) => user(`dev${i}`)),
];

const as = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);

const period = surveyPeriodId('quarterly', new Date());

async function start(
  options: {
    knex?: Knex;
    features?: any[];
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      catalogServiceMock.factory({ entities }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({
        data: {
          paved: {
            surveys: { secret: 'test-secret' },
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return server;
}

describe('surveys', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof start>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await start({ knex });
    });

    it('lists surveys with the caller state', async () => {
      const res = await request(server)
        .get('/api/paved/v1/surveys')
        .set('Authorization', as('alice'));
      expect(res.status).toBe(200);
      const byName = Object.fromEntries(
        res.body.items.map((s: any) => [s.name, s]),
      );
      expect(byName['platform-nps']).toMatchObject({
        ref: 'survey:default/platform-nps',
        title: 'Survey platform-nps',
        currentPeriod: period,
        minimumAnswers: 5,
        open: true,
        openSource: 'definition',
        answered: false,
        inAudience: true,
        demo: false,
      });
      expect(byName.closed.open).toBe(false);
      expect(byName['team-a-only'].inAudience).toBe(true);
      expect(byName['service-owners'].inAudience).toBe(false);
    });

    it('keeps one answer per person and period, and lets them change it', async () => {
      const first = await request(server)
        .post('/api/paved/v1/surveys/default/platform-nps/answers')
        .set('Authorization', as('alice'))
        .send({ score: 6, comment: 'first' });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        survey: 'survey:default/platform-nps',
        period,
        changed: false,
      });

      const second = await request(server)
        .post('/api/paved/v1/surveys/default/platform-nps/answers')
        .set('Authorization', as('alice'))
        .send({ score: 10, comment: 'changed my mind' });
      expect(second.status).toBe(200);
      expect(second.body.changed).toBe(true);

      const rows = await knex('paved_survey_answers').where({
        survey_ref: 'survey:default/platform-nps',
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        period,
        score: 10,
        comment: 'changed my mind',
        source: 'user',
      });
      // What is stored about the person: a 64-hex-digit keyed hash, nothing
      // that names them.
      expect(rows[0].respondent_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toMatch(/alice/);
      expect(Object.keys(rows[0]).sort()).toEqual([
        'comment',
        'period',
        'respondent_hash',
        'score',
        'source',
        'survey_ref',
      ]);

      const list = await request(server)
        .get('/api/paved/v1/surveys')
        .set('Authorization', as('alice'));
      expect(
        list.body.items.find((s: any) => s.name === 'platform-nps').answered,
      ).toBe(true);
    });

    it('stores one row for 20 concurrent answers from one person', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(server)
            .post('/api/paved/v1/surveys/default/service-owners/answers')
            .set('Authorization', as('bob'))
            .send({ score: i % 11 }),
        ),
      );
      expect(results.map(r => r.status)).toEqual(Array(20).fill(200));
      const rows = await knex('paved_survey_answers').where({
        survey_ref: 'survey:default/service-owners',
      });
      expect(rows).toHaveLength(1);
      expect(results.map(r => r.body.score ?? 0)).toHaveLength(20);
    });

    it('hides results below the threshold, in JSON and CSV', async () => {
      // alice answered platform-nps above; three more make four (< 5).
      for (const name of ['dev0', 'dev1', 'dev2']) {
        await request(server)
          .post('/api/paved/v1/surveys/default/platform-nps/answers')
          .set('Authorization', as(name))
          .send({ score: 9, comment: `secret opinion of ${name}` })
          .expect(200);
      }
      const hidden = await request(server)
        .get('/api/paved/v1/surveys/default/platform-nps/results')
        .set('Authorization', as('bob'));
      expect(hidden.status).toBe(200);
      expect(hidden.body.periods).toEqual([
        {
          period,
          demo: false,
          tooFewAnswers: true,
          minimumAnswers: 5,
          collecting: true,
        },
      ]);
      expect(JSON.stringify(hidden.body)).not.toMatch(/secret opinion/);

      const hiddenCsv = await request(server)
        .get('/api/paved/v1/surveys/default/platform-nps/results/csv')
        .set('Authorization', as('bob'));
      expect(hiddenCsv.status).toBe(200);
      expect(hiddenCsv.headers['content-type']).toMatch(/text\/csv/);
      expect(hiddenCsv.text).toBe(
        'survey,period,demo,responses,promoters,passives,detractors,nps,response_rate,note\n' +
          `survey:default/platform-nps,${period},false,,,,,,,too few answers (fewer than 5)\n`,
      );

      // The roll-up by subject applies the same threshold.
      const rollUp = await request(server)
        .get('/api/paved/v1/survey-results?subject=platform')
        .set('Authorization', as('bob'));
      const platform = rollUp.body.items.find(
        (r: any) => r.survey.name === 'platform-nps',
      );
      expect(platform.periods).toEqual([
        {
          period,
          demo: false,
          tooFewAnswers: true,
          minimumAnswers: 5,
          collecting: true,
        },
      ]);

      // The fifth answer reveals the period: 4 promoters (10, 9, 9, 9) and
      // one detractor (3) of 5 → NPS 60.
      await request(server)
        .post('/api/paved/v1/surveys/default/platform-nps/answers')
        .set('Authorization', as('dev3'))
        .send({ score: 3 })
        .expect(200);
      const shown = await request(server)
        .get('/api/paved/v1/surveys/default/platform-nps/results')
        .set('Authorization', as('bob'));
      expect(shown.body.audienceSize).toBe(20);
      expect(shown.body.periods).toEqual([
        {
          period,
          demo: false,
          tooFewAnswers: false,
          responses: 5,
          promoters: 4,
          passives: 0,
          detractors: 1,
          nps: 60,
          responseRate: 0.25,
          comments: [
            'changed my mind',
            'secret opinion of dev0',
            'secret opinion of dev1',
            'secret opinion of dev2',
          ],
          minimumAnswers: 5,
          collecting: true,
        },
      ]);
      const csv = await request(server)
        .get('/api/paved/v1/surveys/default/platform-nps/results/csv')
        .set('Authorization', as('bob'));
      expect(csv.text.split('\n')[1]).toBe(
        `survey:default/platform-nps,${period},false,5,4,0,1,60,0.250,`,
      );
      expect(csv.text).not.toMatch(/secret opinion/);
    });

    it('rejects answers from outside the audience', async () => {
      const groups = await request(server)
        .post('/api/paved/v1/surveys/default/team-a-only/answers')
        .set('Authorization', as('bob'))
        .send({ score: 8 });
      expect(groups.status).toBe(403);
      expect(groups.body.error.message).toMatch(/not in the audience/);

      const owners = await request(server)
        .post('/api/paved/v1/surveys/default/service-owners/answers')
        .set('Authorization', as('alice'))
        .send({ score: 8 });
      expect(owners.status).toBe(403);

      // Group members and owners get in.
      await request(server)
        .post('/api/paved/v1/surveys/default/team-a-only/answers')
        .set('Authorization', as('alice'))
        .send({ score: 8 })
        .expect(200);
      const rows = await knex('paved_survey_answers').where({
        survey_ref: 'survey:default/team-a-only',
      });
      expect(rows).toHaveLength(1);
    });

    it('refuses answers to a closed survey until an admin opens it', async () => {
      const closed = await request(server)
        .post('/api/paved/v1/surveys/default/closed/answers')
        .set('Authorization', as('alice'))
        .send({ score: 8 });
      expect(closed.status).toBe(409);

      const opened = await request(server)
        .put('/api/paved/v1/surveys/default/closed/state')
        .set('Authorization', as('bob'))
        .send({ open: true });
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ open: true, openSource: 'override' });
      await request(server)
        .post('/api/paved/v1/surveys/default/closed/answers')
        .set('Authorization', as('alice'))
        .send({ score: 8 })
        .expect(200);

      await request(server)
        .put('/api/paved/v1/surveys/default/closed/state')
        .set('Authorization', as('bob'))
        .send({ open: false })
        .expect(200);
      await request(server)
        .post('/api/paved/v1/surveys/default/closed/answers')
        .set('Authorization', as('alice'))
        .send({ score: 8 })
        .expect(409);
    });

    it('cleans comments and enforces their length limit', async () => {
      const tooLong = await request(server)
        .post('/api/paved/v1/surveys/default/team-a-only/answers')
        .set('Authorization', as('alice'))
        .send({ score: 7, comment: 'x'.repeat(2001) });
      expect(tooLong.status).toBe(400);

      await request(server)
        .post('/api/paved/v1/surveys/default/team-a-only/answers')
        .set('Authorization', as('alice'))
        .send({ score: 7, comment: 'x'.repeat(2000) })
        .expect(200);

      await request(server)
        .post('/api/paved/v1/surveys/default/team-a-only/answers')
        .set('Authorization', as('alice'))
        .send({
          score: 7,
          comment: '  line one\r\nline\u0000 two\u001b[2J\u202e\tend <b>x</b> ',
        })
        .expect(200);
      const [row] = await knex('paved_survey_answers').where({
        survey_ref: 'survey:default/team-a-only',
      });
      expect(row.comment).toBe('line one\nline two[2J\tend <b>x</b>');

      // A whitespace-only comment is no comment.
      await request(server)
        .post('/api/paved/v1/surveys/default/team-a-only/answers')
        .set('Authorization', as('alice'))
        .send({ score: 7, comment: ' \u0007 ' })
        .expect(200);
      const [again] = await knex('paved_survey_answers').where({
        survey_ref: 'survey:default/team-a-only',
      });
      expect(again.comment).toBeNull();
    });

    it('rejects scores outside 0–10 and unknown fields', async () => {
      for (const body of [
        { score: 11 },
        { score: -1 },
        { score: 7.5 },
        { score: '7' },
        {},
        { score: 7, respondent: 'someone-else' },
      ]) {
        const res = await request(server)
          .post('/api/paved/v1/surveys/default/platform-nps/answers')
          .set('Authorization', as('dev9'))
          .send(body);
        expect(res.status).toBe(400);
      }
    });

    it('answers 404 for a survey that is not in the catalog', async () => {
      await request(server)
        .post('/api/paved/v1/surveys/default/nope/answers')
        .set('Authorization', as('alice'))
        .send({ score: 7 })
        .expect(404);
      const res = await request(server)
        .get('/api/paved/v1/surveys/default/nope/results')
        .set('Authorization', as('alice'));
      expect(res.status).toBe(404);
    });
  });

  it('lets a demo data module seed each survey it reads, labelled demo', async () => {
    const seen: string[] = [];
    const knex = await databases.init('SQLITE_3');
    const server = await start({
      knex,
      features: [
        demoDataModule([
          {
            id: 'test',
            async seedSurvey({ survey: read, addAnswers }) {
              seen.push(`${read.ref} ${read.currentPeriod}`);
              if (read.entity.metadata.name !== 'demo') return;
              await addAnswers(
                [10, 9, 8, 3, 10].map((score, i) => ({
                  period: read.currentPeriod,
                  respondent: `demo:${i}`,
                  score,
                  comment: i === 1 ? '(demo) fine' : undefined,
                })),
              );
            },
          },
        ]),
      ],
    });
    const res = await request(server)
      .get('/api/paved/v1/surveys/default/demo/results')
      .set('Authorization', as('alice'));
    expect(res.status).toBe(200);
    expect(res.body.survey.demo).toBe(true);
    expect(res.body.periods).toEqual([
      expect.objectContaining({
        period,
        demo: true,
        tooFewAnswers: false,
        responses: 5,
        nps: 40,
        comments: ['(demo) fine'],
      }),
    ]);
    expect(seen).toEqual([`survey:default/demo ${period}`]);

    // Once per survey and period: the list reads every survey, the demo
    // survey is not seeded again.
    await request(server)
      .get('/api/paved/v1/surveys')
      .set('Authorization', as('alice'))
      .expect(200);
    expect(seen.filter(s => s.startsWith('survey:default/demo '))).toHaveLength(
      1,
    );
    expect(seen).toHaveLength(5);

    // Without a demo data module the stored demo answers are ignored.
    const off = await start({ knex });
    const none = await request(off)
      .get('/api/paved/v1/surveys/default/demo/results')
      .set('Authorization', as('alice'));
    expect(none.body.survey.demo).toBe(false);
    expect(none.body.periods).toEqual([]);
  });

  describe('access', () => {
    it('denies requests without credentials', async () => {
      const server = await start();
      for (const [method, path] of [
        ['get', '/api/paved/v1/surveys'],
        ['get', '/api/paved/v1/surveys/default/platform-nps/results'],
        ['get', '/api/paved/v1/surveys/default/platform-nps/results/csv'],
        ['get', '/api/paved/v1/survey-results?subject=platform'],
      ] as const) {
        const res = await request(server)
          [method](path)
          .set('Authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      }
      await request(server)
        .post('/api/paved/v1/surveys/default/platform-nps/answers')
        .set('Authorization', mockCredentials.none.header())
        .send({ score: 5 })
        .expect(401);
      await request(server)
        .put('/api/paved/v1/surveys/default/platform-nps/state')
        .set('Authorization', mockCredentials.none.header())
        .send({ open: false })
        .expect(401);
    });

    it('only lets people answer, not services', async () => {
      const server = await start();
      const res = await request(server)
        .post('/api/paved/v1/surveys/default/platform-nps/answers')
        .set('Authorization', mockCredentials.service.header())
        .send({ score: 5 });
      expect(res.status).toBe(403);
    });

    it('denies what the permission policy denies', async () => {
      const denied = new Set([
        'paved.survey.results.read',
        'paved.survey.manage',
      ]);
      const server = await start({
        features: [
          mockServices.permissions.mock({
            authorize: async requests =>
              requests.map(r => ({
                result: denied.has((r as any).permission.name)
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
              })),
            // The lists ask without naming a survey.
            authorizeConditional: async requests =>
              requests.map(r => ({
                result: denied.has(r.permission.name)
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
              })) as any,
          }).factory,
        ],
      });
      await request(server)
        .get('/api/paved/v1/surveys/default/platform-nps/results')
        .set('Authorization', as('alice'))
        .expect(403);
      await request(server)
        .get('/api/paved/v1/surveys/default/platform-nps/results/csv')
        .set('Authorization', as('alice'))
        .expect(403);
      await request(server)
        .get('/api/paved/v1/survey-results?subject=platform')
        .set('Authorization', as('alice'))
        .expect(403);
      await request(server)
        .put('/api/paved/v1/surveys/default/platform-nps/state')
        .set('Authorization', as('alice'))
        .send({ open: false })
        .expect(403);
      // Answering is still allowed.
      await request(server)
        .post('/api/paved/v1/surveys/default/platform-nps/answers')
        .set('Authorization', as('alice'))
        .send({ score: 5 })
        .expect(200);

      const all = await start({
        features: [
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        ],
      });
      await request(all)
        .post('/api/paved/v1/surveys/default/platform-nps/answers')
        .set('Authorization', as('alice'))
        .send({ score: 5 })
        .expect(403);
      const list = await request(all)
        .get('/api/paved/v1/surveys')
        .set('Authorization', as('alice'));
      expect(list.status).toBe(403);
    });

    it('audits answers without naming the respondent or the score', async () => {
      const events: any[] = [];
      const auditor = mockServices.auditor.mock({
        createEvent: async options => {
          events.push({ ...options, request: Boolean(options.request) });
          return {
            success: async (o?: any) => {
              events.push({ status: 'succeeded', meta: o?.meta });
            },
            fail: async () => {},
          };
        },
      });
      const server = await start({ features: [auditor.factory] });
      await request(server)
        .post('/api/paved/v1/surveys/default/platform-nps/answers')
        .set('Authorization', as('alice'))
        .send({ score: 3, comment: 'my private view' })
        .expect(200);
      expect(events).toEqual([
        {
          eventId: 'survey-answer',
          severityLevel: 'low',
          request: false,
          meta: { survey: 'survey:default/platform-nps' },
        },
        { status: 'succeeded', meta: { period } },
      ]);
      expect(JSON.stringify(events)).not.toMatch(/alice|private|"score"/);

      await request(server)
        .put('/api/paved/v1/surveys/default/platform-nps/state')
        .set('Authorization', as('alice'))
        .send({ open: false })
        .expect(200);
      expect(events[2]).toMatchObject({
        eventId: 'survey-state',
        request: true,
        meta: { survey: 'survey:default/platform-nps', open: false },
      });
    });
  });
});
