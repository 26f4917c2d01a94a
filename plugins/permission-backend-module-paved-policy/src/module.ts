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
  createBackendModule,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { CatalogOwnershipResolver } from './OwnershipResolver';
import { PavedPermissionPolicy } from './PavedPermissionPolicy';
import { readPavedRoles } from './roles';

/**
 * Lets a site's own module give the Paved policy the base policy for
 * everything that is not Paved's (see `PavedPermissionPolicyOptions`).
 *
 * @public
 */
export interface PavedPolicyExtensionPoint {
  setBasePolicy(policy: PermissionPolicy): void;
}

/**
 * Extension point of the Paved policy module.
 *
 * @public
 */
export const pavedPolicyExtensionPoint =
  createExtensionPoint<PavedPolicyExtensionPoint>({
    id: 'permission.paved-policy',
  });

/**
 * Installs {@link PavedPermissionPolicy} as the permission backend's
 * policy, with roles from `paved.permissions` and ownership from the
 * catalog.
 *
 * @public
 */
export const permissionModulePavedPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'paved-policy',
  register(env) {
    let basePolicy: PermissionPolicy | undefined;
    env.registerExtensionPoint(pavedPolicyExtensionPoint, {
      setBasePolicy(policy) {
        if (basePolicy) {
          throw new Error('The Paved policy already has a base policy');
        }
        basePolicy = policy;
      },
    });
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ auth, catalog, config, logger, policy, userInfo }) {
        const roles = readPavedRoles(config);
        if (!roles.admins.length) {
          logger.warn(
            'paved.permissions.admins is empty: nobody may do everything in Paved (recompute adoption, act on entities they do not own)',
          );
        }
        policy.setPolicy(
          new PavedPermissionPolicy({
            roles,
            ownership: new CatalogOwnershipResolver({
              catalog,
              auth,
              userInfo,
              cacheSeconds: config.getOptionalNumber(
                'paved.permissions.ownershipCacheSeconds',
              ),
            }),
            basePolicy,
          }),
        );
      },
    });
  },
});
