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
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import { LocalRepositoriesEntityProvider } from './LocalRepositoriesEntityProvider';

describe('LocalRepositoriesEntityProvider', () => {
  const dir = createMockDirectory();
  const outside = createMockDirectory();

  it('serves each repository with a catalog-info.yaml as a file location, and nothing else', async () => {
    dir.setContent({
      b: { 'catalog-info.yaml': 'kind: Component' },
      a: { 'catalog-info.yaml': 'kind: Component' },
      empty: {},
      'stray-file.yaml': 'x',
      'dir-as-catalog-info': { 'catalog-info.yaml': {} },
    });
    outside.setContent({ secret: { 'catalog-info.yaml': 'kind: Component' } });
    // A symbolic link could point the catalog anywhere; it is not followed.
    fs.symlinkSync(outside.resolve('secret'), dir.resolve('linked'));

    const mutations: EntityProviderMutation[] = [];
    const provider = new LocalRepositoriesEntityProvider({
      baseDir: dir.path,
      logger: mockServices.logger.mock(),
    });
    expect(await provider.scan()).toBe(0); // not connected yet
    await provider.connect({
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    });
    expect(await provider.scan()).toBe(2);

    expect(mutations).toHaveLength(1);
    const mutation = mutations[0] as Extract<
      EntityProviderMutation,
      { type: 'full' }
    >;
    expect(mutation.type).toBe('full');
    expect(
      mutation.entities.map(e => [e.locationKey, e.entity.kind, e.entity.spec]),
    ).toEqual([
      [
        `file:${dir.resolve('a/catalog-info.yaml')}`,
        'Location',
        {
          type: 'file',
          target: dir.resolve('a/catalog-info.yaml'),
          presence: 'required',
        },
      ],
      [
        `file:${dir.resolve('b/catalog-info.yaml')}`,
        'Location',
        {
          type: 'file',
          target: dir.resolve('b/catalog-info.yaml'),
          presence: 'required',
        },
      ],
    ]);
    expect(
      mutation.entities[0].entity.metadata.annotations?.[
        'backstage.io/managed-by-location'
      ],
    ).toBe(`file:${dir.resolve('a/catalog-info.yaml')}`);

    // Removed repositories leave the catalog on the next scan.
    fs.rmSync(dir.resolve('a'), { recursive: true });
    expect(await provider.scan()).toBe(1);
  });

  it('treats a missing base directory as no repositories', async () => {
    const provider = new LocalRepositoriesEntityProvider({
      baseDir: dir.resolve('does-not-exist'),
      logger: mockServices.logger.mock(),
    });
    const mutations: EntityProviderMutation[] = [];
    await provider.connect({
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    });
    await provider.scan();
    expect(mutations).toEqual([{ type: 'full', entities: [] }]);
  });
});
