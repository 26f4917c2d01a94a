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
import { runAnalytical, weeksSql } from './sql';
import { ResolvedWindow } from './windows';

/*
 * Exact interpolated medians (PERCENTILE_CONT(0.5)) of lead times over
 * large groups, without sorting every sample. A team, a system or the
 * organisation can have millions of commits in a window; sorting them once
 * per grouping is what makes a plain median slow.
 *
 * Each roll-up row carries `lead_bin`, an ordered bin of its value (equal
 * values share a bin). A statement
 *
 * 1. counts samples per (group, bin): index-only range scans and a hash
 *    aggregate on integers, no sort of the samples;
 * 2. finds with running sums over those few thousand counts the bin(s)
 *    holding the middle ranks (n+1)/2 and (n+2)/2 of each group, and how
 *    many samples lie below them;
 * 3. reads only the samples of those bins through the (entity_id, lead_bin,
 *    ...) or (lead_bin, deployed_at, ...) index, ranks them within the bin,
 *    adds the count below, and averages the one or two middle values.
 *
 * Because the bins are ordered, the result equals sorting everything; the
 * fixture tests compare it with the plain median on both databases.
 * Portable SQL: CTEs, window functions, CAST.
 */

/** Median of a group and the number of samples behind it. */
export type LevelMedian = { median: number; samples: number };

type Scope = { sql: string; bindings: unknown[] };

/**
 * Steps 2 and 3. `counts` selects (lvl, ki, bin, c): the sample count of
 * group (lvl, ki) in bin; `picks` selects (lvl, ki, bin, below, n, v) from
 * `targets t`, the samples of each group's middle bin(s). The result is the
 * CTE `medians` (lvl, ki, median, samples), read by `final`.
 */
function binnedMedianSql(
  ctes: string[],
  counts: string,
  picks: string[],
  final = 'SELECT lvl, ki, median, samples FROM medians',
) {
  return `WITH ${ctes.join(',\n')},
    lb AS (${counts}),
    cum AS (
      SELECT lvl, ki, bin, c,
        CAST(SUM(c) OVER (PARTITION BY lvl, ki ORDER BY bin
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS upto,
        CAST(SUM(c) OVER (PARTITION BY lvl, ki) AS BIGINT) AS n
      FROM lb),
    targets AS (
      SELECT lvl, ki, bin, upto - c AS below, n FROM cum
      WHERE upto - c < (n + 2) / 2 AND (n + 1) / 2 <= upto),
    picked AS (${picks.join('\n UNION ALL ')}),
    medians AS (
      SELECT lvl, ki, AVG(v) AS median, MAX(n) AS samples FROM (
        SELECT lvl, ki, n, v,
          below + ROW_NUMBER() OVER (PARTITION BY lvl, ki, bin ORDER BY v) AS r
        FROM picked
      ) ranked
      WHERE r = (n + 1) / 2 OR r = (n + 2) / 2
      GROUP BY lvl, ki)
    ${final}`;
}

const PICK = 'SELECT t.lvl, t.ki, t.bin, t.below, t.n, x.lead_seconds AS v';
const TOTAL = 1;
const WEEK = 2;

/**
 * Lead-time median of a scope over the window and per weekly bucket. The
 * weeks cover the window exactly, so the total's bin counts are the sums of
 * the weeks'.
 */
export async function binnedTrendMedians(
  db: Knex,
  options: { window: ResolvedWindow; scope: Scope },
): Promise<{
  total: LevelMedian | undefined;
  weeks: Map<number, LevelMedian>;
}> {
  const { window, scope } = options;
  const weeks = new Map<number, LevelMedian>();
  if (!window.buckets.length) return { total: undefined, weeks };
  const w = weeksSql(window.buckets);
  const rows = await runAnalytical(
    db,
    binnedMedianSql(
      [
        `weeks AS (${w.sql})`,
        `wb AS (
          SELECT w.wk, x.lead_bin AS bin, COUNT(*) AS c
          FROM weeks w
          JOIN paved_dora_lead_times x
            ON x.deployed_at >= w.ws AND x.deployed_at < w.we
          WHERE ${scope.sql}
          GROUP BY w.wk, x.lead_bin)`,
      ],
      `SELECT ${WEEK} AS lvl, wk AS ki, bin, c FROM wb
       UNION ALL
       SELECT ${TOTAL} AS lvl, 0 AS ki, bin, CAST(SUM(c) AS BIGINT) AS c
       FROM wb GROUP BY bin`,
      [
        `${PICK} FROM targets t
          JOIN weeks w ON w.wk = t.ki
          JOIN paved_dora_lead_times x ON x.lead_bin = t.bin
            AND x.deployed_at >= w.ws AND x.deployed_at < w.we
          WHERE t.lvl = ${WEEK} AND ${scope.sql}`,
        `${PICK} FROM targets t
          JOIN paved_dora_lead_times x ON x.lead_bin = t.bin
            AND x.deployed_at >= ? AND x.deployed_at < ?
          WHERE t.lvl = ${TOTAL} AND ${scope.sql}`,
      ],
    ),
    [
      ...w.bindings,
      ...scope.bindings,
      ...scope.bindings,
      window.from,
      window.to,
      ...scope.bindings,
    ],
  );
  let total: LevelMedian | undefined;
  for (const row of rows) {
    const median = { median: Number(row.median), samples: Number(row.samples) };
    if (Number(row.lvl) === TOTAL) total = median;
    else weeks.set(Number(row.ki), median);
  }
  return { total, weeks };
}
