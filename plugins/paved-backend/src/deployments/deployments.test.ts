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
import { Knex } from 'knex';
import request from 'supertest';
import { pavedPlugin } from '../plugin';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'github.com/project-slug': 'Acme/Checkout',
      'pagerduty.com/service-id': 'PA2P440',
    },
  },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

async function start(knex: Knex, extra: any[] = []) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [checkout] }),
      ...extra,
    ],
  });
  return server;
}

const user = mockCredentials.user.header();

describe('deployment ledger API', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('records deployments idempotently and lists them for the entity', async () => {
      const server = await start(knex);
      const deployment = {
        subject: 'github.com/project-slug=acme/checkout',
        externalId: 'run-4821',
        environment: 'production',
        status: 'success',
        version: 'v1.4.0',
        commitSha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
        startedAt: '2026-11-20T10:00:00Z',
        finishedAt: '2026-11-20T10:04:00Z',
        changes: [
          {
            sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
            author: 'octocat',
            committedAt: '2026-11-19T16:00:00Z',
            message: 'Speed up checkout',
          },
        ],
      };
      const first = await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', user)
        .send(deployment);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        created: true,
        deployment: {
          // Stored under the caller's own source.
          source: 'api:user:default/mock',
          externalId: 'run-4821',
          production: true,
          status: 'success',
          finishedAt: '2026-11-20T10:04:00.000Z',
        },
      });
      const again = await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', user)
        .send(deployment);
      expect(again.body).toMatchObject({
        created: false,
        deployment: { id: first.body.deployment.id },
      });

      // Another CI names the entity directly.
      await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', mockCredentials.service.header())
        .send({
          entityRef: 'component:default/checkout',
          source: 'jenkins',
          externalId: '77',
          environment: 'staging',
          status: 'in_progress',
          startedAt: '2026-11-21T09:00:00Z',
        })
        .expect(200);

      const list = await request(server)
        .get('/api/paved/v1/deployments')
        .query({ entity: 'component:default/checkout' })
        .set('Authorization', user);
      expect(list.status).toBe(200);
      expect(
        list.body.items.map((d: any) => [d.source, d.environment]),
      ).toEqual([
        ['api:external:test-service/jenkins', 'staging'],
        ['api:user:default/mock', 'production'],
      ]);
      expect(list.body.items[1].changes).toEqual([
        {
          sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
          author: 'octocat',
          committedAt: '2026-11-19T16:00:00.000Z',
          message: 'Speed up checkout',
        },
      ]);
      const production = await request(server)
        .get('/api/paved/v1/deployments')
        .query({ entity: 'checkout', environment: 'production' })
        .set('Authorization', user);
      expect(production.body.items).toHaveLength(1);

      const one = await request(server)
        .get(`/api/paved/v1/deployments/${first.body.deployment.id}`)
        .set('Authorization', user);
      expect(one.body.id).toBe(first.body.deployment.id);
      await request(server)
        .get('/api/paved/v1/deployments/nope')
        .set('Authorization', user)
        .expect(404);
    });

    it('records incidents and links them to a deployment of the same source', async () => {
      const server = await start(knex);
      await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'd-1',
          environment: 'production',
          status: 'success',
        })
        .expect(200);
      const opened = await request(server)
        .post('/api/paved/v1/incidents')
        .set('Authorization', user)
        .send({
          subject: 'pagerduty.com/service-id=PA2P440',
          externalId: 'INC-1',
          title: 'Checkout returns 500',
          severity: 'P1',
          openedAt: '2026-11-20T11:00:00Z',
          deployment: 'd-1',
        });
      expect(opened.status).toBe(200);
      expect(opened.body.incident).toMatchObject({
        status: 'open',
        deploymentId: expect.any(String),
      });
      const resolved = await request(server)
        .post('/api/paved/v1/incidents')
        .set('Authorization', user)
        .send({
          subject: 'pagerduty.com/service-id=PA2P440',
          externalId: 'INC-1',
          title: 'Checkout returns 500',
          status: 'resolved',
          resolvedAt: '2026-11-20T11:30:00Z',
        });
      expect(resolved.body).toMatchObject({
        created: false,
        incident: {
          status: 'resolved',
          resolvedAt: '2026-11-20T11:30:00.000Z',
        },
      });
      const list = await request(server)
        .get('/api/paved/v1/incidents')
        .query({ entity: 'component:default/checkout' })
        .set('Authorization', user);
      expect(list.body.items).toHaveLength(1);

      const unknown = await request(server)
        .post('/api/paved/v1/incidents')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'INC-2',
          title: 'x',
          deployment: 'no-such',
        });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/deployment 'no-such'/);
    });
  });

  describe('on SQLite', () => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init('SQLITE_3');
    });

    it('rejects bad input with the reason and stores nothing', async () => {
      const server = await start(knex);
      const noTarget = await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', user)
        .send({ externalId: 'x', environment: 'prod', status: 'success' });
      expect(noTarget.status).toBe(400);
      expect(noTarget.body.error.message).toMatch(/entityRef or subject/);

      const badStatus = await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'x',
          environment: 'prod',
          status: 'done',
        });
      expect(badStatus.status).toBe(400);
      expect(badStatus.body.error.message).toMatch(/status/);

      const backwards = await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'x',
          environment: 'prod',
          status: 'success',
          startedAt: '2026-11-20T10:00:00Z',
          finishedAt: '2026-11-20T09:00:00Z',
        });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toMatch(
        /finishedAt is before startedAt/,
      );

      const badRef = await request(server)
        .get('/api/paved/v1/deployments')
        .query({ entity: 'component:' })
        .set('Authorization', user);
      expect(badRef.status).toBe(400);
      expect(await knex('paved_deployments').select()).toEqual([]);
    });

    it('needs a credential and the permissions', async () => {
      const open = await start(knex);
      await request(open)
        .get('/api/paved/v1/deployments')
        .set('Authorization', mockCredentials.none.header())
        .expect(401);

      const denied = await start(knex, [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ]);
      const read = await request(denied)
        .get('/api/paved/v1/deployments')
        .set('Authorization', user);
      expect(read.status).toBe(403);
      const write = await request(denied)
        .post('/api/paved/v1/deployments')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'x',
          environment: 'prod',
          status: 'success',
        });
      expect(write.status).toBe(403);
      expect(write.body.error.message).toBe(
        'Not allowed to record deployments',
      );
      const incident = await request(denied)
        .post('/api/paved/v1/incidents')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'i',
          title: 't',
        });
      expect(incident.status).toBe(403);
      expect(await knex('paved_deployments').select()).toEqual([]);
    });

    it('audits recorded deployments and incidents', async () => {
      const events: any[] = [];
      const auditor = mockServices.auditor.mock({
        createEvent: async options => {
          events.push({
            eventId: options.eventId,
            meta: options.meta,
            request: Boolean(options.request),
          });
          return {
            success: async (o?: any) => {
              events.push({ status: 'succeeded', meta: o?.meta });
            },
            fail: async (o: any) => {
              events.push({ status: 'failed', error: o.error.message });
            },
          };
        },
      });
      const server = await start(knex, [auditor.factory]);
      const ok = await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'a-1',
          environment: 'production',
          status: 'success',
        })
        .expect(200);
      await request(server)
        .post('/api/paved/v1/incidents')
        .set('Authorization', user)
        .send({
          subject: 'x=y',
          externalId: 'i',
          title: 't',
          deployment: 'nope',
        })
        .expect(400);
      expect(events).toEqual([
        {
          eventId: 'deployment-record',
          request: true,
          meta: expect.objectContaining({
            externalId: 'a-1',
            environment: 'production',
            status: 'success',
          }),
        },
        {
          status: 'succeeded',
          meta: {
            deploymentId: ok.body.deployment.id,
            source: 'api:user:default/mock',
            created: true,
          },
        },
        {
          eventId: 'incident-record',
          request: true,
          meta: expect.objectContaining({ externalId: 'i' }),
        },
        { status: 'failed', error: expect.stringMatching(/deployment 'nope'/) },
      ]);
    });
  });
});
