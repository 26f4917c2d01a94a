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
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { linkKey } from '@paved/plugin-paved-common';
import {
  OrchestratorDeployment,
  OrchestratorEnvironment,
  OrchestratorProvider,
} from '@paved/plugin-paved-node';
import { Knex } from 'knex';
import { DeploymentInput, DeploymentStore, toDate } from '../deployments';
import { recordDoraDeploymentFields } from '../dora/ledgerFields';

/** Deployments still changing this long after creation are re-read. */
const OVERLAP_MS = 60 * 60_000;
/** How far back the first run looks. */
const FIRST_RUN_MS = 30 * 24 * 60 * 60_000;
const TERMINAL = ['success', 'failure', 'error', 'cancelled'];
/** In-flight ledger rows re-read per run. */
const STALE_PER_RUN = 50;
const ERRORS = 'paved_orchestrator_sync_errors';

/** What failed: a deployment (by the orchestrator's id) or a project. */
type Item = { type: 'deployment' | 'project'; id: string };

type ItemError = {
  item_type: string;
  item_id: string;
  attempts: number;
  next_attempt_at: Date | string | number;
};

/** Backoff of failing items: base × 2^(attempts − 1), at most max. */
export type SyncRetry = { baseMs: number; maxMs: number };

export const DEFAULT_RETRY: SyncRetry = { baseMs: 60_000, maxMs: 6 * 3600_000 };

/**
 * The failing items of one provider during one run: which are waiting for
 * their next attempt, which are due, and what failed in this run.
 */
export class SyncRun {
  private readonly stored = new Map<string, ItemError>();
  private readonly failures: string[] = [];

  constructor(
    private readonly db: Knex,
    private readonly providerId: string,
    private readonly now: Date,
    private readonly retry: SyncRetry,
  ) {}

  async loadErrors() {
    const rows: ItemError[] = await this.db(ERRORS)
      .where({ provider_id: this.providerId })
      .select('item_type', 'item_id', 'attempts', 'next_attempt_at');
    for (const row of rows) this.stored.set(key(row), row);
  }

  /** Failed items of a type whose next attempt is due. */
  due(type: Item['type']): string[] {
    return [...this.stored.values()]
      .filter(r => r.item_type === type && !this.waitingRow(r))
      .map(r => r.item_id);
  }

  /** Whether an item failed before and its next attempt is not due yet. */
  waiting(item: Item): boolean {
    const row = this.stored.get(key(item));
    return Boolean(row && this.waitingRow(row));
  }

  async succeeded(item: Item) {
    if (!this.stored.has(key(item))) return;
    await this.db(ERRORS)
      .where({
        provider_id: this.providerId,
        item_type: item.type,
        item_id: item.id,
      })
      .delete();
    this.stored.delete(key(item));
  }

  async failed(item: Item, error: unknown) {
    const reason = messageOf(error).slice(0, 2000);
    const attempts = (this.stored.get(key(item))?.attempts ?? 0) + 1;
    const delay = Math.min(
      this.retry.baseMs * 2 ** (attempts - 1),
      this.retry.maxMs,
    );
    const row = {
      provider_id: this.providerId,
      item_type: item.type,
      item_id: item.id.slice(0, 255),
      reason,
      attempts,
      first_failed_at: this.now,
      last_failed_at: this.now,
      next_attempt_at: new Date(this.now.getTime() + delay),
    };
    await this.db(ERRORS)
      .insert(row)
      .onConflict(['provider_id', 'item_type', 'item_id'])
      .merge(['reason', 'attempts', 'last_failed_at', 'next_attempt_at']);
    this.stored.set(key(row), row);
    this.failures.push(`${item.type} ${item.id}: ${reason}`);
  }

  /** What failed in this run, for the provider's state (null: nothing). */
  summary(): string | null {
    if (!this.failures.length) return null;
    const shown = this.failures.slice(0, 3).join('; ');
    const more = this.failures.length - 3;
    return `${
      this.failures.length
    } item(s) failed and will be retried: ${shown}${
      more > 0 ? `; and ${more} more` : ''
    }`.slice(0, 4000);
  }

  private waitingRow(row: ItemError) {
    return toDate(row.next_attempt_at).getTime() > this.now.getTime();
  }
}

/**
 * The environments of each project, asked for at most once per run. A
 * project whose environments cannot be read is recorded as failing (and
 * not asked again until its backoff is over); its deployments are then
 * production when the environment name starts with "prod", as the deploy
 * route assumes, until a later run reads the environments and corrects
 * them.
 */
export class EnvironmentLookup {
  private readonly cache = new Map<
    string,
    Promise<OrchestratorEnvironment[] | undefined>
  >();

  constructor(
    private readonly provider: OrchestratorProvider,
    private readonly run: SyncRun,
  ) {}

