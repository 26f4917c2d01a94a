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
import {
  Deployment,
  DeploymentChange,
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
  linkKey,
} from '@paved/plugin-paved-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { isHttpUrl } from './recordChecks';
import { toDate, toIso } from './time';
import {
  cherryPickOriginals,
  markCommitRangesPending,
  upsertCommitRows,
} from './CommitHistoryStore';
import { LedgerVisibility, whereVisibleTo } from './visibleTo';
import { whereInList } from '../database/inList';

/** A deployment as the ingestion paths hand it to the store. */
export type DeploymentInput = {
  source: string;
  externalId: string;
  entityRef?: string;
  subject?: string;
  environment: string;
  production: boolean;
  version?: string;
  commitSha?: string;
  status: DeploymentStatus;
  startedAt: Date;
  finishedAt?: Date;
  url?: string;
  message?: string;
  /** When the source last changed it; an older update never overwrites a newer one. */
  updatedAt: Date;
  changes?: ChangeInput[];
};

/** A commit as the ingestion paths hand it to the store. */
export type ChangeInput = {
  sha: string;
  author?: string;
  authoredAt?: Date;
  committedAt?: Date;
  message?: string;
};

/** Filters for {@link DeploymentStore.list}. */
export type DeploymentFilter = {
  /** Deployments linked to this entity ... */
  entityRef?: string;
  /** ... or naming one of these link keys (the entity's annotations). */
  linkKeys?: string[];
  environment?: string;
  source?: string;
  since?: Date;
  limit?: number;
  /** Only what a caller may see (undefined: everything). */
  visibleTo?: LedgerVisibility;
};

type DeploymentRow = {
  id: string;
  source: string;
  external_id: string;
  entity_ref: string | null;
  subject: string | null;
  environment: string;
  is_production: boolean | number;
  version: string | null;
  commit_sha: string | null;
  status: DeploymentStatus;
  started_at: Date | string | number;
  finished_at: Date | string | number | null;
  url: string | null;
  message: string | null;
};

const TABLE = 'paved_deployments';

/** Rows per insert statement of {@link DeploymentStore.recordMany}. */
const BULK_ROWS = 200;

/** What {@link DeploymentStore.recordMany} reads of existing rows. */
const STATE_COLUMNS = [
  'id',
  'external_id',
  'status',
  'source_updated_at',
  'started_at',
  'entity_ref',
  'subject',
  'version',
  'commit_sha',
  'url',
  'finished_at',
];

/** How far along its lifecycle a status is. */
const STATUS_RANK: Record<DeploymentStatus, number> = {
  unknown: 0,
  pending: 0,
  in_progress: 1,
  success: 2,
  failure: 2,
  error: 2,
  cancelled: 2,
};

/**
 * Deployments and the commits they shipped. Writes are idempotent: the
 * unique key (source, external id) makes a repeated record a no-op and an
 * update only wins when its source time is newer than the stored one.
 */
export class DeploymentStore {
  constructor(private readonly db: Knex) {}

