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
import { flagCompleteCommitRanges } from './CommitRangeCoverage';
import { sourceRankSql } from './runPrecedence';
import { isPostgres, leadBinSql, secondsBetween } from './sql';

/** Which deployments are production: environment patterns, or the ledger flag. */
export type ProductionMapping = { environments?: string[] };

/** Above this many out-of-date entities a refresh rebuilds everything at once. */
const BULK_THRESHOLD = 300;

/**
 * The records of `recs` with the rank of the highest-ranked record of
 * their run (`top_rank`): a run's outcome and finish time are those of
 * its highest-ranked records (precedence by door, runPrecedence.ts).
 */
const RANKED_RECS = `ranked AS (
         SELECT recs.*, MAX(via_rank) OVER (
           PARTITION BY entity_ref, environment, run_key) AS top_rank
         FROM recs
       )`;

/** Ledger kinds DORA counts; plan-only and destroy runs are left out. */
const COUNTED_KINDS = "'deploy', 'rollback'";

/**
 * Bits of `paved_dora_deployments.rework`: why a successful production
 * deployment was an unplanned fix (deployment rework rate).
 */
export const REWORK = { incident: 1, hotfix: 2, rollback: 4 } as const;

/**
 * Keeps the DORA roll-up tables (`paved_dora_deployments`,
 * `paved_dora_lead_times`) in step with the ledger.
 *
 * Triggers on the ledger tables record which entities changed in
 * `paved_dora_dirty` with a sequence number. A refresh claims an entity by
 * deleting exactly the (entity, seq) it read, recomputes the entity's rows
 * in the same transaction and commits; a change that lands meanwhile bumps
 * or re-creates the dirty row, so it is picked up by the next refresh and
 * never lost. Two refreshers cannot both claim one state: the second one's
 * delete waits for the first and then finds nothing.
 */
export class DoraRollups {
  constructor(
    private readonly db: Knex,
    private readonly production: ProductionMapping,
  ) {}

  /**
   * Brings the roll-ups up to date: the named entities only (when they
   * are out of date), or every out-of-date entity. Returns the number of
   * entities recomputed.
   */
  async refresh(options: { entities?: string[] } = {}): Promise<number> {
    let total = 0;
    for (let round = 0; round < 20; round++) {
      const query = this.db('paved_dora_dirty').select('entity_ref', 'seq');
      if (options.entities) {
        if (!options.entities.length) return total;
        query.whereIn('entity_ref', options.entities);
      }
      const dirty: Array<{ entity_ref: string; seq: number }> = await query
        .orderBy('entity_ref')
        .limit(BULK_THRESHOLD + 1);
      if (!dirty.length) return total;
      if (dirty.length > BULK_THRESHOLD && !options.entities) {
        total += await this.rebuildAll();
        continue;
      }
      for (const row of dirty) {
        if (await this.refreshEntity(row.entity_ref, row.seq)) total++;
      }
    }
    return total;
  }

  /** Number of entities whose roll-ups are out of date. */
  async pending(entities?: string[]): Promise<number> {
    const query = this.db('paved_dora_dirty').count({ n: '*' });
    if (entities) {
      if (!entities.length) return 0;
      query.whereIn('entity_ref', entities);
    }
    const [{ n }] = await query;
    return Number(n);
  }

  /**
   * Recomputes every roll-up in one transaction, for a first import or a
   * changed production mapping. Returns the number of dirty marks cleared.
   */
  async rebuildAll(): Promise<number> {
    return this.db.transaction(async tx => {
      // Every statement here reads whole tables. PostgreSQL underestimates
      // the runs left after ranking records by door (a window function and
      // a filter on it) by orders of magnitude and then joins them with
      // nested loops: half an hour instead of minutes on a million
      // deployments. Hash and merge joins are right for all of them.
      if (isPostgres(tx)) await tx.raw('SET LOCAL enable_nestloop = off');
      const dirty: Array<{ entity_ref: string; seq: number }> = await tx(
        'paved_dora_dirty',
      ).select('entity_ref', 'seq');
      await tx.raw(
        `INSERT INTO paved_dora_entities (entity_ref, in_catalog)
         SELECT DISTINCT entity_ref, FALSE FROM paved_deployments
         WHERE entity_ref IS NOT NULL
         ON CONFLICT (entity_ref) DO NOTHING`,
      );
      await tx('paved_dora_deployments').delete();
      await tx('paved_dora_lead_times').delete();
      await tx('paved_dora_lead_batches').delete();
      await this.insertDeployments(tx, undefined);
      await flagCompleteCommitRanges(tx);
      await this.insertLeadTimes(tx, undefined);
      await this.insertLeadBatches(tx, undefined);
      // Clear exactly the marks this rebuild saw; later ones stay.
      let cleared = 0;
      for (const chunk of chunks(dirty, 200)) {
        cleared += await tx('paved_dora_dirty')
          .where(q => {
            for (const row of chunk) {
              q.orWhere({ entity_ref: row.entity_ref, seq: row.seq });
            }
          })
          .delete();
      }
      return cleared;
    });
  }

