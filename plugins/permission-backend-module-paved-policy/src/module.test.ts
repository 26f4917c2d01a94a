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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { adoptionRefreshPermission } from '@paved/plugin-paved-common';
import { permissionModulePavedPolicy } from './module';
import { PavedPermissionPolicy } from './PavedPermissionPolicy';

describe('permissionModulePavedPolicy', () => {
  it('installs the Paved policy with the admins from config', async () => {
    let installed: PermissionPolicy | undefined;
    await startTestBackend({
      extensionPoints: [
        [policyExtensionPoint, { setPolicy: p => (installed = p) }],
      ],
      features: [
        permissionModulePavedPolicy,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { paved: { permissions: { admins: ['user:default/root'] } } },
        }),
      ],
    });
    expect(installed).toBeInstanceOf(PavedPermissionPolicy);
    const ask = (ref: string) =>
      installed!.handle(
        { permission: adoptionRefreshPermission },
        {
          credentials: mockCredentials.user(ref),
          info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
        },
      );
    expect(await ask('user:default/root')).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await ask('user:default/someone')).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('refuses a ref in paved.permissions that does not parse', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [[policyExtensionPoint, { setPolicy: () => {} }]],
        features: [
          permissionModulePavedPolicy,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: { paved: { permissions: { productionDeployers: [':'] } } },
          }),
        ],
      }),
    ).rejects.toThrow(/paved.permissions.productionDeployers\[0\]/);
  });
});
