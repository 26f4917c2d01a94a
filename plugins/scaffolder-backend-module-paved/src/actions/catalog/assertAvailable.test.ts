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
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createCatalogAssertAvailableAction } from './assertAvailable';

describe('paved:catalog:assert-available', () => {
  const repos = createMockDirectory();
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'orders',
          annotations: {
            'backstage.io/managed-by-location':
              'url:https://git.example.com/orders/catalog-info.yaml',
          },
        },
        spec: {
          owner: 'group:default/team-a',
          type: 'service',
          lifecycle: 'production',
        },
      },
    ],
  });
  const action = createCatalogAssertAvailableAction({
    catalog,
    config: mockServices.rootConfig({
      data: {
        paved: { scaffolder: { localPublisher: { baseDir: repos.path } } },
      },
    }),
  });
  const run = (input: Record<string, unknown>) => {
    const ctx = createMockActionContext({ input: input as any });
    return { ctx, done: action.handler(ctx as any) };
  };

  it('passes a free name and outputs the full ref', async () => {
    const { ctx, done } = run({ entityRef: 'payments' });
    await done;
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payments',
    );
  });

  it('fails on a taken name, saying who has it and what to do', async () => {
    await expect(
      run({ entityRef: 'component:default/orders' }).done,
    ).rejects.toThrow(
      'Component "orders" already exists in the catalog (component:default/orders, owned by group:default/team-a, defined at url:https://git.example.com/orders/catalog-info.yaml); pick another name',
    );
  });

  it('fails when a local repository has the name', async () => {
    repos.setContent({ payments: { 'README.md': 'x' } });
    await expect(
      run({ entityRef: 'payments', localRepository: 'payments' }).done,
    ).rejects.toThrow(
      `A local repository named "payments" already exists at ${repos.resolve(
        'payments',
      )}; pick another name`,
    );
    await expect(
      run({ entityRef: 'payments', localRepository: '../x' }).done,
    ).rejects.toThrow('must be a plain directory name');
  });

  it('explains a malformed ref', async () => {
    await expect(run({ entityRef: 'component:' }).done).rejects.toThrow(
      'entityRef "component:" is not an entity ref',
    );
  });
});
