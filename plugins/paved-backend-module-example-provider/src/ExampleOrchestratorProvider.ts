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
import { RootConfigService } from '@backstage/backend-plugin-api';
import { ScoreWorkload } from '@paved/plugin-paved-common';
import {
  OrchestratorDeployment,
  OrchestratorEnvironment,
  OrchestratorProvider,
  OrchestratorTarget,
} from '@paved/plugin-paved-node';

/** The annotation naming an entity's project, shared by every provider. */
export const PROJECT_ANNOTATION = 'paved.dev/orchestrator-project';

/** Options of {@link ExampleOrchestratorProvider}. */
export type ExampleOrchestratorProviderOptions = {
  /** Provider id; default `example`. */
  id?: string;
  title?: string;
  /** Environment types that count as production; default `production`. */
  productionEnvironmentTypes?: string[];
  /**
   * Address of an environment, with `{project}` and `{environment}`
   * replaced; default `http://{environment}.{project}.localhost`.
   */
  environmentUrlTemplate?: string;
  /** Clock, for tests. */
  now?: () => Date;
};

type StoredDeployment = OrchestratorDeployment & { workload: ScoreWorkload };

/**
 * A minimal orchestrator provider that keeps projects, environments and
 * deployments in memory and "deploys" by recording the Score workload. It
 * is the example `docs/orchestrators.md` walks through and the orchestrator
 * the Paved tests (and the development portal) run previews against. It
 * runs nothing: its deployments succeed at once, and it says so in their
 * message, so nobody mistakes it for a real orchestrator.
 *
 * @public
 */
export class ExampleOrchestratorProvider implements OrchestratorProvider {
  static fromConfig(
    config: RootConfigService,
  ): ExampleOrchestratorProvider | undefined {
    const c = config.getOptionalConfig('paved.orchestrators.example');
    // enabled: false lets a production config switch off the development one.
    if (!c || c.getOptionalBoolean('enabled') === false) return undefined;
    return new ExampleOrchestratorProvider({
      id: c.getOptionalString('id'),
      title: c.getOptionalString('title'),
      productionEnvironmentTypes: c.getOptionalStringArray(
        'productionEnvironmentTypes',
      ),
      environmentUrlTemplate: c.getOptionalString('environmentUrlTemplate'),
    });
  }

  readonly id: string;
  readonly title: string;
  readonly type = 'example';
  readonly entityAnnotations = [PROJECT_ANNOTATION];

  private readonly projects = new Map<string, { displayName?: string }>();
  private readonly environments = new Map<string, OrchestratorEnvironment>();
  private readonly deployments: StoredDeployment[] = [];
  private readonly byIdempotencyKey = new Map<string, StoredDeployment>();
  private readonly productionTypes: string[];
  private readonly urlTemplate: string;
  private readonly now: () => Date;
  private sequence = 0;

  constructor(options: ExampleOrchestratorProviderOptions = {}) {
    this.id = options.id ?? 'example';
    this.title = options.title ?? 'Example orchestrator (in memory)';
    this.productionTypes = options.productionEnvironmentTypes ?? ['production'];
    this.urlTemplate =
      options.environmentUrlTemplate ??
      'http://{environment}.{project}.localhost';
    this.now = options.now ?? (() => new Date());
  }

  targetForEntity(entity: {
    metadata: { name: string; annotations?: Record<string, string> };
  }): OrchestratorTarget | undefined {
    const projectId = entity.metadata.annotations?.[PROJECT_ANNOTATION];
    return projectId ? { projectId } : undefined;
  }

  async createProject(input: { projectId: string; displayName?: string }) {
    const created = !this.projects.has(input.projectId);
    if (created) {
      this.projects.set(input.projectId, { displayName: input.displayName });
    }
    return { projectId: input.projectId, created };
  }

  async createEnvironment(input: {
    projectId: string;
    environmentId: string;
    environmentType: string;
    displayName?: string;
  }) {
    // Like a real orchestrator, environments live in a project; creating
    // one in an unknown project creates the project (the demo has no
    // separate onboarding step).
    await this.createProject({ projectId: input.projectId });
    const key = `${input.projectId}/${input.environmentId}`;
    const existing = this.environments.get(key);
    if (existing) return { environment: existing, created: false };
    const environment: OrchestratorEnvironment = {
      id: input.environmentId,
      projectId: input.projectId,
      displayName: input.displayName ?? input.environmentId,
      type: input.environmentType,
      production: this.productionTypes.includes(input.environmentType),
      status: 'active',
      createdAt: this.now().toISOString(),
      url: this.urlTemplate
        .replace('{project}', encodeURIComponent(input.projectId))
        .replace('{environment}', encodeURIComponent(input.environmentId)),
    };
    this.environments.set(key, environment);
    return { environment, created: true };
  }

  async deleteEnvironment(input: { projectId: string; environmentId: string }) {
    const deleted = this.environments.delete(
      `${input.projectId}/${input.environmentId}`,
    );
    return { deleted, pending: false };
  }

  async listEnvironments(projectId: string) {
    return [...this.environments.values()].filter(
      e => e.projectId === projectId,
    );
  }

