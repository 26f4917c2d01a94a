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
import { PavedClient } from '@paved/plugin-paved-common';
import { Command } from 'commander';
import { printErr } from './output';

/** Where the backend is and how to authenticate against it. */
export type Connection = {
  baseUrl: string;
  token: string;
};

/**
 * Resolves the backend URL and token from options, the environment, or, for
 * a local portal with guest sign-in, a guest session.
 */
export async function resolveConnection(command: Command): Promise<Connection> {
  const opts = command.optsWithGlobals<{ baseUrl: string; token?: string }>();
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const token = opts.token ?? process.env.PAVED_TOKEN;
  if (token) {
    return { baseUrl, token };
  }
  const guestToken = await tryGuestSignIn(baseUrl);
  if (!guestToken) {
    throw new Error(
      `no token: pass --token or set PAVED_TOKEN (a Backstage user token, or a static token from backend.auth.externalAccess); ${baseUrl} does not offer guest sign-in`,
    );
  }
  printErr(
    'paved: no token given, signed in as guest (local development only)\n',
  );
  return { baseUrl, token: guestToken };
}

async function tryGuestSignIn(baseUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    if (!response.ok) {
      return undefined;
    }
    const body = (await response.json()) as {
      backstageIdentity?: { token?: string };
    };
    return body.backstageIdentity?.token;
  } catch (error) {
    throw new Error(
      `cannot reach the backend at ${baseUrl}: ${(error as Error).message}`,
    );
  }
}

/** A Paved API client that sends the connection's token on every call. */
export function createClient(connection: Connection): PavedClient {
  return new PavedClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `${connection.baseUrl}/api/${pluginId}`,
    },
    fetchApi: {
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${connection.token}`);
        return fetch(input, { ...init, headers });
      },
    },
  });
}
