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
import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OrchestratorDeployment,
  OrchestratorProvider,
} from '@paved/plugin-paved-node';
import { applyDatabaseMigrations } from '../database';
import { OrchestratorSync } from './OrchestratorSync';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A small in-memory orchestrator: what a provider module would report. */
class InMemoryOrchestrator implements OrchestratorProvider {
  readonly id = 'memory';
  readonly title = 'In-memory orchestrator';
  readonly type = 'test';
  readonly entityAnnotations = ['example.com/app'];
  deployments: OrchestratorDeployment[] = [];
  sinceAsked: Array<string | undefined> = [];

  targetForEntity(entity: {
    metadata: { annotations?: Record<string, string> };
  }) {
    const app =
      entity.metadata.annotations?.['paved.dev/orchestrator-project'] ??
      entity.metadata.annotations?.['example.com/app'];
    return app ? { projectId: app } : undefined;
  }
  async listEnvironments(projectId: string) {
    return [
      { id: 'dev', projectId, production: false },
      { id: 'live', projectId, production: true },
    ];
  }
  async listDeployments(query: { since?: Date }) {
    this.sinceAsked.push(query.since?.toISOString());
    return this.deployments.filter(
      d => !query.since || Date.parse(d.createdAt) >= query.since.getTime(),
    );
  }
  async getDeployment(id: string) {
    return this.deployments.find(d => d.id === id);
  }
}

const deployment = (
  id: string,
  createdAt: string,
  overrides: Partial<OrchestratorDeployment> = {},
): OrchestratorDeployment => ({
  id,
  projectId: 'checkout',
  environmentId: 'live',
  status: 'in_progress',
  rawStatus: 'executing',
  createdAt,
  ...overrides,
});

describe('OrchestratorSync', () => {
  it.each(databases.eachSupportedId())(
    'copies deployments incrementally and never duplicates them across replicas on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(
        { getClient: async () => knex } as unknown as DatabaseService,
        knex,
      );
      const orchestrator = new InMemoryOrchestrator();
      const catalog = catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'checkout',
              namespace: 'default',
              annotations: { 'example.com/app': 'checkout' },
            },
            spec: {},
          },
        ],
      });
      const replica = () =>
        new OrchestratorSync({
          db: knex,
          catalog,
          logger: mockServices.logger.mock(),
          providers: () => [orchestrator],
        });
      const credentials = mockCredentials.service();
      orchestrator.deployments = [
        deployment('d1', '2026-11-20T10:00:00Z', {
          status: 'success',
          completedAt: '2026-11-20T10:03:00Z',
        }),
        deployment('d2', '2026-11-20T11:00:00Z'),
        deployment('d3', '2026-11-20T11:30:00Z', {
          projectId: 'unclaimed',
          environmentId: 'dev',
        }),
      ];
      const now = new Date('2026-11-20T12:00:00Z');

      // Two replicas run the job at the same moment.
      await Promise.all([
        replica().run(credentials, now),
        replica().run(credentials, now),
      ]);
      const rows = await knex('paved_deployments')
        .orderBy('external_id')
        .select();
      expect(
        rows.map(r => [
          r.external_id,
          r.entity_ref,
          r.status,
          Boolean(r.is_production),
        ]),
      ).toEqual([
        ['d1', 'component:default/checkout', 'success', true],
        ['d2', 'component:default/checkout', 'in_progress', true],
        ['d3', null, 'in_progress', false],
      ]);
      expect(rows[2].subject).toBe('paved.dev/orchestrator-project=unclaimed');
      expect(orchestrator.sinceAsked[0]).toBe('2026-10-21T12:00:00.000Z');

      // Next run: incremental from the cursor (minus the overlap); d2
      // finished meanwhile and d4 is new.
      orchestrator.deployments[1] = deployment('d2', '2026-11-20T11:00:00Z', {
        status: 'failure',
        rawStatus: 'failed',
        message: 'module postgres: timeout',
        completedAt: '2026-11-20T12:10:00Z',
      });
      orchestrator.deployments.push(
        deployment('d4', '2026-11-20T12:30:00Z', { environmentId: 'dev' }),
      );
      await replica().run(credentials, new Date('2026-11-20T13:00:00Z'));
      expect(orchestrator.sinceAsked[2]).toBe('2026-11-20T10:30:00.000Z');
      const after = await knex('paved_deployments')
        .orderBy('external_id')
        .select();
      expect(after.map(r => [r.external_id, r.status, r.message])).toEqual([
        ['d1', 'success', null],
        ['d2', 'failure', 'module postgres: timeout'],
        ['d3', 'in_progress', null],
        ['d4', 'in_progress', null],
      ]);
      const state = await knex('paved_orchestrator_sync').first();
      expect(state).toMatchObject({ provider_id: 'memory', last_error: null });
    },
  );
});
