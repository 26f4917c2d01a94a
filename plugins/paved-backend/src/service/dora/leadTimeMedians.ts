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
import { weeksSql } from './sql';
import { ResolvedWindow } from './windows';

/**
 * Groupings a lead-time median can be asked for: per entity, per owner
 * group, per system, over the whole scope, and per weekly bucket of the
 * whole scope (keys are the bucket numbers as strings).
 */
export type MedianLevel = 'entity' | 'owner' | 'system' | 'total' | 'week';

/** Median of a group and the number of samples behind it. */
export type LevelMedian = { median: number; samples: number };

type Scope = { sql: string; bindings: unknown[] };
type Statement = { sql: string; bindings: unknown[] };

/**
 * Exact interpolated medians (PERCENTILE_CONT(0.5)) of lead times at
 * several levels, without sorting every sample.
 *
 * Sorting millions of samples once per grouping is what makes a plain
 * median slow. Each roll-up row carries `lead_bin`, an ordered bin of its
 * value (equal values share a bin), so each statement
 *
 * 1. counts samples per (group, bin) in the window: an index-only scan and
 *    a hash aggregate on integers, no sort of the samples;
 * 2. finds with running sums over those (much fewer) counts the bin(s)
 *    holding the middle ranks (n+1)/2 and (n+2)/2 of each group, and how
 *    many samples lie below them;
 * 3. reads only the samples of those bins through the (entity_id, lead_bin,
 *    ...) and (lead_bin, deployed_at, ...) indexes, ranks them within the
 *    bin, adds the count below, and averages the one or two middle values.
 *
 * The result equals sorting everything. Entity, owner and system medians
 * come from one statement, the scope's total and weekly medians from
 * another; both run at once on PostgreSQL's connection pool. Portable SQL:
 * CTEs, window functions and CAST.
 */
export async function leadTimeMedians(
  db: Knex,
  options: {
    window: ResolvedWindow;
    /** `x.entity_id` restricted to the scope. */
    scope: Scope;
    levels: MedianLevel[];
  },
): Promise<Record<MedianLevel, Map<string, LevelMedian>>> {
  const want = new Set(options.levels);
  const result: Record<MedianLevel, Map<string, LevelMedian>> = {
    entity: new Map(),
    owner: new Map(),
    system: new Map(),
    total: new Map(),
    week: new Map(),
  };
  const statements: Statement[] = [];
  const groups = (['entity', 'owner', 'system'] as const).filter(l =>
    want.has(l),
  );
  if (groups.length) {
    statements.push(groupStatement(options.window, options.scope, groups));
  }
  if (
    (want.has('total') || want.has('week')) &&
    options.window.buckets.length
  ) {
    statements.push(timeStatement(options.window, options.scope));
  }
  const answers = await Promise.all(
    statements.map(s => db.raw(s.sql, s.bindings)),
  );
  for (const raw of answers) {
    const rows: any[] = Array.isArray(raw) ? raw : raw.rows;
    for (const row of rows) {
      const level = row.lvl as MedianLevel;
      if (!want.has(level)) continue;
      result[level].set(String(row.k ?? ''), {
        median: Number(row.median),
        samples: Number(row.samples),
      });
    }
  }
  return result;
}

/**
 * Steps 2 and 3 over the bin counts `lb` (lvl, ki, ks, bin, c), with the
 * samples of a target bin selected by `picks`; ki is an integer key (entity
 * id, week number), ks a text key (owner, system).
 */
function finish(ctes: string[], picks: string[]): string {
  return `WITH ${ctes.join(',\n')},
    cum AS (
      SELECT lvl, ki, ks, bin, c,
        CAST(SUM(c) OVER (PARTITION BY lvl, ki, ks ORDER BY bin
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS upto,
        CAST(SUM(c) OVER (PARTITION BY lvl, ki, ks) AS BIGINT) AS n
      FROM lb),
    targets AS (
      SELECT lvl, ki, ks, bin, upto - c AS below, n FROM cum
      WHERE upto - c < (n + 2) / 2 AND (n + 1) / 2 <= upto),
    picked AS (${picks.join('\n UNION ALL ')})
    SELECT m.lvl,
      CASE WHEN m.lvl = 'entity' THEN e.entity_ref
           WHEN m.lvl = 'week' THEN CAST(m.ki AS VARCHAR(16))
           ELSE m.ks END AS k,
      m.median, m.samples
    FROM (
      SELECT lvl, ki, ks, AVG(v) AS median, MAX(n) AS samples FROM (
        SELECT lvl, ki, ks, n, v,
          below + ROW_NUMBER() OVER (PARTITION BY lvl, ki, ks, bin ORDER BY v) AS r
        FROM picked
      ) ranked
      WHERE r = (n + 1) / 2 OR r = (n + 2) / 2
      GROUP BY lvl, ki, ks
    ) m
    LEFT JOIN paved_dora_entities e ON m.lvl = 'entity' AND e.id = m.ki`;
}

