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
import { randomUUID } from 'node:crypto';
import { isPostgresClient } from '../database/dialect';
import { toDate, toIso } from '../deployments/time';
import { PreviewRequest, PreviewState } from './types';

const TABLE = 'paved_previews';

/** A stored preview, as the reconciler and the REST API read it. */
export type PreviewRecord = {
  id: string;
  scm: 'github' | 'gitlab';
  repository: string;
  number: number;
  title?: string;
  webUrl?: string;
  headSha: string;
  headRef?: string;
  desired: 'active' | 'closed';
  state: PreviewState;
  reason?: string;
  lastActivityAt: string;
  entityRef?: string;
  providerId?: string;
  projectId?: string;
  environmentId?: string;
  environmentUrl?: string;
  deploymentId?: string;
  deployedSha?: string;
  reportId?: string;
  reportSha?: string;
  attempts: number;
  createdAt: string;
  updatedAt: string;
};

/** Columns the reconciler writes after working on a preview. */
export type PreviewUpdate = Partial<{
  state: PreviewState;
  reason: string | null;
  entityRef: string | null;
  providerId: string | null;
  projectId: string | null;
  environmentId: string | null;
  environmentUrl: string | null;
  deploymentId: string | null;
  deployedSha: string | null;
  reportId: string | null;
  reportSha: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
}>;

const COLUMNS: Record<keyof PreviewUpdate, string> = {
  state: 'state',
  reason: 'reason',
  entityRef: 'entity_ref',
  providerId: 'provider_id',
  projectId: 'project_id',
  environmentId: 'environment_id',
  environmentUrl: 'environment_url',
  deploymentId: 'deployment_id',
  deployedSha: 'deployed_sha',
  reportId: 'report_id',
  reportSha: 'report_sha',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
};

/** States that hold (or are getting) an environment in the orchestrator. */
export const LIVE_STATES: PreviewState[] = ['pending', 'deploying', 'active'];

/**
 * The `paved_previews` table: what each pull request wants, written by the
 * webhook processor, and what the reconciler reached.
 */
