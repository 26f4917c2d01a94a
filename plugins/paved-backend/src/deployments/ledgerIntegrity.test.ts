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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { applyDatabaseMigrations } from '../database';
import { pavedPlugin } from '../plugin';
import { DeploymentStore } from './DeploymentStore';
import { IncidentStore } from './IncidentStore';
import {
  apiRecordSource,
  genericWebhookSource,
  WEBHOOK_SOURCE_IDS,
} from './recordSources';
import { webhookSources } from './webhooks/sources';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const GENERIC_SECRET = 'ci-test-secret';
// Links a recorder could send; spelled out so no linter mistakes them.
const scriptUrl = (code: string) => ['javascript', code].join(':');

async function start(knex: Knex, paved: object = {}) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          paved: {
            webhooks: { generic: { secret: GENERIC_SECRET } },
            ...paved,
          },
        },
      }),
    ],
  });
  return server;
}

const jane = mockCredentials.user.header('user:default/jane');
const ci = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:ci-deployments'),
  targetPluginId: 'paved',
});

const deployment = {
  entityRef: 'component:default/checkout',
  externalId: 'run-1',
  environment: 'production',
  status: 'success',
};

function generic(server: any, body: object, delivery: string) {
  const text = JSON.stringify(body);
  const signature = createHmac('sha256', GENERIC_SECRET)
    .update(text)
    .digest('hex');
  return request(server)
    .post('/api/paved/v1/webhooks/generic')
    .set('Content-Type', 'application/json')
    .set('X-Paved-Delivery', delivery)
    .set('X-Paved-Signature-256', `sha256=${signature}`)
    .send(text);
}

