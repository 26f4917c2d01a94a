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
import { bucketCase, medianSql, secondsBetween, toNumber } from './sql';
import { ResolvedWindow } from './windows';

/** Deployment counts of a window or bucket. */
export type DeploymentCounts = {
  deployments: number;
  failedChanges: number;
  failedDeployments: number;
};

/** A median and the number of samples behind it (0: no median). */
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

/** What the organisation breakdown returns, per entity, owner and system. */
export type RawBreakdown = {
  entities: Array<{
    ref: string;
    title: string | null;
    owner: string | null;
    system: string | null;
  }>;
  deployments: Map<string, DeploymentCounts>;
  leadTime: Record<'entity' | 'owner' | 'system', Map<string | null, Median>>;
  recoveryTime: Record<'entity' | 'owner' | 'system', Map<string | null, Median>>;
};

const EMPTY_COUNTS: DeploymentCounts = {
  deployments: 0,
  failedChanges: 0,
  failedDeployments: 0,
};

/**
 * The DORA metric queries over the roll-ups and the incidents table. All
 * of it is SQL that SQLite and PostgreSQL both run; time boundaries (the
 * window and its weekly buckets, computed in the configured time zone) are
 * parameters. Only aggregates leave the database.
 */
export class DoraQueries {
  constructor(private readonly db: Knex) {}

  /** Totals and weekly buckets of one scope. */
  async summary(scope: DoraScope, window: ResolvedWindow): Promise<RawSummary> {
    const [entityCount, deployments, leadTime, recoveryTime] = await Promise.all([
      this.entityCount(scope, window),
      this.deploymentCounts(scope, window),
      this.medians(
        'paved_dora_lead_times',
        'x.deployed_at',
        'x.lead_seconds',
        '',
        scope,
        window,
      ),
      this.medians(
        'paved_incidents',
        'x.resolved_at',
        secondsBetween(this.db, 'x.resolved_at', 'x.opened_at'),
        "AND x.status = 'resolved' AND x.resolved_at >= x.opened_at",
        scope,
        window,
      ),
    ]);
    return {
      entityCount,
      deployments: deployments.total,
      deploymentBuckets: deployments.buckets,
      leadTime: leadTime.total,
      leadTimeBuckets: leadTime.buckets,
      recoveryTime: recoveryTime.total,
      recoveryTimeBuckets: recoveryTime.buckets,
    };
  }

