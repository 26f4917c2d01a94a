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
import { ResponseError } from '@backstage/errors';
import { PavedApi } from './PavedApi';
import { PavedInfo } from '../types';

/**
 * Finds the base URL of a plugin; matches Backstage's DiscoveryApi.
 *
 * @public
 */
export type PavedDiscovery = {
  getBaseUrl(pluginId: string): Promise<string>;
};

/**
 * A fetch that adds credentials; Backstage's FetchApi in the browser, a
 * token-adding wrapper in the CLI.
 *
 * @public
 */
export type PavedFetch = {
  fetch: typeof fetch;
};

/**
 * HTTP client for the Paved backend, shared by the portal and the CLI so
 * both speak to the API the same way.
 *
 * @public
 */
export class PavedClient implements PavedApi {
  private readonly discoveryApi: PavedDiscovery;
  private readonly fetchApi: PavedFetch;

  constructor(options: { discoveryApi: PavedDiscovery; fetchApi: PavedFetch }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getInfo(): Promise<PavedInfo> {
    return this.get<PavedInfo>('/v1/info');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('paved');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
