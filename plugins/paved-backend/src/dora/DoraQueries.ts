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
import {
  binnedGroupMedians,
  binnedTrendMedians,
  LevelMedian,
} from './leadTimeMedians';
import {
  bucketOfSql,
  medianSql,
  runAnalytical,
  secondsBetween,
  toNumber,
} from './sql';
import {
  EntitySummary,
  entitySummary,
  noCounts,
  noMedian,
} from './entitySummary';
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

/** Medians of the organisation table per entity, owner and system (null: none). */
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
type Level = 'entity' | 'owner' | 'system';

/** Windows up to this long sort per team/system; longer ones count per bin. */
const SORT_GROUPS_UP_TO_DAYS = 92;

/**
 * The DORA metric queries over the roll-ups and the incidents table. The
 * window and its weekly buckets (computed in the configured time zone) are
 * parameters; only aggregates leave the database. Statements of one report
 * run in parallel on the connection pool.
 */
export class DoraQueries {
  constructor(private readonly db: Knex) {}

  /**
   * One entity's numbers in one statement, and whether its roll-ups are
   * out of date (see entitySummary.ts).
   */
  entity(entityRef: string, window: ResolvedWindow): Promise<EntitySummary> {
    return entitySummary(this.db, entityRef, window);
  }

  /** Totals and weekly buckets of one entity, group, system or everything. */
  async summary(scope: DoraScope, window: ResolvedWindow): Promise<RawSummary> {
    if (scope.type === 'entity') {
      return (await this.entity(scope.ref, window)).summary;
    }
    const rollup = scopeSql(scope, 'rollup');
    const incidents = scopeSql(scope, 'incidents');
    const [entityCount, deployments, lead, recovery] = await Promise.all([
      this.entityCount(rollup, incidents, window),
      this.deploymentCounts(rollup, window),
      // Teams, systems and the organisation can have millions of commits.
      binnedTrendMedians(this.db, { window, scope: rollup }),
      this.recoveryTrend(incidents, window),
    ]);
    return {
      entityCount,
      deployments: deployments.total,
      deploymentBuckets: deployments.buckets,
      leadTime: lead.total ?? noMedian(),
      leadTimeBuckets: window.buckets.map(
        (_, i) => lead.weeks.get(i) ?? noMedian(),
      ),
      recoveryTime: recovery.total ?? noMedian(),
      recoveryTimeBuckets: window.buckets.map(
        (_, i) => recovery.weeks.get(i) ?? noMedian(),
      ),
    };
  }