const PICK = 'SELECT t.lvl, t.ki, t.ks, t.bin, t.below, t.n, x.lead_seconds AS v';

/** Medians per entity, owner and system. */
function groupStatement(
  window: ResolvedWindow,
  scope: Scope,
  levels: Array<'entity' | 'owner' | 'system'>,
): Statement {
  const inWindow = 'x.deployed_at >= ? AND x.deployed_at < ?';
  const range = [window.from, window.to];
  const ctes = [
    `eb AS (
      SELECT x.entity_id, x.lead_bin AS bin, COUNT(*) AS c
      FROM paved_dora_lead_times x
      WHERE ${inWindow} AND ${scope.sql}
      GROUP BY x.entity_id, x.lead_bin)`,
    `em AS (
      SELECT eb.entity_id, eb.bin, eb.c,
        COALESCE(e.owner_ref, '') AS owner_k,
        COALESCE(e.system_ref, '') AS system_k
      FROM eb LEFT JOIN paved_dora_entities e ON e.id = eb.entity_id)`,
  ];
  const counts: string[] = [];
  const picks: string[] = [];
  const pickBindings: unknown[] = [];
  if (levels.includes('entity')) {
    counts.push(`SELECT 'entity' AS lvl, entity_id AS ki, '' AS ks, bin, c FROM eb`);
    picks.push(`${PICK} FROM targets t
      JOIN paved_dora_lead_times x ON x.entity_id = t.ki AND x.lead_bin = t.bin
      WHERE t.lvl = 'entity' AND ${inWindow}`);
    pickBindings.push(...range);
  }
  for (const level of ['owner', 'system'] as const) {
    if (!levels.includes(level)) continue;
    counts.push(`SELECT '${level}' AS lvl, 0 AS ki, ${level}_k AS ks, bin,
      CAST(SUM(c) AS BIGINT) AS c FROM em GROUP BY ${level}_k, bin`);
    picks.push(`${PICK} FROM targets t
      JOIN em m ON m.${level}_k = t.ks AND m.bin = t.bin
      JOIN paved_dora_lead_times x ON x.entity_id = m.entity_id AND x.lead_bin = t.bin
      WHERE t.lvl = '${level}' AND ${inWindow}`);
    pickBindings.push(...range);
  }
  ctes.push(`lb AS (${counts.join('\n UNION ALL ')})`);
  return {
    sql: finish(ctes, picks),
    bindings: [...range, ...scope.bindings, ...pickBindings],
  };
}

/** Medians of the whole scope and of each weekly bucket. */
function timeStatement(window: ResolvedWindow, scope: Scope): Statement {
  const weeks = weeksSql(window.buckets);
  // Weeks cover the window exactly, so their counts add up to the total.
  const ctes = [
    `weeks AS (${weeks.sql})`,
    `wb AS (
      SELECT w.wk, x.lead_bin AS bin, COUNT(*) AS c
      FROM weeks w
      JOIN paved_dora_lead_times x
        ON x.deployed_at >= w.ws AND x.deployed_at < w.we
      WHERE ${scope.sql}
      GROUP BY w.wk, x.lead_bin)`,
    `lb AS (
      SELECT 'week' AS lvl, wk AS ki, '' AS ks, bin, c FROM wb
      UNION ALL
      SELECT 'total' AS lvl, 0 AS ki, '' AS ks, bin, CAST(SUM(c) AS BIGINT) AS c
      FROM wb GROUP BY bin)`,
  ];
  const picks = [
    `${PICK} FROM targets t
      JOIN weeks w ON w.wk = t.ki
      JOIN paved_dora_lead_times x ON x.lead_bin = t.bin
        AND x.deployed_at >= w.ws AND x.deployed_at < w.we
      WHERE t.lvl = 'week' AND ${scope.sql}`,
    `${PICK} FROM targets t
      JOIN paved_dora_lead_times x ON x.lead_bin = t.bin
        AND x.deployed_at >= ? AND x.deployed_at < ?
      WHERE t.lvl = 'total' AND ${scope.sql}`,
  ];
  return {
    sql: finish(ctes, picks),
    bindings: [
      ...weeks.bindings,
      ...scope.bindings,
      ...scope.bindings,
      window.from,
      window.to,
      ...scope.bindings,
    ],
  };
}