  /**
   * Per-entity deployment counts and per-entity, per-owner and per-system
   * medians for the organisation table (no trends).
   */
  async breakdown(window: ResolvedWindow): Promise<RawBreakdown> {
    const range = [window.from, window.to];
    const [counts, lead, recovery] = await Promise.all([
      this.db.raw(
        `SELECT x.entity_ref AS k,
           SUM(CASE WHEN x.outcome = 'success' THEN 1 ELSE 0 END) AS deployments,
           SUM(CASE WHEN x.outcome = 'success' AND (x.incidents > 0 OR x.rolled_back)
               THEN 1 ELSE 0 END) AS failed_changes,
           SUM(CASE WHEN x.outcome = 'failed' THEN 1 ELSE 0 END) AS failed_deployments
         FROM paved_dora_deployments x
         WHERE x.finished_at >= ? AND x.finished_at < ?
         GROUP BY x.entity_ref`,
        range,
      ),
      this.levelMedians(
        `SELECT x.entity_ref, e.owner_ref, e.system_ref, x.lead_seconds AS v
         FROM paved_dora_lead_times x
         LEFT JOIN paved_dora_entities e ON e.entity_ref = x.entity_ref
         WHERE x.deployed_at >= ? AND x.deployed_at < ?`,
        range,
      ),
      this.levelMedians(
        `SELECT x.entity_ref, e.owner_ref, e.system_ref,
           ${secondsBetween(this.db, 'x.resolved_at', 'x.opened_at')} AS v
         FROM paved_incidents x
         LEFT JOIN paved_dora_entities e ON e.entity_ref = x.entity_ref
         WHERE x.status = 'resolved' AND x.resolved_at >= ? AND x.resolved_at < ?
           AND x.entity_ref IS NOT NULL AND x.resolved_at >= x.opened_at`,
        range,
      ),
    ]);
    const deployments = new Map<string, DeploymentCounts>();
    for (const row of rows(counts)) {
      deployments.set(row.k, {
        deployments: toNumber(row.deployments),
        failedChanges: toNumber(row.failed_changes),
        failedDeployments: toNumber(row.failed_deployments),
      });
    }
    const refs = new Set<string>([
      ...deployments.keys(),
      ...[...lead.entity.keys(), ...recovery.entity.keys()].filter(
        (k): k is string => k !== null,
      ),
    ]);
    const known = new Map<string, any>();
    for (const chunk of chunked([...refs], 500)) {
      const found = await this.db('paved_dora_entities')
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'title', 'owner_ref', 'system_ref');
      for (const row of found) known.set(row.entity_ref, row);
    }
    return {
      entities: [...refs].sort().map(ref => ({
        ref,
        title: known.get(ref)?.title ?? null,
        owner: known.get(ref)?.owner_ref ?? null,
        system: known.get(ref)?.system_ref ?? null,
      })),
      deployments,
      leadTime: lead,
      recoveryTime: recovery,
    };
  }

  /** `x.entity_ref` restricted to the scope, with its bindings. */
  private scopeSql(scope: DoraScope): { sql: string; bindings: string[] } {
    switch (scope.type) {
      case 'entity':
        return { sql: 'x.entity_ref = ?', bindings: [scope.ref] };
      case 'group':
        return {
          sql: 'x.entity_ref IN (SELECT entity_ref FROM paved_dora_entities WHERE owner_ref = ?)',
          bindings: [scope.ref],
        };
      case 'system':
        return {
          sql: 'x.entity_ref IN (SELECT entity_ref FROM paved_dora_entities WHERE system_ref = ?)',
          bindings: [scope.ref],
        };
      default:
        return { sql: 'x.entity_ref IS NOT NULL', bindings: [] };
    }
  }

  /** Entities in scope with a production deployment or a resolved incident. */
  private async entityCount(scope: DoraScope, window: ResolvedWindow) {
    const s = this.scopeSql(scope);
    const result = await this.db.raw(
      `SELECT COUNT(*) AS n FROM (
         SELECT x.entity_ref FROM paved_dora_deployments x
         WHERE x.finished_at >= ? AND x.finished_at < ? AND ${s.sql}
         UNION
         SELECT x.entity_ref FROM paved_incidents x
         WHERE x.status = 'resolved' AND x.resolved_at >= ? AND x.resolved_at < ? AND ${s.sql}
       ) refs`,
      [window.from, window.to, ...s.bindings, window.from, window.to, ...s.bindings],
    );
    return toNumber(rows(result)[0]?.n);
  }

  private async deploymentCounts(scope: DoraScope, window: ResolvedWindow) {
    const s = this.scopeSql(scope);
    const bucket = bucketCase('x.finished_at', window.buckets);
    const result = await this.db.raw(
      `SELECT b,
         SUM(CASE WHEN outcome = 'success' THEN 1 ELSE 0 END) AS deployments,
         SUM(CASE WHEN outcome = 'success' AND failed_change = 1
             THEN 1 ELSE 0 END) AS failed_changes,
         SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed_deployments
       FROM (
         SELECT ${bucket.sql} AS b, x.outcome,
           CASE WHEN x.incidents > 0 OR x.rolled_back THEN 1 ELSE 0 END AS failed_change
         FROM paved_dora_deployments x
         WHERE x.finished_at >= ? AND x.finished_at < ? AND ${s.sql}
       ) q
       GROUP BY b`,
      [...bucket.bindings, window.from, window.to, ...s.bindings],
    );
    const buckets = window.buckets.map(() => ({ ...EMPTY_COUNTS }));
    const total = { ...EMPTY_COUNTS };
    for (const row of rows(result)) {
      if (row.b === null || row.b === undefined) continue;
      const counts = {
        deployments: toNumber(row.deployments),
        failedChanges: toNumber(row.failed_changes),
        failedDeployments: toNumber(row.failed_deployments),
      };
      buckets[toNumber(row.b)] = counts;
      total.deployments += counts.deployments;
      total.failedChanges += counts.failedChanges;
      total.failedDeployments += counts.failedDeployments;
    }
    return { total, buckets };
  }

  /** Median of `value` over the window and per weekly bucket. */
  private async medians(
    table: string,
    timeColumn: string,
    value: string,
    extraWhere: string,
    scope: DoraScope,
    window: ResolvedWindow,
  ): Promise<{ total: Median; buckets: Median[] }> {
    const s = this.scopeSql(scope);
    const bucket = bucketCase(timeColumn, window.buckets);
    const result = await this.db.raw(
      `WITH s AS (
         SELECT ${bucket.sql} AS b, -1 AS t, ${value} AS v
         FROM ${table} x
         WHERE ${timeColumn} >= ? AND ${timeColumn} < ? AND ${s.sql} ${extraWhere}
       )
       ${medianSql('s', 't')}
       UNION ALL
       ${medianSql('s', 'b')}`,
      [...bucket.bindings, window.from, window.to, ...s.bindings],
    );
    const none = (): Median => ({ median: null, samples: 0 });
    const buckets = window.buckets.map(none);
    let total = none();
    for (const row of rows(result)) {
      if (row.k === null || row.k === undefined) continue;
      const median = {
        median: Number(row.median),
        samples: toNumber(row.samples),
      };
      const k = toNumber(row.k);
      if (k === -1) total = median;
      else buckets[k] = median;
    }
    return { total, buckets };
  }

  /** Medians of `v` per entity, owner and system of a sample query. */
  private async levelMedians(source: string, bindings: unknown[]) {
    const result = await this.db.raw(
      `WITH s AS (${source})
       SELECT 'entity' AS level, m.* FROM (${medianSql('s', 'entity_ref')}) m
       UNION ALL
       SELECT 'owner' AS level, m.* FROM (${medianSql('s', 'owner_ref')}) m
       UNION ALL
       SELECT 'system' AS level, m.* FROM (${medianSql('s', 'system_ref')}) m`,
      bindings,
    );
    const levels = {
      entity: new Map<string | null, Median>(),
      owner: new Map<string | null, Median>(),
      system: new Map<string | null, Median>(),
    };
    for (const row of rows(result)) {
      levels[row.level as keyof typeof levels].set(row.k ?? null, {
        median: Number(row.median),
        samples: toNumber(row.samples),
      });
    }
    return levels;
  }
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
