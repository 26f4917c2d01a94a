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
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { doraReadPermission } from '@paved/plugin-paved-common';
import { spec } from '../schema/openapi.generated';
import { createAuthorizer } from '../http/authorize';
import { DoraService } from './DoraService';

/**
 * Adds `GET /v1/dora` (an entity, group or system) and
 * `GET /v1/dora/organisation`. Both need `paved.dora.read`; they only read,
 * so there is no auditor event.
 */
export function registerDoraRoutes(
  router: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    dora: DoraService;
  },
) {
  const { httpAuth, permissions, dora } = options;

  const authorize = createAuthorizer(permissions);
  const authorizeRead = async (
    req: Parameters<typeof httpAuth.credentials>[0],
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      doraReadPermission,
      'Not allowed to read DORA metrics',
    );
  };

  router.get('/v1/dora', async (req, res) => {
    await authorizeRead(req);
    res.json(
      await dora.report({
        entity: req.query.entity,
        group: req.query.group,
        system: req.query.system,
        from: req.query.from,
        to: req.query.to,
        days: req.query.days,
      }),
    );
  });

  router.get('/v1/dora/organisation', async (req, res) => {
    await authorizeRead(req);
    res.json(
      await dora.organisation({
        from: req.query.from,
        to: req.query.to,
        days: req.query.days,
      }),
    );
  });
}
