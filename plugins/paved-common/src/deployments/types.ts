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

/**
 * Status of a deployment in the ledger, normalised across sources.
 *
 * @public
 */
export type DeploymentStatus =
  | 'pending'
  | 'in_progress'
  | 'success'
  | 'failure'
  | 'error'
  | 'cancelled'
  | 'unknown';

/** @public */
export const DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'pending',
  'in_progress',
  'success',
  'failure',
  'error',
  'cancelled',
  'unknown',
];

/**
 * A commit that a deployment shipped.
 *
 * @public
 */
export type DeploymentChange = {
  sha: string;
  author?: string;
  /** ISO 8601 */
  authoredAt?: string;
  /** ISO 8601 */
  committedAt?: string;
  message?: string;
};

/**
 * One deployment in the ledger.
 *
 * @public
 */
export type Deployment = {
  id: string;
  /** Where the record came from: `api`, `github`, `gitlab`, `argocd`, `generic`, or `orchestrator:<provider id>`. */
  source: string;
  /** Id of the deployment in its source; unique per source. */
  externalId: string;
  /** Catalog entity the deployment belongs to, once known. */
  entityRef?: string;
  /**
   * The link key the source named, as `annotation=value`, e.g.
   * `github.com/project-slug=acme/checkout`. Kept so a deployment for a
   * repository no entity claims yet links itself when the entity appears.
   */
  subject?: string;
  environment: string;
  production: boolean;
  version?: string;
  commitSha?: string;
  status: DeploymentStatus;
  /** ISO 8601 */
  startedAt: string;
  /** ISO 8601 */
  finishedAt?: string;
  url?: string;
  message?: string;
  changes: DeploymentChange[];
};

/**
 * One line of a deployment's log, as the orchestrator that made the
 * deployment keeps it (the shape of `OrchestratorLogLine` in
 * `@paved/plugin-paved-node`).
 *
 * @public
 */
export type DeploymentLogLine = {
  /** When the line was written, as the orchestrator reports it (usually ISO 8601). */
  timestamp?: string;
  /** Log level in lower case, e.g. `info` or `error`, when the line has one. */
  level?: string;
  message: string;
};

/**
 * Answer of `GET /v1/deployments/{id}/logs`: the log of a deployment made
 * through an orchestrator, oldest line first.
 *
 * @public
 */
export type DeploymentLogs = {
  lines: DeploymentLogLine[];
};

/**
 * What a CI system sends to record a deployment. Sending the same
 * `source` + `externalId` again updates the one record (newer `updatedAt`
 * wins for status and finish time).
 *
 * @public
 */
export type RecordDeploymentRequest = {
  /** Entity ref, e.g. `component:default/checkout`. Either this or `subject`. */
  entityRef?: string;
  /** A link key `annotation=value` when the entity is not known to the caller. */
  subject?: string;
  /** Defaults to `api`. */
  source?: string;
  externalId: string;
  environment: string;
  production?: boolean;
  version?: string;
  commitSha?: string;
  status: DeploymentStatus;
  startedAt?: string;
  finishedAt?: string;
  /** When the source last changed this deployment; orders out-of-order updates. */
  updatedAt?: string;
  url?: string;
  message?: string;
  changes?: DeploymentChange[];
  /**
   * Id of the CI pipeline run. Several records of one run for one
   * environment count as one deployment in the DORA metrics.
   */
  pipelineRun?: string;
  /** The deployment was rolled back (a change failure in the DORA metrics). */
  rolledBack?: boolean;
};

/**
 * Answer of recording a deployment.
 *
 * @public
 */
export type RecordDeploymentResult = {
  deployment: Deployment;
  /** False when the record already existed (a repeated or older update). */
  created: boolean;
};

/**
 * Severity, status and times of an incident.
 *
 * @public
 */
export type Incident = {
  id: string;
  source: string;
  externalId: string;
  entityRef?: string;
  subject?: string;
  title: string;
  severity?: string;
  status: 'open' | 'resolved';
  /** ISO 8601 */
  openedAt: string;
  /** ISO 8601 */
  resolvedAt?: string;
  /** Ledger id of the deployment that caused it, when known. */
  deploymentId?: string;
  url?: string;
};

/**
 * What a caller sends to record or update an incident.
 *
 * @public
 */
export type RecordIncidentRequest = {
  entityRef?: string;
  subject?: string;
  source?: string;
  externalId: string;
  title: string;
  severity?: string;
  status?: 'open' | 'resolved';
  openedAt?: string;
  resolvedAt?: string;
  updatedAt?: string;
  /** Ledger id of the deployment, or the `externalId` of one from the same source. */
  deployment?: string;
  url?: string;
};

/**
 * Answer of recording an incident.
 *
 * @public
 */
export type RecordIncidentResult = {
  incident: Incident;
  created: boolean;
};

/**
 * Filters for listing deployments.
 *
 * @public
 */
export type ListDeploymentsQuery = {
  entityRef?: string;
  environment?: string;
  /** Only deployments started at or after this ISO 8601 time. */
  since?: string;
  limit?: number;
};

/**
 * The annotations that link ledger records to catalog entities. A record
 * from a source names one of them in its `subject` (`annotation=value`).
 *
 * @public
 */
export const PAVED_LINK_ANNOTATIONS = [
  'paved.dev/deployment-subject',
  'github.com/project-slug',
  'gitlab.com/project-slug',
  'backstage.io/source-location',
  'argocd/app-name',
  'pagerduty.com/service-id',
  'paved.dev/orchestrator-project',
] as const;

/**
 * An environment in an orchestrator, as the API returns it.
 *
 * @public
 */
export type OrchestratorEnvironmentInfo = {
  id: string;
  projectId: string;
  displayName?: string;
  type?: string;
  production: boolean;
  status?: string;
  createdAt?: string;
};

/**
 * Answer of creating a project through a provider.
 *
 * @public
 */
export type CreateOrchestratorProjectResult = {
  projectId: string;
  created: boolean;
  environments: Array<{
    environment: OrchestratorEnvironmentInfo;
    created: boolean;
  }>;
};

/**
 * Answer of deploying through a provider.
 *
 * @public
 */
export type OrchestratorDeployResult = {
  dryRun: boolean;
  summary?: string;
  deployment?: {
    id: string;
    projectId: string;
    environmentId: string;
    status: DeploymentStatus;
    rawStatus: string;
    message?: string;
    createdAt: string;
    url?: string;
  };
  ledgerId?: string;
};
