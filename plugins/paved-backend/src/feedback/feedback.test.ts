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
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { surveyPeriodId } from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import request from 'supertest';
import { pavedPlugin } from '../plugin';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

jest.setTimeout(120_000);

const ADMIN = 'user:default/ada';
const as = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/team-a' },
  },
  {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Survey',
    metadata: { name: 'platform-nps', namespace: 'default', title: 'NPS' },
    spec: {
      question: 'How likely are you to recommend the platform?',
      subject: 'platform',
      period: 'quarterly',
      minimumAnswers: 3,
    },
  },
  ...['ada', 'bob', 'cy', 'dee', 'eve', 'fay'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [] },
  })),
];

/**
 * The permission boundary as the Paved policy draws it for feedback (the
 * policy itself is tested in its module and in the permission matrix):
 * triage for the admin only, everything else for everyone signed in.
 */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory(): PermissionsService {
    const answer = (
      permission: { name: string },
      credentials: any,
    ): { result: AuthorizeResult.ALLOW | AuthorizeResult.DENY } => {
      const admin = credentials.principal?.userEntityRef === ADMIN;
      return {
        result:
          permission.name === 'paved.feedback.triage' && !admin
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      };
    };
    return {
      authorize: async (requests, { credentials }) =>
        requests.map(r => answer(r.permission, credentials)),
      authorizeConditional: async (requests, { credentials }) =>
        requests.map(r => answer(r.permission, credentials)) as any,
    };
  },
});

/** Records what the feature hands Backstage's notification service. */
const sent: NotificationSendOptions[] = [];
const notificationsFactory = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    send: async (options: NotificationSendOptions) => {
      sent.push(options);
    },
  }),
});

async function start(knex: Knex) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      permissionsFactory,
      notificationsFactory,
      mockServices.rootConfig.factory({
        data: { paved: { surveys: { secret: 'feedback-test' } } },
      }),
    ],
  });
  return server;
}

