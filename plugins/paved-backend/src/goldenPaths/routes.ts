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
import { goldenPathDriftReadPermission } from '@paved/plugin-paved-common';
import { spec } from '../schema/openapi.generated';
import { createAuthorizer } from '../http/authorize';
import { GoldenPathDriftService } from './GoldenPathDriftService';

/**
 * Adds `GET /v1/golden-paths/drift`. Read-only, so it emits no audit event;
 * it reads the catalog on behalf of the caller.
 */
export function registerGoldenPathRoutes(
  router: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    drift: GoldenPathDriftService;
  },
) {
  const { httpAuth, permissions, drift } = options;
  const authorize = createAuthorizer(permissions);

  router.get('/v1/golden-paths/drift', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      goldenPathDriftReadPermission,
      'Not allowed to read the golden-path drift report',
    );
    res.json(await drift.getReport(credentials));
  });
}