  of(projectId: string): Promise<OrchestratorEnvironment[] | undefined> {
    let found = this.cache.get(projectId);
    if (!found) {
      found = this.read(projectId);
      this.cache.set(projectId, found);
    }
    return found;
  }

  async isProduction(projectId: string, environmentId: string) {
    const environments = await this.of(projectId);
    return (
      environments?.find(e => e.id === environmentId)?.production ??
      /^prod/i.test(environmentId)
    );
  }

  private async read(projectId: string) {
    const item: Item = { type: 'project', id: projectId };
    if (!this.provider.listEnvironments || this.run.waiting(item)) {
      return undefined;
    }
    try {
      const environments = await this.provider.listEnvironments(projectId);
      await this.run.succeeded(item);
      return environments;
    } catch (error) {
      await this.run.failed(item, error);
      return undefined;
    }
  }
}

/**
 * Copies orchestrator deployments into the ledger on a scheduler task: one
 * shared, incremental job instead of polling per browser tab. Each run asks
 * every provider for deployments created since its stored cursor (minus an
 * overlap, so in-flight deployments get their final status) and re-reads
 * ledger rows still in flight. Writes are upserts on (source, external id),
 * so two replicas running it at once cannot duplicate a row.
 *
 * Plan-only and destroy runs are stored with their kind, which keeps them
 * out of the DORA metrics. A deployment or project that cannot be read or
 * written is recorded in paved_orchestrator_sync_errors with the reason and
 * tried again with exponential backoff; the rest of the run goes on. The
 * environments of a project are asked for once per run.
 */
export class OrchestratorSync {
  private readonly deployments: DeploymentStore;
  private readonly retry: SyncRetry;

