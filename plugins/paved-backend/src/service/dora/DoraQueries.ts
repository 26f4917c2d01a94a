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
import { DoraScope } from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import { LevelMedian, leadTimeMedians, MedianLevel } from './leadTimeMedians';
import { medianSql, secondsBetween, toNumber, weeksSql } from './sql';
import { ResolvedWindow } from './windows';

/** Deployment counts of a window or bucket. */
export type DeploymentCounts = {
  deployments: number;
  failedChanges: number;
  failedDeployments: number;
};

/** A median and the number of samples behind it (0 samples: no median). */
export type Median = { median: number | null; samples: number };

/** What the summary queries return, before bands and wording. */
export type RawSummary = {
  entityCount: number;
  deployments: DeploymentCounts;
  deploymentBuckets: DeploymentCounts[];
  leadTime: Median;
  leadTimeBuckets: Median[];
  recoveryTime: Median;
  recoveryTimeBuckets: Median[];
};

/** Medians of the organisation table, per entity, owner and system. */
export type LevelMedians = Record<
  'entity' | 'owner' | 'system',
  Map<string | null, Median>
>;

/** Everything the organisation view needs, before bands and wording. */
export type RawOrganisation = {
  summary: RawSummary;
  entities: Array<{
    ref: string;
    title: string | null;
    owner: string | null;
    system: string | null;
  }>;
  deployments: Map<string, DeploymentCounts>;
  leadTime: LevelMedians;
  recoveryTime: LevelMedians;
};

type Scope = { sql: string; bindings: unknown[] };

const noMedian = (): Median => ({ median: null, samples: 0 });
const noCounts = (): DeploymentCounts => ({
  deployments: 0,
  failedChanges: 0,
  failedDeployments: 0,
});

/**
 * The DORA metric queries over the roll-ups and the incidents table. All of
 * it is SQL that SQLite and PostgreSQL both run; the window and its weekly
 * buckets (computed in the configured time zone) are parameters. Only
 * aggregates leave the database.
 */
export class DoraQueries {
  constructor(private readonly db: Knex) {}

  /** Totals and weekly buckets of one entity, group, system or everything. */
  async summary(scope: DoraScope, window: ResolvedWindow): Promise<RawSummary> {
    const rollup = scopeSql(scope, 'rollup');
    const incidents = scopeSql(scope, 'incidents');
    const [entityCount, deployments, lead, recovery] = await Promise.all([
      this.entityCount(rollup, incidents, window),
      this.deploymentCounts(rollup, window),
      leadTimeMedians(this.db, {
        window,
        scope: rollup,
        levels: ['total', 'week'],
      }),
      this.recoveryMedians(incidents, window, ['total', 'week']),
    ]);
    return {
      entityCount,
      deployments: deployments.total,
      deploymentBuckets: deployments.buckets,
      leadTime: lead.total.get('') ?? noMedian(),
      leadTimeBuckets: window.buckets.map(
        (_, i) => lead.week.get(String(i)) ?? noMedian(),
      ),
      recoveryTime: recovery.total.get('') ?? noMedian(),
      recoveryTimeBuckets: window.buckets.map(
        (_, i) => recovery.week.get(String(i)) ?? noMedian(),
      ),
    };
  }

