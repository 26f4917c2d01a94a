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
import { Config } from '@backstage/config';
import {
  InputError,
  NotFoundError,
  NotImplementedError,
} from '@backstage/errors';
import { DeploymentStatus } from '@paved/plugin-paved-common';
import {
  OrchestratorDeployment,
  OrchestratorDeploymentEvent,
  OrchestratorEnvironment,
  OrchestratorEventMessage,
  OrchestratorLogLine,
  OrchestratorProvider,
  OrchestratorTarget,
  readPlatformOrchestratorDeploymentEvent,
} from '@paved/plugin-paved-node';
import { randomUUID } from 'node:crypto';
import { PlatformOrchestratorClient } from './client/PlatformOrchestratorClient';
import { PoDeploymentSummary, PoEnvironment } from './client/types';
import { LOGS_IDENTITY_CONFIG_KEY, readLogsIdentity } from './logsIdentity';
import { scoreToManifest } from './scoreToManifest';

/** Annotations the provider reads, beside Paved's own. */
export const HUMANITEC_ANNOTATIONS = {
  orgId: 'humanitec.com/orgId',
  appId: 'humanitec.com/appId',
  pavedProject: 'paved.dev/orchestrator-project',
} as const;

/**
 * Maps the orchestrator's free-text deployment status. The vendored specs
 * show `executing`; the terraform provider checks for `succeeded`; other
 * words are matched by their stem.
 */
export function normaliseStatus(status: string): DeploymentStatus {
  const s = status.toLowerCase();
  if (s === 'succeeded' || s === 'success' || s === 'completed')
    return 'success';
  if (s.includes('fail')) return 'failure';
  if (s.includes('cancel') || s.includes('terminat') || s.includes('abort')) {
    return 'cancelled';
  }
  if (s === 'executing' || s.includes('progress') || s === 'running') {
    return 'in_progress';
  }
  if (
    s === 'pending' ||
    s === 'queued' ||
    s === 'created' ||
    s === 'planning'
  ) {
    return 'pending';
  }
  return 'unknown';
}

/**
 * What a deployment did, from its `mode` and `plan_only` (the data plane
 * spec's `by_mode` filter lists plan_only, deploy, rollback, rollback_plan
 * and destroy): a plan of anything is a plan, nothing changed.
 */
export function deploymentKind(
  d: Pick<PoDeploymentSummary, 'mode' | 'plan_only'>,
): NonNullable<OrchestratorDeployment['kind']> {
  const mode = (d.mode ?? '').toLowerCase();
  if (d.plan_only || mode === 'plan_only' || mode.endsWith('_plan')) {
    return 'plan';
  }
  if (mode === 'destroy') return 'destroy';
  if (mode === 'rollback') return 'rollback';
  return 'deploy';
}

/**
 * OrchestratorProvider for the Humanitec Platform Orchestrator (API v2),
 * hosted or self-hosted. Org and token come from config only.
 */
export class HumanitecOrchestratorProvider implements OrchestratorProvider {
  readonly type = 'platform-orchestrator';
  readonly entityAnnotations = [
    HUMANITEC_ANNOTATIONS.pavedProject,
    HUMANITEC_ANNOTATIONS.appId,
  ];

  static async fromConfig(
    config: Config,
    options: { fetch?: typeof fetch } = {},
  ): Promise<HumanitecOrchestratorProvider | undefined> {
    const c = config.getOptionalConfig('paved.orchestrators.humanitec');
    if (!c) return undefined;
    // Validated here so a wrong value stops the backend at startup with an
    // error naming the key (never the value).
    const logs = await readLogsIdentity(c);
    const client = new PlatformOrchestratorClient({
      apiUrl: c.getOptionalString('apiUrl') ?? 'https://api.humanitec.dev',
      orgId: c.getString('orgId'),
      token: c.getString('token'),
      logs,
      timeoutMs: c.getOptionalNumber('timeoutMs'),
      retries: c.getOptionalNumber('retries'),
      fetch: options.fetch,
    });
    return new HumanitecOrchestratorProvider({
      client,
      productionEnvironmentTypes: c.getOptionalStringArray(
        'productionEnvironmentTypes',
      ),
      workloadResourceType: c.getOptionalString('workloadResourceType'),
    });
  }

  readonly id: string;
  readonly title: string;
  private readonly client: PlatformOrchestratorClient;
  private readonly productionTypes: string[];
  private readonly workloadResourceType?: string;
  private readonly envCache = new Map<string, PoEnvironment>();

