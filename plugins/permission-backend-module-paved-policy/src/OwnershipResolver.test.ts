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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogOwnershipResolver } from './OwnershipResolver';
import { readPavedRoles } from './roles';

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

describe('CatalogOwnershipResolver', () => {
  const catalog = catalogServiceMock({
    entities: [
      group('company'),
      group('engineering', 'company'),
      group('team-a', 'engineering'),
      // A cycle in the catalog must not loop.
      group('loop-1', 'loop-2'),
      group('loop-2', 'loop-1'),
    ],
  });
  const userInfo = (ownership: Record<string, string[]>) =>
    mockServices.userInfo.mock({
      getUserInfo: async credentials => {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return { userEntityRef: ref, ownershipEntityRefs: ownership[ref] };
      },
    });

  it("adds every ancestor of the caller's groups to their claims", async () => {
    const resolver = new CatalogOwnershipResolver({
      catalog,
      auth: mockServices.auth(),
      userInfo: userInfo({
        'user:default/alice': ['user:default/alice', 'group:default/Team-A'],
        'user:default/lou': ['user:default/lou', 'group:default/loop-1'],
      }),
    });
    expect(
      await resolver.claimsOf(mockCredentials.user('user:default/alice')),
    ).toEqual([
      'user:default/alice',
      'group:default/team-a',
      'group:default/engineering',
      'group:default/company',
    ]);
    expect(
      await resolver.claimsOf(mockCredentials.user('user:default/lou')),
    ).toEqual([
      'user:default/lou',
      'group:default/loop-1',
      'group:default/loop-2',
    ]);
  });

  it('reuses claims for cacheSeconds, then asks the catalog again', async () => {
    let now = 0;
    const counting = catalogServiceMock({
      entities: [group('team-a', 'engineering')],
    });
    const getEntitiesByRefs = jest.spyOn(counting, 'getEntitiesByRefs');
    const resolver = new CatalogOwnershipResolver({
      catalog: counting,
      auth: mockServices.auth(),
      userInfo: userInfo({
        'user:default/alice': ['user:default/alice', 'group:default/team-a'],
      }),
      cacheSeconds: 60,
      now: () => now,
    });
    const alice = mockCredentials.user('user:default/alice');
    await resolver.claimsOf(alice);
    const calls = getEntitiesByRefs.mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    now = 59_000;
    await resolver.claimsOf(alice);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(calls);
    now = 61_000;
    await resolver.claimsOf(alice);
    expect(getEntitiesByRefs.mock.calls.length).toBeGreaterThan(calls);
  });
});

describe('readPavedRoles', () => {
  it('normalises refs, with groups as the default kind', () => {
    expect(
      readPavedRoles(
        new ConfigReader({
          paved: {
            permissions: {
              admins: ['Platform-Team', 'user:default/Root'],
              productionDeployers: ['group:ops/release'],
            },
          },
        }),
      ),
    ).toEqual({
      admins: ['group:default/platform-team', 'user:default/root'],
      productionDeployers: ['group:ops/release'],
    });
    expect(readPavedRoles(new ConfigReader({}))).toEqual({
      admins: [],
      productionDeployers: [],
    });
  });

  it('names the key of a ref that does not parse', () => {
    expect(() =>
      readPavedRoles(
        new ConfigReader({ paved: { permissions: { admins: [':'] } } }),
      ),
    ).toThrow(/paved.permissions.admins\[0\] ':' is not an entity ref/);
  });
});
