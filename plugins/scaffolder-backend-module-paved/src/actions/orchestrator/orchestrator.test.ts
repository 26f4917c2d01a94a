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
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the actions are tested against the real Paved backend they call
import pavedBackend from '@paved/plugin-paved-backend';
import {
  OrchestratorProvider,
  pavedOrchestratorExtensionPoint,
} from '@paved/plugin-paved-node';
import { AddressInfo } from 'node:net';
import { createOrchestratorCreateApplicationAction } from './createApplication';
import { createOrchestratorDeployAction } from './deploy';

/** An in-memory orchestrator registered with the real Paved backend. */
const orchestrator = {
  projects: new Set<string>(),
  deployed: [] as Array<{
    projectId: string;
    environmentId: string;
    name: string;
    key?: string;
  }>,
};
const provider: OrchestratorProvider = {
  id: 'memory',
  title: 'In-memory orchestrator',
  type: 'test',
  async createProject({ projectId }) {
    const created = !orchestrator.projects.has(projectId);
    orchestrator.projects.add(projectId);
    return { projectId, created };
  },
  async createEnvironment({ projectId, environmentId, environmentType }) {
    return {
      created: true,
      environment: {
        id: environmentId,
        projectId,
        type: environmentType,
        production: environmentType === 'production',
      },
    };
  },
  async deployScoreWorkload({
    projectId,
    environmentId,
    workload,
    idempotencyKey,
  }) {
    const existing = orchestrator.deployed.findIndex(
      d => d.key === idempotencyKey,
    );
    if (existing < 0) {
      orchestrator.deployed.push({
        projectId,
        environmentId,
        name: workload.metadata.name,
        key: idempotencyKey,
      });
    }
    const index = existing < 0 ? orchestrator.deployed.length : existing + 1;
    return {
      id: `dep-${index}`,
      projectId,
      environmentId,
      status: 'in_progress',
      rawStatus: 'executing',
      createdAt: new Date().toISOString(),
    };
  },
};

describe('paved:orchestrator actions against the Paved backend', () => {
  let baseUrl: string;
  const workspace = createMockDirectory();
  const auth = mockServices.auth();

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        pavedBackend,
        // The project belongs to the entity through its annotation: Paved
        // refuses orchestrator calls for a project the entity does not name.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'checkout',
                namespace: 'default',
                annotations: { 'paved.dev/orchestrator-project': 'checkout' },
              },
              spec: {
                type: 'service',
                lifecycle: 'production',
                owner: 'team-a',
              },
            },
          ],
        }),
        createBackendModule({
          pluginId: 'paved',
          moduleId: 'memory',
          register(env) {
            env.registerInit({
              deps: { orchestrators: pavedOrchestratorExtensionPoint },
              async init({ orchestrators }) {
                orchestrators.addProvider(provider);
              },
            });
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  const discovery = {
    getBaseUrl: async (pluginId: string) => `${baseUrl}/api/${pluginId}`,
    getExternalBaseUrl: async (pluginId: string) =>
      `${baseUrl}/api/${pluginId}`,
  };

  it('creates the application with its environments, and again without harm', async () => {
    const action = createOrchestratorCreateApplicationAction({
      discovery,
      auth,
    });
    const input = {
      provider: 'memory',
      entityRef: 'component:default/checkout',
      projectId: 'checkout',
      environments: [
        { id: 'development', type: 'development' },
        { id: 'production', type: 'production' },
      ],
    };
    const first = createMockActionContext({ input });
    await action.handler(first as any);
    expect(first.output).toHaveBeenCalledWith('created', true);
    expect(first.output).toHaveBeenCalledWith('environments', [
      'development',
      'production',
    ]);
    const second = createMockActionContext({ input });
    await action.handler(second as any);
    expect(second.output).toHaveBeenCalledWith('created', false);
  });

  it('changes nothing in a dry run', async () => {
    const action = createOrchestratorCreateApplicationAction({
      discovery,
      auth,
    });
    // The mock context ignores isDryRun among its options; set it after.
    const ctx = {
      ...createMockActionContext({
        input: {
          provider: 'memory',
          entityRef: 'component:default/dry-only',
          projectId: 'dry-only',
          environments: [],
        },
      }),
      isDryRun: true,
    };
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('projectId', 'dry-only');
    expect(orchestrator.projects.has('dry-only')).toBe(false);

    workspace.setContent({
      'score.yaml':
        'apiVersion: score.dev/v1b1\nmetadata: {name: dry}\ncontainers: {main: {image: nginx}}\n',
    });
    const deploy = {
      ...createMockActionContext({
        input: {
          provider: 'memory',
          entityRef: 'component:default/dry-only',
          projectId: 'dry-only',
          environmentId: 'development',
          scoreFile: 'score.yaml',
        },
        workspacePath: workspace.path,
      }),
      isDryRun: true,
    };
    await createOrchestratorDeployAction({ discovery, auth }).handler(
      deploy as any,
    );
    expect(deploy.output).toHaveBeenCalledWith('status', 'dry-run');
    expect(orchestrator.deployed).toEqual([]);
  });

  it('deploys the workspace Score file once per task step and fails loudly', async () => {
    workspace.setContent({
      'score.yaml': `apiVersion: score.dev/v1b1
metadata:
  name: checkout
containers:
  main:
    image: ghcr.io/acme/checkout:1.0.0
`,
      'broken.yaml': 'apiVersion: score.dev/v1b1\nmetadata: {name: x}\n',
    });
    const action = createOrchestratorDeployAction({ discovery, auth });
    const input = {
      provider: 'memory',
      projectId: 'checkout',
      environmentId: 'development',
      scoreFile: 'score.yaml',
      entityRef: 'component:default/checkout',
    };
    const ctx = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('deploymentId', 'dep-1');
    expect(ctx.output).toHaveBeenCalledWith('status', 'in_progress');
    expect(ctx.output).toHaveBeenCalledWith('ledgerId', expect.any(String));
    // A retried step (same task and step id) does not deploy again.
    const retry = createMockActionContext({
      input,
      workspacePath: workspace.path,
      task: ctx.task,
    });
    await action.handler(retry as any);
    expect(orchestrator.deployed).toHaveLength(1);

    await expect(
      action.handler(
        createMockActionContext({
          input: { ...input, scoreFile: 'broken.yaml' },
          workspacePath: workspace.path,
        }) as any,
      ),
    ).rejects.toThrow(
      /broken.yaml must hold exactly one valid Score workload: .*containers/,
    );
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...input, provider: 'nope' },
          workspacePath: workspace.path,
        }) as any,
      ),
    ).rejects.toThrow(
      "Deploying checkout to checkout/development through nope failed (HTTP 404): No orchestrator provider 'nope' (registered: memory)",
    );
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...input, scoreFile: 'missing.yaml' },
          workspacePath: workspace.path,
        }) as any,
      ),
    ).rejects.toThrow(/missing.yaml not found in the workspace/);
  });
});
