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
  addCounts,
  countsOf,
  DEPLOYMENT_COUNTS_SQL,
  DeploymentCounts,
  noCounts,
} from './counts';
import { binnedTrendMedians, LevelMedian } from './leadTimeMedians';
import { organisationView } from './organisationView';
import {
  bucketOfSql,
  medianSql,
  runAnalytical,
  secondsBetween,
  toNumber,
} from './sql';
import { EntitySummary, entitySummary, noMedian } from './entitySummary';
import { TEAM_ENTITY_IDS_SQL, TEAM_ENTITY_REFS_SQL } from './teams';
import { ResolvedWindow } from './windows';
import { visibleScope } from './visibleScope';

export type { DeploymentCounts } from './counts';

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

/**
 * Medians of the organisation table per entity, team (`owner`: the owner
 * group with its parent groups, see teams.ts) and system (null: none).
 */
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
    /** Teams whose numbers include it (null: none, the "no owner" row). */
    teams: Array<string | null>;
  }>;
  deployments: Map<string, DeploymentCounts>;
  leadTime: LevelMedians;
  recoveryTime: LevelMedians;
};

type Scope = { sql: string; bindings: unknown[] };

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

  /**
   * Totals and weekly buckets of one entity, group, system or everything;
   * `visibleEntityRefs` limits a group or system to those entities.
   */
  async summary(
    scope: DoraScope,
    window: ResolvedWindow,
    visibleEntityRefs?: readonly string[],
  ): Promise<RawSummary> {
    if (scope.type === 'entity') {
      return (await this.entity(scope.ref, window)).summary;
    }
    const rollup = visibleScope(
      this.db,
      scopeSql(scope, 'rollup'),
      'rollup',
      visibleEntityRefs,
    );
    const incidents = visibleScope(
      this.db,
      scopeSql(scope, 'incidents'),
      'incidents',
      visibleEntityRefs,
    );
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
   * The organisation's totals and trends, and every entity, team and
   * system with data in the window (organisationView.ts); `visible` limits
   * it to some entities.
   */
  organisation(
    window: ResolvedWindow,
    options: { visible?: (entityRef: string) => boolean } = {},
  ): Promise<RawOrganisation> {
    return organisationView(this.db, window, options);
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
      `SELECT b, ${DEPLOYMENT_COUNTS_SQL}
       FROM (
         SELECT ${week.sql} AS b, x.flags
         FROM paved_dora_deployments x
         WHERE x.finished_at >= ? AND x.finished_at < ? AND ${s.sql}
       ) d
       GROUP BY b`,
      [...week.bindings, window.from, window.to, ...s.bindings],
    );
    for (const row of rows) {
      const counts = countsOf(row);
      buckets[toNumber(row.b)] = counts;
      addCounts(total, counts);
    }
    return { total, buckets };
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
      // The team's entities, those of its child groups and of the systems
      // they own (teams.ts).
      return {
        sql: `${column} IN (${
          table === 'rollup' ? TEAM_ENTITY_IDS_SQL : TEAM_ENTITY_REFS_SQL
        })`,
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
