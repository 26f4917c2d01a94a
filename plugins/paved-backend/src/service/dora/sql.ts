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
import { Knex } from 'knex';

/**
 * The few SQL pieces the DORA queries need that SQLite and PostgreSQL spell
 * differently. Everything else is plain SQL both run: window functions
 * (SQLite 3.25+), CTEs, CASE, and parameters for every time boundary.
 */

/** True for PostgreSQL, false for SQLite; other databases are refused. */
export function isPostgres(db: Knex): boolean {
  const client = String(db.client.config.client);
  if (client === 'pg' || client === 'postgres' || client === 'postgresql') {
    return true;
  }
  if (client.includes('sqlite')) return false;
  throw new Error(
    `DORA metrics support SQLite and PostgreSQL, not the '${client}' database client`,
  );
}

/**
 * Seconds from `earlier` to `later`, two timestamp columns. SQLite stores
 * Backstage timestamps as milliseconds since the epoch.
 */
export function secondsBetween(
  db: Knex,
  later: string,
  earlier: string,
): string {
  return isPostgres(db)
    ? `EXTRACT(EPOCH FROM (${later} - ${earlier}))`
    : `((${later} - ${earlier}) / 1000.0)`;
}

/**
 * A CASE expression numbering the bucket `column` falls in, for ordered,
 * adjacent buckets; boundaries are parameters so time-zone arithmetic stays
 * in JavaScript. Rows outside every bucket get NULL.
 */
export function bucketCase(
  column: string,
  buckets: ReadonlyArray<{ start: Date; end: Date }>,
): { sql: string; bindings: Date[] } {
  if (!buckets.length) return { sql: 'NULL', bindings: [] };
  const parts: string[] = [];
  const bindings: Date[] = [buckets[0].start];
  parts.push(`WHEN ${column} < ? THEN NULL`);
  buckets.forEach((bucket, index) => {
    parts.push(`WHEN ${column} < ? THEN ${index}`);
    bindings.push(bucket.end);
  });
  return { sql: `CASE ${parts.join(' ')} ELSE NULL END`, bindings };
}

/**
 * SQL of the interpolated median (PERCENTILE_CONT(0.5)) of `value` per
 * `groupKey` over the rows of `source`, written with window functions so
 * SQLite runs it too. Returns columns `k`, `median`, `samples`.
 *
 * The middle rows of n sorted values are numbers (n+1)/2 and (n+2)/2 in
 * integer division: the same row when n is odd, the two middle ones when n
 * is even, whose average is what PERCENTILE_CONT(0.5) interpolates to.
 */
export function medianSql(source: string, groupKey: string): string {
  return `SELECT k, AVG(v) AS median, MAX(n) AS samples FROM (
      SELECT ${groupKey} AS k, v,
        ROW_NUMBER() OVER (PARTITION BY ${groupKey} ORDER BY v) AS rn,
        COUNT(*) OVER (PARTITION BY ${groupKey}) AS n
      FROM ${source}
    ) ranked
    WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
    GROUP BY k`;
}

/** Timestamps come back as Dates (PostgreSQL) or epoch milliseconds (SQLite). */
export function toDate(value: Date | string | number): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return new Date(Number(value));
  }
  return new Date(value);
}

/** Aggregates come back as numbers or (PostgreSQL bigint/numeric) strings. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}
