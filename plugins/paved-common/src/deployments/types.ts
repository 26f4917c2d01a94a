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
import type { ListDeployments } from '../generated/DefaultApi.client';
import * as generated from '../generated/models';

/**
 * Status of a deployment in the ledger, normalised across sources.
 *
 * @public
 */
export type DeploymentStatus = generated.DeploymentStatus;

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
export type DeploymentChange = generated.DeploymentChange;

/**
 * One deployment in the ledger.
 *
 * @public
 */
export type Deployment = generated.Deployment;

/**
 * A pull request's preview environment (`pr-<number>`), see
 * docs/deployments.md#preview-environments.
 *
 * @public
 */
export type Preview = generated.Preview;

/**
 * One line of a deployment's log, as the orchestrator that made the
 * deployment keeps it (the shape of `OrchestratorLogLine` in
 * `@paved/plugin-paved-node`).
 *
 * @public
 */
export type DeploymentLogLine = generated.DeploymentLogLine;

/**
 * Answer of `GET /v1/deployments/{id}/logs`: the log of a deployment made
 * through an orchestrator, oldest line first.
 *
 * @public
 */
export type DeploymentLogs = generated.DeploymentLogs;

/**
 * What a CI system sends to record a deployment. Sending the same
 * `source` + `externalId` again updates the one record (newer `updatedAt`
 * wins for status and finish time).
 *
 * @public
 */
export type RecordDeploymentRequest = generated.RecordDeploymentRequest;

/**
 * Answer of recording a deployment.
 *
 * @public
 */
export type RecordDeploymentResult = generated.RecordDeploymentResult;

/**
 * Severity, status and times of an incident.
 *
 * @public
 */
export type Incident = generated.Incident;

/**
 * What a caller sends to record or update an incident.
 *
 * @public
 */
export type RecordIncidentRequest = generated.RecordIncidentRequest;

/**
 * Answer of recording an incident.
 *
 * @public
 */
export type RecordIncidentResult = generated.RecordIncidentResult;

/**
 * Filters for listing deployments.
 *
 * @public
 */
export type ListDeploymentsQuery = Omit<
  NonNullable<ListDeployments['query']>,
  'entity'
> & {
  /** Sent as the `entity` query parameter. */
  entityRef?: string;
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
export type OrchestratorEnvironmentInfo = generated.OrchestratorEnvironment;

/**
 * Answer of creating a project through a provider.
 *
 * @public
 */
export type CreateOrchestratorProjectResult =
  generated.CreateOrchestratorProjectResult;

/**
 * Answer of deploying through a provider.
 *
 * @public
 */
export type OrchestratorDeployResult = generated.OrchestratorDeployResult;
