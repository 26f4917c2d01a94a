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
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { PavedClient } from '@paved/plugin-paved-common';

/**
 * A Paved API client acting on behalf of the template's initiator, so the
 * Paved backend checks *their* permissions. Orchestrator providers live in
 * the Paved backend plugin; the scaffolder reaches them over its REST API.
 */
export function pavedClientFor(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  credentials: BackstageCredentials;
}): PavedClient {
  return new PavedClient({
    discoveryApi: options.discovery,
    fetchApi: {
      fetch: async (input, init) => {
        const { token } = await options.auth.getPluginRequestToken({
          onBehalfOf: options.credentials,
          targetPluginId: 'paved',
        });
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    },
  });
}

/** Rethrows an API error with the backend's own message. */
export function explain(error: unknown, what: string): never {
  if (error instanceof ResponseError) {
    const message = error.body?.error?.message ?? error.message;
    throw new Error(`${what} failed (HTTP ${error.statusCode}): ${message}`);
  }
  throw error;
}
