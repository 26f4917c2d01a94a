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
  BackstageCredentials,
  coreServices,
  createServiceFactory,
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
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PlatformReport } from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import request from 'supertest';
import { pavedPlugin } from '../plugin';

// The report end to end: the ledger API records, /v1/report reads, on
// both databases. The numbers below are worked out by hand from the
// deployments recorded in `record`.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ADMIN = 'user:default/alice';
const LIMITED = 'user:default/bob';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: name.replace('-', ' ') },
  spec: { type: 'team', children: [] },
});
const component = (name: string, owner: string, slos?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(slos ? { annotations: { 'paved.dev/slos': slos } } : {}),
  },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const ENTITIES = [
  group('team-a'),
  group('team-b'),
  component(
    'checkout',
    'group:default/team-a',
    'objectives:\n  - name: deploys\n    type: deployment-success-rate\n    target: 0.9\n',
  ),
  component('billing', 'group:default/team-b'),
];

/**
 * The permission framework as the Paved policy answers: bob sees only what
 * team-b owns (a conditional decision on the catalog's IS_ENTITY_OWNER
 * rule's site-policy cousin HAS_SPEC owner); everyone else is allowed.
 */
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => {
    const answer = (credentials: BackstageCredentials): PolicyDecision =>
      (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      LIMITED
        ? {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'HAS_SPEC',
              resourceType: 'catalog-entity',
              params: { key: 'owner', value: 'group:default/team-b' },
            },
          }
        : { result: AuthorizeResult.ALLOW };
    return {
      authorize: async (requests: unknown[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async (
        requests: unknown[],
        options: { credentials: BackstageCredentials },
      ) => requests.map(() => answer(options.credentials)),
    } as any;
  },
});

async function start(knex: Knex) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      permissions,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test' },
          paved: { dora: { productionEnvironments: ['production'] } },
        },
      }),
      catalogServiceMock.factory({ entities: ENTITIES }),
      mockServices.rootLogger.factory({ level: 'error' }),
    ],
  });
  return server;
}

/** Production deployments (finished 10 min after they start). */
async function record(server: any) {
  const deploy = async (
    entity: string,
    id: string,
    startedAt: string,
    leadHours?: number,
  ) => {
    const finished = new Date(Date.parse(startedAt) + 600_000);
    await request(server)
      .post('/api/paved/v1/deployments')
      .set('Authorization', mockCredentials.user.header(ADMIN))
      .send({
        entityRef: `component:default/${entity}`,
        externalId: id,
        environment: 'production',
        status: 'success',
        startedAt,
        finishedAt: finished.toISOString(),
        ...(leadHours
          ? {
              changes: [
                {
                  sha: `${id}0000`,
                  committedAt: new Date(
                    finished.getTime() - leadHours * 3_600_000,
                  ).toISOString(),
                },
              ],
            }
          : {}),
      })
      .expect(200);
  };
  // checkout (team-a): 1 deployment in October (lead time 4 h), 3 in
  // November (2 h each).
  await deploy('checkout', 'c-oct', '2026-10-20T10:00:00Z', 4);
  await deploy('checkout', 'c-1', '2026-11-03T10:00:00Z', 2);
  await deploy('checkout', 'c-2', '2026-11-10T10:00:00Z', 2);
  await deploy('checkout', 'c-3', '2026-11-17T10:00:00Z', 2);
  // billing (team-b): 2 in October, 1 in November, no commits.
  await deploy('billing', 'b-oct-1', '2026-10-06T10:00:00Z');
  await deploy('billing', 'b-oct-2', '2026-10-13T10:00:00Z');
  await deploy('billing', 'b-1', '2026-11-05T10:00:00Z');
}

jest.setTimeout(60_000);

