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
import { FLAGS, noCounts } from './counts';
import type { Median, RawSummary } from './DoraQueries';
import {
  bucketOfSql,
  medianSql,
  runAnalytical,
  secondsBetween,
  toNumber,
} from './sql';
import { ResolvedWindow } from './windows';

/** One entity's numbers, and whether its roll-ups were out of date. */
export type EntitySummary = { summary: RawSummary; dirty: boolean };

const NUMBER = 'DOUBLE PRECISION';

/** How many runs carry a bit of FLAGS. */
const flagSum = (bit: number) => `CAST(SUM((flags / ${bit}) % 2) AS ${NUMBER})`;

/**
 * One entity's DORA numbers in a single statement: the entity page asks for
 * them on every visit, and at a few hundred rows per entity the cost is in
 * round trips and planning, not in reading. The statement also says whether
 * the entity's roll-ups are out of date, so the common case (they are not)
 * needs no separate check; the caller refreshes and asks again otherwise.
 *
 * Rows get their weekly bucket from an expression (bucketOfSql) over an
 * index range scan of the window, instead of a join with the week list.
 */
export async function entitySummary(
  db: Knex,
  entityRef: string,
  window: ResolvedWindow,
): Promise<EntitySummary> {
  const summary: RawSummary = {
    entityCount: 0,
    deployments: noCounts(),
    deploymentBuckets: window.buckets.map(noCounts),
    leadTime: noMedian(),
    leadTimeBuckets: window.buckets.map(noMedian),
    recoveryTime: noMedian(),
    recoveryTimeBuckets: window.buckets.map(noMedian),
  };
  const none = `CAST(NULL AS ${NUMBER})`;
  const dirtyPart = `SELECT 'dirty' AS part, 0 AS k,
      CAST(COUNT(*) AS ${NUMBER}) AS a, ${none} AS b, ${none} AS c, ${none} AS d
    FROM paved_dora_dirty WHERE entity_ref = ?`;
  if (!window.buckets.length) {
    const rows = await runAnalytical(db, dirtyPart, [entityRef], {
      small: true,
    });
    return { summary, dirty: toNumber(rows[0]?.a) > 0 };
  }

  const deployedWeek = bucketOfSql(db, 'x.finished_at', window.buckets);
  const leadWeek = bucketOfSql(db, 'x.deployed_at', window.buckets);
  const resolvedWeek = bucketOfSql(db, 'x.resolved_at', window.buckets);
  const medians = (part: string, source: string, key: string) =>
    `SELECT '${part}' AS part, CAST(m.k AS INTEGER) AS k,
       CAST(m.median AS ${NUMBER}) AS a, CAST(m.samples AS ${NUMBER}) AS b,
       ${none} AS c, ${none} AS d
     FROM (${medianSql(db, source, key)}) m`;
  const sql = `WITH
    ent AS (SELECT id FROM paved_dora_entities WHERE entity_ref = ?),
    dep AS (
      SELECT ${deployedWeek.sql} AS wk, x.flags
      FROM paved_dora_deployments x
      WHERE x.entity_id = (SELECT id FROM ent)
        AND x.finished_at >= ? AND x.finished_at < ?),
    lead AS (
      SELECT ${leadWeek.sql} AS wk, 0 AS total_k, x.lead_seconds AS v
      FROM paved_dora_lead_times x
      WHERE x.entity_id = (SELECT id FROM ent)
        AND x.deployed_at >= ? AND x.deployed_at < ?),
    resolved AS (
      SELECT ${resolvedWeek.sql} AS wk, 0 AS total_k,
        x.resolved_at >= x.opened_at AS timely,
        ${secondsBetween(db, 'x.resolved_at', 'x.opened_at')} AS v
      FROM paved_incidents x
      WHERE x.entity_ref = ? AND x.status = 'resolved'
        AND x.resolved_at >= ? AND x.resolved_at < ?),
    rec AS (SELECT wk, total_k, v FROM resolved WHERE timely)
    ${dirtyPart}
    UNION ALL
    SELECT 'dep' AS part, wk AS k, ${flagSum(FLAGS.deployment)},
      ${flagSum(FLAGS.failedChange)}, ${flagSum(FLAGS.failedDeployment)},
      ${none}
    FROM dep GROUP BY wk
    UNION ALL
    SELECT 'rework' AS part, wk AS k, ${flagSum(FLAGS.rework)},
      ${flagSum(FLAGS.incidentFix)}, ${flagSum(FLAGS.hotfix)},
      ${flagSum(FLAGS.rollback)}
    FROM dep GROUP BY wk
    UNION ALL
    SELECT 'resolved' AS part, 0 AS k, CAST(COUNT(*) AS ${NUMBER}),
      ${none}, ${none}, ${none}
    FROM resolved
    UNION ALL ${medians('lead', 'lead', 'total_k')}
    UNION ALL ${medians('lead_week', 'lead', 'wk')}
    UNION ALL ${medians('recovery', 'rec', 'total_k')}
    UNION ALL ${medians('recovery_week', 'rec', 'wk')}`;
  const rows = await runAnalytical(
    db,
    sql,
    [
      entityRef,
      ...deployedWeek.bindings,
      window.from,
      window.to,
      ...leadWeek.bindings,
      window.from,
      window.to,
      ...resolvedWeek.bindings,
      entityRef,
      window.from,
      window.to,
      entityRef,
    ],
    { small: true },
  );

  let dirty = false;
  let resolvedInWindow = 0;
  for (const row of rows) {
    const k = toNumber(row.k);
    const median = () => ({
      median: Number(row.a),
      samples: toNumber(row.b),
    });
    switch (row.part) {
      case 'dirty':
        dirty = toNumber(row.a) > 0;
        break;
      case 'dep': {
        const [total, week] = [
          summary.deployments,
          summary.deploymentBuckets[k],
        ];
        for (const c of [total, week]) {
          c.deployments += toNumber(row.a);
          c.failedChanges += toNumber(row.b);
          c.failedDeployments += toNumber(row.c);
        }
        break;
      }
      case 'rework': {
        const [total, week] = [
          summary.deployments,
          summary.deploymentBuckets[k],
        ];
        for (const c of [total, week]) {
          c.reworkDeployments += toNumber(row.a);
          c.incidentFixes += toNumber(row.b);
          c.hotfixes += toNumber(row.c);
          c.rollbacks += toNumber(row.d);
        }
        break;
      }
      case 'resolved':
        resolvedInWindow = toNumber(row.a);
        break;
      case 'lead':
        summary.leadTime = median();
        break;
      case 'lead_week':
        summary.leadTimeBuckets[k] = median();
        break;
      case 'recovery':
        summary.recoveryTime = median();
        break;
      case 'recovery_week':
        summary.recoveryTimeBuckets[k] = median();
        break;
      default:
        throw new Error(`Unexpected part '${row.part}' in the entity summary`);
    }
  }
  // Counted like the other scopes: an entity with a production deployment
  // (successful or failed) or a resolved incident in the window.
  const deployed =
    summary.deployments.deployments + summary.deployments.failedDeployments;
  summary.entityCount = deployed > 0 || resolvedInWindow > 0 ? 1 : 0;
  return { summary, dirty };
}

export { noCounts } from './counts';

/** A median without samples. */
export function noMedian(): Median {
  return { median: null, samples: 0 };
}