  /**
   * The organisation's totals and trends, and every entity, owner and
   * system with data in the window.
   */
  async organisation(window: ResolvedWindow): Promise<RawOrganisation> {
    const all: DoraScope = { type: 'organisation' };
    const rollup = scopeSql(all, 'rollup');
    const incidents = scopeSql(all, 'incidents');
    const [
      perEntity,
      deployments,
      lead,
      leadEntity,
      leadOwner,
      leadSystem,
      recovery,
      recoveryLevels,
    ] = await Promise.all([
      this.deploymentsPerEntity(window),
      this.deploymentCounts(rollup, window),
      binnedTrendMedians(this.db, { window, scope: rollup }),
      this.leadTimePerEntity(window),
      this.leadTimePerGroup('owner_ref', window),
      this.leadTimePerGroup('system_ref', window),
      this.recoveryTrend(incidents, window),
      this.recoveryMedians(window),
    ]);
    const refs = new Set<string>([
      ...perEntity.keys(),
      ...[...leadEntity.keys(), ...recoveryLevels.entity.keys()].filter(
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
      summary: {
        entityCount: refs.size,
        deployments: deployments.total,
        deploymentBuckets: deployments.buckets,
        leadTime: lead.total ?? noMedian(),
        leadTimeBuckets: window.buckets.map(
          (_, i) => lead.weeks.get(i) ?? noMedian(),
        ),
        recoveryTime: recovery.total ?? noMedian(),
        recoveryTimeBuckets: window.buckets.map(
          (_, i) => recovery.weeks.get(i) ?? noMedian(),
        ),
      },
      entities: [...refs].sort().map(ref => ({
        ref,
        title: known.get(ref)?.title ?? null,
        owner: known.get(ref)?.owner_ref ?? null,
        system: known.get(ref)?.system_ref ?? null,
      })),
      deployments: perEntity,
      leadTime: {
        entity: leadEntity,
        owner: leadOwner,
        system: leadSystem,
      },
      recoveryTime: recoveryLevels,
    };
  }

  /** Entities in scope with a production deployment or a resolved incident. */
  private async entityCount(
    rollup: Scope,
    incidents: Scope,
    window: ResolvedWindow,
  ) {
    const rows = await runAnalytical(
      this.db,
      `SELECT COUNT(*) AS n FROM (
         SELECT e.entity_ref FROM paved_dora_entities e
         WHERE EXISTS (
           SELECT 1 FROM paved_dora_deployments x
           WHERE x.entity_id = e.id AND x.finished_at >= ? AND x.finished_at < ?
             AND ${rollup.sql})
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
    return toNumber(rows[0]?.n);
  }

  /** Deployment counts per weekly bucket (and their sums). */
  private async deploymentCounts(s: Scope, window: ResolvedWindow) {
    const buckets = window.buckets.map(noCounts);
    const total = noCounts();
    if (!window.buckets.length) return { total, buckets };
    const week = bucketOfSql(this.db, 'x.finished_at', window.buckets);
    const rows = await runAnalytical(
      this.db,
      `SELECT b,
         SUM(CASE WHEN outcome = 'success' THEN 1 ELSE 0 END) AS deployments,
         SUM(CASE WHEN outcome = 'success' AND (incidents > 0 OR rolled_back)
             THEN 1 ELSE 0 END) AS failed_changes,
         SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed_deployments
       FROM (
         SELECT ${week.sql} AS b, x.outcome, x.incidents, x.rolled_back
         FROM paved_dora_deployments x
         WHERE x.finished_at >= ? AND x.finished_at < ? AND ${s.sql}
       ) d
       GROUP BY b`,
      [...week.bindings, window.from, window.to, ...s.bindings],
    );
    for (const row of rows) {
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
    const rows = await runAnalytical(
      this.db,
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
    for (const row of rows) counts.set(row.k, countsOf(row));
    return counts;
  }

  /**
   * Recovery-time median over the window and per weekly bucket, by sorting
   * the samples (resolved − opened of incidents resolved in the window;
   * open incidents have none yet). Incidents are few next to commits.
   */
  private async recoveryTrend(
    s: Scope,
    window: ResolvedWindow,
  ): Promise<{
    total: LevelMedian | undefined;
    weeks: Map<number, LevelMedian>;
  }> {
    const weeks = new Map<number, LevelMedian>();
    if (!window.buckets.length) return { total: undefined, weeks };
    const week = bucketOfSql(this.db, 'x.resolved_at', window.buckets);
    const rows = await runAnalytical(
      this.db,
      `WITH s AS (
         SELECT ${week.sql} AS wk, 0 AS total_k,
           ${secondsBetween(this.db, 'x.resolved_at', 'x.opened_at')} AS v
         FROM paved_incidents x
         WHERE x.status = 'resolved'
           AND x.resolved_at >= ? AND x.resolved_at < ?
           AND x.resolved_at >= x.opened_at AND ${s.sql})
       SELECT 'total' AS lvl, m.* FROM (${medianSql(this.db, 's', 'total_k')}) m
       UNION ALL
       SELECT 'week' AS lvl, m.* FROM (${medianSql(this.db, 's', 'wk')}) m`,
      [...week.bindings, window.from, window.to, ...s.bindings],
    );
    let total: LevelMedian | undefined;
    for (const row of rows) {
      const median = {
        median: Number(row.median),
        samples: toNumber(row.samples),
      };
      if (row.lvl === 'total') total = median;
      else weeks.set(toNumber(row.k), median);
    }
    return { total, weeks };
  }

  /**
   * Lead-time medians per entity for the organisation table: a few thousand
   * commits per entity, so sorting per entity is cheapest.
   */
  private async leadTimePerEntity(window: ResolvedWindow) {
    const rows = await runAnalytical(
      this.db,
      `WITH s AS (
         SELECT x.entity_id AS g, x.lead_seconds AS v
         FROM paved_dora_lead_times x
         WHERE x.deployed_at >= ? AND x.deployed_at < ?
       ),
       m AS (${medianSql(this.db, 's', 'g')})
       SELECT e.entity_ref AS k, m.median, m.samples
       FROM m JOIN paved_dora_entities e ON e.id = m.k`,
      [window.from, window.to],
    );
    return toLevelMap(rows);
  }

  /**
   * Lead-time medians per owner group or system. A short window holds a few
   * hundred thousand commits at most, which sorting per group handles
   * fastest; a long one can hold millions, where counting per bin first
   * (binnedGroupMedians) is several times faster. Both are exact.
   */
  private async leadTimePerGroup(
    column: 'owner_ref' | 'system_ref',
    window: ResolvedWindow,
  ): Promise<Map<string | null, Median>> {
    if (window.days > SORT_GROUPS_UP_TO_DAYS) {
      return withNullKey(await binnedGroupMedians(this.db, { window, column }));
    }
    // Owners and systems are numbered first: sorting samples by an integer
    // is much cheaper than by a ref in the database collation.
    const rows = await runAnalytical(
      this.db,
      `WITH names AS (
         SELECT name, ROW_NUMBER() OVER (ORDER BY name) AS g FROM (
           SELECT DISTINCT COALESCE(${column}, '') AS name FROM paved_dora_entities
         ) n
       ),
       ent AS (
         SELECT e.id, names.g FROM paved_dora_entities e
         JOIN names ON names.name = COALESCE(e.${column}, '')
       ),
       s AS (
         SELECT ent.g, x.lead_seconds AS v
         FROM paved_dora_lead_times x
         JOIN ent ON ent.id = x.entity_id
         WHERE x.deployed_at >= ? AND x.deployed_at < ?
       ),
       m AS (${medianSql(this.db, 's', 'g')})
       SELECT names.name AS k, m.median, m.samples
       FROM m JOIN names ON names.g = m.k`,
      [window.from, window.to],
    );
    return toLevelMap(rows);
  }

  /** Recovery-time medians per entity, owner and system. */
  private async recoveryMedians(window: ResolvedWindow): Promise<LevelMedians> {
    const keys = { entity: 'entity_ref', owner: 'owner_k', system: 'system_k' };
    const rows = await runAnalytical(
      this.db,
      `WITH s AS (
         SELECT x.entity_ref,
           COALESCE(e.owner_ref, '') AS owner_k,
           COALESCE(e.system_ref, '') AS system_k,
           ${secondsBetween(this.db, 'x.resolved_at', 'x.opened_at')} AS v
         FROM paved_incidents x
         LEFT JOIN paved_dora_entities e ON e.entity_ref = x.entity_ref
         WHERE x.status = 'resolved' AND x.resolved_at >= ? AND x.resolved_at < ?
           AND x.resolved_at >= x.opened_at AND x.entity_ref IS NOT NULL
       )
       ${(Object.keys(keys) as Level[])
         .map(
           level =>
             `SELECT '${level}' AS lvl, m.* FROM (${medianSql(
               this.db,
               's',
               keys[level],
             )}) m`,
         )
         .join('\n UNION ALL ')}`,
      [window.from, window.to],
    );
    return {
      entity: toLevelMap(rows.filter(r => r.lvl === 'entity')),
      owner: toLevelMap(rows.filter(r => r.lvl === 'owner')),
      system: toLevelMap(rows.filter(r => r.lvl === 'system')),
    };
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

/** The '' key (no owner or system) as null. */
function withNullKey(
  map: Map<string, LevelMedian>,
): Map<string | null, Median> {
  return new Map([...map].map(([k, m]) => [k === '' ? null : k, m]));
}

/** Median rows `k, median, samples` as a map; '' (no owner/system) is null. */
function toLevelMap(rows: any[]): Map<string | null, Median> {
  const map = new Map<string | null, Median>();
  for (const row of rows) {
    const key = row.k === null || row.k === '' ? null : String(row.k);
    map.set(key, {
      median: Number(row.median),
      samples: toNumber(row.samples),
    });
  }
  return map;
}

function countsOf(row: any): DeploymentCounts {
  return {
    deployments: toNumber(row.deployments),
    failedChanges: toNumber(row.failed_changes),
    failedDeployments: toNumber(row.failed_deployments),
  };
}

function chunked<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
