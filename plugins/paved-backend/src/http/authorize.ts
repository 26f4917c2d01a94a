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
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/** Checks one permission for a caller; resolves when it is allowed. */
export type Authorizer = (
  credentials: BackstageCredentials,
  permission: BasicPermission,
  message?: string,
) => Promise<void>;

/**
 * Returns the check every Paved route makes: ask the permission framework
 * about one basic permission and, unless the answer is ALLOW, refuse with a
 * NotAllowedError (a 403) carrying `message` (by default one that names the
 * permission).
 */
export function createAuthorizer(permissions: PermissionsService): Authorizer {
  return async (credentials, permission, message) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(message ?? `Not allowed: ${permission.name}`);
    }
  };
}