  /**
   * The organisation's totals and trends, and every entity, owner and
   * system with data in the window.
   */
  async organisation(window: ResolvedWindow): Promise<RawOrganisation> {
    const all: DoraScope = { type: 'organisation' };
    const levels: MedianLevel[] = ['entity', 'owner', 'system', 'total', 'week'];
    const [perEntity, deployments, lead, recovery] = await Promise.all([
      this.deploymentsPerEntity(window),
      this.deploymentCounts(scopeSql(all, 'rollup'), window),
      leadTimeMedians(this.db, {
        window,
        scope: scopeSql(all, 'rollup'),
        levels,
      }),
      this.recoveryMedians(scopeSql(all, 'incidents'), window, levels),
    ]);
    const refs = new Set<string>([
      ...perEntity.keys(),
      ...lead.entity.keys(),
      ...recovery.entity.keys(),
    ]);
    const known = new Map<string, any>();
    for (const chunk of chunked([...refs], 500)) {
      const found = await this.db('paved_dora_entities')
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'title', 'owner_ref', 'system_ref');
      for (const row of found) known.set(row.entity_ref, row);
    }
    const levelMap = (medians: Record<MedianLevel, Map<string, LevelMedian>>) => {
      const result: LevelMedians = {
        entity: new Map(),
        owner: new Map(),
        system: new Map(),
      };
      for (const level of ['entity', 'owner', 'system'] as const) {
        for (const [k, m] of medians[level]) {
          result[level].set(k === '' ? null : k, m);
        }
      }
      return result;
    };
    return {
      summary: {
        entityCount: refs.size,
        deployments: deployments.total,
        deploymentBuckets: deployments.buckets,
        leadTime: lead.total.get('') ?? noMedian(),
        leadTimeBuckets: window.buckets.map(
          (_, i) => lead.week.get(String(i)) ?? noMedian(),
        ),
        recoveryTime: recovery.total.get('') ?? noMedian(),
        recoveryTimeBuckets: window.buckets.map(
          (_, i) => recovery.week.get(String(i)) ?? noMedian(),
        ),
      },
      entities: [...refs].sort().map(ref => ({
        ref,
        title: known.get(ref)?.title ?? null,
        owner: known.get(ref)?.owner_ref ?? null,
        system: known.get(ref)?.system_ref ?? null,
      })),
      deployments: perEntity,
      leadTime: levelMap(lead),
      recoveryTime: levelMap(recovery),
    };
  }

  /** Entities in scope with a production deployment or a resolved incident. */
  private async entityCount(
    rollup: Scope,
    incidents: Scope,
    window: ResolvedWindow,
  ) {
    const result = await this.db.raw(
      `SELECT COUNT(*) AS n FROM (
         SELECT e.entity_ref FROM paved_dora_deployments x
         JOIN paved_dora_entities e ON e.id = x.entity_id
         WHERE x.finished_at >= ? AND x.finished_at < ? AND ${rollup.sql}
         UNION
         SELECT x.entity_ref FROM paved_incidents x
         WHERE x.status = 'resolved' AND x.resolved_at >= ? AND x.resolved_at < ?
           AND ${incidents.sql}
       ) refs`,
      [
        window.from,
        window.to,
        ...rollup.bindings,
        window.from,
        window.to,
        ...incidents.bindings,
      ],
    );
    return toNumber(rows(result)[0]?.n);
  }

  /** Deployment counts per weekly bucket (and their sums). */
  private async deploymentCounts(s: Scope, window: ResolvedWindow) {
    const buckets = window.buckets.map(noCounts);
    const total = noCounts();
    if (!window.buckets.length) return { total, buckets };
    const weeks = weeksSql(window.buckets);
    const result = await this.db.raw(
      `SELECT w.wk AS b,
         SUM(CASE WHEN x.outcome = 'success' THEN 1 ELSE 0 END) AS deployments,
         SUM(CASE WHEN x.outcome = 'success' AND (x.incidents > 0 OR x.rolled_back)
             THEN 1 ELSE 0 END) AS failed_changes,
         SUM(CASE WHEN x.outcome = 'failed' THEN 1 ELSE 0 END) AS failed_deployments
       FROM (${weeks.sql}) w
       JOIN paved_dora_deployments x
         ON x.finished_at >= w.ws AND x.finished_at < w.we
       WHERE ${s.sql}
       GROUP BY w.wk`,
      [...weeks.bindings, ...s.bindings],
    );
    for (const row of rows(result)) {
      const counts = countsOf(row);
      buckets[toNumber(row.b)] = counts;
      total.deployments += counts.deployments;
      total.failedChanges += counts.failedChanges;
      total.failedDeployments += counts.failedDeployments;
    }
    return { total, buckets };
  }

  /** Deployment counts per entity for the organisation table. */
  private async deploymentsPerEntity(window: ResolvedWindow) {
    const result = await this.db.raw(
      `SELECT e.entity_ref AS k, c.deployments, c.failed_changes, c.failed_deployments
       FROM (
         SELECT entity_id,
           SUM(CASE WHEN outcome = 'success' THEN 1 ELSE 0 END) AS deployments,
           SUM(CASE WHEN outcome = 'success' AND (incidents > 0 OR rolled_back)
               THEN 1 ELSE 0 END) AS failed_changes,
           SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed_deployments
         FROM paved_dora_deployments
         WHERE finished_at >= ? AND finished_at < ?
         GROUP BY entity_id
       ) c
       JOIN paved_dora_entities e ON e.id = c.entity_id`,
      [window.from, window.to],
    );
    const counts = new Map<string, DeploymentCounts>();
    for (const row of rows(result)) counts.set(row.k, countsOf(row));
    return counts;
  }

  /**
   * Medians of resolved − opened over incidents resolved in the window
   * (open incidents have no recovery time yet). Incidents are few next to
   * commits, so a plain windowed median is fast here.
   */
  private async recoveryMedians(
    s: Scope,
    window: ResolvedWindow,
    levels: MedianLevel[],
  ): Promise<Record<MedianLevel, Map<string, LevelMedian>>> {
    const keys: Record<MedianLevel, string> = {
      entity: 'entity_ref',
      owner: 'owner_k',
      system: 'system_k',
      total: 'total_k',
      week: 'wk',
    };
    const weeks = weeksSql(window.buckets);
    const result = window.buckets.length
      ? await this.db.raw(
          `WITH s AS (
             SELECT x.entity_ref,
               COALESCE(e.owner_ref, '') AS owner_k,
               COALESCE(e.system_ref, '') AS system_k,
               '' AS total_k,
               CAST(w.wk AS VARCHAR(16)) AS wk,
               ${secondsBetween(this.db, 'x.resolved_at', 'x.opened_at')} AS v
             FROM (${weeks.sql}) w
             JOIN paved_incidents x
               ON x.resolved_at >= w.ws AND x.resolved_at < w.we
             LEFT JOIN paved_dora_entities e ON e.entity_ref = x.entity_ref
             WHERE x.status = 'resolved' AND x.resolved_at >= x.opened_at
               AND ${s.sql}
           )
           ${levels
             .map(
               level =>
                 `SELECT '${level}' AS lvl, m.* FROM (${medianSql(
                   's',
                   keys[level],
                 )}) m`,
             )
             .join('\n UNION ALL ')}`,
          [...weeks.bindings, ...s.bindings],
        )
      : [];
    const medians: Record<MedianLevel, Map<string, LevelMedian>> = {
      entity: new Map(),
      owner: new Map(),
      system: new Map(),
      total: new Map(),
      week: new Map(),
    };
    for (const row of rows(result)) {
      if (row.k === null || row.k === undefined) continue;
      medians[row.lvl as MedianLevel].set(String(row.k), {
        median: Number(row.median),
        samples: toNumber(row.samples),
      });
    }
    return medians;
  }
}

