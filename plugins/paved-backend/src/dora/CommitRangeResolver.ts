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
import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  cherryPickOriginals,
  materialisePushedCommits,
  upsertCommitRows,
} from '../deployments/CommitHistoryStore';
import { insertShippedChanges } from '../deployments/DeploymentStore';
import { repositoryOf } from '../deployments/runCorrelation';
import { walkPushHistory } from './commitHistoryWalk';
import type { ProductionMapping } from './DoraRollups';
import { CommitComparer, repositoryLocationOf } from './scmCompare';
import { toDate } from './sql';

/**
 * Where a deployment record's commit range stands (paved_commit_ranges):
 *
 * - `complete`: every commit since the previous production deployment is
 *   known (from the push history or the SCM's compare API);
 * - `listed`: the history has a gap, but the sender listed the commits it
 *   shipped, which are taken as the range;
 * - `first`: no earlier production deployment of the entity to start from;
 *   the range is what the record names;
 * - `partial`: the history has a gap and the SCM could not fill it; the
 *   commits found count, the rest is missing (`reason` says why);
 * - `no_commit`: the record names no commit, so there is no range;
 * - `pending`: waiting for a first resolution, or for pushes to arrive;
 * - `skipped`: not a successful production deployment of a known entity.
 *
 * Coverage counts complete and listed ranges (`complete` column).
 */
export type CommitRangeStatus =
  | 'complete'
  | 'listed'
  | 'first'
  | 'partial'
  | 'no_commit'
  | 'pending'
  | 'skipped';

type Outcome = {
  status: CommitRangeStatus;
  method?: 'history' | 'compare' | 'listed';
  commits?: string[];
  baseDeploymentId?: string;
  baseSha?: string;
  reason?: string;
  /** Ask again at this time (pushes may still arrive, or the SCM failed). */
  retryAt?: Date;
};

type DeploymentRow = {
  id: string;
  entity_ref: string | null;
  subject: string | null;
  environment: string;
  is_production: boolean | number;
  status: string;
  kind?: string | null;
  commit_sha: string | null;
  started_at: Date | string | number;
  finished_at: Date | string | number | null;
  pipeline_run: string | null;
};

/** Kinds of ledger records DORA counts (plan-only and destroy runs are not). */
const COUNTED_KINDS = ['deploy', 'rollback'];

/** Waits before asking an SCM again after a failure: 1 min to 12 h. */
const BACKOFF_MS = [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000];

/**
 * Resolves which commits each production deployment shipped: the commits
 * between the entity's previous production deployment and the deployed
 * commit (docs/dora.md, "Commits shipped by a deployment"). Walks the
 * repository's push history first; where it has a gap and the deployment
 * finished more than `historyGraceMs` ago (pushes arrive late), asks the
 * SCM's compare API. The commits found are linked to the deployment in
 * `paved_deployment_changes`, so the DORA roll-ups take them as shipped
 * (a commit counts at its first production deployment); the outcome is
 * kept in `paved_commit_ranges`.
 */
export class CommitRangeResolver {
  constructor(
    private readonly options: {
      db: Knex;
      production: ProductionMapping;
      comparer?: CommitComparer;
      logger?: LoggerService;
      /** How long after a deployment pushes may still arrive; default 2 min. */
      historyGraceMs?: number;
      /** A range is walked or compared up to this many commits; default 1,000. */
      maxCommits?: number;
      now?: () => Date;
    },
  ) {}

  /**
   * Resolves the ranges that are due, oldest deployment first (a range
   * stops at commits earlier deployments shipped). Returns how many were
   * looked at.
   */
  async resolveDue(options: { limit?: number } = {}): Promise<number> {
    const { db } = this.options;
    const due: string[] = await db('paved_commit_ranges as r')
      .join('paved_deployments as d', 'd.id', 'r.deployment_id')
      .whereIn('r.status', ['pending', 'partial'])
      .where('r.next_attempt_at', '<=', this.now())
      .orderByRaw('COALESCE(d.finished_at, d.started_at)')
      .limit(options.limit ?? 500)
      .pluck('r.deployment_id');
    for (const id of due) {
      await this.resolve(id);
    }
    return due.length;
  }

