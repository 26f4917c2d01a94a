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

import { DeploymentStatus, ScoreWorkload } from '@paved/plugin-paved-common';
import type {
  OrchestratorDeploymentEvent,
  OrchestratorEventMessage,
} from './deploymentEvents';

/**
 * Where an entity lives in an orchestrator: its project (application) and,
 * for operations on one environment, the environment.
 *
 * @public
 */
export type OrchestratorTarget = {
  projectId: string;
  environmentId?: string;
};

/**
 * An environment of a project in the orchestrator.
 *
 * @public
 */
export type OrchestratorEnvironment = {
  id: string;
  projectId: string;
  displayName?: string;
  /** The orchestrator's environment type, e.g. `development`. */
  type?: string;
  /** Whether Paved counts it as production (for DORA metrics). */
  production: boolean;
  status?: string;
  createdAt?: string;
  /** Where the environment's workloads answer, when the orchestrator knows it. */
  url?: string;
};

/**
 * A deployment as the orchestrator reports it.
 *
 * @public
 */
export type OrchestratorDeployment = {
  /** The orchestrator's id of the deployment. */
  id: string;
  projectId: string;
  environmentId: string;
  /**
   * What the run did: `deploy` (default when left out), `rollback` (to an
   * earlier deployment), `plan` (plan-only, nothing changed) or `destroy`.
   * Paved stores every kind but counts only deployments and rollbacks in
   * the DORA metrics.
   */
  kind?: 'deploy' | 'rollback' | 'plan' | 'destroy';
  /** Normalised status. */
  status: DeploymentStatus;
  /** The orchestrator's own status word, e.g. `succeeded`. */
  rawStatus: string;
  /** Status message; on failure, the error the orchestrator reported. */
  message?: string;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  completedAt?: string;
  createdBy?: string;
  /** Link to the deployment in the orchestrator's UI, if it has one. */
  url?: string;
};

/**
 * One line of a deployment's log.
 *
 * @public
 */
export type OrchestratorLogLine = {
  timestamp?: string;
  level?: string;
  message: string;
};

/**
 * A deployment orchestrator Paved talks to, implemented by a backend module
 * per vendor so the Paved core never names one.
 *
 * Every operation beyond `id`, `title` and `type` is optional: a provider
 * implements what its orchestrator offers, and Paved reports the others as
 * not supported instead of pretending. Implementations take credentials and
 * the organisation from backend config only; callers never choose them.
 * Errors are Backstage errors (`NotFoundError`, `ConflictError`,
 * `NotAllowedError`, `AuthenticationError`, `ServiceUnavailableError`, …)
 * with messages that name the operation and never include secrets.
 *
 * @public
 */
export interface OrchestratorProvider {
  /** Stable id, unique among the registered providers (e.g. `humanitec`). */
  readonly id: string;
  /** Human readable name shown in the portal. */
  readonly title: string;
  /** The kind of orchestrator, e.g. `platform-orchestrator`. */
  readonly type: string;

  /**
   * Annotations `targetForEntity` reads, so Paved can ask the catalog for
   * just the entities this provider may manage.
   */
  readonly entityAnnotations?: string[];

  /**
   * The project an entity maps to, from its annotations (the provider's
   * own and Paved's `paved.dev/orchestrator-project`), or undefined when
   * this provider does not manage the entity.
   */
  targetForEntity?(entity: {
    metadata: { name: string; annotations?: Record<string, string> };
  }): OrchestratorTarget | undefined;

  /** Creates a project (application); succeeds if it already exists. */
  createProject?(input: {
    projectId: string;
    displayName?: string;
  }): Promise<{ projectId: string; created: boolean; url?: string }>;

  /** Creates an environment in a project; succeeds if it already exists. */
  createEnvironment?(input: {
    projectId: string;
    environmentId: string;
    /** The orchestrator's environment type, e.g. `development`. */
    environmentType: string;
    displayName?: string;
  }): Promise<{ environment: OrchestratorEnvironment; created: boolean }>;

  /**
   * Deletes an environment with what runs in it (the orchestrator may first
   * run a destroy deployment). Succeeds if the environment does not exist;
   * `deleted: false` then; `pending: true` while the orchestrator is still
   * destroying it. Used for preview environments of pull requests.
   */
  deleteEnvironment?(input: {
    projectId: string;
    environmentId: string;
  }): Promise<{ deleted: boolean; pending?: boolean }>;

  /** Environments of a project, following every page. */
  listEnvironments?(projectId: string): Promise<OrchestratorEnvironment[]>;

  /**
   * Deploys a Score workload to an environment. `idempotencyKey` makes a
   * retried request return the first deployment.
   */
  deployScoreWorkload?(input: {
    projectId: string;
    environmentId: string;
    workload: ScoreWorkload;
    idempotencyKey?: string;
    dryRun?: boolean;
  }): Promise<OrchestratorDeployment | { dryRun: true; summary: string }>;

  /**
   * Deployments, newest first, created at or after `since` (all when
   * omitted), following every page.
   */
  listDeployments?(query: {
    projectId?: string;
    environmentId?: string;
    since?: Date;
  }): Promise<OrchestratorDeployment[]>;

  /** The latest deployment of each environment. */
  listLatestDeployments?(query: {
    projectId?: string;
  }): Promise<OrchestratorDeployment[]>;

  /** One deployment with its current status, or undefined if unknown. */
  getDeployment?(id: string): Promise<OrchestratorDeployment | undefined>;

  /** Waits (bounded) until a deployment completes and returns it. */
  waitForDeployment?(
    id: string,
    options?: { timeoutMs?: number },
  ): Promise<OrchestratorDeployment>;

  /** Log lines of a deployment, where the orchestrator keeps them. */
  getDeploymentLogs?(id: string): Promise<OrchestratorLogLine[]>;

  /**
   * Reads one message of the orchestrator's event stream (configured under
   * `paved.orchestrators.<id>.events`): undefined when it is not about one
   * of this provider's deployments; throws, with what is wrong, when it is
   * malformed (Paved then parks it).
   */
  deploymentFromEvent?(
    message: OrchestratorEventMessage,
  ): OrchestratorDeploymentEvent | undefined;
}
