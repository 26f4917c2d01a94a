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
import { NotFoundError, NotImplementedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OrchestratorLogLine,
  OrchestratorProvider,
} from '@paved/plugin-paved-node';
import { Knex } from 'knex';
import request from 'supertest';
import { DeploymentStore } from '../deployments';
import { pavedPlugin } from '../plugin';
import { orchestratorModule } from './__testUtils__/orchestratorModule';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** An orchestrator that keeps logs for some deployments and says why not for others. */
class LoggingOrchestrator implements OrchestratorProvider {
  readonly id = 'memory';
  readonly title = 'In-memory';
  readonly type = 'test';
  asked: string[] = [];

  async getDeploymentLogs(id: string): Promise<OrchestratorLogLine[]> {
    this.asked.push(id);
    if (id === 'dep-1') {
      return [
        {
          timestamp: '2026-11-20T10:00:01Z',
          level: 'info',
          message: 'Pulling ghcr.io/acme/checkout:1.0.0',
          // Not part of the API: must not reach the client.
          ...({ raw: 'secret-ish runner detail' } as {}),
        },
        { message: 'plain line without time or level' },
      ];
    }
    if (id === 'dep-unconfigured') {
      throw new NotImplementedError(
        'Deployment logs are not available from In-memory: set paved.orchestrators.memory.logsIdentity',
      );
    }
    throw new NotFoundError(
      `No logs for deployment ${id}: the orchestrator keeps them for 30 days`,
    );
  }
}

/** An orchestrator that cannot read logs at all. */
const bare: OrchestratorProvider = { id: 'bare', title: 'Bare', type: 'test' };

async function start(
  knex: Knex,
  orchestrator: LoggingOrchestrator,
  extra: any[] = [],
) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      orchestratorModule([orchestrator, bare]),
      ...extra,
    ],
  });
  return server;
}

const user = mockCredentials.user.header();

/**
 * Stores a deployment as its writer (an orchestrator or a webhook) would;
 * API callers cannot name those sources. Returns its ledger id.
 */
async function record(
  knex: Knex,
  source: string,
  externalId: string,
): Promise<string> {
  const { deployment } = await new DeploymentStore(knex).record({
    source,
    externalId,
    subject: 'paved.dev/orchestrator-project=checkout',
    environment: 'development',
    production: false,
    status: 'success',
    startedAt: new Date('2026-11-20T10:00:00Z'),
    updatedAt: new Date('2026-11-20T10:00:00Z'),
  });
  return deployment.id;
}

describe('GET /v1/deployments/{id}/logs', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it("returns the orchestrator's lines for its deployment", async () => {
      const orchestrator = new LoggingOrchestrator();
      const server = await start(knex, orchestrator);
      const id = await record(knex, 'orchestrator:memory', 'dep-1');

      const res = await request(server)
        .get(`/api/paved/v1/deployments/${id}/logs`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        lines: [
          {
            timestamp: '2026-11-20T10:00:01Z',
            level: 'info',
            message: 'Pulling ghcr.io/acme/checkout:1.0.0',
          },
          { message: 'plain line without time or level' },
        ],
      });
      // The provider is asked with its own id, not the ledger's.
      expect(orchestrator.asked).toEqual(['dep-1']);
    });

    it('answers 404 for an unknown deployment and passes on the provider 404 and 501', async () => {
      const orchestrator = new LoggingOrchestrator();
      const server = await start(knex, orchestrator);

      const unknown = await request(server)
        .get('/api/paved/v1/deployments/no-such-id/logs')
        .set('Authorization', user);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        "No deployment with id 'no-such-id'",
      );
      expect(orchestrator.asked).toEqual([]);

      const gone = await record(knex, 'orchestrator:memory', 'dep-old');
      const noLogs = await request(server)
        .get(`/api/paved/v1/deployments/${gone}/logs`)
        .set('Authorization', user);
      expect(noLogs.status).toBe(404);
      expect(noLogs.body.error).toMatchObject({
        name: 'NotFoundError',
        message:
          'No logs for deployment dep-old: the orchestrator keeps them for 30 days',
      });

      const unconfigured = await record(
        knex,
        'orchestrator:memory',
        'dep-unconfigured',
      );
      const notConfigured = await request(server)
        .get(`/api/paved/v1/deployments/${unconfigured}/logs`)
        .set('Authorization', user);
      expect(notConfigured.status).toBe(501);
      expect(notConfigured.body.error.message).toBe(
        'Deployment logs are not available from In-memory: set paved.orchestrators.memory.logsIdentity',
      );
    });

    it('answers 501 when the deployment has no orchestrator that can read logs', async () => {
      const orchestrator = new LoggingOrchestrator();
      const server = await start(knex, orchestrator);

      const fromBare = await record(knex, 'orchestrator:bare', 'b-1');
      const cannot = await request(server)
        .get(`/api/paved/v1/deployments/${fromBare}/logs`)
        .set('Authorization', user);
      expect(cannot.status).toBe(501);
      expect(cannot.body.error.message).toBe(
        "Provider 'bare' cannot read deployment logs",
      );

      const fromCi = await record(knex, 'github', 'run-4821');
      const ci = await request(server)
        .get(`/api/paved/v1/deployments/${fromCi}/logs`)
        .set('Authorization', user);
      expect(ci.status).toBe(501);
      expect(ci.body.error.message).toBe(
        `Deployment '${fromCi}' was not made through an orchestrator (source 'github'): its logs are in the CI system that sent the record`,
      );

      const fromRemoved = await record(knex, 'orchestrator:removed', 'r-1');
      const removed = await request(server)
        .get(`/api/paved/v1/deployments/${fromRemoved}/logs`)
        .set('Authorization', user);
      expect(removed.status).toBe(501);
      expect(removed.body.error.message).toMatch(
        /orchestrator provider 'removed', which is not registered/,
      );
      expect(orchestrator.asked).toEqual([]);
    });
  });

  describe('on SQLite', () => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init('SQLITE_3');
    });

    it('needs a credential and paved.deployment.logs.read', async () => {
      const orchestrator = new LoggingOrchestrator();
      const server = await start(knex, orchestrator);
      const id = await record(knex, 'orchestrator:memory', 'dep-1');
      await request(server)
        .get(`/api/paved/v1/deployments/${id}/logs`)
        .set('Authorization', mockCredentials.none.header())
        .expect(401);

      const denied = await start(knex, orchestrator, [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ]);
      const res = await request(denied)
        .get(`/api/paved/v1/deployments/${id}/logs`)
        .set('Authorization', user);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Not allowed to read deployment logs',
      );
      expect(orchestrator.asked).toEqual([]);
    });

    it('never logs the lines at info level', async () => {
      const orchestrator = new LoggingOrchestrator();
      const logger = mockServices.rootLogger.mock();
      const child = mockServices.logger.mock();
      logger.child.mockReturnValue(child);
      child.child.mockReturnValue(child);
      const server = await start(knex, orchestrator, [logger.factory]);
      const id = await record(knex, 'orchestrator:memory', 'dep-1');
      await request(server)
        .get(`/api/paved/v1/deployments/${id}/logs`)
        .set('Authorization', user)
        .expect(200);
      const logged = JSON.stringify([
        logger.info.mock.calls,
        child.info.mock.calls,
        child.warn.mock.calls,
        child.error.mock.calls,
      ]);
      // The mock sees the plugin's logging…
      expect(logged).toContain('Paved ready with 2 orchestrator provider(s)');
      // …and none of the lines.
      expect(logged).not.toContain('Pulling ghcr.io');
      expect(logged).not.toContain('plain line');
    });
  });
});
