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
import { OrchestratorProvider } from '@paved/plugin-paved-node';
import request from 'supertest';
import { pavedPlugin } from '../plugin';
import { orchestratorModule } from './__testUtils__/orchestratorModule';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** An in-memory orchestrator that keeps what it was asked to do. */
class RecordingOrchestrator implements OrchestratorProvider {
  readonly id = 'memory';
  readonly title = 'In-memory';
  readonly type = 'test';
  projects = new Set<string>(['existing']);
  envs: Array<{ projectId: string; id: string; type: string }> = [];
  deployed: unknown[] = [];

  async createProject(input: { projectId: string }) {
    const created = !this.projects.has(input.projectId);
    this.projects.add(input.projectId);
    return { projectId: input.projectId, created };
  }
  async createEnvironment(input: {
    projectId: string;
    environmentId: string;
    environmentType: string;
  }) {
    this.envs.push({
      projectId: input.projectId,
      id: input.environmentId,
      type: input.environmentType,
    });
    return {
      created: true,
      environment: {
        id: input.environmentId,
        projectId: input.projectId,
        type: input.environmentType,
        production: input.environmentType === 'production',
      },
    };
  }
  async listEnvironments(projectId: string) {
    return this.envs
      .filter(e => e.projectId === projectId)
      .map(e => ({
        id: e.id,
        projectId,
        type: e.type,
        production: e.type === 'production',
      }));
  }
  async deployScoreWorkload(input: {
    projectId: string;
    environmentId: string;
    workload: unknown;
    dryRun?: boolean;
  }) {
    if (input.dryRun)
      return { dryRun: true as const, summary: 'would deploy 1 workload' };
    this.deployed.push(input.workload);
    return {
      id: `dep-${this.deployed.length}`,
      projectId: input.projectId,
      environmentId: input.environmentId,
      status: 'in_progress' as const,
      rawStatus: 'executing',
      createdAt: '2026-11-20T10:00:00Z',
    };
  }
}

const workload = {
  apiVersion: 'score.dev/v1b1',
  metadata: { name: 'checkout' },
  containers: { main: { image: 'ghcr.io/acme/checkout:1.0.0' } },
};

// Components whose orchestrator project is named like them.
const checkoutEntity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'paved.dev/orchestrator-project': name },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

async function start(orchestrator: OrchestratorProvider, extra: any[] = []) {
  const knex = await databases.init('SQLITE_3');
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: [checkoutEntity('checkout'), checkoutEntity('existing')],
      }),
      orchestratorModule([orchestrator]),
      ...extra,
    ],
  });
  return { server, knex };
}

const user = mockCredentials.user.header();

