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
import { InputError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OrchestratorDeployment,
  OrchestratorProvider,
} from '@paved/plugin-paved-node';
import { applyDatabaseMigrations } from '../database';
import { DeploymentStore } from '../deployments';
import { doraService } from '../dora/__testUtils__/fixtureLedger';
import { InfoService } from '../info/InfoService';
import { InstallationStore } from '../info/InstallationStore';
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
  /** What getDeployment does instead of answering, per id. */
  getFails = new Map<string, () => OrchestratorDeployment>();
  /** Projects whose environments cannot be listed. */
  missingProjects = new Set<string>();
  environmentCalls: string[] = [];
  getCalls: string[] = [];

  targetForEntity(entity: {
    metadata: { annotations?: Record<string, string> };
  }) {
    const app =
      entity.metadata.annotations?.['paved.dev/orchestrator-project'] ??
      entity.metadata.annotations?.['example.com/app'];
    return app ? { projectId: app } : undefined;
  }
  async listEnvironments(projectId: string) {
    this.environmentCalls.push(projectId);
    if (this.missingProjects.has(projectId)) {
      throw new NotFoundError(
        `Platform Orchestrator listEnvironments failed with 404: project ${projectId} not found`,
      );
    }
    if (projectId === 'gone') {
      return [{ id: 'prod-eu', projectId, production: false }];
    }
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
    this.getCalls.push(id);
    const fail = this.getFails.get(id);
    if (fail) return fail();
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

  it.each(databases.eachSupportedId())(
    'labels plan-only and destroy runs, and retries a failing row and project with backoff without blocking the run on %p',
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
            spec: { type: 'service', owner: 'group:default/team-a' },
          },
        ],
      });
      const sync = new OrchestratorSync({
        db: knex,
        catalog,
        logger: mockServices.logger.mock(),
        providers: () => [orchestrator],
      });
      const credentials = mockCredentials.service();

      // Three rows still in flight from October, before the first run's
      // window (since Oct 21 12:00): re-read one by one.
      const store = new DeploymentStore(knex);
      for (const id of ['s1', 's2', 's3']) {
        await store.record({
          source: 'orchestrator:memory',
          externalId: id,
          entityRef: 'component:default/checkout',
          environment: 'dev',
          production: false,
          status: 'in_progress',
          startedAt: new Date('2026-10-01T10:00:00Z'),
          updatedAt: new Date('2026-10-01T10:00:00Z'),
        });
      }
      // s1: the orchestrator answers 422; s2: another deployment's record;
      // s3: finished.
      orchestrator.getFails.set('s1', () => {
        throw new InputError(
          'Platform Orchestrator getDeployment failed with 422: deployment is being archived',
        );
      });
      orchestrator.getFails.set('s2', () =>
        deployment('s9', '2026-10-01T10:00:00Z', { environmentId: 'dev' }),
      );
      orchestrator.deployments = [
        deployment('s3', '2026-10-01T10:00:00Z', {
          environmentId: 'dev',
          status: 'success',
          completedAt: '2026-10-01T10:20:00Z',
        }),
        deployment('d1', '2026-11-20T10:00:00Z', {
          status: 'success',
          completedAt: '2026-11-20T10:05:00Z',
        }),
        deployment('d2', '2026-11-20T10:10:00Z', {
          kind: 'plan',
          status: 'success',
          completedAt: '2026-11-20T10:12:00Z',
        }),
        deployment('d3', '2026-11-20T10:20:00Z', {
          kind: 'destroy',
          status: 'success',
          completedAt: '2026-11-20T10:30:00Z',
        }),
        // The project "gone" was deleted: its environments cannot be read.
        deployment('d4', '2026-11-20T11:00:00Z', {
          projectId: 'gone',
          environmentId: 'prod-eu',
        }),
        deployment('d5', '2026-11-20T11:30:00Z', { environmentId: 'dev' }),
      ];
      orchestrator.missingProjects.add('gone');

      const t0 = new Date('2026-11-20T12:00:00Z');
      expect(await sync.run(credentials, t0)).toEqual({ memory: 6 });

      // Written: d1-d5 with their kinds, s3's final state. d4's production
      // flag falls back to its name (prod-eu: production).
      const rows = async () =>
        (await knex('paved_deployments').orderBy('external_id').select()).map(
          r => [r.external_id, r.kind, r.status, Boolean(r.is_production)],
        );
      expect(await rows()).toEqual([
        ['d1', 'deploy', 'success', true],
        ['d2', 'plan', 'success', true],
        ['d3', 'destroy', 'success', true],
        ['d4', 'deploy', 'in_progress', true],
        ['d5', 'deploy', 'in_progress', false],
        ['s1', 'deploy', 'in_progress', false],
        ['s2', 'deploy', 'in_progress', false],
        ['s3', 'deploy', 'success', false],
      ]);
      // Each project's environments were asked for once in the run.
      expect(orchestrator.environmentCalls.sort()).toEqual([
        'checkout',
        'gone',
      ]);
      // The failures, with their reasons; first retry after 1 minute.
      const errors = async () =>
        (
          await knex('paved_orchestrator_sync_errors')
            .orderBy(['item_type', 'item_id'])
            .select()
        ).map(e => [
          e.item_type,
          e.item_id,
          e.attempts,
          new Date(e.next_attempt_at).toISOString(),
          e.reason,
        ]);
      expect(await errors()).toEqual([
        [
          'deployment',
          's1',
          1,
          '2026-11-20T12:01:00.000Z',
          'Platform Orchestrator getDeployment failed with 422: deployment is being archived',
        ],
        [
          'deployment',
          's2',
          1,
          '2026-11-20T12:01:00.000Z',
          'In-memory orchestrator answered with deployment s9 when asked for s2',
        ],
        [
          'project',
          'gone',
          1,
          '2026-11-20T12:01:00.000Z',
          'Platform Orchestrator listEnvironments failed with 404: project gone not found',
        ],
      ]);
      const state = await knex('paved_orchestrator_sync').first();
      expect(state.last_run_count).toBe(6);
      expect(state.last_error).toMatch(
        /^3 item\(s\) failed and will be retried: deployment s1: /,
      );
      // The Platform page and `paved info` show the same state.
      const info = await new InfoService({
        client: knex,
        installations: new InstallationStore(knex),
        providers: () => [orchestrator],
        demoData: false,
      }).getInfo();
      expect(info.providers.map(p => p.sync)).toEqual([
        {
          lastRunAt: new Date(state.last_run_at).toISOString(),
          deployments: 6,
          error: state.last_error,
          failingItems: 3,
        },
      ]);

      // DORA counts d1 only: d2 is a plan, d3 a destroy, d4 and d5 are in
      // flight, s3 went to dev.
      const { service } = doraService(knex, {
        now: '2026-11-21T12:00:00Z',
      });
      const dora = await service.report({
        entity: 'component:default/checkout',
        from: '2026-11-01',
        to: '2026-11-20',
      });
      expect(dora.metrics.deploymentFrequency).toMatchObject({
        sampleCount: 1,
        failedDeployments: 0,
      });

      // 30 seconds later nothing failing is due: neither s1, s2 nor the
      // project are asked again (d4 is listed again and written with the
      // fallback).
      orchestrator.getCalls = [];
      orchestrator.environmentCalls = [];
      await sync.run(credentials, new Date('2026-11-20T12:00:30Z'));
      expect(orchestrator.getCalls).toEqual([]);
      expect(orchestrator.environmentCalls).toEqual(['checkout']);

      // Two minutes later all three are due: s1 answers now, s2 still does
      // not (second failure: next attempt 2 minutes on), and the project's
      // environments can be read again, which corrects d4 (prod-eu is not
      // a production environment of "gone").
      orchestrator.getFails.delete('s1');
      orchestrator.deployments.push(
        deployment('s1', '2026-10-01T10:00:00Z', {
          environmentId: 'dev',
          status: 'failure',
          completedAt: '2026-10-01T10:30:00Z',
        }),
      );
      orchestrator.missingProjects.delete('gone');
      orchestrator.getCalls = [];
      await sync.run(credentials, new Date('2026-11-20T12:02:00Z'));
      expect(orchestrator.getCalls.sort()).toEqual(['s1', 's2']);
      expect(await errors()).toEqual([
        [
          'deployment',
          's2',
          2,
          '2026-11-20T12:04:00.000Z',
          'In-memory orchestrator answered with deployment s9 when asked for s2',
        ],
      ]);
      expect((await rows()).filter(r => ['d4', 's1'].includes(r[0]))).toEqual([
        ['d4', 'deploy', 'in_progress', false],
        ['s1', 'deploy', 'failure', false],
      ]);
    },
  );
});
