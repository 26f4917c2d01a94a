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
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  OrchestratorProvider,
  pavedOrchestratorExtensionPoint,
} from '@paved/plugin-paved-node';
import pavedModuleExampleProvider, { ExampleOrchestratorProvider } from '.';

// Stands in for the Paved backend: owns the extension point. The preview
// tests of @paved/plugin-paved-backend run the provider in the real one.
function pavedStandIn(seen: OrchestratorProvider[]) {
  return createBackendPlugin({
    pluginId: 'paved',
    register(env) {
      env.registerExtensionPoint(pavedOrchestratorExtensionPoint, {
        addProvider: (...added) => seen.push(...added),
      });
      env.registerInit({
        deps: { logger: coreServices.logger },
        async init() {},
      });
    },
  });
}

const workload = {
  apiVersion: 'score.dev/v1b1' as const,
  metadata: { name: 'checkout' },
  containers: { main: { image: 'ghcr.io/acme/checkout:1' } },
};

describe('pavedModuleExampleProvider', () => {
  it('registers the provider only when paved.orchestrators.example is configured', async () => {
    const configured: OrchestratorProvider[] = [];
    await startTestBackend({
      features: [
        pavedStandIn(configured),
        pavedModuleExampleProvider,
        mockServices.rootConfig.factory({
          data: { paved: { orchestrators: { example: { id: 'demo' } } } },
        }),
      ],
    });
    expect(configured.map(p => [p.id, p.type])).toEqual([['demo', 'example']]);

    const unconfigured: OrchestratorProvider[] = [];
    await startTestBackend({
      features: [pavedStandIn(unconfigured), pavedModuleExampleProvider],
    });
    expect(unconfigured).toEqual([]);
  });
});

describe('ExampleOrchestratorProvider', () => {
  const provider = () =>
    new ExampleOrchestratorProvider({
      now: () => new Date('2026-12-01T09:00:00Z'),
    });

  it('maps entities by paved.dev/orchestrator-project', () => {
    const p = provider();
    expect(
      p.targetForEntity({
        metadata: {
          name: 'x',
          annotations: { 'paved.dev/orchestrator-project': 'checkout' },
        },
      }),
    ).toEqual({ projectId: 'checkout' });
    expect(p.targetForEntity({ metadata: { name: 'x' } })).toBeUndefined();
  });

  it('creates, lists and deletes environments, each step safe to repeat', async () => {
    const p = provider();
    const first = await p.createEnvironment({
      projectId: 'checkout',
      environmentId: 'pr-7',
      environmentType: 'development',
    });
    expect(first).toEqual({
      created: true,
      environment: {
        id: 'pr-7',
        projectId: 'checkout',
        displayName: 'pr-7',
        type: 'development',
        production: false,
        status: 'active',
        createdAt: '2026-12-01T09:00:00.000Z',
        url: 'http://pr-7.checkout.localhost',
      },
    });
    expect(
      (
        await p.createEnvironment({
          projectId: 'checkout',
          environmentId: 'pr-7',
          environmentType: 'development',
        })
      ).created,
    ).toBe(false);
    expect(
      (
        await p.createEnvironment({
          projectId: 'checkout',
          environmentId: 'production',
          environmentType: 'production',
        })
      ).environment.production,
    ).toBe(true);
    expect((await p.listEnvironments('checkout')).map(e => e.id)).toEqual([
      'pr-7',
      'production',
    ]);
    expect(
      await p.deleteEnvironment({
        projectId: 'checkout',
        environmentId: 'pr-7',
      }),
    ).toEqual({
      deleted: true,
      pending: false,
    });
    expect(
      await p.deleteEnvironment({
        projectId: 'checkout',
        environmentId: 'pr-7',
      }),
    ).toEqual({
      deleted: false,
      pending: false,
    });
  });

  it('records deployments once per idempotency key, newest first', async () => {
    const p = provider();
    await p.createEnvironment({
      projectId: 'checkout',
      environmentId: 'development',
      environmentType: 'development',
    });
    const target = {
      projectId: 'checkout',
      environmentId: 'development',
      workload,
    };
    const a = await p.deployScoreWorkload({ ...target, idempotencyKey: 'k1' });
    const again = await p.deployScoreWorkload({
      ...target,
      idempotencyKey: 'k1',
    });
    const b = await p.deployScoreWorkload({ ...target, idempotencyKey: 'k2' });
    expect(again).toEqual(a);
    expect(a).toMatchObject({
      status: 'success',
      environmentId: 'development',
    });
    expect((await p.listDeployments({})).map(d => d.id)).toEqual([
      (b as any).id,
      (a as any).id,
    ]);
    expect(await p.listLatestDeployments({})).toEqual([b]);
    expect(await p.getDeployment((a as any).id)).toEqual(a);
    expect(await p.getDeployment('nope')).toBeUndefined();
    expect(await p.deployScoreWorkload({ ...target, dryRun: true })).toEqual({
      dryRun: true,
      summary: 'Would record workload checkout (main) in development',
    });
    await expect(
      p.deployScoreWorkload({ ...target, environmentId: 'missing' }),
    ).rejects.toThrow(
      'Environment checkout/missing does not exist in Example orchestrator (in memory)',
    );
  });
});
