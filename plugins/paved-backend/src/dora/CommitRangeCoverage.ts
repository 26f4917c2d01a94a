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
import { DoraCommitCoverage, DoraScope } from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import { FLAGS } from './counts';
import { scopeSql } from './DoraQueries';
import { runAnalytical, toNumber } from './sql';
import { visibleScope } from './visibleScope';
import { ResolvedWindow } from './windows';

/**
 * Bit of `paved_dora_deployments.flags` (beside the bits of counts.ts):
 * the deployment has a complete commit range. Set by the roll-up refresh,
 * so coverage is summed from the same covering index as the counts.
 */
export const RANGE_COMPLETE_FLAG = 128;

/**
 * Sets {@link RANGE_COMPLETE_FLAG} on the roll-up rows of successful
 * production runs (of one entity, or all) with at least one record whose
 * commit range is complete or listed by its sender. Run by the roll-up
 * refresh right after it inserts the rows, in its transaction.
 */
export async function flagCompleteCommitRanges(
  tx: Knex | Knex.Transaction,
  entityId?: number,
): Promise<void> {
  await tx.raw(
    `UPDATE paved_dora_deployments
     SET flags = flags + ${RANGE_COMPLETE_FLAG}
     WHERE ${entityId === undefined ? '1 = 1' : 'entity_id = ?'}
       AND (flags / ${FLAGS.deployment}) % 2 = 1
       AND (flags / ${RANGE_COMPLETE_FLAG}) % 2 = 0
       AND EXISTS (
         SELECT 1 FROM paved_commit_ranges c
         JOIN paved_dora_entities e ON e.entity_ref = c.entity_ref
         WHERE e.id = paved_dora_deployments.entity_id
           AND c.environment = paved_dora_deployments.environment
           AND c.run_key = paved_dora_deployments.run_key
           AND c.complete)`,
    entityId === undefined ? [] : [entityId],
  );
}

/**
 * How many of a window's production deployments have a complete commit
 * range (docs/dora.md): of the DORA deployments of the roll-ups
 * (successful production runs finishing in the window), those flagged
 * {@link RANGE_COMPLETE_FLAG}. Lead time counts the commits of the other
 * deployments only as far as they are known.
 */
export class CommitRangeCoverage {
  constructor(private readonly db: Knex) {}

  async coverage(
    scope: DoraScope,
    window: ResolvedWindow,
    visibleEntityRefs?: readonly string[],
  ): Promise<DoraCommitCoverage> {
    // Counted over the same entities as the report it belongs to.
    const where = visibleScope(
      this.db,
      scopeSql(scope, 'rollup'),
      'rollup',
      visibleEntityRefs,
    );
    // Cast: PostgreSQL's SUM is a bigint, read back as a string.
    const [row] = await runAnalytical(
      this.db,
      `SELECT
         CAST(SUM((x.flags / ${FLAGS.deployment}) % 2) AS INTEGER) AS deployments,
         CAST(SUM((x.flags / ${RANGE_COMPLETE_FLAG}) % 2) AS INTEGER) AS complete
       FROM paved_dora_deployments x
       WHERE ${where.sql} AND x.finished_at >= ? AND x.finished_at < ?`,
      [...where.bindings, window.from, window.to],
      { small: scope.type === 'entity' },
    );
    const deployments = toNumber(row?.deployments);
    const complete = toNumber(row?.complete);
    return {
      deployments,
      complete,
      ratio: deployments ? complete / deployments : null,
    };
  }
}