  /**
   * Marks every entity in the ledger out of date, e.g. when the production
   * mapping changed.
   */
  /**
   * Marks every entity for a rebuild when the settings the roll-ups were
   * built with (production mapping, median bins) differ from `settings`,
   * and stores them. Returns whether a rebuild was started.
   */
  async rebuildIfSettingsChanged(settings: string): Promise<boolean> {
    const key = 'rollup-settings';
    const stored = await this.db('paved_dora_state')
      .where({ key })
      .first('value');
    if (stored?.value === settings) return false;
    await this.markAllDirty();
    await this.db('paved_dora_state')
      .insert({ key, value: settings })
      .onConflict('key')
      .merge(['value']);
    return Boolean(stored);
  }

  async markAllDirty(): Promise<void> {
    await this.db.raw(
      `INSERT INTO paved_dora_dirty (entity_ref, seq)
       SELECT entity_ref, 1 FROM (
         SELECT entity_ref FROM paved_deployments WHERE entity_ref IS NOT NULL
         UNION
         SELECT entity_ref FROM paved_incidents WHERE entity_ref IS NOT NULL
       ) refs WHERE true
       ON CONFLICT (entity_ref) DO UPDATE SET seq = paved_dora_dirty.seq + 1`,
    );
  }

  private async refreshEntity(entityRef: string, seq: number) {
    return this.db.transaction(async tx => {
      const claimed = await tx('paved_dora_dirty')
        .where({ entity_ref: entityRef, seq })
        .delete();
      if (!claimed) return false;
      await tx('paved_dora_entities')
        .insert({ entity_ref: entityRef, in_catalog: false })
        .onConflict('entity_ref')
        .ignore();
      const { id } = await tx('paved_dora_entities')
        .where({ entity_ref: entityRef })
        .first('id');
      await tx('paved_dora_deployments').where({ entity_id: id }).delete();
      await tx('paved_dora_lead_times').where({ entity_id: id }).delete();
      await tx('paved_dora_lead_batches').where({ entity_id: id }).delete();
      await this.insertDeployments(tx, entityRef);
      await flagCompleteCommitRanges(tx, id);
      await this.insertLeadTimes(tx, entityRef);
      await this.insertLeadBatches(tx, id);
      return true;
    });
  }

  /** `d`'s production predicate with its bindings. */
  private productionSql(): { sql: string; bindings: unknown[] } {
    const environments = this.production.environments;
    if (!environments) return { sql: 'd.is_production = ?', bindings: [true] };
    const parts: string[] = [];
    const bindings: unknown[] = [];
    for (const pattern of environments) {
      const lower = pattern.toLowerCase();
      if (lower.includes('*')) {
        parts.push(`LOWER(d.environment) LIKE ? ESCAPE '\\'`);
        bindings.push(
          lower.replace(/[\\%_]/g, c => `\\${c}`).replace(/\*/g, '%'),
        );
      } else {
        parts.push('LOWER(d.environment) = ?');
        bindings.push(lower);
      }
    }
    return { sql: `(${parts.join(' OR ')})`, bindings };
  }

