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
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { pavedPlugin } from '../plugin';
import { component } from './__testUtils__/fixtureLedger';

// The REST API end to end: the ledger API records, /v1/dora reads.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const user = mockCredentials.user.header();

async function start(knex: Knex, extra: any[] = [], dora: object = {}) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: { paved: { dora } } }),
      catalogServiceMock.factory({
        entities: [
          component('checkout', 'group:default/team-a', 'system:default/shop'),
        ],
      }),
      ...extra,
    ],
  });
  return server;
}

describe('DORA REST API', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('reports what the ledger API recorded, with rollbacks and pipeline runs', async () => {
      const server = await start(knex, [], {
        productionEnvironments: ['production', 'prod-*'],
      });
      const record = (body: object) =>
        request(server)
          .post('/api/paved/v1/deployments')
          .set('Authorization', user)
          .send({ entityRef: 'component:default/checkout', ...body })
          .expect(200);
      // Two records of run 77 to prod-eu: one deployment finishing 10:30.
      // The commit was made at 08:30: lead time 2 h.
      await record({
        externalId: 'gh-1',
        environment: 'prod-eu',
        status: 'success',
        pipelineRun: 'github:acme/checkout/77',
        startedAt: '2026-09-10T10:00:00Z',
        finishedAt: '2026-09-10T10:10:00Z',
        changes: [{ sha: 'abc1234', committedAt: '2026-09-10T08:30:00Z' }],
      });
      await record({
        externalId: 'gh-2',
        environment: 'prod-eu',
        status: 'success',
        pipelineRun: 'github:acme/checkout/77',
        startedAt: '2026-09-10T10:20:00Z',
        finishedAt: '2026-09-10T10:30:00Z',
      });
      // A second deployment, flagged as rolled back afterwards.
      await record({
        externalId: 'gh-3',
        environment: 'production',
        status: 'success',
        startedAt: '2026-09-12T10:00:00Z',
        finishedAt: '2026-09-12T10:05:00Z',
      });
      await record({
        externalId: 'gh-3',
        environment: 'production',
        status: 'success',
        rolledBack: true,
      });
      // Staging does not count under the configured mapping.
      await record({
        externalId: 'gh-4',
        environment: 'staging',
        status: 'success',
        startedAt: '2026-09-11T09:50:00Z',
        finishedAt: '2026-09-11T10:00:00Z',
      });
      await request(server)
        .post('/api/paved/v1/incidents')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'pd-1',
          title: 'Checkout errors',
          openedAt: '2026-09-10T11:00:00Z',
          resolvedAt: '2026-09-10T11:30:00Z',
        })
        .expect(200);

      const res = await request(server)
        .get('/api/paved/v1/dora')
        .query({ entity: 'checkout', from: '2026-09-07', to: '2026-09-13' })
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        scope: { type: 'entity', ref: 'component:default/checkout' },
        window: { days: 7, timeZone: 'UTC' },
        entityCount: 1,
        pendingEntities: 0,
        metrics: {
          // 2 deployments in 7 days: 3.5 days apart → high.
          deploymentFrequency: { sampleCount: 2, band: 'high' },
          leadTime: { value: 7200, unit: 'seconds', band: 'elite' },
          // The incident (30 min) is attributed to run 77; gh-3 was rolled
          // back: 2 of 2.
          changeFailureRate: { value: 1, failedChanges: 2, band: 'low' },
          recoveryTime: { value: 1800, band: 'elite' },
        },
      });
      expect(res.body.metrics.leadTime.trend).toHaveLength(1);

      const team = await request(server)
        .get('/api/paved/v1/dora')
        .query({ group: 'team-a', from: '2026-09-07', to: '2026-09-13' })
        .set('Authorization', user);
      expect(team.status).toBe(200);
      expect(team.body).toMatchObject({
        scope: { type: 'group', ref: 'group:default/team-a' },
        metrics: { leadTime: { value: 7200 } },
      });

      const org = await request(server)
        .get('/api/paved/v1/dora/organisation')
        .query({ from: '2026-09-07', to: '2026-09-13' })
        .set('Authorization', mockCredentials.service.header());
      expect(org.status).toBe(200);
      expect(org.body.rows.map((r: any) => [r.type, r.ref])).toEqual([
        ['group', 'group:default/team-a'],
        ['system', 'system:default/shop'],
        ['entity', 'component:default/checkout'],
      ]);
      expect(org.body.distribution.entity.leadTime.elite).toBe(1);
    });

    it('takes hotfix labels, hotfix trailers and run kinds through the ledger API', async () => {
      const server = await start(knex);
      const record = (externalId: string, finishedAt: string, body = {}) =>
        request(server)
          .post('/api/paved/v1/deployments')
          .set('Authorization', user)
          .send({
            entityRef: 'component:default/checkout',
            externalId,
            environment: 'production',
            status: 'success',
            startedAt: finishedAt,
            finishedAt,
            ...body,
          })
          .expect(200);
      // Four deployments Sep 8-11: one planned, one labelled hotfix, one
      // whose commit carries the trailer, one rollback (rework 3 of 4);
      // a plan-only run Sep 12 is not a deployment.
      await record('ci-1', '2026-09-08T10:00:00Z');
      await record('ci-2', '2026-09-09T10:00:00Z', { labels: ['hotfix'] });
      await record('ci-3', '2026-09-10T10:00:00Z', {
        changes: [
          {
            sha: 'c0ffee1',
            committedAt: '2026-09-10T09:00:00Z',
            message: 'Stop double charges\n\nHotfix: true',
          },
        ],
      });
      await record('ci-4', '2026-09-11T10:00:00Z', { kind: 'rollback' });
      await record('ci-5', '2026-09-12T10:00:00Z', { kind: 'plan' });
      const bad = await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'ci-6',
          environment: 'production',
          status: 'success',
          kind: 'preview',
        });
      expect(bad.status).toBe(400);

      const res = await request(server)
        .get('/api/paved/v1/dora')
        .query({ entity: 'checkout', from: '2026-09-07', to: '2026-09-13' })
        .set('Authorization', user);
      expect(res.body.metrics.deploymentFrequency.sampleCount).toBe(4);
      expect(res.body.metrics.reworkRate).toMatchObject({
        value: 0.75,
        band: null,
        reworkDeployments: 3,
        incidentFixes: 0,
        hotfixes: 2,
        rollbacks: 1,
      });
    });

    it('explains what is wrong with a query', async () => {
      const server = await start(knex);
      const get = (query: object) =>
        request(server)
          .get('/api/paved/v1/dora')
          .query(query)
          .set('Authorization', user);
      const none = await get({});
      expect(none.status).toBe(400);
      expect(none.body.error.message).toContain(
        'Name exactly one of entity, group or system (got none)',
      );
      const two = await get({ entity: 'checkout', group: 'team-a' });
      expect(two.status).toBe(400);
      expect(two.body.error.message).toContain('got entity and group');
      const date = await get({ entity: 'checkout', from: '2026-13-01' });
      expect(date.status).toBe(400);
      expect(date.body.error.message).toContain("from '2026-13-01'");
      const reversed = await get({
        entity: 'checkout',
        from: '2026-09-10',
        to: '2026-09-01',
      });
      expect(reversed.status).toBe(400);
      expect(reversed.body.error.message).toMatch(/from .* must be before to/);
      const days = await get({ entity: 'checkout', days: 0 });
      expect(days.status).toBe(400);
      expect(days.body.error.message).toContain('days');
      const long = await request(server)
        .get('/api/paved/v1/dora/organisation')
        .query({ from: '2020-01-01', to: '2026-01-01' })
        .set('Authorization', user);
      expect(long.status).toBe(400);
      expect(long.body.error.message).toContain('at most 1100 are allowed');
    });

    it('needs a credential and paved.dora.read', async () => {
      const open = await start(knex);
      await request(open)
        .get('/api/paved/v1/dora')
        .query({ entity: 'checkout' })
        .set('Authorization', mockCredentials.none.header())
        .expect(401);
      const closed = await start(knex, [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ]);
      const denied = await request(closed)
        .get('/api/paved/v1/dora/organisation')
        .set('Authorization', user);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'Not allowed to read DORA metrics',
      );
    });
  });
});