  /**
   * Inserts or updates one deployment. Returns whether a row was created and
   * whether anything changed.
   */
  async record(
    recorded: DeploymentInput,
    tx?: Knex.Transaction,
  ): Promise<{ deployment: Deployment; created: boolean; changed: boolean }> {
    const input = normaliseInput(recorded);
    const run = async (trx: Knex.Transaction) => {
      const now = new Date();
      const id = randomUUID();
      await trx(TABLE)
        .insert(insertRow(id, input, now))
        .onConflict(['source', 'external_id'])
        .ignore();
      const existing = (await trx(TABLE)
        .where({ source: input.source, external_id: input.externalId })
        .first('id')) as { id: string };
      const created = existing.id === id;
      const changed =
        created || (await updateExisting(trx, existing.id, input, now));
      const changeSubject =
        input.subject ??
        (input.entityRef ? `paved.dev/entity=${input.entityRef}` : undefined);
      const changes = [...(input.changes ?? [])];
      if (input.commitSha && !changes.some(c => c.sha === input.commitSha)) {
        changes.push({ sha: input.commitSha });
      }
      if (changeSubject && changes.length) {
        await upsertChanges(
          trx,
          changeSubject,
          input.source,
          input.entityRef,
          changes,
        );
        await insertShippedChanges(
          trx,
          existing.id,
          changes.map(c => c.sha),
        );
      }
      // Its commit range (docs/dora.md) follows the record's latest state.
      if (changed) {
        await markCommitRangesPending(trx, [existing.id], {
          listed: Boolean(input.changes?.length),
        });
      }
      const deployment = await this.getWith(trx, existing.id);
      return { deployment: deployment!, created, changed };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  /**
   * Records many deployments by {@link record}'s rules in the caller's
   * transaction, for bulk writers (orchestrator events): new rows in one
   * insert per chunk, existing ones through the same conditional update.
   * Inputs carry no commits (`changes`, `commitSha`). Returns, per input,
   * its row id and whether it created or changed the row.
   */
  async recordMany(
    recorded: DeploymentInput[],
    trx: Knex.Transaction,
  ): Promise<Array<{ id: string; created: boolean; changed: boolean }>> {
    const inputs = recorded.map(r => {
      if (r.changes?.length || r.commitSha) {
        throw new Error('recordMany takes deployments without commits');
      }
      return normaliseInput(r);
    });
    const now = new Date();
    const planned = inputs.map(() => randomUUID());
    const rows = inputs.map((input, i) => insertRow(planned[i], input, now));
    for (let i = 0; i < rows.length; i += BULK_ROWS) {
      await trx(TABLE)
        .insert(rows.slice(i, i + BULK_ROWS))
        .onConflict(['source', 'external_id'])
        .ignore();
    }
    const stored = new Map<string, StoredState>();
    const key = (source: string, externalId: string) =>
      `${source}\u0000${externalId}`;
    for (const source of new Set(inputs.map(i => i.source))) {
      const query = trx(TABLE).where({ source });
      whereInList(
        trx,
        query,
        'external_id',
        inputs.filter(i => i.source === source).map(i => i.externalId),
      );
      for (const row of await query.select(STATE_COLUMNS)) {
        stored.set(key(source, row.external_id), row);
      }
    }
    const results: Array<{ id: string; created: boolean; changed: boolean }> =
      [];
    for (const [i, input] of inputs.entries()) {
      const row = stored.get(key(input.source, input.externalId))!;
      // Of several inputs of one deployment only the first can create it;
      // the others update it in order, as separate record() calls would.
      const created = row.id === planned[i];
      const changed =
        created ||
        (mayChange(row, input) &&
          (await updateExisting(trx, row.id, input, now)));
      results.push({ id: row.id, created, changed });
    }
    // In id order: two writers marking overlapping rows lock them in the
    // same order.
    await markCommitRangesPending(
      trx,
      [...new Set(results.filter(r => r.changed).map(r => r.id))].sort(),
    );
    return results;
  }

  async get(id: string): Promise<Deployment | undefined> {
    return this.getWith(this.db, id);
  }

  /** Looks a deployment up by its source's id. */
  async getByExternalId(
    source: string,
    externalId: string,
    db: Knex = this.db,
  ): Promise<Deployment | undefined> {
    const row = await db(TABLE)
      .where({ source, external_id: externalId })
      .first('id');
    return row ? this.getWith(db, row.id) : undefined;
  }

  /** Newest first. */
  async list(filter: DeploymentFilter): Promise<Deployment[]> {
    const query = this.db<DeploymentRow>(TABLE).select();
    if (filter.entityRef || filter.linkKeys?.length) {
      query.where(q => {
        if (filter.entityRef) q.orWhere('entity_ref', filter.entityRef);
        if (filter.linkKeys?.length) q.orWhereIn('subject', filter.linkKeys);
      });
    }
    whereVisibleTo(this.db, query, filter.visibleTo);
    if (filter.environment) query.where('environment', filter.environment);
    if (filter.source) query.where('source', filter.source);
    if (filter.since) query.where('started_at', '>=', filter.since);
    const rows = await query
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(Math.min(Math.max(filter.limit ?? 50, 1), 500));
    const changes = await loadChanges(
      this.db,
      rows.map(r => r.id),
    );
    return rows.map(row => toDeployment(row, changes.get(row.id) ?? []));
  }

  /** Links records that name a link key to the entity that claims it. */
  async linkSubject(subject: string, entityRef: string): Promise<number> {
    let linked = 0;
    const deployments = await this.db(TABLE)
      .where({ subject })
      .whereNull('entity_ref')
      .pluck('id');
    for (const table of [TABLE, 'paved_incidents', 'paved_changes']) {
      linked += await this.db(table)
        .where({ subject })
        .whereNull('entity_ref')
        .update({ entity_ref: entityRef });
    }
    // A deployment's previous deployment is its entity's: resolve again.
    await markCommitRangesPending(this.db, deployments);
    return linked;
  }

  /** Link keys that records name but no entity has claimed yet. */
  async unlinkedSubjects(limit = 500): Promise<string[]> {
    const subjects = new Set<string>();
    for (const table of [TABLE, 'paved_incidents', 'paved_changes']) {
      const rows = await this.db(table)
        .distinct('subject')
        .whereNull('entity_ref')
        .whereNotNull('subject')
        .limit(limit);
      rows.forEach(r => subjects.add(r.subject));
    }
    return [...subjects].slice(0, limit);
  }

  private async getWith(db: Knex, id: string): Promise<Deployment | undefined> {
    const row = await db<DeploymentRow>(TABLE).where({ id }).first();
    if (!row) return undefined;
    const changes = await loadChanges(db, [id]);
    return toDeployment(row, changes.get(id) ?? []);
  }
}

/**
 * The input as stored: only http(s) links are kept (a sender's javascript:
 * or data: URL is dropped rather than shown as a link), and link keys in
 * one spelling, as the webhooks and entities write them.
 */
function normaliseInput(recorded: DeploymentInput): DeploymentInput {
  let input = recorded;
  if (input.url && !isHttpUrl(input.url)) {
    input = { ...input, url: undefined };
  }
  if (input.subject) {
    input = { ...input, subject: normaliseLinkKey(input.subject) };
  }
  return input;
}

function insertRow(id: string, input: DeploymentInput, now: Date) {
  return {
    id,
    source: input.source,
    external_id: input.externalId,
    entity_ref: input.entityRef ?? null,
    subject: input.subject ?? null,
    environment: input.environment,
    is_production: input.production,
    version: input.version ?? null,
    commit_sha: input.commitSha ?? null,
    status: input.status,
    started_at: input.startedAt,
    finished_at: input.finishedAt ?? null,
    url: input.url ?? null,
    message: input.message ?? null,
    source_updated_at: input.updatedAt,
    created_at: now,
    updated_at: now,
  };
}

/** What {@link mayChange} compares, as stored. */
type StoredState = Pick<
  DeploymentRow,
  | 'id'
  | 'external_id'
  | 'status'
  | 'started_at'
  | 'entity_ref'
  | 'subject'
  | 'version'
  | 'commit_sha'
  | 'url'
  | 'finished_at'
> & { source_updated_at: Date | string | number };

/**
 * Whether {@link updateExisting} could change the row as read: a bulk
 * write skips the rest (repeats, older updates). A row only moves forward
 * (newer state, fields filled in, earlier start), so a stale read never
 * skips a change that is due.
 */
function mayChange(row: StoredState, input: DeploymentInput): boolean {
  const stored = toDate(row.source_updated_at).getTime();
  const at = input.updatedAt.getTime();
  if (
    stored < at ||
    (stored === at && STATUS_RANK[row.status] < STATUS_RANK[input.status])
  ) {
    return true;
  }
  const fills: Array<[unknown, unknown]> = [
    [row.entity_ref, input.entityRef],
    [row.subject, input.subject],
    [row.version, input.version],
    [row.commit_sha, input.commitSha],
    [row.url, input.url],
    [row.finished_at, input.finishedAt],
  ];
  if (
    fills.some(
      ([has, given]) => has === null && given !== undefined && given !== null,
    )
  ) {
    return true;
  }
  return toDate(row.started_at).getTime() > input.startedAt.getTime();
}

/**
 * Applies an input to its existing row: a newer update from the source
 * replaces the state, any update fills in what the row does not know yet,
 * and the earliest known start wins. Returns whether anything changed.
 */
async function updateExisting(
  trx: Knex.Transaction,
  id: string,
  input: DeploymentInput,
  now: Date,
): Promise<boolean> {
  // One statement (events arrive by the thousand), whose conditions the
  // database evaluates against the row as it is when the update runs.
  // A newer update from the source replaces the state. At the same source
  // time a status further along its lifecycle wins, so "in_progress" then
  // "success" sent with one timestamp still ends as success, and a repeat
  // changes nothing.
  const behind = DEPLOYMENT_STATUSES.filter(
    st => STATUS_RANK[st] < STATUS_RANK[input.status],
  );
  const newer = behind.length
    ? `(source_updated_at < ? OR (source_updated_at = ? AND status IN (${behind
        .map(() => '?')
        .join(', ')})))`
    : '(source_updated_at < ?)';
  const newerBindings: Knex.Value[] = behind.length
    ? [input.updatedAt, input.updatedAt, ...behind]
    : [input.updatedAt];
  const ifNewer = (column: string, value: Knex.Value) =>
    trx.raw(`CASE WHEN ${newer} THEN ? ELSE ?? END`, [
      ...newerBindings,
      value,
      column,
    ]);
  const set: Record<string, Knex.Raw> = {
    status: ifNewer('status', input.status),
    environment: ifNewer('environment', input.environment),
    is_production: ifNewer('is_production', input.production),
    source_updated_at: ifNewer('source_updated_at', input.updatedAt),
    updated_at: ifNewer('updated_at', now),
  };
  if (input.message !== undefined) {
    set.message = ifNewer('message', input.message ?? null);
  }
  // Any update fills in what the record does not know yet; a newer one
  // also replaces what it knows.
  const conditions = [newer];
  const conditionBindings = [...newerBindings];
  const fills: Array<[string, Knex.Value | undefined, boolean]> = [
    ['entity_ref', input.entityRef, false],
    ['subject', input.subject, false],
    ['version', input.version, true],
    ['commit_sha', input.commitSha, true],
    ['url', input.url, true],
    ['finished_at', input.finishedAt, true],
  ];
  for (const [column, value, replacedWhenNewer] of fills) {
    if (value === undefined || value === null) continue;
    set[column] =
      replacedWhenNewer && value
        ? trx.raw(`CASE WHEN ${newer} THEN ? ELSE COALESCE(??, ?) END`, [
            ...newerBindings,
            value,
            column,
            value,
          ])
        : trx.raw('COALESCE(??, ?)', [column, value]);
    conditions.push('?? IS NULL');
    conditionBindings.push(column);
  }
  // The earliest known start wins (a status can arrive first).
  set.started_at = trx.raw(
    'CASE WHEN started_at > ? THEN ? ELSE started_at END',
    [input.startedAt, input.startedAt],
  );
  conditions.push('started_at > ?');
  conditionBindings.push(input.startedAt);

  const updated = await trx(TABLE)
    .where({ id })
    .whereRaw(`(${conditions.join(' OR ')})`, conditionBindings)
    .update(set);
  return updated > 0;
}

async function upsertChanges(
  db: Knex,
  subject: string,
  source: string,
  entityRef: string | undefined,
  changes: ChangeInput[],
) {
  // Insert what is new; fill in details a later record knows.
  await upsertCommitRows(
    db,
    changes.map(change => ({ subject, source, entityRef, change })),
  );
}

/**
 * Links a deployment to commits it shipped. A cherry-pick whose original
 * commit Paved knows is stored as that original (with the cherry-pick as
 * `shipped_sha`), so the change counts once, from its original commit
 * time (docs/dora.md); a commit already stored that way is not added again.
 */
export async function insertShippedChanges(
  db: Knex,
  deploymentId: string,
  shas: string[],
): Promise<void> {
  if (!shas.length) return;
  const originals = await cherryPickOriginals(db, shas);
  const carried = new Set<string>(
    await db('paved_deployment_changes')
      .where({ deployment_id: deploymentId })
      .whereIn('shipped_sha', shas)
      .pluck('shipped_sha'),
  );
  const rows = new Map<string, { sha: string; shipped_sha: string | null }>();
  for (const sha of shas) {
    if (carried.has(sha)) continue;
    const original = originals.get(sha);
    rows.set(original ?? sha, {
      sha: original ?? sha,
      shipped_sha: original ? sha : null,
    });
  }
  if (!rows.size) return;
  await db('paved_deployment_changes')
    .insert(
      [...rows.values()].map(r => ({ deployment_id: deploymentId, ...r })),
    )
    .onConflict(['deployment_id', 'sha'])
    .ignore();
}

/** A link key with its value spelled as linkKey() spells it. */
function normaliseLinkKey(subject: string): string {
  const trimmed = subject.trim();
  const at = trimmed.indexOf('=');
  return at > 0
    ? linkKey(trimmed.slice(0, at).trim(), trimmed.slice(at + 1))
    : trimmed;
}

/** Records commits pushed to a repository (before any deployment ships them). */
export async function recordChanges(
  db: Knex,
  options: {
    subject: string;
    source: string;
    entityRef?: string;
    changes: ChangeInput[];
  },
): Promise<void> {
  if (!options.changes.length) return;
  await upsertChanges(
    db,
    options.subject,
    options.source,
    options.entityRef,
    options.changes,
  );
}

async function loadChanges(
  db: Knex,
  ids: string[],
): Promise<Map<string, DeploymentChange[]>> {
  const result = new Map<string, DeploymentChange[]>();
  if (!ids.length) return result;
  const rows = await db('paved_deployment_changes as dc')
    .join(`${TABLE} as d`, 'd.id', 'dc.deployment_id')
    .leftJoin('paved_changes as c', function joinChanges() {
      this.on('c.sha', '=', 'dc.sha').andOn(
        'c.subject',
        '=',
        // Same rule as record(): the subject, else the entity.
        db.raw("COALESCE(d.subject, 'paved.dev/entity=' || d.entity_ref)"),
      );
    })
    .whereIn('dc.deployment_id', ids)
    .select(
      'dc.deployment_id',
      'dc.sha',
      'c.author',
      'c.authored_at',
      'c.committed_at',
      'c.message',
    )
    .orderBy('dc.sha');
  for (const row of rows) {
    const list = result.get(row.deployment_id) ?? [];
    list.push({
      sha: row.sha,
      author: row.author ?? undefined,
      authoredAt: toIso(row.authored_at),
      committedAt: toIso(row.committed_at),
      message: row.message ?? undefined,
    });
    result.set(row.deployment_id, list);
  }
  return result;
}

function toDeployment(
  row: DeploymentRow,
  changes: DeploymentChange[],
): Deployment {
  return {
    id: row.id,
    source: row.source,
    externalId: row.external_id,
    entityRef: row.entity_ref ?? undefined,
    subject: row.subject ?? undefined,
    environment: row.environment,
    production: Boolean(row.is_production),
    version: row.version ?? undefined,
    commitSha: row.commit_sha ?? undefined,
    status: row.status,
    startedAt: toDate(row.started_at).toISOString(),
    finishedAt: toIso(row.finished_at),
    url: row.url ?? undefined,
    message: row.message ?? undefined,
    changes,
  };
}