  async deployScoreWorkload(input: {
    projectId: string;
    environmentId: string;
    workload: ScoreWorkload;
    idempotencyKey?: string;
    dryRun?: boolean;
  }): Promise<OrchestratorDeployment | { dryRun: true; summary: string }> {
    const environment = this.environments.get(
      `${input.projectId}/${input.environmentId}`,
    );
    if (!environment) {
      throw Object.assign(
        new Error(
          `Environment ${input.projectId}/${input.environmentId} does not exist in ${this.title}`,
        ),
        { name: 'NotFoundError' },
      );
    }
    const containers = Object.keys(input.workload.containers ?? {});
    if (input.dryRun) {
      return {
        dryRun: true,
        summary: `Would record workload ${
          input.workload.metadata.name
        } (${containers.join(', ')}) in ${environment.id}`,
      };
    }
    const repeated =
      input.idempotencyKey && this.byIdempotencyKey.get(input.idempotencyKey);
    if (repeated) return strip(repeated);
    const at = this.now().toISOString();
    const deployment: StoredDeployment = {
      id: `example-${++this.sequence}`,
      projectId: input.projectId,
      environmentId: input.environmentId,
      kind: 'deploy',
      status: 'success',
      rawStatus: 'recorded',
      message: `Recorded workload ${input.workload.metadata.name} (the example provider runs nothing)`,
      createdAt: at,
      completedAt: at,
      workload: input.workload,
    };
    this.deployments.push(deployment);
    if (input.idempotencyKey) {
      this.byIdempotencyKey.set(input.idempotencyKey, deployment);
    }
    return strip(deployment);
  }

  async listDeployments(query: {
    projectId?: string;
    environmentId?: string;
    since?: Date;
  }) {
    return this.deployments
      .filter(
        d =>
          (!query.projectId || d.projectId === query.projectId) &&
          (!query.environmentId || d.environmentId === query.environmentId) &&
          (!query.since || Date.parse(d.createdAt) >= query.since.getTime()),
      )
      .reverse()
      .map(strip);
  }

  async listLatestDeployments(query: { projectId?: string }) {
    const latest = new Map<string, OrchestratorDeployment>();
    for (const d of await this.listDeployments(query)) {
      const key = `${d.projectId}/${d.environmentId}`;
      if (!latest.has(key)) latest.set(key, d);
    }
    return [...latest.values()];
  }

  async getDeployment(id: string) {
    const found = this.deployments.find(d => d.id === id);
    return found ? strip(found) : undefined;
  }

  /**
   * Records a few labelled demo runs of `projectId` (development only: the
   * demo ledger's orchestrator runs, read by Paved's orchestrator sync like
   * any deployment): one a day in `development` and every other day in
   * `staging` over the last `days` days, the newest staging one failed.
   * Ids derive from the project and the UTC day, so the same day gives the
   * same runs and the ledger keeps one row each.
   */
  async recordDemoRuns(input: {
    projectId: string;
    days?: number;
  }): Promise<OrchestratorDeployment[]> {
    const days = input.days ?? 5;
    // No Score file behind demo runs: the workload only names the project.
    const workload: ScoreWorkload = {
      apiVersion: 'score.dev/v1b1',
      metadata: { name: input.projectId },
      containers: {},
    };
    const today = Date.UTC(
      this.now().getUTCFullYear(),
      this.now().getUTCMonth(),
      this.now().getUTCDate(),
    );
    const runs: OrchestratorDeployment[] = [];
    for (const environmentType of ['development', 'staging']) {
      await this.createEnvironment({
        projectId: input.projectId,
        environmentId: environmentType,
        environmentType,
      });
    }
    for (let day = days; day >= 1; day--) {
      const date = new Date(today - day * 86_400_000);
      const stamp = date.toISOString().slice(0, 10);
      const targets = day % 2 ? ['development', 'staging'] : ['development'];
      targets.forEach((environmentId, i) => {
        const failed = environmentId === 'staging' && day === 1;
        const at = new Date(date.getTime() + (10 + i) * 3_600_000);
        const deployment: StoredDeployment = {
          id: `example-demo-${input.projectId}-${environmentId}-${stamp}`,
          projectId: input.projectId,
          environmentId,
          kind: 'deploy',
          status: failed ? 'failure' : 'success',
          rawStatus: failed ? 'demo-failed' : 'recorded',
          message: failed
            ? `(demo) Deployment of ${workload.metadata.name} failed: a demo run of the example provider, nothing ran`
            : `(demo) Recorded workload ${workload.metadata.name}: a demo run of the example provider, nothing ran`,
          createdAt: at.toISOString(),
          completedAt: new Date(at.getTime() + 120_000).toISOString(),
          workload,
        };
        if (!this.deployments.some(d => d.id === deployment.id)) {
          this.deployments.push(deployment);
          runs.push(strip(deployment));
        }
      });
    }
    this.deployments.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return runs;
  }

  /** The Score workload a deployment recorded (what a real one would run). */
  workloadOf(id: string): ScoreWorkload | undefined {
    return this.deployments.find(d => d.id === id)?.workload;
  }
}

function strip({ workload: _, ...deployment }: StoredDeployment) {
  return deployment;
}