  /** Resolves one deployment record's range now. */
  async resolve(deploymentId: string): Promise<CommitRangeStatus | undefined> {
    const { db, logger } = this.options;
    const d: DeploymentRow | undefined = await db('paved_deployments')
      .where({ id: deploymentId })
      .first();
    if (!d) return undefined;
    const range = await db('paved_commit_ranges')
      .where({ deployment_id: deploymentId })
      .first('listed', 'attempts', 'complete');
    let outcome: Outcome;
    try {
      outcome = await this.find(d, Boolean(range?.listed));
    } catch (error) {
      const message = isError(error) ? error.message : String(error);
      logger?.warn(
        `Commit range of deployment ${deploymentId} failed: ${message}`,
      );
      outcome = { status: 'partial', reason: message, retryAt: new Date() };
    }
    if (outcome.status !== 'skipped' && d.commit_sha) {
      await this.ship(d, outcome);
    }
    const attempts = Number(range?.attempts ?? 0) + 1;
    const retryAt =
      outcome.status === 'partial'
        ? new Date(
            this.now().getTime() +
              BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)],
          )
        : outcome.retryAt;
    const row = {
      status: outcome.status,
      complete: outcome.status === 'complete' || outcome.status === 'listed',
      method: outcome.method ?? null,
      base_deployment_id: outcome.baseDeploymentId ?? null,
      base_sha: outcome.baseSha ?? null,
      commit_count: outcome.commits ? outcome.commits.length : null,
      attempts,
      // Given up after the last backoff: stays partial.
      next_attempt_at:
        outcome.status === 'partial' && attempts > BACKOFF_MS.length
          ? new Date('9999-01-01T00:00:00Z')
          : retryAt ?? this.now(),
      reason: outcome.reason ?? null,
      resolved_at: this.now(),
      entity_ref: d.entity_ref,
      environment: d.environment,
      run_key: d.pipeline_run ? `run:${d.pipeline_run}` : `id:${d.id}`,
    };
    await db('paved_commit_ranges')
      .insert({ deployment_id: d.id, listed: false, ...row })
      .onConflict('deployment_id')
      .merge(row);
    // The roll-ups flag deployments with a complete range: refresh them.
    if (d.entity_ref && Boolean(range?.complete) !== row.complete) {
      await db.raw(
        `INSERT INTO paved_dora_dirty (entity_ref, seq) VALUES (?, 1)
         ON CONFLICT (entity_ref) DO UPDATE SET seq = paved_dora_dirty.seq + 1`,
        [d.entity_ref],
      );
    }
    // A deployment recorded late, before one that was taken as the
    // entity's first: that one now has a previous deployment.
    if (outcome.status !== 'skipped' && d.entity_ref) {
      await db('paved_commit_ranges')
        .where({ status: 'first', entity_ref: d.entity_ref })
        .whereIn(
          'deployment_id',
          db('paved_deployments')
            .where({ entity_ref: d.entity_ref })
            .whereRaw('COALESCE(finished_at, started_at) > ?', [
              toDate(d.finished_at ?? d.started_at),
            ])
            .select('id'),
        )
        .update({ status: 'pending', next_attempt_at: this.now() });
    }
    return outcome.status;
  }

  private async find(d: DeploymentRow, listed: boolean): Promise<Outcome> {
    const at = toDate(d.finished_at ?? d.started_at);
    if (
      d.status !== 'success' ||
      !this.isProduction(d) ||
      (d.kind && !COUNTED_KINDS.includes(d.kind))
    ) {
      return {
        status: 'skipped',
        reason: 'not a successful production deployment',
      };
    }
    if (!d.entity_ref) {
      return {
        status: 'skipped',
        reason: 'not linked to an entity yet',
      };
    }
    if (!d.commit_sha) {
      return listed
        ? { status: 'listed', method: 'listed' }
        : { status: 'no_commit', reason: 'the record names no commit' };
    }
    const head = d.commit_sha;
    const previous = await this.previousDeployment(d, at);
    if (!previous) {
      return {
        status: 'first',
        reason: 'no earlier production deployment of the entity',
      };
    }
    const base = previous.commit_sha!;
    const known = { baseDeploymentId: previous.id, baseSha: base };
    if (base === head) return { status: 'complete', commits: [], ...known };

    const shipped = (shas: string[]) =>
      this.shippedBefore(d.entity_ref!, at, shas);
    const repository = await this.repositoryOf(d, head);
    const maxCommits = this.options.maxCommits ?? 1000;
    const walk = repository
      ? await walkPushHistory(this.options.db, {
          subject: repository,
          head,
          base,
          shipped,
          maxCommits,
        })
      : {
          commits: [],
          complete: false,
          reason:
            'no push of the deployed commit, so its repository is unknown',
        };
    if (walk.complete) {
      return {
        status: 'complete',
        method: 'history',
        commits: walk.commits,
        ...known,
      };
    }
    // Pushes may still be on their way (webhooks are not ordered).
    const grace = this.options.historyGraceMs ?? 120_000;
    if (this.now().getTime() - at.getTime() < grace) {
      return {
        status: 'pending',
        commits: walk.commits,
        reason: walk.reason,
        retryAt: new Date(at.getTime() + grace),
        ...known,
      };
    }
    const location =
      repository &&
      repositoryLocationOf(
        repository,
        await this.options
          .db('paved_repositories')
          .where({ subject: repository })
          .first('provider', 'web_url', 'project_id'),
      );
    const comparison =
      location && this.options.comparer?.compare(location, base, head);
    if (comparison) {
      let result;
      try {
        result = await comparison;
      } catch (error) {
        const message = isError(error) ? error.message : String(error);
        return listed
          ? {
              status: 'listed',
              method: 'listed',
              commits: walk.commits,
              ...known,
            }
          : {
              status: 'partial',
              commits: walk.commits,
              reason: `${walk.reason}; the SCM compare API failed: ${message}`,
              ...known,
            };
      }
      await upsertCommitRows(
        this.options.db,
        result.commits.map(change => ({
          subject: repository!,
          source: `scm:${location!.provider}`,
          change,
        })),
      );
      const commits = result.commits.map(c => c.sha);
      if (result.complete) {
        return { status: 'complete', method: 'compare', commits, ...known };
      }
      return listed
        ? { status: 'listed', method: 'listed', commits, ...known }
        : { status: 'partial', commits, reason: result.reason, ...known };
    }
    const why = `${walk.reason}; ${
      location
        ? `no integration configured for ${location.webUrl}`
        : 'no repository to ask the SCM'
    }`;
    return listed
      ? { status: 'listed', method: 'listed', commits: walk.commits, ...known }
      : { status: 'partial', commits: walk.commits, reason: why, ...known };
  }

  /**
   * The entity's latest successful production deployment with a commit
   * that finished before this one, not of the same run.
   */
  private async previousDeployment(d: DeploymentRow, at: Date) {
    const candidates: DeploymentRow[] = await this.options
      .db('paved_deployments')
      .where({ entity_ref: d.entity_ref, status: 'success' })
      .whereNotNull('commit_sha')
      .whereNot('id', d.id)
      .whereRaw('COALESCE(finished_at, started_at) < ?', [at])
      .orderByRaw('COALESCE(finished_at, started_at) DESC')
      .limit(50)
      .select();
    return candidates.find(
      p =>
        this.isProduction(p) &&
        (!p.kind || COUNTED_KINDS.includes(p.kind)) &&
        !(d.pipeline_run && p.pipeline_run === d.pipeline_run),
    );
  }

  /** Which of `shas` a production deployment of the entity shipped before `at`. */
  private async shippedBefore(
    entityRef: string,
    at: Date,
    shas: string[],
  ): Promise<Set<string>> {
    if (!shas.length) return new Set();
    const rows: Array<{
      sha: string;
      shipped_sha: string | null;
      environment: string;
      is_production: boolean | number;
    }> = await this.options
      .db('paved_deployment_changes as dc')
      .join('paved_deployments as p', 'p.id', 'dc.deployment_id')
      .where({ 'p.entity_ref': entityRef, 'p.status': 'success' })
      .whereRaw('COALESCE(p.finished_at, p.started_at) < ?', [at])
      .where(q => q.whereIn('dc.sha', shas).orWhereIn('dc.shipped_sha', shas))
      .select('dc.sha', 'dc.shipped_sha', 'p.environment', 'p.is_production');
    const result = new Set<string>();
    // The commit that was in the deployed history: a cherry-pick, not
    // the original it stands for (the original's ancestors were not
    // shipped with it).
    for (const row of rows) {
      if (this.isProduction(row)) result.add(row.shipped_sha ?? row.sha);
    }
    return result;
  }

  /**
   * The repository of the deployment: its link key when that names a
   * repository, else the repository a push of the commit went to.
   */
  private async repositoryOf(d: DeploymentRow, head: string) {
    const own = repositoryOf(d.subject);
    if (own) return own;
    const pushed = await this.options
      .db('paved_push_commits as pc')
      .join('paved_pushes as p', 'p.id', 'pc.push_id')
      .where({ 'pc.sha': head })
      .first('p.subject');
    return pushed?.subject as string | undefined;
  }

  /**
   * Links the range's commits to the deployment, with their details (and
   * those of the originals of cherry-picks among them) copied from the
   * push history to where the metric queries read commit times.
   */
  private async ship(d: DeploymentRow, outcome: Outcome) {
    const { db } = this.options;
    const shas = [...(outcome.commits ?? []), d.commit_sha!];
    const originals = await cherryPickOriginals(db, shas);
    const repository = await this.repositoryOf(d, d.commit_sha!);
    await materialisePushedCommits(db, {
      subjects: [
        ...(repository ? [repository] : []),
        d.subject ?? `paved.dev/entity=${d.entity_ref}`,
      ],
      shas: [...shas, ...originals.values()],
    });
    if (outcome.commits?.length) {
      await insertShippedChanges(db, d.id, outcome.commits);
    }
    await this.remapCherryPicks(d.id);
  }

  /**
   * Replaces linked cherry-picks whose original became known since they
   * were linked (e.g. the deployed commit, linked before its push arrived).
   */
  private async remapCherryPicks(deploymentId: string) {
    const { db } = this.options;
    const plain: string[] = await db('paved_deployment_changes')
      .where({ deployment_id: deploymentId })
      .whereNull('shipped_sha')
      .pluck('sha');
    const originals = await cherryPickOriginals(db, plain);
    if (!originals.size) return;
    await db.transaction(async tx => {
      await tx('paved_deployment_changes')
        .where({ deployment_id: deploymentId })
        .whereIn('sha', [...originals.keys()])
        .delete();
      await insertShippedChanges(tx, deploymentId, [...originals.keys()]);
    });
  }

  private isProduction(row: {
    environment: string;
    is_production: boolean | number;
  }): boolean {
    const environments = this.options.production.environments;
    if (!environments) return Boolean(row.is_production);
    const env = row.environment.toLowerCase();
    return environments.some(pattern =>
      new RegExp(
        `^${pattern
          .toLowerCase()
          .split('*')
          .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ).test(env),
    );
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
