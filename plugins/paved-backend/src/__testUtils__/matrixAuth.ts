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
  AuthService,
  BackstageCredentials,
  BackstagePrincipalAccessRestrictions,
  BackstagePrincipalTypes,
  BackstageUserInfo,
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import { Request } from 'express';

/**
 * Test auth for a backend with the real permission backend, built on the
 * mock tokens of backend-test-utils, with two things the mocks leave out:
 *
 * - a plugin calling another on a user's behalf gets a user token with the
 *   plugin as actor, as the real auth service issues (the permission
 *   backend refuses direct user requests for conditional decisions);
 * - static external-access tokens with access restrictions (the CI token),
 *   valid for their plugin only, as the real external-access handler does.
 */
export type ExternalToken = {
  token: string;
  subject: string;
  plugin: string;
  accessRestrictions: BackstagePrincipalAccessRestrictions;
};

class MatrixAuthService implements AuthService {
  readonly #mock: AuthService;

  constructor(
    private readonly pluginId: string,
    private readonly external: ExternalToken[],
  ) {
    this.#mock = mockServices.auth({ pluginId });
  }

  async authenticate(
    token: string,
    options?: { allowLimitedAccess?: boolean },
  ): Promise<BackstageCredentials> {
    const external = this.external.find(e => e.token === token);
    if (external) {
      if (external.plugin !== this.pluginId) {
        throw new AuthenticationError(
          `Token may not be used with plugin '${this.pluginId}'`,
        );
      }
      return mockCredentials.service(
        `external:${external.subject}`,
        external.accessRestrictions,
      );
    }
    return this.#mock.authenticate(token, options);
  }

  getNoneCredentials() {
    return this.#mock.getNoneCredentials();
  }

  getOwnServiceCredentials() {
    return this.#mock.getOwnServiceCredentials();
  }

  isPrincipal<TType extends keyof BackstagePrincipalTypes>(
    credentials: BackstageCredentials,
    type: TType,
  ): credentials is BackstageCredentials<BackstagePrincipalTypes[TType]> {
    return this.#mock.isPrincipal(credentials, type);
  }

  async getPluginRequestToken(options: {
    onBehalfOf: BackstageCredentials;
    targetPluginId: string;
  }): Promise<{ token: string }> {
    if (this.isPrincipal(options.onBehalfOf, 'user')) {
      return {
        token: mockCredentials.user.token(
          options.onBehalfOf.principal.userEntityRef,
          { actor: { subject: `plugin:${this.pluginId}` } },
        ),
      };
    }
    return this.#mock.getPluginRequestToken(options);
  }

  getLimitedUserToken(credentials: BackstageCredentials<any>) {
    return this.#mock.getLimitedUserToken(credentials);
  }

  listPublicServiceKeys() {
    return this.#mock.listPublicServiceKeys();
  }
}

class MatrixHttpAuthService implements HttpAuthService {
  constructor(private readonly auth: AuthService) {}

  async credentials(
    req: Request,
    options?: { allow?: Array<keyof BackstagePrincipalTypes> },
  ): Promise<BackstageCredentials<any>> {
    const header = req.headers.authorization;
    const token =
      typeof header === 'string'
        ? header.match(/^Bearer[ ]+(\S+)$/i)?.[1]
        : undefined;
    const credentials = token
      ? await this.auth.authenticate(token)
      : await this.auth.getNoneCredentials();
    const allowed = options?.allow;
    if (!allowed) return credentials;
    const type = (credentials.principal as { type: string })
      .type as keyof BackstagePrincipalTypes;
    if (allowed.includes(type)) return credentials;
    if (type === 'none') throw new AuthenticationError('Missing credentials');
    throw new NotAllowedError(
      `This endpoint does not allow '${type}' credentials`,
    );
  }

  async issueUserCookie(): Promise<{ expiresAt: Date }> {
    throw new Error('Not used in these tests');
  }
}

/** The auth and httpAuth factories, with the given external tokens. */
export function matrixAuthFactories(external: ExternalToken[]) {
  return [
    createServiceFactory({
      service: coreServices.auth,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }) => new MatrixAuthService(plugin.getId(), external),
    }),
    createServiceFactory({
      service: coreServices.httpAuth,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }) =>
        new MatrixHttpAuthService(
          new MatrixAuthService(plugin.getId(), external),
        ),
    }),
  ];
}

/**
 * User info as a sign-in resolver gives it: the user and the groups they
 * are a direct member of (parent groups are the policy's business).
 */
export function matrixUserInfoFactory(memberOf: Record<string, string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(
        credentials: BackstageCredentials,
      ): Promise<BackstageUserInfo> {
        const ref = (credentials.principal as { userEntityRef?: string })
          .userEntityRef;
        if (!ref) throw new Error('User info is only for users');
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(memberOf[ref] ?? [])],
        };
      },
    }),
  });
}
