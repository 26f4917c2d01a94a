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
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { createAuthorizer } from './authorize';

const permission = createPermission({
  name: 'paved.test.read',
  attributes: { action: 'read' },
});

describe('createAuthorizer', () => {
  const credentials = mockCredentials.user();

  it('resolves when the permission framework allows', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async () => [{ result: AuthorizeResult.ALLOW }]),
    });
    const authorize = createAuthorizer(permissions);

    await expect(
      authorize(credentials, permission, 'Not allowed to test'),
    ).resolves.toBeUndefined();
    expect(permissions.authorize).toHaveBeenCalledWith([{ permission }], {
      credentials,
    });
  });

  it('throws NotAllowedError with the message when denied', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async () => [{ result: AuthorizeResult.DENY }]),
    });
    const authorize = createAuthorizer(permissions);

    const denied = authorize(credentials, permission, 'Not allowed to test');
    await expect(denied).rejects.toThrow(NotAllowedError);
    await expect(denied).rejects.toThrow('Not allowed to test');
  });

  it('names the permission when no message is given', async () => {
    const authorize = createAuthorizer(
      mockServices.permissions.mock({
        authorize: jest.fn(async () => [{ result: AuthorizeResult.DENY }]),
      }),
    );

    await expect(authorize(credentials, permission)).rejects.toThrow(
      'Not allowed: paved.test.read',
    );
  });

  it('follows the functional mock permissions service', async () => {
    const allow = createAuthorizer(
      mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    );
    const deny = createAuthorizer(
      mockServices.permissions({ result: AuthorizeResult.DENY }),
    );

    await expect(allow(credentials, permission)).resolves.toBeUndefined();
    await expect(deny(credentials, permission, 'No')).rejects.toThrow(
      NotAllowedError,
    );
  });
});
