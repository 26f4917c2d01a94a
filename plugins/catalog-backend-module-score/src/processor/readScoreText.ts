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

import { UrlReaderService } from '@backstage/backend-plugin-api';
import { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';

/** What is remembered between runs so unchanged files are not downloaded again. */
interface CachedText {
  etag: string;
  text: string;
}

/** Texts larger than this are not cached (the cache lives in the catalog database). */
const MAX_CACHED_CHARS = 256 * 1024;

/** Thrown when a file is over the size limit, before it is decoded. */
export class ScoreFileTooLargeError extends Error {
  name = 'ScoreFileTooLargeError';
}

function tooLarge(target: string, size: number, maxBytes: number) {
  return new ScoreFileTooLargeError(
    `${target}: file is ${size} bytes, more than the limit of ${maxBytes} bytes for Score files (paved.score.maxFileBytes)`,
  );
}

/**
 * Reads a Score file from a `url` or `file` location, refusing files over
 * `maxBytes` before decoding them. For URLs the ETag is kept in the processor
 * cache and an unchanged file is served from it.
 */
export async function readScoreText(options: {
  type: string;
  target: string;
  reader: UrlReaderService;
  maxBytes: number;
  cache?: CatalogProcessorCache;
  cacheKey?: string;
}): Promise<string> {
  const { type, target, reader, maxBytes, cache } = options;
  const cacheKey = options.cacheKey ?? 'score-text';
  if (type === 'file') {
    const stat = await fs.stat(target);
    if (stat.size > maxBytes) {
      throw tooLarge(target, stat.size, maxBytes);
    }
    return fs.readFile(target, 'utf8');
  }

  const cached = (await cache?.get(cacheKey)) as CachedText | undefined;
  try {
    const response = await reader.readUrl(target, { etag: cached?.etag });
    const buffer = await response.buffer();
    if (buffer.length > maxBytes) {
      throw tooLarge(target, buffer.length, maxBytes);
    }
    const text = buffer.toString('utf8');
    if (cache && response.etag && text.length <= MAX_CACHED_CHARS) {
      await cache.set(cacheKey, { etag: response.etag, text } as any);
    }
    return text;
  } catch (error) {
    if ((error as Error)?.name === 'NotModifiedError' && cached) {
      await cache?.set(cacheKey, cached as any);
      return cached.text;
    }
    throw error;
  }
}