describe('orchestrator routes', () => {
  it('creates a project with environments, keeping what exists', async () => {
    const orchestrator = new RecordingOrchestrator();
    const { server } = await start(orchestrator);
    const res = await request(server)
      .post('/api/paved/v1/orchestrators/memory/projects')
      .set('Authorization', user)
      .send({
        entityRef: 'component:default/checkout',
        projectId: 'checkout',
        environments: [
          { id: 'development', type: 'development' },
          { id: 'production', type: 'production' },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      projectId: 'checkout',
      created: true,
      environments: [
        {
          created: true,
          environment: { id: 'development', production: false },
        },
        { created: true, environment: { id: 'production', production: true } },
      ],
    });
    const again = await request(server)
      .post('/api/paved/v1/orchestrators/memory/projects')
      .set('Authorization', user)
      .send({ entityRef: 'component:default/existing', projectId: 'existing' });
    expect(again.body).toMatchObject({ created: false, environments: [] });
    const envs = await request(server)
      .get(
        '/api/paved/v1/orchestrators/memory/projects/checkout/environments?entity=component%3Adefault%2Fcheckout',
      )
      .set('Authorization', user);
    expect(envs.body.items.map((e: any) => e.id)).toEqual([
      'development',
      'production',
    ]);
    const bad = await request(server)
      .post('/api/paved/v1/orchestrators/memory/projects')
      .set('Authorization', user)
      .send({
        entityRef: 'component:default/checkout',
        projectId: 'Not Valid',
      });
    expect(bad.status).toBe(400);
    // The project must be the one the entity's annotations name.
    const other = await request(server)
      .post('/api/paved/v1/orchestrators/memory/projects')
      .set('Authorization', user)
      .send({ entityRef: 'component:default/checkout', projectId: 'existing' });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      "Project 'existing' is not the orchestrator project of component:default/checkout (its annotations name 'checkout')",
    );
    const wrongEnvs = await request(server)
      .get(
        '/api/paved/v1/orchestrators/memory/projects/existing/environments?entity=component%3Adefault%2Fcheckout',
      )
      .set('Authorization', user);
    expect(wrongEnvs.status).toBe(403);
  });

  it('deploys a Score workload and records it in the ledger', async () => {
    const orchestrator = new RecordingOrchestrator();
    const { server, knex } = await start(orchestrator);
    const dry = await request(server)
      .post('/api/paved/v1/orchestrators/memory/deployments')
      .set('Authorization', user)
      .send({
        projectId: 'checkout',
        environmentId: 'development',
        workload,
        entityRef: 'component:default/checkout',
        dryRun: true,
      });
    expect(dry.body).toEqual({
      dryRun: true,
      summary: 'would deploy 1 workload',
    });
    expect(orchestrator.deployed).toEqual([]);

    const res = await request(server)
      .post('/api/paved/v1/orchestrators/memory/deployments')
      .set('Authorization', user)
      .send({
        projectId: 'checkout',
        environmentId: 'development',
        workload,
        entityRef: 'component:default/checkout',
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: false,
      deployment: { id: 'dep-1', status: 'in_progress' },
      ledgerId: expect.any(String),
    });
    expect(
      await knex('paved_deployments').select(
        'source',
        'external_id',
        'entity_ref',
        'subject',
      ),
    ).toEqual([
      {
        source: 'orchestrator:memory',
        external_id: 'dep-1',
        entity_ref: 'component:default/checkout',
        subject: 'paved.dev/orchestrator-project=checkout',
      },
    ]);

    const invalid = await request(server)
      .post('/api/paved/v1/orchestrators/memory/deployments')
      .set('Authorization', user)
      .send({
        projectId: 'checkout',
        environmentId: 'development',
        entityRef: 'component:default/checkout',
        workload: { apiVersion: 'score.dev/v1b1', metadata: { name: 'x' } },
      });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(
      /workload is not a valid Score workload: .*containers/,
    );
    expect(orchestrator.deployed).toHaveLength(1);
  });

  it('answers 404 for unknown providers, 501 for missing abilities and 403 when denied', async () => {
    const readOnly: OrchestratorProvider = {
      id: 'memory',
      title: 'Read only',
      type: 'test',
    };
    const { server } = await start(readOnly);
    const unknown = await request(server)
      .post('/api/paved/v1/orchestrators/nope/deployments')
      .set('Authorization', user)
      .send({
        entityRef: 'component:default/checkout',
        projectId: 'checkout',
        environmentId: 'e',
        workload,
      });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      "No orchestrator provider 'nope' (registered: memory)",
    );
    const missing = await request(server)
      .post('/api/paved/v1/orchestrators/memory/deployments')
      .set('Authorization', user)
      .send({
        entityRef: 'component:default/checkout',
        projectId: 'checkout',
        environmentId: 'e',
        workload,
      });
    expect(missing.status).toBe(501);
    expect(missing.body.error.message).toBe(
      "Provider 'memory' cannot deploy Score workloads",
    );

    const orchestrator = new RecordingOrchestrator();
    const denied = await start(orchestrator, [
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    const res = await request(denied.server)
      .post('/api/paved/v1/orchestrators/memory/deployments')
      .set('Authorization', user)
      .send({
        entityRef: 'component:default/checkout',
        projectId: 'checkout',
        environmentId: 'e',
        workload,
      });
    expect(res.status).toBe(403);
    expect(orchestrator.deployed).toEqual([]);
  });
});
