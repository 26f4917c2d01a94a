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
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  OrchestratorDeploymentEvent,
  OrchestratorEnvironment,
  OrchestratorProvider,
} from '@paved/plugin-paved-node';
import { Knex } from 'knex';
import {
  DEFAULT_RETRY,
  EnvironmentLookup,
  OrchestratorSync,
  SyncRun,
} from '../OrchestratorSync';

/** How long a project's environments and the entity owners are reused. */
const CACHE_MS = 5 * 60_000;

/**
 * Writes deployment events of one provider to the ledger with the polling
 * sync's own mapping ({@link OrchestratorSync.recordEvents}: source
 * `orchestrator:<id>`, production flag from the project's environments,
 * owning entity from the catalog), a batch in one transaction.
 */
export class DeploymentEventWriter {
  private readonly environments = new Map<
    string,
    { at: number; value: Promise<OrchestratorEnvironment[]> }
  >();
  private owners?: { at: number; value: Map<string, string> };
  private readonly provider: OrchestratorProvider;

  constructor(
    private readonly options: {
      db: Knex;
      sync: OrchestratorSync;
      provider: OrchestratorProvider;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {
    const { provider } = options;
    // The provider with its environments cached: an event stream must not
    // turn into one environments request per event.
    this.provider = provider.listEnvironments
      ? Object.create(provider, {
          listEnvironments: {
            value: (projectId: string) => this.cachedEnvironments(projectId),
          },
        })
      : provider;
  }

  /**
   * Writes the events in one transaction, in deployment id order so two
   * replicas writing overlapping batches lock rows in the same order. Of
   * several events of one deployment only the newest are written (the
   * earliest creation time kept); the store orders the rest against what
   * it holds, so a late or repeated event changes nothing.
   */
  async write(events: OrchestratorDeploymentEvent[]): Promise<number> {
    const { db, sync } = this.options;
    const provider = this.provider;
    const newest = collapse(events);
    if (!newest.length) return 0;
    const run = new SyncRun(db, provider.id, new Date(), DEFAULT_RETRY);
    await run.loadErrors();
    const lookup = new EnvironmentLookup(provider, run);
    const owners = await this.entityOwners();
    // Orchestrator calls before the transaction, which then only writes.
    const production = await Promise.all(
      newest.map(e =>
        lookup.isProduction(e.deployment.projectId, e.deployment.environmentId),
      ),
    );
    await db.transaction(tx =>
      sync.recordEvents(
        `orchestrator:${provider.id}`,
        newest.map((e, i) => ({
          deployment: e.deployment,
          entityRef: owners.get(e.deployment.projectId),
          production: production[i],
          updatedAt: new Date(e.updatedAt),
        })),
        tx,
      ),
    );
    return newest.length;
  }

  private cachedEnvironments(projectId: string) {
    const hit = this.environments.get(projectId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const value = this.options.provider.listEnvironments!(projectId);
    this.environments.set(projectId, { at: Date.now(), value });
    // A failure is not kept: the sync's backoff decides when to ask again.
    value.catch(() => this.environments.delete(projectId));
    return value;
  }

  private async entityOwners(): Promise<Map<string, string>> {
    if (this.owners && Date.now() - this.owners.at < CACHE_MS) {
      return this.owners.value;
    }
    const { auth, sync, logger } = this.options;
    try {
      const value = await sync.entityOwners(
        this.provider,
        await auth.getOwnServiceCredentials(),
      );
      this.owners = { at: Date.now(), value };
    } catch (error) {
      // Records still name their project; the link task attaches them.
      logger.warn(
        `Could not read the entities of orchestrator '${
          this.provider.id
        }' for its events: ${isError(error) ? error.message : error}`,
      );
      this.owners = { at: Date.now(), value: this.owners?.value ?? new Map() };
    }
    return this.owners.value;
  }
}

/**
 * Per deployment, the events with the newest `updatedAt` (several when
 * they tie, in arrival order), with the earliest creation time seen; sorted
 * by deployment id.
 */
function collapse(
  events: OrchestratorDeploymentEvent[],
): OrchestratorDeploymentEvent[] {
  const byId = new Map<
    string,
    { newest: OrchestratorDeploymentEvent[]; createdAt: number }
  >();
  for (const e of events) {
    const at = Date.parse(e.updatedAt);
    const created = Date.parse(e.deployment.createdAt);
    const seen = byId.get(e.deployment.id);
    if (!seen) {
      byId.set(e.deployment.id, { newest: [e], createdAt: created });
      continue;
    }
    seen.createdAt = Math.min(seen.createdAt, created);
    const top = Date.parse(seen.newest[0].updatedAt);
    if (at > top) seen.newest = [e];
    else if (at === top) seen.newest.push(e);
  }
  return [...byId.keys()].sort().flatMap(id => {
    const { newest, createdAt } = byId.get(id)!;
    const first = new Date(createdAt).toISOString();
    return newest.map(e => ({
      ...e,
      deployment: { ...e.deployment, createdAt: first },
    }));
  });
}
