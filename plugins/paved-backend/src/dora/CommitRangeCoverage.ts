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
import { scopeSql } from './DoraQueries';
import { runAnalytical, toNumber } from './sql';
import { ResolvedWindow } from './windows';
import { visibleScope } from './visibleScope';

/**
 * How many of a window's production deployments have a complete commit
 * range (docs/dora.md): the DORA deployments of the roll-ups (successful
 * production runs finishing in the window) with at least one record whose
 * range is complete or listed by its sender. Lead time counts the commits
 * of the other deployments only as far as they are known.
 */
export class CommitRangeCoverage {
  constructor(private readonly db: Knex) {}

  async coverage(
    scope: DoraScope,
    window: ResolvedWindow,
    visibleEntityRefs?: readonly string[],
  ): Promise<DoraCommitCoverage> {
    const where = visibleScope(
      this.db,
      scopeSql(scope, 'rollup'),
      'rollup',
      visibleEntityRefs,
    );
    const [row] = await runAnalytical(
      this.db,
      `SELECT COUNT(*) AS deployments,
         SUM(CASE WHEN EXISTS (
           SELECT 1 FROM paved_commit_ranges r
           WHERE r.entity_ref = e.entity_ref AND r.environment = x.environment
             AND r.run_key = x.run_key AND r.complete
         ) THEN 1 ELSE 0 END) AS complete
       FROM paved_dora_deployments x
       JOIN paved_dora_entities e ON e.id = x.entity_id
       WHERE ${where.sql} AND x.outcome = 'success'
         AND x.finished_at >= ? AND x.finished_at < ?`,
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