describe('GET /v1/report', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let server: any;
    beforeAll(async () => {
      server = await start(await databases.init(databaseId));
      await record(server);
    }, 60_000);

    const report = async (user: string, query: object) =>
      request(server)
        .get('/api/paved/v1/report')
        .query(query)
        .set('Authorization', mockCredentials.user.header(user));

    it('reports November 2026 with the change on October, worked out by hand', async () => {
      const res = await report(ADMIN, { month: '2026-11' });
      expect(res.status).toBe(200);
      const body = res.body as PlatformReport;
      expect(body).toMatchObject({
        month: '2026-11',
        previousMonth: '2026-10',
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
        monthToDate: false,
        link: '/paved/report?month=2026-11',
      });
      const { dora } = body;
      // 4 deployments in November, 3 in October.
      expect(dora.deployments).toEqual({
        current: { value: 4, text: '4', link: '/paved' },
        previous: { value: 3, text: '3', link: '/paved' },
        change: { value: 1, text: '+1', link: '/paved' },
      });
      // Lead time: the three November commits took 2 h; October's one 4 h.
      expect(dora.organisation!.leadTime).toEqual({
        current: { value: 7200, text: '2.0 h', link: '/paved' },
        previous: { value: 14400, text: '4.0 h', link: '/paved' },
        change: { value: -7200, text: '-2.0 h', link: '/paved' },
      });
      // 4 deployments in 30 days.
      expect(dora.organisation!.deploymentFrequency.current.value).toBeCloseTo(
        4 / 30,
      );
      expect(
        dora.teams.map(t => [
          t.ref,
          t.title,
          t.link,
          t.deployments.current.value,
          t.deployments.previous.value,
          t.deployments.change.text,
        ]),
      ).toEqual([
        [
          'group:default/team-a',
          'team a',
          '/catalog/default/group/team-a',
          3,
          1,
          '+2',
        ],
        [
          'group:default/team-b',
          'team b',
          '/catalog/default/group/team-b',
          1,
          2,
          '-1',
        ],
      ]);
      // checkout's SLO over the 28 days before 1 December: 3 of 3 good.
      expect(body.slos.objectives).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/checkout',
          name: 'deploys',
          status: 'healthy',
          link: '/catalog/default/component/checkout/platform',
          attainment: {
            value: 1,
            text: '100 %',
            link: '/catalog/default/component/checkout/platform',
          },
        }),
      ]);
      expect(body.summary.map(s => s.text)).toEqual([
        'In November 2026 there were 4 production deployments (+1 on October 2026), with a median lead time for changes of 2.0 h.',
        'No survey released NPS figures for November 2026.',
        expect.stringMatching(
          /, and 1 of 1 SLO objective was healthy at the end of the month\.$/,
        ),
      ]);
      expect(body.summary[0].figures.map(f => f.value)).toEqual([4, 1, 7200]);
    });

    it('never aggregates what the catalog hides from the caller', async () => {
      const res = await report(LIMITED, { month: '2026-11' });
      expect(res.status).toBe(200);
      const body = res.body as PlatformReport;
      // bob sees team-b's billing only: 1 deployment in November, 2 in
      // October; team-a and checkout's SLO are not counted.
      expect(body.dora.teams.map(t => t.ref)).toEqual(['group:default/team-b']);
      expect(body.dora.deployments!.current.value).toBe(1);
      expect(body.dora.deployments!.previous.value).toBe(2);
      expect(body.dora.organisation!.leadTime.current.value).toBeNull();
      expect(body.slos.objectives).toEqual([]);
      expect(body.summary[0].text).toBe(
        'In November 2026 there was 1 production deployment (-1 on October 2026), with no lead time for changes to report.',
      );
      expect(JSON.stringify(body)).not.toContain('team-a');
      expect(JSON.stringify(body)).not.toContain('checkout');
    });

    it('renders Markdown and printable HTML with every figure linked', async () => {
      const md = await report(ADMIN, { month: '2026-11', format: 'md' });
      expect(md.status).toBe(200);
      expect(md.headers['content-type']).toMatch(/^text\/markdown/);
      expect(md.text).toContain('# Platform report — November 2026');
      expect(md.text).toContain(
        '| [team a](http://portal.test/catalog/default/group/team-a) | Production deployments | [3](http://portal.test/paved) | [1](http://portal.test/paved) | [+2](http://portal.test/paved) |',
      );
      const html = await report(ADMIN, { month: '2026-11', format: 'html' });
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.text).toContain('@media print');
      expect(html.text).toContain(
        '<a href="http://portal.test/catalog/default/component/checkout/platform">100 %</a>',
      );
    });

    it('lists the top-voted open requests of the feedback board', async () => {
      const as = (user: string) => mockCredentials.user.header(user);
      const submit = async (title: string) => {
        const res = await request(server)
          .post('/api/paved/v1/feedback/requests')
          .set('Authorization', as(ADMIN))
          .send({ title, description: `${title}, please` });
        expect(res.status).toBeLessThan(300);
        return res.body.id as string;
      };
      const vote = async (id: string, user: string) => {
        const res = await request(server)
          .post(`/api/paved/v1/feedback/requests/${id}/vote`)
          .set('Authorization', as(user));
        expect(res.status).toBeLessThan(300);
        return res.body.votes as number;
      };
      const builds = await submit('Faster builds');
      const previews = await submit('Preview environments');
      const buildVotes = await vote(builds, 'user:default/carol');
      await vote(previews, 'user:default/carol');
      const previewVotes = await vote(previews, 'user:default/dave');
      expect(previewVotes).toBe(buildVotes + 1);

      const body = (await report(ADMIN, { month: '2026-11' }))
        .body as PlatformReport;
      expect(body.topRequests.available).toBe(true);
      expect(
        body.topRequests.items.map(i => [i.title, i.figure?.value, i.link]),
      ).toEqual([
        [
          'Preview environments',
          previewVotes,
          `/paved/feedback?request=${previews}`,
        ],
        ['Faster builds', buildVotes, `/paved/feedback?request=${builds}`],
      ]);
      // No roadmap items in this catalog: the section is there and empty.
      expect(body.roadmap).toMatchObject({
        available: true,
        shipped: [],
        next: [],
      });
    });

    it('refuses a month that is not YYYY-MM or has not started, naming month', async () => {
      for (const month of ['2026-13', 'november', '2026-1']) {
        const res = await report(ADMIN, { month });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^month must be a month as YYYY-MM/,
        );
      }
      const future = await report(ADMIN, { month: '2999-01' });
      expect(future.status).toBe(400);
      expect(future.body.error.message).toMatch(
        /^month 2999-01 has not started/,
      );
      // The OpenAPI validator refuses an empty or missing month itself.
      const empty = await report(ADMIN, { month: '' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toContain("'month'");
      const missing = await request(server)
        .get('/api/paved/v1/report')
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body)).toContain('month');
    });
  });
});
