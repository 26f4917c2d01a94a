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
import { InputError } from '@backstage/errors';

/** Value at a dotted path, or undefined. */
export function at(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A required string or number (as string) at a path; names the path when missing. */
export function requireString(body: unknown, path: string): string {
  const value = at(body, path);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || !value.trim()) {
    throw new InputError(`Payload has no ${path}`);
  }
  return value;
}

/** An optional string at a path. */
export function optionalString(
  body: unknown,
  path: string,
): string | undefined {
  const value = at(body, path);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/**
 * A time at a path: ISO 8601, GitLab's `2021-04-28 21:50:00 +0200`, or
 * epoch seconds.
 */
export function optionalTime(body: unknown, path: string): Date | undefined {
  const value = at(body, path);
  if (value === undefined || value === null || value === '') return undefined;
  let date: Date;
  if (typeof value === 'number') {
    date = new Date(value < 1e12 ? value * 1000 : value);
  } else if (typeof value === 'string') {
    const gitlab = value.match(
      /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?: ?(UTC|[+-]\d{2}:?\d{2}))?$/,
    );
    date = gitlab
      ? new Date(
          `${gitlab[1]}T${gitlab[2]}${
            !gitlab[3] || gitlab[3] === 'UTC'
              ? 'Z'
              : gitlab[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
          }`,
        )
      : new Date(value);
  } else {
    throw new InputError(`Payload ${path} is not a time`);
  }
  if (Number.isNaN(date.getTime())) {
    throw new InputError(
      `Payload ${path} is not a valid time: '${String(value)}'`,
    );
  }
  return date;
}

/** A required time at a path. */
export function requireTime(body: unknown, path: string): Date {
  const date = optionalTime(body, path);
  if (!date) throw new InputError(`Payload has no ${path}`);
  return date;
}

/** The payload must be a JSON object. */
export function requireObject(
  body: unknown,
  what: string,
): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError(`${what} must be a JSON object`);
  }
  return body as Record<string, unknown>;
}