  constructor(
    private readonly options: {
      db: Knex;
      catalog: CatalogService;
      logger: LoggerService;
      providers: () => OrchestratorProvider[];
      retry?: Partial<SyncRetry>;
    },
  ) {
    this.deployments = new DeploymentStore(options.db);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  async run(
    credentials: BackstageCredentials,
    now = new Date(),
  ): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const provider of this.options.providers()) {
      if (!provider.listDeployments) continue;
      try {
        counts[provider.id] = await this.syncProvider(
          provider,
          credentials,
          now,
        );
      } catch (error) {
        const message = messageOf(error);
        this.options.logger.warn(
          `Orchestrator sync of '${provider.id}' failed: ${message}`,
        );
        await this.saveState(provider.id, {
          last_run_at: now,
          last_error: message,
        });
      }
    }
    return counts;
  }

  private async syncProvider(
    provider: OrchestratorProvider,
    credentials: BackstageCredentials,
    now: Date,
  ): Promise<number> {
    const { db } = this.options;
    const state = await db('paved_orchestrator_sync')
      .where({ provider_id: provider.id })
      .first();
    const cursor = state?.cursor ? toDate(state.cursor) : undefined;
    const since = new Date(
      cursor ? cursor.getTime() - OVERLAP_MS : now.getTime() - FIRST_RUN_MS,
    );
    const source = `orchestrator:${provider.id}`;
    const run = new SyncRun(db, provider.id, now, this.retry);
    await run.loadErrors();

    // Listing is the run itself: when it fails, nothing can be synced.
    const listed = await provider.listDeployments!({ since });
    const fetched = [...listed];

    // Re-read rows still in flight from before the window, and deployments
    // that failed before and are due again.
    const stale: Array<{ external_id: string }> = await db('paved_deployments')
      .where({ source })
      .whereIn('status', ['pending', 'in_progress', 'unknown'])
      .where('started_at', '<', since)
      .orderBy('started_at')
      .limit(STALE_PER_RUN)
      .select('external_id');
    const reread = new Set(
      [...stale.map(r => r.external_id), ...run.due('deployment')].filter(
        id => !fetched.some(d => d.id === id),
      ),
    );
    if (provider.getDeployment) {
      for (const id of reread) {
        if (run.waiting({ type: 'deployment', id })) continue;
        try {
          const d = await provider.getDeployment(id);
          if (!d) {
            throw new Error(
              `${provider.title} no longer knows deployment ${id}`,
            );
          }
          if (d.id !== id) {
            throw new Error(
              `${provider.title} answered with deployment ${d.id} when asked for ${id}`,
            );
          }
          fetched.push(d);
        } catch (error) {
          await run.failed({ type: 'deployment', id }, error);
        }
      }
    }

    const owners = await this.entityOwners(provider, credentials);
    const environments = new EnvironmentLookup(provider, run);
    // Projects that failed before and are due: read again, and correct
    // the production flag of their rows written meanwhile.
    for (const projectId of run.due('project')) {
      const found = await environments.of(projectId);
      if (found) await this.correctProduction(source, projectId, found);
    }

    let newest = cursor?.getTime() ?? 0;
    let written = 0;
    for (const d of fetched) {
      const item: Item = { type: 'deployment', id: d.id };
      try {
        const production = await environments.isProduction(
          d.projectId,
          d.environmentId,
        );
        await this.record(source, d, owners.get(d.projectId), production);
        await run.succeeded(item);
        written++;
      } catch (error) {
        await run.failed(item, error);
      }
      if (listed.includes(d)) {
        newest = Math.max(newest, Date.parse(d.createdAt));
      }
    }
    await this.saveState(provider.id, {
      cursor: newest ? new Date(newest) : null,
      last_run_at: now,
      last_run_count: written,
      last_error: run.summary(),
    });
    return written;
  }

  /** Writes one deployment and its kind in one transaction. */
  private async record(
    source: string,
    d: OrchestratorDeployment,
    entityRef: string | undefined,
    production: boolean,
  ) {
    const input = ledgerInput(source, d, entityRef, production);
    await this.options.db.transaction(async tx => {
      const { deployment } = await this.deployments.record(input, tx);
      await recordDoraDeploymentFields(tx, deployment.id, {
        kind: d.kind ?? 'deploy',
      });
    });
  }

  /**
   * Writes deployments as events told them, with {@link record}'s mapping,
   * in one bulk write in `tx`. Each is ordered by its event's `updatedAt`;
   * what an event does not carry (the kind, the completion time) keeps
   * what is stored. Orchestrator records carry no pipeline run, so the
   * DORA fields are written only for a kind an event names.
   */
  async recordEvents(
    source: string,
    events: Array<{
      deployment: OrchestratorDeployment;
      entityRef?: string;
      production: boolean;
      updatedAt: Date;
    }>,
    tx: Knex.Transaction,
  ): Promise<void> {
    const results = await this.deployments.recordMany(
      events.map(e =>
        ledgerInput(
          source,
          e.deployment,
          e.entityRef,
          e.production,
          e.updatedAt,
        ),
      ),
      tx,
    );
    for (const [i, { deployment }] of events.entries()) {
      if (deployment.kind && results[i].changed) {
        await recordDoraDeploymentFields(tx, results[i].id, {
          kind: deployment.kind,
        });
      }
    }
  }

  /** Sets the production flag of a project's rows from its environments. */
  private async correctProduction(
    source: string,
    projectId: string,
    environments: OrchestratorEnvironment[],
  ) {
    const subject = linkKey('paved.dev/orchestrator-project', projectId);
    for (const env of environments) {
      await this.options
        .db('paved_deployments')
        .where({ source, subject, environment: env.id })
        .whereNot({ is_production: env.production })
        .update({ is_production: env.production });
    }
  }

  /** projectId → entity ref, for entities this provider manages. */
  async entityOwners(
    provider: OrchestratorProvider,
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    const annotations = [
      ...new Set([
        'paved.dev/orchestrator-project',
        ...(provider.entityAnnotations ?? []),
      ]),
    ];
    if (!provider.targetForEntity) return owners;
    const { items } = await this.options.catalog.getEntities(
      {
        filter: annotations.map(a => ({
          [`metadata.annotations.${a}`]: CATALOG_FILTER_EXISTS,
        })),
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    for (const entity of items) {
      const target = provider.targetForEntity(entity);
      if (target && !owners.has(target.projectId)) {
        owners.set(target.projectId, stringifyEntityRef(entity));
      }
    }
    return owners;
  }

  private async saveState(providerId: string, values: Record<string, unknown>) {
    await this.options
      .db('paved_orchestrator_sync')
      .insert({ provider_id: providerId, ...values })
      .onConflict('provider_id')
      .merge(Object.keys(values));
  }
}

/**
 * A provider's deployment as a ledger record: ordered by `updatedAt` when
 * an event gives it, else by its completion (or creation) time.
 */
function ledgerInput(
  source: string,
  d: OrchestratorDeployment,
  entityRef: string | undefined,
  production: boolean,
  updatedAt?: Date,
): DeploymentInput {
  const startedAt = new Date(d.createdAt);
  if (Number.isNaN(startedAt.getTime())) {
    throw new Error(`createdAt '${d.createdAt}' is not a time`);
  }
  const finishedAt =
    d.completedAt && TERMINAL.includes(d.status)
      ? new Date(d.completedAt)
      : undefined;
  return {
    source,
    externalId: d.id,
    entityRef,
    subject: linkKey('paved.dev/orchestrator-project', d.projectId),
    environment: d.environmentId,
    production,
    status: d.status,
    startedAt,
    finishedAt,
    message: d.message,
    url: d.url,
    updatedAt: updatedAt ?? finishedAt ?? startedAt,
  };
}

function key(item: Item | ItemError): string {
  return 'item_type' in item
    ? `${item.item_type}\u0000${item.item_id}`
    : `${item.type}\u0000${item.id}`;
}

function messageOf(error: unknown): string {
  return isError(error) ? error.message : String(error);
}
