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

/**
 * Thrown for a path that is not a regular, non-empty file: a symbolic link
 * (it could point anywhere), a device or FIFO, or a zero-size file such as
 * those under /proc, whose size says nothing about what reading returns.
 */
export class ScoreFileRefusedError extends Error {
  name = 'ScoreFileRefusedError';
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
    return readRegularFile(target, maxBytes);
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

/** Reads a regular file of at most `maxBytes`, never more than that. */
async function readRegularFile(path: string, maxBytes: number) {
  const stat = await fs.lstat(path);
  if (stat.isSymbolicLink()) {
    throw new ScoreFileRefusedError(
      `${path}: is a symbolic link; Score files are read only as regular files`,
    );
  }
  if (!stat.isFile()) {
    throw new ScoreFileRefusedError(
      `${path}: is not a regular file; Score files are read only as regular files`,
    );
  }
  if (stat.size === 0) {
    throw new ScoreFileRefusedError(
      `${path}: is empty (or a special file that reports no size)`,
    );
  }
  if (stat.size > maxBytes) {
    throw tooLarge(path, stat.size, maxBytes);
  }
  // The file may grow between lstat and read: read one byte past the limit
  // at most, so a growing file is refused rather than read whole.
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(
        buffer,
        length,
        buffer.length - length,
        null,
      );
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(path, length, maxBytes);
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}
