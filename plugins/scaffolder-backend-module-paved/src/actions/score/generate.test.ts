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

import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import YAML from 'yaml';
import { createScoreGenerateAction } from './generate';

describe('paved:score:generate', () => {
  const workspace = createMockDirectory();
  const action = createScoreGenerateAction();
  beforeEach(() => workspace.clear());

  const run = (input: Record<string, unknown>) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    return { ctx, done: action.handler(ctx as any) };
  };

  it('writes a valid workload from structured inputs', async () => {
    const { ctx, done } = run({
      name: 'orders',
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      variables: { PGHOST: '${resources.db.host}' },
      resources: { db: { type: 'postgres' } },
      probes: { liveness: '/healthz', readiness: '/readyz' },
    });
    await done;
    const score = YAML.parse(workspace.content()!['score.yaml'] as string);
    expect(score).toEqual({
      apiVersion: 'score.dev/v1b1',
      metadata: { name: 'orders' },
      containers: {
        main: {
          image: '.',
          variables: { PGHOST: '${resources.db.host}' },
          livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
          readinessProbe: { httpGet: { path: '/readyz', port: 8080 } },
        },
      },
      service: { ports: { http: { port: 80, targetPort: 8080 } } },
      resources: { db: { type: 'postgres' } },
    });
    expect(ctx.output).toHaveBeenCalledWith('workload', 'orders');
    expect(ctx.output).toHaveBeenCalledWith('overridden', []);
  });

  it('records the overridden defaults on the Component, keeping its comments', async () => {
    workspace.setContent({
      'catalog-info.yaml': [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: orders',
        '  annotations:',
        '    # kept',
        '    paved.dev/template: paved-typescript-service@1.0.0',
        'spec: { type: service, lifecycle: experimental, owner: team-a }',
        '',
      ].join('\n'),
    });
    const defaults = {
      containers: {
        main: { resources: { limits: { memory: '256Mi', cpu: '500m' } } },
      },
    };
    const { ctx, done } = run({
      name: 'orders',
      defaults,
      overrides: {
        containers: {
          main: {
            // changed, unchanged, and an empty form field
            resources: {
              limits: { memory: '1Gi', cpu: '500m' },
              requests: { cpu: '' },
            },
          },
        },
      },
    });
    await done;
    expect(ctx.output).toHaveBeenCalledWith('overridden', [
      'containers.main.resources.limits.memory',
    ]);
    const score = YAML.parse(workspace.content()!['score.yaml'] as string);
    expect(score.containers.main.resources).toEqual({
      limits: { memory: '1Gi', cpu: '500m' },
    });
    const catalogInfo = workspace.content()!['catalog-info.yaml'] as string;
    expect(catalogInfo).toContain('# kept');
    expect(YAML.parse(catalogInfo).metadata.annotations).toEqual({
      'paved.dev/template': 'paved-typescript-service@1.0.0',
      'paved.dev/golden-path-overrides':
        'containers.main.resources.limits.memory',
    });
  });

  it('fails with the located Score problems and writes nothing', async () => {
    const { done } = run({
      name: 'orders',
      variables: { DB: '${resources.missing.host}' },
      overrides: { containers: { main: { image: '' } } },
      defaults: {
        containers: { main: { resources: { limits: { memory: 12 } } } },
      },
    });
    await expect(done).rejects.toThrow(
      /not a valid Score file \(2 problems\):\n {2}- score.yaml:\d+:\d+ containers.main.*\n {2}- score.yaml:\d+:\d+ containers.main/,
    );
    await expect(done).rejects.toThrow(/resources.missing/);
    expect(workspace.content()).toEqual({});
  });

  it('refuses to replace a Score file unless asked to', async () => {
    workspace.setContent({ 'score.yaml': 'old' });
    await expect(run({ name: 'orders' }).done).rejects.toThrow(
      'score.yaml already exists in the workspace',
    );
    await run({ name: 'orders', overwrite: true }).done;
    expect(workspace.content()!['score.yaml']).toContain('name: orders');
  });

  it('fails when catalog-info.yaml has no Component of that name', async () => {
    workspace.setContent({
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: orders }\nspec: { owner: a }\n',
    });
    await expect(run({ name: 'orders' }).done).rejects.toThrow(
      'catalog-info.yaml has no Component named "orders"',
    );
  });

  it('refuses an override that renames the workload, and a probe without a port', async () => {
    await expect(
      run({ name: 'orders', overrides: { metadata: { name: 'other' } } }).done,
    ).rejects.toThrow('overrides must not rename the workload');
    await expect(
      run({ name: 'orders', probes: { liveness: '/healthz' } }).done,
    ).rejects.toThrow('probes.liveness needs a port');
  });
});
