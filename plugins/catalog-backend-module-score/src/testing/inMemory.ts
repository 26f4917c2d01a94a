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
  UrlReaderService,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import { createHash } from 'node:crypto';

/**
 * A UrlReader over an in-memory map of URL to content, with ETags like the
 * SCM readers. Used by tests and the benchmark in place of network access.
 */
export class InMemoryUrlReader implements UrlReaderService {
  readonly files = new Map<string, string | Buffer>();
  reads = 0;

  set(url: string, content: string | Buffer): this {
    this.files.set(url, content);
    return this;
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    this.reads++;
    const content = this.files.get(url);
    if (content === undefined) {
      throw new NotFoundError(`${url} not found`);
    }
    const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const etag = createHash('sha1').update(buffer).digest('hex');
    if (options?.etag === etag) {
      throw new NotModifiedError();
    }
    return {
      etag,
      buffer: async () => buffer,
      stream: () => {
        throw new Error('not implemented');
      },
    };
  }

  async readTree(): Promise<never> {
    throw new Error('InMemoryUrlReader does not read trees');
  }

  async search(): Promise<never> {
    throw new Error('InMemoryUrlReader does not search');
  }
}

/** The processor cache the catalog passes in, kept in memory. */
export class InMemoryProcessorCache implements CatalogProcessorCache {
  readonly values = new Map<string, any>();
  async get<T>(key: string): Promise<T | undefined> {
    return this.values.get(key);
  }
  async set(key: string, value: any): Promise<void> {
    this.values.set(key, value);
  }
}