  constructor(options: {
    client: PlatformOrchestratorClient;
    id?: string;
    title?: string;
    productionEnvironmentTypes?: string[];
    workloadResourceType?: string;
  }) {
    this.client = options.client;
    this.id = options.id ?? 'humanitec';
    this.title =
      options.title ??
      `Humanitec Platform Orchestrator (${options.client.orgId})`;
    this.productionTypes = options.productionEnvironmentTypes ?? ['production'];
    this.workloadResourceType = options.workloadResourceType;
  }

  /**
   * The age recipient new deployments encrypt their runner logs to, from
   * `paved.orchestrators.humanitec.logsIdentity`; undefined without it
   * (then deployments keep no logs). Public, safe to show.
   */
  get logsRecipient(): string | undefined {
    return this.client.logsRecipient;
  }

  targetForEntity(entity: {
    metadata: { name: string; annotations?: Record<string, string> };
  }): OrchestratorTarget | undefined {
    const annotations = entity.metadata.annotations ?? {};
    const org = annotations[HUMANITEC_ANNOTATIONS.orgId];
    // An entity of another org is not ours: the org is never chosen by
    // what an entity (or a browser) says.
    if (org && org !== this.client.orgId) return undefined;
    const projectId =
      annotations[HUMANITEC_ANNOTATIONS.pavedProject] ??
      annotations[HUMANITEC_ANNOTATIONS.appId];
    return projectId ? { projectId } : undefined;
  }

  async createProject(input: { projectId: string; displayName?: string }) {
    const { created } = await this.client.createProject({
      id: input.projectId,
      ...(input.displayName ? { display_name: input.displayName } : {}),
    });
    return { projectId: input.projectId, created };
  }

  async createEnvironment(input: {
    projectId: string;
    environmentId: string;
    environmentType: string;
    displayName?: string;
  }) {
    const result = await this.client.createEnvironment(input.projectId, {
      id: input.environmentId,
      env_type_id: input.environmentType,
      ...(input.displayName ? { display_name: input.displayName } : {}),
    });
    const environment =
      result.environment ??
      (await this.client.getEnvironment(input.projectId, input.environmentId));
    if (!environment) {
      throw new Error(
        `Environment ${input.projectId}/${input.environmentId} exists but could not be read`,
      );
    }
    return {
      environment: this.toEnvironment(environment),
      created: result.created,
    };
  }

  async deleteEnvironment(input: { projectId: string; environmentId: string }) {
    const result = await this.client.deleteEnvironment(
      input.projectId,
      input.environmentId,
    );
    this.envCache.delete(`${input.projectId}/${input.environmentId}`);
    return result;
  }

  async listEnvironments(
    projectId: string,
  ): Promise<OrchestratorEnvironment[]> {
    const environments = await this.client.listEnvironments(projectId);
    environments.forEach(e => this.envCache.set(`${e.project_id}/${e.id}`, e));
    return environments.map(e => this.toEnvironment(e));
  }

  async deployScoreWorkload(input: {
    projectId: string;
    environmentId: string;
    workload: Parameters<typeof scoreToManifest>[0];
    idempotencyKey?: string;
    dryRun?: boolean;
  }): Promise<OrchestratorDeployment | { dryRun: true; summary: string }> {
    const manifest = scoreToManifest(input.workload, {
      workloadResourceType: this.workloadResourceType,
    });
    const result = await this.client.createDeployment(
      {
        project_id: input.projectId,
        env_id: input.environmentId,
        mode: 'deploy',
        manifest,
        ...(input.dryRun ? { is_dry_run: true } : {}),
        // The runner keeps logs only when given a recipient to encrypt them to.
        ...(this.client.logsRecipient
          ? { encrypted_logs_recipient: this.client.logsRecipient }
          : {}),
      },
      // Always send a key so the create is safe to retry.
      input.idempotencyKey ?? randomUUID(),
    );
    if (!('id' in result)) {
      return {
        dryRun: true,
        summary: `Dry run on runner ${result.runner_id}: ${JSON.stringify(
          result.diff,
        )}`,
      };
    }
    return this.toDeployment(result);
  }

  async listDeployments(query: {
    projectId?: string;
    environmentId?: string;
    since?: Date;
  }): Promise<OrchestratorDeployment[]> {
    const since = query.since?.getTime();
    const newer = (d: PoDeploymentSummary) =>
      since === undefined || Date.parse(d.created_at) >= since;
    // The API lists newest first; stop paging at a page with nothing newer.
    const all = await this.client.listDeployments(
      { projectId: query.projectId, envId: query.environmentId },
      page => since !== undefined && !page.some(newer),
    );
    return all
      .filter(newer)
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
      .map(d => this.toDeployment(d));
  }