/**
 * The scope as a condition on `x`: on `x.entity_id` for the roll-up tables,
 * on `x.entity_ref` for the ledger's incidents.
 */
export function scopeSql(
  scope: DoraScope,
  table: 'rollup' | 'incidents',
): Scope {
  const column = table === 'rollup' ? 'x.entity_id' : 'x.entity_ref';
  const key = table === 'rollup' ? 'id' : 'entity_ref';
  switch (scope.type) {
    case 'entity':
      return table === 'rollup'
        ? {
            sql: 'x.entity_id = (SELECT id FROM paved_dora_entities WHERE entity_ref = ?)',
            bindings: [scope.ref],
          }
        : { sql: 'x.entity_ref = ?', bindings: [scope.ref] };
    case 'group':
      return {
        sql: `${column} IN (SELECT ${key} FROM paved_dora_entities WHERE owner_ref = ?)`,
        bindings: [scope.ref],
      };
    case 'system':
      return {
        sql: `${column} IN (SELECT ${key} FROM paved_dora_entities WHERE system_ref = ?)`,
        bindings: [scope.ref],
      };
    default:
      return {
        sql: table === 'rollup' ? '1 = 1' : 'x.entity_ref IS NOT NULL',
        bindings: [],
      };
  }
}

function countsOf(row: any): DeploymentCounts {
  return {
    deployments: toNumber(row.deployments),
    failedChanges: toNumber(row.failed_changes),
    failedDeployments: toNumber(row.failed_deployments),
  };
}

/** Rows of a raw result: an array (SQLite) or `{ rows }` (PostgreSQL). */
function rows(result: any): any[] {
  return Array.isArray(result) ? result : result.rows;
}

function chunked<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