  /**
   * One row per production run: outcome, finish, rollback, incidents, and
   * why it was rework (REWORK bits): an incident of its entity was open
   * when it finished (opened before, not resolved before; an incident it
   * caused itself does not count), a record of the run is marked hotfix,
   * or is a rollback.
   */
  private async insertDeployments(tx: Knex.Transaction, entityRef?: string) {
    const production = this.productionSql();
    const byEntity = (alias: string) =>
      entityRef ? `${alias}.entity_ref = ?` : `${alias}.entity_ref IS NOT NULL`;
    const entityBinding = entityRef ? [entityRef] : [];
    await tx.raw(
      `WITH recs AS (
         SELECT d.id, d.entity_ref, d.environment, d.status, d.rolled_back,
           d.hotfix, d.kind,
           COALESCE(d.finished_at, d.started_at) AS at,
           CASE WHEN d.pipeline_run IS NULL THEN 'id:' || d.id
                ELSE 'run:' || d.pipeline_run END AS run_key,
           ${sourceRankSql('d')} AS via_rank
         FROM paved_deployments d
         WHERE ${byEntity('d')} AND ${production.sql}
           AND d.status IN ('success', 'failure', 'error')
           AND d.kind IN (${COUNTED_KINDS})
       ),
       ${RANKED_RECS},
       runs AS (
         SELECT entity_ref, environment, run_key,
           SUM(CASE WHEN status = 'success' AND via_rank = top_rank
                    THEN 1 ELSE 0 END) AS successes,
           COALESCE(
             MAX(CASE WHEN status = 'success' AND via_rank = top_rank THEN at END),
             MAX(CASE WHEN via_rank = top_rank THEN at END)) AS finished_at,
           MAX(CASE WHEN rolled_back THEN 1 ELSE 0 END) AS rolled_back,
           MAX(CASE WHEN hotfix THEN ${REWORK.hotfix} ELSE 0 END)
             + MAX(CASE WHEN kind = 'rollback' THEN ${
               REWORK.rollback
             } ELSE 0 END)
             AS marked
         FROM ranked
         GROUP BY entity_ref, environment, run_key
       ),
       named AS (
         SELECT DISTINCT i.id AS incident_id, r.entity_ref, r.environment, r.run_key
         FROM paved_incidents i JOIN recs r ON r.id = i.deployment_id
       ),
       latest AS (
         SELECT incident_id, entity_ref, environment, run_key FROM (
           SELECT i.id AS incident_id, u.entity_ref, u.environment, u.run_key,
             ROW_NUMBER() OVER (
               PARTITION BY i.id
               ORDER BY u.finished_at DESC, u.environment DESC, u.run_key DESC
             ) AS rn
           FROM paved_incidents i
           JOIN runs u ON u.entity_ref = i.entity_ref
             AND u.successes > 0 AND u.finished_at <= i.opened_at
           WHERE i.deployment_id IS NULL AND ${byEntity('i')}
         ) ranked WHERE rn = 1
       ),
       attributed AS (
         SELECT entity_ref, environment, run_key, COUNT(*) AS incidents
         FROM (SELECT * FROM named UNION ALL SELECT * FROM latest) a
         GROUP BY entity_ref, environment, run_key
       )
       INSERT INTO paved_dora_deployments
         (entity_id, environment, run_key, outcome, finished_at, rolled_back,
          incidents, rework, flags)
       SELECT entity_id, environment, run_key, outcome, finished_at,
         rolled_back = 1, incidents, rework,
         -- FLAGS (counts.ts), from the columns beside it.
         CASE WHEN outcome = 'success' THEN 1 ELSE 4 END
           + CASE WHEN outcome = 'success' AND (incidents > 0 OR rolled_back = 1)
                  THEN 2 ELSE 0 END
           + CASE WHEN rework <> 0 THEN 8 + rework * 16 ELSE 0 END
       FROM (
       SELECT e.id AS entity_id, r.environment, r.run_key,
         CASE WHEN r.successes > 0 THEN 'success' ELSE 'failed' END AS outcome,
         r.finished_at,
         r.rolled_back,
         COALESCE(a.incidents, 0) AS incidents,
         CASE WHEN r.successes = 0 THEN 0 ELSE r.marked + CASE WHEN EXISTS (
           SELECT 1 FROM paved_incidents i
           WHERE i.entity_ref = r.entity_ref AND i.opened_at < r.finished_at
             AND (i.resolved_at IS NULL OR i.resolved_at >= r.finished_at)
             AND (i.deployment_id IS NULL OR NOT EXISTS (
               SELECT 1 FROM paved_deployments c
               WHERE c.id = i.deployment_id AND c.entity_ref = r.entity_ref
                 AND c.environment = r.environment
                 AND CASE WHEN c.pipeline_run IS NULL THEN 'id:' || c.id
                          ELSE 'run:' || c.pipeline_run END = r.run_key))
         ) THEN ${REWORK.incident} ELSE 0 END END AS rework
       FROM runs r
       JOIN paved_dora_entities e ON e.entity_ref = r.entity_ref
       LEFT JOIN attributed a ON a.entity_ref = r.entity_ref
         AND a.environment = r.environment AND a.run_key = r.run_key
       ) counted`,
      [...entityBinding, ...production.bindings, ...entityBinding] as any[],
    );
  }

