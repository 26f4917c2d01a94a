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
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  EventParams,
} from '@backstage/plugin-events-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { LOCAL_REPOSITORY_PUBLISHED_TOPIC } from '@paved/plugin-paved-node';
import { createCatalogRegisterLocalAction } from './registerLocal';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders' },
  spec: {
    owner: 'group:default/team-a',
    type: 'service',
    lifecycle: 'experimental',
  },
};

describe('paved:catalog:register-local', () => {
  const repos = createMockDirectory();
  let received: EventParams[];
  let events: DefaultEventsService;

  beforeEach(async () => {
    repos.setContent({
      orders: {
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\nspec: { owner: a, type: service, lifecycle: x }\n',
      },
    });
    received = [];
    events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    await events.subscribe({
      id: 'test',
      topics: [LOCAL_REPOSITORY_PUBLISHED_TOPIC],
      onEvent: async params => {
        received.push(params);
      },
    });
  });

  const action = (entities: Entity[]) =>
    createCatalogRegisterLocalAction({
      catalog: catalogServiceMock({ entities }),
      events,
      config: mockServices.rootConfig({
        data: {
          paved: { scaffolder: { localPublisher: { baseDir: repos.path } } },
        },
      }),
    });
  const run = (entities: Entity[], input: Record<string, unknown>) => {
    const ctx = createMockActionContext({ input: input as any });
    return { ctx, done: action(entities).handler(ctx as any) };
  };

  it('announces the repository and returns once the entity is in the catalog', async () => {
    const file = repos.resolve('orders/catalog-info.yaml');
    const { ctx, done } = run([component], { catalogInfoPath: file });
    await done;
    expect(received).toEqual([
      {
        topic: LOCAL_REPOSITORY_PUBLISHED_TOPIC,
        eventPayload: {
          repoPath: repos.resolve('orders'),
          catalogInfoPath: file,
        },
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/orders',
    );
    expect(ctx.output).toHaveBeenCalledWith('catalogInfoUrl', `file://${file}`);
  });

  it('fails with what to check when the entity does not appear', async () => {
    const file = repos.resolve('orders/catalog-info.yaml');
    await expect(
      run([], { catalogInfoPath: file, timeoutSeconds: 1 }).done,
    ).rejects.toThrow(
      `component:default/orders was not in the catalog 1 s after registering ${file}. Check that the backend has @paved/plugin-catalog-backend-module-local-repositories`,
    );
  });

  it('refuses files outside the local repositories directory', async () => {
    for (const catalogInfoPath of [
      '/etc/passwd',
      'orders/catalog-info.yaml',
      `${repos.path}/../x.yaml`,
    ]) {
      await expect(run([component], { catalogInfoPath }).done).rejects.toThrow(
        'catalogInfoPath must be an absolute path inside the local repositories directory',
      );
    }
    expect(received).toEqual([]);
  });
});