  async listLatestDeployments(query: { projectId?: string }) {
    const last = await this.client.listLastDeployments({
      projectId: query.projectId,
    });
    return last.map(d => this.toDeployment(d));
  }

  async getDeployment(id: string) {
    const deployment = await this.client.getDeployment(id);
    return deployment
      ? this.toDeployment(this.requested(id, deployment))
      : undefined;
  }

  async waitForDeployment(id: string, options: { timeoutMs?: number } = {}) {
    return this.toDeployment(
      this.requested(
        id,
        await this.client.waitForDeploymentComplete(
          id,
          options.timeoutMs ?? 10 * 60_000,
        ),
      ),
    );
  }

  /**
   * Runner logs, decrypted by the orchestrator with the configured identity.
   * Without `logsIdentity` throws NotImplementedError saying to set it; for
   * a deployment without logs throws NotFoundError saying why there may be
   * none.
   */
  async getDeploymentLogs(id: string): Promise<OrchestratorLogLine[]> {
    if (!this.client.logsRecipient) {
      throw new NotImplementedError(
        `Deployment logs are not available from ${this.title}: set ${LOGS_IDENTITY_CONFIG_KEY} to an age identity (AGE-SECRET-KEY-1…) so that deployments created from then on keep encrypted runner logs Paved can read`,
      );
    }
    let text: string | undefined;
    try {
      text = await this.client.getDeploymentLogs(id);
    } catch (error) {
      if ((error as Error).name === 'InputError') {
        throw new InputError(
          `${
            (error as Error).message
          }. If the deployment's logs were encrypted to another recipient (${LOGS_IDENTITY_CONFIG_KEY} changed since), they cannot be read with the current one.`,
        );
      }
      throw error;
    }
    if (text === undefined) {
      throw new NotFoundError(
        `No logs for deployment ${id}: the orchestrator has none. It keeps runner logs for 30 days, and only for deployments created with a logs recipient (by Paved since ${LOGS_IDENTITY_CONFIG_KEY} was set), or the deployment does not exist.`,
      );
    }
    return text
      .split(/\r?\n/)
      .filter(line => line.trim())
      .map(line => {
        const m = line.match(
          /^(\d{4}-\d{2}-\d{2}T\S+)\s+(?:(DEBUG|INFO|WARN|WARNING|ERROR)\s+)?(.*)$/i,
        );
        return m
          ? { timestamp: m[1], level: m[2]?.toLowerCase(), message: m[3] }
          : { message: line };
      });
  }

  /**
   * The deployment the orchestrator answered with, when it is the one
   * asked for; anything else is an error rather than another deployment's
   * status under this id.
   */
  private requested<T extends PoDeploymentSummary>(id: string, d: T): T {
    if (d.id !== id) {
      throw new Error(
        `${this.title} answered with deployment ${d.id} when asked for ${id}`,
      );
    }
    return d;
  }

  /** Whether an environment counts as production, from its type. */
  isProduction(env: PoEnvironment | undefined, envId: string): boolean {
    return env
      ? this.productionTypes.includes(env.env_type_id)
      : /^prod/i.test(envId);
  }

  private toEnvironment(env: PoEnvironment): OrchestratorEnvironment {
    return {
      id: env.id,
      projectId: env.project_id,
      displayName: env.display_name,
      type: env.env_type_id,
      production: this.isProduction(env, env.id),
      status: env.status,
      createdAt: env.created_at,
    };
  }

  /**
   * A deployment event of this org (`io.platform-orchestrator.deployment.*`
   * CloudEvents, vendored `client/spec/events.yaml`); other orgs' events
   * are not ours.
   */
  deploymentFromEvent(
    message: OrchestratorEventMessage,
  ): OrchestratorDeploymentEvent | undefined {
    return readPlatformOrchestratorDeploymentEvent(message, {
      orgId: this.client.orgId,
      normaliseStatus,
    });
  }

  private toDeployment(d: PoDeploymentSummary): OrchestratorDeployment {
    return {
      id: d.id,
      projectId: d.project_id,
      environmentId: d.env_id,
      kind: deploymentKind(d),
      status: normaliseStatus(d.status),
      rawStatus: d.status,
      message: d.status_message || undefined,
      createdAt: d.created_at,
      completedAt: d.completed_at,
      createdBy: d.created_by,
    };
  }
}