  /**
   * One row per (entity, commit): the finish of the first successful
   * production run that shipped it, its commit time (committer time, else
   * author time) and the lead time; samples of 0 or less are dropped.
   */
  private async insertLeadTimes(tx: Knex.Transaction, entityRef?: string) {
    const production = this.productionSql();
    const entitySql = entityRef
      ? 'd.entity_ref = ?'
      : 'd.entity_ref IS NOT NULL';
    await tx.raw(
      `WITH recs AS (
         SELECT d.id, d.entity_ref, d.subject, d.environment, d.status,
           COALESCE(d.finished_at, d.started_at) AS at,
           CASE WHEN d.pipeline_run IS NULL THEN 'id:' || d.id
                ELSE 'run:' || d.pipeline_run END AS run_key,
           ${sourceRankSql('d')} AS via_rank
         FROM paved_deployments d
         WHERE ${entitySql} AND ${production.sql}
           AND d.status IN ('success', 'failure', 'error')
           AND d.kind IN (${COUNTED_KINDS})
       ),
       ${RANKED_RECS},
       runs AS (
         SELECT entity_ref, environment, run_key, MAX(at) AS finished_at
         FROM ranked WHERE status = 'success' AND via_rank = top_rank
         GROUP BY entity_ref, environment, run_key
       ),
       shipped AS (
         SELECT r.entity_ref, dc.sha,
           MIN(u.finished_at) AS deployed_at,
           MIN(COALESCE(c.committed_at, c.authored_at)) AS committed_at
         FROM recs r
         JOIN runs u ON u.entity_ref = r.entity_ref
           AND u.environment = r.environment AND u.run_key = r.run_key
         JOIN paved_deployment_changes dc ON dc.deployment_id = r.id
         LEFT JOIN paved_changes c ON c.sha = dc.sha
           AND (c.subject = COALESCE(r.subject, 'paved.dev/entity=' || r.entity_ref)
                OR c.entity_ref = r.entity_ref)
         WHERE r.status = 'success'
         GROUP BY r.entity_ref, dc.sha
       )
       INSERT INTO paved_dora_lead_times
         (entity_id, sha, committed_at, deployed_at, lead_seconds, lead_bin)
       SELECT e.id, samples.sha, samples.committed_at, samples.deployed_at,
         samples.lead, ${leadBinSql('samples.lead')}
       FROM (
         SELECT entity_ref, sha, committed_at, deployed_at,
           ${secondsBetween(tx, 'deployed_at', 'committed_at')} AS lead
         FROM shipped
         WHERE committed_at IS NOT NULL AND committed_at < deployed_at
       ) samples
       JOIN paved_dora_entities e ON e.entity_ref = samples.entity_ref`,
      [...(entityRef ? [entityRef] : []), ...production.bindings] as any[],
    );
  }

  /**
   * The packed lead times of an entity (all entities when undefined): on
   * PostgreSQL sorted big-endian float8s (float8send), which the
   * organisation view reads without parsing text; on SQLite comma-separated
   * text (its REAL to text keeps 15 digits, exact for millisecond times).
   */
  private async insertLeadBatches(tx: Knex.Transaction, entityId?: number) {
    const leads = isPostgres(tx)
      ? `string_agg(float8send(x.lead_seconds), ''::bytea ORDER BY x.lead_seconds)`
      : `group_concat(x.lead_seconds, ',')`;
    await tx.raw(
      `INSERT INTO paved_dora_lead_batches (entity_id, deployed_at, samples, leads)
       SELECT x.entity_id, x.deployed_at, COUNT(*), ${leads}
       FROM paved_dora_lead_times x
       WHERE ${entityId === undefined ? '1 = 1' : 'x.entity_id = ?'}
       GROUP BY x.entity_id, x.deployed_at`,
      entityId === undefined ? [] : [entityId],
    );
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