async function settled(knex: Knex) {
  for (let i = 0; i < 200; i++) {
    const [{ n }] = await knex('paved_webhook_deliveries')
      .where({ status: 'pending' })
      .count({ n: '*' });
    if (Number(n) === 0) return;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('deliveries still pending');
}

describe('ledger integrity', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it("never lets an API caller write another writer's source", async () => {
      const server = await start(knex);
      // GitHub's record of the deployment, as its webhook stored it.
      const github = await new DeploymentStore(knex).record({
        ...deployment,
        source: 'github',
        production: true,
        status: 'in_progress',
        startedAt: new Date('2026-11-20T10:00:00Z'),
        updatedAt: new Date('2026-11-20T10:00:00Z'),
      });

      for (const [source, owner] of [
        ['github', 'the github webhook'],
        ['pagerduty', 'the pagerduty webhook'],
        ['generic', 'the generic webhook'],
        ['generic:jenkins', 'the generic webhook'],
        ['orchestrator:humanitec', 'the orchestrator sync'],
        ['api:external:ci-deployments', 'the REST API, per caller'],
      ]) {
        const spoof = await request(server)
          .post('/api/paved/v1/deployments')
          .set('Authorization', jane)
          .send({ ...deployment, source, updatedAt: '2026-11-21T00:00:00Z' });
        expect(spoof.status).toBe(403);
        expect(spoof.body.error.message).toBe(
          `source '${source}' is written only by ${owner}; API and CLI records are stored under the caller's own source (api:user:default/jane). Leave source out, or name your CI system (e.g. "jenkins") to store under api:user:default/jane/jenkins`,
        );
      }
      const incident = await request(server)
        .post('/api/paved/v1/incidents')
        .set('Authorization', jane)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'P123',
          title: 'Down',
          source: 'pagerduty',
        });
      expect(incident.status).toBe(403);
      expect(incident.body.error.message).toMatch(
        /^source 'pagerduty' is written only by the pagerduty webhook/,
      );
      const colon = await request(server)
        .post('/api/paved/v1/deployments')
        .set('Authorization', jane)
        .send({ ...deployment, source: 'ci:jenkins' });
      expect(colon.status).toBe(400);
      expect(colon.body.error.message).toMatch(/must be a label of a-z 0-9/);

      // GitHub's record is untouched; nothing else was stored.
      expect(await knex('paved_deployments').select('source')).toEqual([
        { source: 'github' },
      ]);
      expect(
        (await new DeploymentStore(knex).get(github.deployment.id))?.status,
      ).toBe('in_progress');
      expect(await knex('paved_incidents').select()).toEqual([]);
    });

    it("stores each caller's records under its own source", async () => {
      const server = await start(knex);
      const record = (auth: string, body: object) =>
        request(server)
          .post('/api/paved/v1/deployments')
          .set('Authorization', auth)
          .send({ ...deployment, ...body });

      const fromJane = await record(jane, {});
      expect(fromJane.status).toBe(200);
      expect(fromJane.body.deployment.source).toBe('api:user:default/jane');
      // The same external id from a CI token is a record of its own: one
      // caller cannot update (or freeze) another's.
      const fromCi = await record(ci, { status: 'failure' });
      expect(fromCi.body).toMatchObject({
        created: true,
        deployment: {
          source: 'api:external:ci-deployments',
          status: 'failure',
        },
      });
      const labelled = await record(ci, { source: 'jenkins' });
      expect(labelled.body.deployment.source).toBe(
        'api:external:ci-deployments/jenkins',
      );
      // "api" (the old default) and the caller's own source are the caller.
      for (const source of ['api', 'api:external:ci-deployments']) {
        const same = await record(ci, { source, status: 'failure' });
        expect(same.body).toMatchObject({
          created: false,
          deployment: { id: fromCi.body.deployment.id },
        });
      }
      // An incident links to the caller's own deployment by external id.
      const incident = await request(server)
        .post('/api/paved/v1/incidents')
        .set('Authorization', ci)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'inc-1',
          title: 'Errors after the deploy',
          deployment: 'run-1',
        });
      expect(incident.body.incident).toMatchObject({
        source: 'api:external:ci-deployments',
        deploymentId: fromCi.body.deployment.id,
      });

      // A long user ref still fits the source column (PostgreSQL).
      const longName = 'a'.repeat(63);
      const long = await record(
        mockCredentials.user.header(`user:${'n'.repeat(63)}/${longName}`),
        { source: 'x'.repeat(64) },
      );
      expect(long.status).toBe(200);
      expect(long.body.deployment.source).toHaveLength(
        'api:user:'.length + 63 + 1 + 63 + 1 + 64,
      );
    });

    it('refuses times beyond the clock skew and links that are not http(s)', async () => {
      const server = await start(knex, {
        deployments: { maxClockSkewSeconds: 60 },
      });
      const inSeconds = (s: number) =>
        new Date(Date.now() + s * 1000).toISOString();
      const record = (body: object) =>
        request(server)
          .post('/api/paved/v1/deployments')
          .set('Authorization', jane)
          .send({ ...deployment, ...body });

      const frozen = await record({ updatedAt: '9999-12-31T00:00:00Z' });
      expect(frozen.status).toBe(400);
      expect(frozen.body.error.message).toBe(
        'updatedAt 9999-12-31T00:00:00.000Z is in the future; at most 60 s of clock skew are accepted (paved.deployments.maxClockSkewSeconds)',
      );
      expect((await record({ finishedAt: inSeconds(120) })).status).toBe(400);
      expect((await record({ updatedAt: inSeconds(30) })).status).toBe(200);
      const incident = await request(server)
        .post('/api/paved/v1/incidents')
        .set('Authorization', jane)
        .send({
          entityRef: 'component:default/checkout',
          externalId: 'inc-1',
          title: 'x',
          updatedAt: inSeconds(3600),
        });
      expect(incident.status).toBe(400);
      expect(incident.body.error.message).toMatch(
        /^updatedAt .* is in the future/,
      );

      for (const url of [
        scriptUrl('alert(document.cookie)'),
        'data:text/html,<script>alert(1)</script>',
        '/relative/path',
      ]) {
        const bad = await record({ externalId: 'run-2', url });
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(
          /^url must be an absolute http or https URL/,
        );
      }
      const ok = await record({
        externalId: 'run-2',
        url: 'https://ci.example.com/runs/2',
      });
      expect(ok.body.deployment.url).toBe('https://ci.example.com/runs/2');
    });

    it('keeps generic webhook deliveries under the generic source', async () => {
      const server = await start(knex);
      const body = {
        type: 'deployment',
        entityRef: 'component:default/checkout',
        externalId: 'b-1',
        environment: 'production',
        status: 'success',
      };
      for (const source of ['github', 'orchestrator:humanitec', 'api']) {
        const spoof = await generic(server, { ...body, source }, `g-${source}`);
        expect(spoof.status).toBe(400);
        expect(spoof.body.error.message).toMatch(
          new RegExp(`^source '${source}' is written only by `),
        );
      }
      const script = await generic(
        server,
        { ...body, url: scriptUrl('alert(1)') },
        'g-url',
      );
      expect(script.status).toBe(400);
      await generic(server, { ...body, source: 'jenkins' }, 'g-1').expect(202);
      await generic(server, body, 'g-2').expect(202);
      await settled(knex);
      expect(
        await knex('paved_deployments').orderBy('source').select('source'),
      ).toEqual([{ source: 'generic' }, { source: 'generic:jenkins' }]);
    });

    it('drops links that are not http(s) from any writer', async () => {
      const { deployment: stored } = await new DeploymentStore(
        await migrated(knex),
      ).record({
        ...deployment,
        source: 'github',
        production: true,
        status: 'success',
        startedAt: new Date('2026-11-20T10:00:00Z'),
        updatedAt: new Date('2026-11-20T10:00:00Z'),
        url: scriptUrl('alert(1)'),
      });
      expect(stored.url).toBeUndefined();
      const { incident } = await new IncidentStore(knex).record({
        source: 'pagerduty',
        externalId: 'P1',
        entityRef: 'component:default/checkout',
        title: 'Down',
        status: 'open',
        openedAt: new Date('2026-11-20T10:00:00Z'),
        updatedAt: new Date('2026-11-20T10:00:00Z'),
        url: ['vbscript', 'msgbox(1)'].join(':'),
      });
      expect(incident.url).toBeUndefined();
    });
  });

  it('reserves the source of every webhook', () => {
    expect([...WEBHOOK_SOURCE_IDS].sort()).toEqual(
      Object.keys(webhookSources).sort(),
    );
    const user = mockCredentials.user('user:default/jane');
    for (const id of Object.keys(webhookSources)) {
      expect(() => apiRecordSource(id, user)).toThrow(/is written only by/);
    }
    for (const id of Object.keys(webhookSources).filter(i => i !== 'generic')) {
      expect(() => genericWebhookSource(id)).toThrow(/is written only by/);
    }
    expect(genericWebhookSource('generic:jenkins')).toBe('generic:jenkins');
    expect(genericWebhookSource(undefined)).toBe('generic');
  });
});

/** The plugin's migrations, without starting a backend. */
async function migrated(knex: Knex): Promise<Knex> {
  await applyDatabaseMigrations({ getClient: async () => knex } as any, knex);
  return knex;
}
