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

/** SQLite hands timestamps back as numbers or strings, PostgreSQL as Dates. */
export function toDate(value: Date | string | number): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return new Date(Number(value));
  }
  return new Date(value);
}

/** ISO string of a stored timestamp, or undefined for null. */
export function toIso(
  value: Date | string | number | null | undefined,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  return toDate(value).toISOString();
}

/** Parses an optional ISO 8601 input time, or throws naming the field. */
export function parseTime(
  value: string | undefined,
  field: string,
): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InputError(`${field} is not a valid ISO 8601 time: '${value}'`);
  }
  return date;
}
