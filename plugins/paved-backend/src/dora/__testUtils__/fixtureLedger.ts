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
import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { DeploymentStore, IncidentStore } from '../../deployments';
import { applyDatabaseMigrations } from '../../database/migrations';
import { CommitRangeCoverage } from '../CommitRangeCoverage';
import { DEFAULT_DORA_BANDS } from '../config';
import { DoraEntityDirectory } from '../DoraEntityDirectory';
import { DoraQueries } from '../DoraQueries';
import { DoraRollups } from '../DoraRollups';
import { DoraService } from '../DoraService';
import { recordDoraDeploymentFields } from '../ledgerFields';

/** Applies the plugin's migrations to a test database. */
export async function migrate(knex: Knex): Promise<Knex> {
  await applyDatabaseMigrations(
    { getClient: async () => knex } as unknown as DatabaseService,
    knex,
  );
  return knex;
}

/**
 * Writes fixture records through the ledger's own stores (so the DORA
 * triggers see real writes), with short notation for times and commits.
 */
export class FixtureLedger {
  private readonly deployments: DeploymentStore;
  private readonly incidents: IncidentStore;

  constructor(private readonly db: Knex) {
    this.deployments = new DeploymentStore(db);
    this.incidents = new IncidentStore(db);
  }

  /**
   * A deployment; `finished` is ISO 8601, commits are [sha, committedAt]
   * or [sha, committedAt, message].
   */
  async deploy(
    entity: string,
    d: {
      id: string;
      finished: string;
      environment?: string;
      status?: 'success' | 'failure' | 'error' | 'in_progress';
      run?: string;
      rolledBack?: boolean;
      kind?: 'deploy' | 'rollback' | 'plan' | 'destroy';
      labels?: string[];
      commits?: Array<[string, string] | [string, string, string]>;
    },
  ): Promise<string> {
    const finished = new Date(d.finished);
    const environment = d.environment ?? 'production';
    const { deployment } = await this.deployments.record({
      source: 'fixture',
      externalId: d.id,
      entityRef: entity,
      environment,
      production: environment === 'production',
      status: d.status ?? 'success',
      startedAt: new Date(finished.getTime() - 5 * 60 * 1000),
      finishedAt: d.status === 'in_progress' ? undefined : finished,
      updatedAt: finished,
      changes: d.commits?.map(([sha, committedAt]) => ({
        sha,
        committedAt: new Date(committedAt),
      })),
    });
    await recordDoraDeploymentFields(this.db, deployment.id, {
      pipelineRun: d.run,
      rolledBack: d.rolledBack,
      kind: d.kind,
      labels: d.labels,
      changes: d.commits?.map(([, , message]) => ({ message })),
    });
    return deployment.id;
  }

  /**
   * An incident; `deployment` is the fixture id of the deployment it names.
   */
  async incident(
    entity: string,
    i: { id: string; opened: string; resolved?: string; deployment?: string },
  ): Promise<void> {
    let deploymentId: string | undefined;
    if (i.deployment) {
      deploymentId = (
        await this.deployments.getByExternalId('fixture', i.deployment)
      )?.id;
      if (!deploymentId)
        throw new Error(`no fixture deployment ${i.deployment}`);
    }
    await this.incidents.record({
      source: 'fixture',
      externalId: i.id,
      entityRef: entity,
      title: i.id,
      status: i.resolved ? 'resolved' : 'open',
      openedAt: new Date(i.opened),
      resolvedAt: i.resolved ? new Date(i.resolved) : undefined,
      deploymentId,
      updatedAt: new Date(i.resolved ?? i.opened),
    });
  }
}

/** A catalog Component with an owner and a system. */
export function component(
  name: string,
  owner: string,
  system?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner, system },
  };
}

/** A DoraService over a test database, with the default bands. */
export function doraService(
  db: Knex,
  options: {
    timeZone?: string;
    entities?: Entity[];
    productionEnvironments?: string[];
    now?: string;
  } = {},
): {
  service: DoraService;
  rollups: DoraRollups;
  directory: DoraEntityDirectory;
} {
  const rollups = new DoraRollups(db, {
    environments: options.productionEnvironments,
  });
  const directory = new DoraEntityDirectory({
    db,
    catalog: catalogServiceMock({ entities: options.entities ?? [] }),
    auth: mockServices.auth(),
  });
  const service = new DoraService({
    config: {
      timeZone: options.timeZone ?? 'UTC',
      productionEnvironments: options.productionEnvironments,
      bands: DEFAULT_DORA_BANDS,
    },
    rollups,
    queries: new DoraQueries(db),
    directory,
    coverage: new CommitRangeCoverage(db),
    now: () => new Date(options.now ?? '2026-09-28T12:00:00Z'),
  });
  return { service, rollups, directory };
}