describe('feedback board', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof start>>;
    const api = (
      method: 'get' | 'post' | 'delete',
      path: string,
      who = 'bob',
    ) =>
      request(server)
        [method](`/api/paved/v1/feedback${path}`)
        .set('Authorization', as(who));
    const submit = async (body: object, who = 'bob') => {
      const res = await api('post', '/requests', who).send(body);
      expect(res.status).toBe(200);
      return res.body;
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await start(knex);
    });
    beforeEach(() => {
      sent.length = 0;
    });

    it('records the submitter from the credentials, never from the body', async () => {
      const res = await api('post', '/requests', 'bob').send({
        title: '  Faster   CI  ',
        description: 'Builds take 20 minutes',
        entityRef: 'checkout',
        area: 'ci',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Faster CI',
        submitter: 'user:default/bob',
        entityRef: 'component:default/checkout',
        area: 'ci',
        status: 'new',
        votes: 0,
        votedByMe: false,
        themes: [],
      });
      const spoofed = await api('post', '/requests', 'bob').send({
        title: 'x',
        description: 'y',
        submitter: 'user:default/ada',
      });
      expect(spoofed.status).toBe(400);
      // The document allows no submitter field: the validator refuses it.
      expect(spoofed.body.error.message).toBe(
        'request/body must NOT have additional properties',
      );
      const row = await knex('paved_feedback_requests')
        .where({ id: res.body.id })
        .first();
      expect(row.submitter_ref).toBe('user:default/bob');
    });

    it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
      const before = await knex('paved_feedback_requests').count({ n: '*' });
      const cases: Array<[object, RegExp]> = [
        [{ title: '', description: 'd' }, /title/],
        [{ title: '   ', description: 'd' }, /title must not be empty/],
        [{ title: 'x'.repeat(100_000), description: 'd' }, /title/],
        [{ title: 't' }, /description/],
        [{ title: 't', description: 'd', entityRef: 'a:b:c:d' }, /entityRef/],
        [
          { title: 't', description: 'd', entityRef: 'component:default/nope' },
          /entityRef 'component:default\/nope' is not in the catalog/,
        ],
      ];
      for (const [body, message] of cases) {
        const res = await api('post', '/requests').send(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.error.message).toMatch(message);
      }
      const after = await knex('paved_feedback_requests').count({ n: '*' });
      expect(Number(after[0].n)).toBe(Number(before[0].n));
      const badSort = await api('get', '/requests?sort=loudest');
      expect(badSort.status).toBe(400);
      expect(badSort.body.error.message).toMatch(/sort/);
    });

    it('counts one vote per person, refuses a second and lets it be withdrawn', async () => {
      const { id } = await submit({ title: 'Vote me', description: 'd' });
      const first = await api('post', `/requests/${id}/vote`, 'cy');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ votes: 1, votedByMe: true });
      const again = await api('post', `/requests/${id}/vote`, 'cy');
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/already voted/);
      // Concurrent double votes end up as one row.
      const racing = await Promise.all(
        [1, 2, 3, 4].map(() => api('post', `/requests/${id}/vote`, 'dee')),
      );
      expect(racing.map(r => r.status).sort()).toEqual([200, 409, 409, 409]);
      const seen = await api('get', `/requests/${id}`, 'eve');
      expect(seen.body).toMatchObject({ votes: 2, votedByMe: false });

      const withdrawn = await api('delete', `/requests/${id}/vote`, 'cy');
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ votes: 1, votedByMe: false });
      expect((await api('delete', `/requests/${id}/vote`, 'cy')).status).toBe(
        409,
      );
    });

    it('sorts by votes, recency and theme, searches and pages', async () => {
      const tag = `s${Date.now()}`;
      const a = await submit({ title: `${tag} alpha`, description: 'one' });
      const b = await submit({ title: `${tag} beta`, description: 'two 100%' });
      const c = await submit({ title: `${tag} gamma`, description: 'three' });
      for (const who of ['cy', 'dee']) {
        await api('post', `/requests/${b.id}/vote`, who).expect(200);
      }
      await api('post', `/requests/${c.id}/vote`, 'cy').expect(200);
      await api('post', `/requests/${a.id}/triage`, 'ada')
        .send({ themes: ['Docs'] })
        .expect(200);
      await api('post', `/requests/${c.id}/triage`, 'ada')
        .send({ themes: ['ci'] })
        .expect(200);
      const titles = async (query: string) => {
        const res = await api('get', `/requests?q=${tag}&${query}`);
        expect(res.status).toBe(200);
        return res.body.items.map((r: any) => r.title.split(' ')[1]);
      };
      expect(await titles('sort=votes')).toEqual(['beta', 'gamma', 'alpha']);
      expect(await titles('sort=recent')).toEqual(['gamma', 'beta', 'alpha']);
      expect(await titles('sort=theme')).toEqual(['gamma', 'alpha', 'beta']);
      expect(await titles('theme=docs')).toEqual(['alpha']);
      // Search is case-insensitive, takes % literally, and reads spaces
      // sent as '+' (as browsers' URLSearchParams send them).
      const search = await api('get', `/requests?q=${tag.toUpperCase()}+BETA`);
      expect(search.body.items.map((r: any) => r.id)).toEqual([b.id]);
      const percent = await api('get', `/requests?q=100%25`);
      expect(percent.body.items.map((r: any) => r.id)).toEqual([b.id]);
      const page = await api('get', `/requests?q=${tag}&limit=2&offset=2`);
      expect(page.body.totalCount).toBe(3);
      expect(page.body.items).toHaveLength(1);
    });

    it('moves status only along allowed transitions; declining needs a reason', async () => {
      const { id } = await submit({ title: 'Status', description: 'd' });
      const skip = await api('post', `/requests/${id}/triage`, 'ada').send({
        status: 'shipped',
      });
      expect(skip.status).toBe(409);
      expect(skip.body.error.message).toBe(
        'status cannot move from new to shipped (allowed: under_review, declined)',
      );
      const noReason = await api('post', `/requests/${id}/triage`, 'ada').send({
        status: 'declined',
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toMatch(/reason is required/);
      const declined = await api('post', `/requests/${id}/triage`, 'ada').send({
        status: 'declined',
        reason: 'Out of scope',
      });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({
        status: 'declined',
        statusReason: 'Out of scope',
      });
      const badTheme = await api('post', `/requests/${id}/triage`, 'ada').send({
        themes: ['ok', 'not ok'],
      });
      expect(badTheme.status).toBe(400);
      expect(badTheme.body.error.message).toMatch(/^themes\[1\]/);
    });

    it('keeps triage, merging and survey conversion for the platform team', async () => {
      const { id } = await submit({ title: 'Mine', description: 'd' });
      const other = await submit({ title: 'Other', description: 'd' });
      for (const [path, body] of [
        [`/requests/${id}/triage`, { status: 'under_review' }],
        [`/requests/${id}/merge`, { into: other.id }],
        [
          '/requests/from-survey',
          {
            survey: 'platform-nps',
            period: '2026-Q4',
            comment: 'c',
            title: 't',
          },
        ],
      ] as const) {
        const res = await api('post', path, 'bob').send(body);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }
      const row = await knex('paved_feedback_requests').where({ id }).first();
      expect(row.status).toBe('new');
      expect(row.merged_into).toBeNull();
    });

    it('notifies exactly the submitter and the voters of a status change', async () => {
      const { id, title } = await submit({ title: 'Notify', description: 'd' });
      for (const who of ['cy', 'dee', 'bob']) {
        await api('post', `/requests/${id}/vote`, who).expect(200);
      }
      await api('delete', `/requests/${id}/vote`, 'dee').expect(200);
      // Themes alone are no status change.
      await api('post', `/requests/${id}/triage`, 'ada')
        .send({ themes: ['ci'] })
        .expect(200);
      expect(sent).toEqual([]);

      await api('post', `/requests/${id}/triage`, 'ada')
        .send({ status: 'under_review' })
        .expect(200);
      expect(sent).toHaveLength(1);
      expect(sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: ['user:default/bob', 'user:default/cy'],
      });
      expect(sent[0].payload).toMatchObject({
        title: `Feedback "${title}" is now under review`,
        link: `/paved/feedback?request=${id}`,
        topic: 'paved-feedback',
        scope: `paved-feedback:${id}`,
      });

      for (const status of ['planned', 'in_progress', 'shipped']) {
        await api('post', `/requests/${id}/triage`, 'ada')
          .send({ status })
          .expect(200);
      }
      expect(sent.map(s => s.payload.title)).toEqual([
        `Feedback "${title}" is now under review`,
        `Feedback "${title}" is now planned`,
        `Feedback "${title}" is now in progress`,
        `Shipped: ${title}`,
      ]);
      const final = await api('post', `/requests/${id}/triage`, 'ada').send({
        status: 'planned',
      });
      expect(final.status).toBe(409);
      expect(final.body.error.message).toMatch(/shipped is final/);
    });

    it('merges a duplicate: votes move without double counting, the duplicate points to the survivor', async () => {
      const survivor = await submit({ title: 'Survivor', description: 'd' });
      const duplicate = await submit({ title: 'Duplicate', description: 'd' });
      await api('post', `/requests/${survivor.id}/vote`, 'cy').expect(200);
      for (const who of ['cy', 'dee', 'eve']) {
        await api('post', `/requests/${duplicate.id}/vote`, who).expect(200);
      }
      const merged = await api(
        'post',
        `/requests/${duplicate.id}/merge`,
        'ada',
      ).send({ into: survivor.id });
      expect(merged.status).toBe(200);
      expect(merged.body).toMatchObject({ id: survivor.id, votes: 3 });
      const voters = await knex('paved_feedback_votes')
        .where({ request_id: survivor.id })
        .orderBy('voter_ref')
        .pluck('voter_ref');
      expect(voters).toEqual([
        'user:default/cy',
        'user:default/dee',
        'user:default/eve',
      ]);
      expect(
        await knex('paved_feedback_votes').where({ request_id: duplicate.id }),
      ).toEqual([]);

      const dup = await api('get', `/requests/${duplicate.id}`);
      expect(dup.body.mergedInto).toBe(survivor.id);
      const surv = await api('get', `/requests/${survivor.id}`);
      expect(surv.body.mergedFrom).toEqual([duplicate.id]);
      const list = await api('get', '/requests?q=Duplicate');
      expect(list.body.items).toEqual([]);

      const late = await api('post', `/requests/${duplicate.id}/vote`, 'fay');
      expect(late.status).toBe(409);
      expect(late.body.error.message).toMatch(/merged into/);
      const self = await api(
        'post',
        `/requests/${survivor.id}/merge`,
        'ada',
      ).send({ into: survivor.id });
      expect(self.status).toBe(400);
      expect(self.body.error.message).toMatch(/^into/);
    });

    it('turns a released survey comment into a request without the respondent', async () => {
      const period = surveyPeriodId('quarterly', new Date());
      for (const [who, comment] of [
        ['cy', 'Docs are hard to find'],
        ['dee', 'Preview environments please'],
        ['eve', 'Great support'],
      ]) {
        await request(server)
          .post('/api/paved/v1/surveys/default/platform-nps/answers')
          .set('Authorization', as(who))
          .send({ score: 7, comment })
          .expect(200);
      }
      const unknown = await api('post', '/requests/from-survey', 'ada').send({
        survey: 'platform-nps',
        period,
        comment: 'Something nobody wrote',
        title: 'Invented',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/^comment is not one/);

      const res = await api('post', '/requests/from-survey', 'ada').send({
        survey: 'platform-nps',
        period,
        comment: 'Preview environments please',
        title: 'Preview environments',
        themes: ['environments'],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Preview environments',
        description: 'Preview environments please',
        origin: { survey: 'survey:default/platform-nps', period },
        themes: ['environments'],
      });
      expect(res.body.submitter).toBeUndefined();
      const row = await knex('paved_feedback_requests')
        .where({ id: res.body.id })
        .first();
      // Nothing that could name who wrote it: not the respondent, not the
      // hash their answer is stored under.
      const hashes = await knex('paved_survey_answers').pluck(
        'respondent_hash',
      );
      const text = JSON.stringify(row);
      expect(text).not.toMatch(/user:default\/(cy|dee|eve)/);
      for (const hash of hashes) expect(text).not.toContain(hash);
      expect(row.submitter_ref).toBeNull();
      expect(row.created_by).toBe(ADMIN);
    });

    it('keeps comments with their author', async () => {
      const { id } = await submit({ title: 'Comments', description: 'd' });
      const res = await api('post', `/requests/${id}/comments`, 'cy').send({
        body: 'Me too\u0007',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        author: 'user:default/cy',
        body: 'Me too',
      });
      const empty = await api('post', `/requests/${id}/comments`, 'cy').send({
        body: '  ',
      });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/^body/);
      const detail = await api('get', `/requests/${id}`);
      expect(detail.body).toMatchObject({
        commentCount: 1,
        comments: [{ author: 'user:default/cy', body: 'Me too' }],
      });
    });

    it('refuses writes from service tokens: feedback is written by people', async () => {
      const res = await request(server)
        .post('/api/paved/v1/feedback/requests')
        .set('Authorization', mockCredentials.service.header())
        .send({ title: 't', description: 'd' });
      expect(res.status).toBe(403);
      const read = await request(server)
        .get('/api/paved/v1/feedback/requests')
        .set('Authorization', mockCredentials.service.header());
      expect(read.status).toBe(200);
    });
  });
});
