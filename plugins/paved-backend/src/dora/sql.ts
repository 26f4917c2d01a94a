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
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { isPostgresClient } from '../database/dialect';

/**
 * The few SQL pieces the DORA queries need that SQLite and PostgreSQL spell
 * differently. Everything else is plain SQL both run: window functions
 * (SQLite 3.25+), CTEs, CASE, and parameters for every time boundary.
 */

/** True for PostgreSQL, false for SQLite; other databases are refused. */
export function isPostgres(db: Knex): boolean {
  if (isPostgresClient(db)) return true;
  const client = String(db.client.config.client);
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
 * A timestamp parameter where the context does not give it a type (a
 * SELECT list). PostgreSQL reads it as timestamptz; in SQLite the type name
 * has NUMERIC affinity, which keeps the epoch milliseconds knex binds.
 */
export const TIMESTAMP_PARAM = 'CAST(? AS TIMESTAMP WITH TIME ZONE)';

/**
 * The weekly buckets as a derived table `(wk, ws, we)`: bucket number,
 * start (inclusive) and end (exclusive). Joining rows on
 * `time >= ws AND time < we` numbers them by bucket with index range scans;
 * the buckets cover the window exactly. Boundaries are parameters, so the
 * time-zone arithmetic stays in JavaScript. One VALUES list rather than a
 * UNION of SELECTs: a year's 53 buckets then plan in a fraction of the
 * time. Both databases name VALUES columns column1, column2, ...
 */
export function weeksSql(buckets: ReadonlyArray<{ start: Date; end: Date }>): {
  sql: string;
  bindings: Date[];
} {
  return {
    sql: `SELECT column1 AS wk, column2 AS ws, column3 AS we FROM (VALUES ${buckets
      .map((_, i) => `(${i}, ${TIMESTAMP_PARAM}, ${TIMESTAMP_PARAM})`)
      .join(', ')}) weeks_v`,
    bindings: buckets.flatMap(b => [b.start, b.end]),
  };
}

/**
 * The weekly bucket number of a timestamp column, for rows already limited
 * to the window: PostgreSQL looks it up in the sorted bucket starts
 * (width_bucket, a binary search); SQLite walks a CASE over the bucket ends.
 * Cheaper than joining every row with the week list when the rows come
 * from an index range scan.
 */
export function bucketOfSql(
  db: Knex,
  column: string,
  buckets: ReadonlyArray<{ start: Date; end: Date }>,
): { sql: string; bindings: Date[] } {
  if (isPostgres(db)) {
    return {
      sql: `(width_bucket(${column}, ARRAY[${buckets
        .map(() => TIMESTAMP_PARAM)
        .join(', ')}]) - 1)`,
      bindings: buckets.map(b => b.start),
    };
  }
  const inner = buckets.slice(0, -1);
  if (!inner.length) return { sql: '0', bindings: [] };
  return {
    sql: `(CASE ${inner
      .map((_, i) => `WHEN ${column} < ? THEN ${i}`)
      .join(' ')} ELSE ${buckets.length - 1} END)`,
    bindings: inner.map(b => b.end),
  };
}

/**
 * SQL of the interpolated median (PERCENTILE_CONT(0.5)) of column `v` per
 * `groupKey` over the rows of `source`; columns `k`, `median`, `samples`.
 *
 * PostgreSQL has the ordered-set aggregate itself, and it sorts each group
 * on its own, which is many times faster than a window over all rows.
 * SQLite gets the same number from window functions: the middle rows of n
 * sorted values are numbers (n+1)/2 and (n+2)/2 in integer division, the
 * same row when n is odd and the two middle ones, whose average
 * PERCENTILE_CONT(0.5) interpolates to, when n is even. The fixture tests
 * run both.
 */
export function medianSql(db: Knex, source: string, groupKey: string): string {
  if (isPostgres(db)) {
    return `SELECT ${groupKey} AS k,
        PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY v) AS median,
        COUNT(*) AS samples
      FROM ${source}
      GROUP BY ${groupKey}`;
  }
  return `SELECT k, AVG(v) AS median, MAX(n) AS samples FROM (
      SELECT ${groupKey} AS k, v,
        ROW_NUMBER() OVER (PARTITION BY ${groupKey} ORDER BY v) AS rn,
        COUNT(*) OVER (PARTITION BY ${groupKey}) AS n
      FROM ${source}
    ) ranked
    WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
    GROUP BY k`;
}

/**
 * Runs a read-only analytical statement. On PostgreSQL a large one runs in
 * its own transaction with JIT compilation off: the metric statements are
 * estimated expensive enough to trigger JIT, whose compile time (up to a
 * second here) costs more than it saves on statements that take a few
 * hundred milliseconds. A small one (one entity's rows) runs as a prepared
 * statement instead.
 */
export async function runAnalytical(
  db: Knex,
  sql: string,
  bindings: readonly unknown[],
  options: { small?: boolean } = {},
): Promise<any[]> {
  if (!isPostgres(db)) return db.raw(sql, bindings as any[]);
  if (options.small) return runPrepared(db, sql, bindings);
  return db.transaction(async tx => {
    await tx.raw('SET LOCAL jit = off');
    const result = await tx.raw(sql, bindings as any[]);
    return result.rows as any[];
  });
}

/**
 * Runs a statement as a named prepared statement on a pooled PostgreSQL
 * connection, so it is parsed and planned once per connection rather than
 * on every request: for one entity's few hundred rows planning took as
 * long as executing. The name is a hash of the text, so each distinct text
 * (the number of weekly buckets varies it) is prepared once per connection.
 */
async function runPrepared(
  db: Knex,
  sql: string,
  bindings: readonly unknown[],
): Promise<any[]> {
  const native = db
    .raw(sql, bindings as any[])
    .toSQL()
    .toNative();
  const name = `paved_dora_${createHash('sha1')
    .update(native.sql)
    .digest('hex')
    .slice(0, 24)}`;
  const connection = await db.client.acquireConnection();
  try {
    const result = await connection.query({
      name,
      text: native.sql,
      values: native.bindings,
    });
    return result.rows;
  } finally {
    await db.client.releaseConnection(connection);
  }
}

/**
 * Bins per natural-log unit of lead time (neighbouring bins differ by
 * 13 %). Fewer bins make the counting pass smaller, more bins the middle
 * bin; 8 balances the two for a few thousand samples per entity. Stored in
 * paved_dora_lead_times.lead_bin: changing it needs a roll-up rebuild.
 */
export const LEAD_BINS_PER_LN = 8;

/**
 * The ordered bin of a positive number of seconds (LN and FLOOR: built into
 * PostgreSQL, and into the SQLite of better-sqlite3).
 */
export function leadBinSql(seconds: string): string {
  return `CAST(FLOOR(LN(${seconds}) * ${LEAD_BINS_PER_LN}) AS INTEGER)`;
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
