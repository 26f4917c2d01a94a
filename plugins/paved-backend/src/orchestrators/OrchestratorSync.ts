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
  OrchestratorProvider,
} from '@paved/plugin-paved-node';
import { Knex } from 'knex';
import { DeploymentStore, toDate } from '../deployments';

/** Deployments still changing this long after creation are re-read. */
const OVERLAP_MS = 60 * 60_000;
/** How far back the first run looks. */
const FIRST_RUN_MS = 30 * 24 * 60 * 60_000;
const TERMINAL = ['success', 'failure', 'error', 'cancelled'];

/**
 * Copies orchestrator deployments into the ledger on a scheduler task: one
 * shared, incremental job instead of polling per browser tab. Each run asks
 * every provider for deployments created since its stored cursor (minus an
 * overlap, so in-flight deployments get their final status) and re-reads
 * ledger rows still in flight. Writes are upserts on (source, external id),
 * so two replicas running it at once cannot duplicate a row.
 */
export class OrchestratorSync {
  private readonly deployments: DeploymentStore;

  constructor(
    private readonly options: {
      db: Knex;
      catalog: CatalogService;
      logger: LoggerService;
      providers: () => OrchestratorProvider[];
    },
  ) {
    this.deployments = new DeploymentStore(options.db);
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
        const message = isError(error) ? error.message : String(error);
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
    const state = await this.options
      .db('paved_orchestrator_sync')
      .where({ provider_id: provider.id })
      .first();
    const cursor = state?.cursor ? toDate(state.cursor) : undefined;
    const since = new Date(
      cursor ? cursor.getTime() - OVERLAP_MS : now.getTime() - FIRST_RUN_MS,
    );
    const source = `orchestrator:${provider.id}`;

    const fetched = await provider.listDeployments!({ since });
    // Rows still in flight from before the window get their final state.
    const stale = await this.options
      .db('paved_deployments')
      .where({ source })
      .whereIn('status', ['pending', 'in_progress', 'unknown'])
      .where('started_at', '<', since)
      .limit(50)
      .select('external_id');
    if (provider.getDeployment) {
      for (const { external_id } of stale) {
        const d = await provider.getDeployment(external_id);
        if (d) fetched.push(d);
      }
    }

    const owners = await this.entityOwners(provider, credentials);
    const production = await this.productionEnvironments(provider, fetched);
    let newest = cursor?.getTime() ?? 0;
    for (const d of fetched) {
      const startedAt = new Date(d.createdAt);
      const finishedAt =
        d.completedAt && TERMINAL.includes(d.status)
          ? new Date(d.completedAt)
          : undefined;
      await this.deployments.record({
        source,
        externalId: d.id,
        entityRef: owners.get(d.projectId),
        subject: linkKey('paved.dev/orchestrator-project', d.projectId),
        environment: d.environmentId,
        production:
          production.get(`${d.projectId}/${d.environmentId}`) ??
          /^prod/i.test(d.environmentId),
        status: d.status,
        startedAt,
        finishedAt,
        message: d.message,
        url: d.url,
        updatedAt: finishedAt ?? startedAt,
      });
      newest = Math.max(newest, startedAt.getTime());
    }
    await this.saveState(provider.id, {
      cursor: newest ? new Date(newest) : null,
      last_run_at: now,
      last_run_count: fetched.length,
      last_error: null,
    });
    return fetched.length;
  }

  /** projectId → entity ref, for entities this provider manages. */
  private async entityOwners(
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

  private async productionEnvironments(
    provider: OrchestratorProvider,
    deployments: OrchestratorDeployment[],
  ): Promise<Map<string, boolean>> {
    const result = new Map<string, boolean>();
    if (!provider.listEnvironments) return result;
    for (const projectId of new Set(deployments.map(d => d.projectId))) {
      for (const env of await provider.listEnvironments(projectId)) {
        result.set(`${projectId}/${env.id}`, env.production);
      }
    }
    return result;
  }

  private async saveState(providerId: string, values: Record<string, unknown>) {
    await this.options
      .db('paved_orchestrator_sync')
      .insert({ provider_id: providerId, ...values })
      .onConflict('provider_id')
      .merge(Object.keys(values));
  }
}