export class PreviewStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records what a pull-request event asks, in the webhook processor's
   * transaction. An event older than the last one applied (a redelivery,
   * or deliveries out of order) changes nothing; a repeated one changes
   * nothing the reconciler acts on. Returns whether the row changed.
   */
  static async recordRequest(
    tx: Knex | Knex.Transaction,
    request: PreviewRequest,
    now = new Date(),
  ): Promise<boolean> {
    const key = {
      scm: request.scm,
      repository: request.repository,
      number: request.number,
    };
    const query = tx(TABLE).where(key);
    // SQLite serialises writers anyway and has no row locks.
    const existing = await (isPostgresClient(tx)
      ? query.forUpdate()
      : query
    ).first();
    if (!existing) {
      // Nothing to remove for a pull request closed before Paved saw it.
      if (request.desired === 'closed') return false;
      await tx(TABLE).insert({
        id: randomUUID(),
        ...key,
        title: request.title ?? null,
        web_url: request.webUrl ?? null,
        head_sha: request.headSha,
        head_ref: request.headRef ?? null,
        desired: 'active',
        state: 'pending',
        pr_updated_at: request.updatedAt,
        last_activity_at: now,
        attempts: 0,
        created_at: now,
        updated_at: now,
      });
      return true;
    }
    const applied = toDate(existing.pr_updated_at).getTime();
    const incoming = request.updatedAt.getTime();
    if (incoming < applied) return false;
    // Same instant: a close stays closed unless the event is a reopen.
    if (
      incoming === applied &&
      existing.desired === 'closed' &&
      request.desired === 'active' &&
      !request.reopened
    ) {
      return false;
    }
    const changes: Record<string, unknown> = {
      title: request.title ?? existing.title,
      web_url: request.webUrl ?? existing.web_url,
      head_sha: request.headSha,
      head_ref: request.headRef ?? existing.head_ref,
      desired: request.desired,
      pr_updated_at: request.updatedAt,
      updated_at: now,
    };
    if (request.desired === 'active') {
      const again =
        existing.desired === 'closed' ||
        request.reopened ||
        existing.head_sha !== request.headSha ||
        !LIVE_STATES.includes(existing.state);
      if (!again) return false;
      Object.assign(changes, {
        state: 'pending',
        reason: null,
        attempts: 0,
        next_attempt_at: null,
        last_activity_at: now,
      });
    } else {
      if (existing.desired === 'closed') return false;
      Object.assign(changes, {
        reason: null,
        attempts: 0,
        next_attempt_at: null,
      });
    }
    await tx(TABLE).where({ id: existing.id }).update(changes);
    return true;
  }

  /**
   * Claims up to `limit` previews with work to do (a state short of what
   * the pull request wants, due for an attempt, not leased by another
   * replica) for `leaseMs`.
   */
  async claimDue(options: {
    owner: string;
    leaseMs: number;
    limit: number;
    now?: Date;
  }): Promise<PreviewRecord[]> {
    const now = options.now ?? new Date();
    const due = (q: Knex.QueryBuilder) =>
      q
        .where(w =>
          w
            .where(a =>
              a
                .where('desired', 'active')
                .whereIn('state', ['pending', 'deploying']),
            )
            .orWhere(c =>
              c.where('desired', 'closed').whereNot('state', 'deleted'),
            ),
        )
        .where(w =>
          w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now),
        )
        .where(w =>
          w.whereNull('lease_until').orWhere('lease_until', '<', now),
        );
    const ids: string[] = (
      await due(this.db(TABLE).select('id'))
        .orderBy('updated_at', 'asc')
        .limit(options.limit)
    ).map((r: { id: string }) => r.id);
    const claimed: PreviewRecord[] = [];
    for (const id of ids) {
      // Compare-and-set, so two replicas never both take a row.
      const won = await due(this.db(TABLE).where({ id })).update({
        lease_owner: options.owner,
        lease_until: new Date(now.getTime() + options.leaseMs),
      });
      if (won) {
        const row = await this.db(TABLE).where({ id }).first();
        claimed.push(toRecord(row));
      }
    }
    return claimed;
  }

  /**
   * Writes what the reconciler reached and releases the lease, unless the
   * pull request moved on meanwhile (another head, or closed): then only
   * the lease is released and the row is worked on again.
   */
  async finish(
    preview: PreviewRecord,
    owner: string,
    update: PreviewUpdate,
  ): Promise<boolean> {
    const values: Record<string, unknown> = {
      lease_owner: null,
      lease_until: null,
      updated_at: new Date(),
    };
    for (const [key, value] of Object.entries(update)) {
      values[COLUMNS[key as keyof PreviewUpdate]] = value;
    }
    const written = await this.db(TABLE)
      .where({
        id: preview.id,
        lease_owner: owner,
        head_sha: preview.headSha,
        desired: preview.desired,
      })
      .update(values);
    if (!written) {
      await this.db(TABLE)
        .where({ id: preview.id, lease_owner: owner })
        .update({ lease_owner: null, lease_until: null });
    }
    return written > 0;
  }

  /** Live previews of a project other than `exceptId`, for the limit. */
  async countLive(
    providerId: string,
    projectId: string,
    exceptId: string,
  ): Promise<number> {
    const row = await this.db(TABLE)
      .where({
        provider_id: providerId,
        project_id: projectId,
        desired: 'active',
      })
      .whereIn('state', ['deploying', 'active'])
      .whereNot('id', exceptId)
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  /**
   * Marks previews idle since before `before` for removal; returns how
   * many. A later push brings one back.
   */
  async expireIdle(before: Date, reason: string): Promise<number> {
    return this.db(TABLE)
      .where({ desired: 'active' })
      .whereNot('state', 'deleted')
      .where('last_activity_at', '<', before)
      .update({
        desired: 'closed',
        reason,
        attempts: 0,
        next_attempt_at: null,
        updated_at: new Date(),
      });
  }

  /** Previews of an entity, newest pull request first. */
  async listForEntity(entityRef: string): Promise<PreviewRecord[]> {
    const rows = await this.db(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'number', order: 'desc' },
        { column: 'repository', order: 'asc' },
      ]);
    return rows.map(toRecord);
  }

  async get(id: string): Promise<PreviewRecord | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    return row ? toRecord(row) : undefined;
  }
}

function toRecord(row: any): PreviewRecord {
  const opt = (v: unknown) =>
    v === null || v === undefined ? undefined : String(v);
  return {
    id: row.id,
    scm: row.scm,
    repository: row.repository,
    number: Number(row.number),
    title: opt(row.title),
    webUrl: opt(row.web_url),
    headSha: row.head_sha,
    headRef: opt(row.head_ref),
    desired: row.desired,
    state: row.state,
    reason: opt(row.reason),
    lastActivityAt: toIso(row.last_activity_at)!,
    entityRef: opt(row.entity_ref),
    providerId: opt(row.provider_id),
    projectId: opt(row.project_id),
    environmentId: opt(row.environment_id),
    environmentUrl: opt(row.environment_url),
    deploymentId: opt(row.deployment_id),
    deployedSha: opt(row.deployed_sha),
    reportId: opt(row.report_id),
    reportSha: opt(row.report_sha),
    attempts: Number(row.attempts),
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
  };
}
