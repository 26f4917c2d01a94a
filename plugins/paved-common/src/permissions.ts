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
  createPermission,
  Permission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of Paved's resource permissions: a catalog entity. The
 * catalog owns the type and its permission rules (`IS_ENTITY_OWNER`,
 * `HAS_ANNOTATION`, ...), so a policy answers Paved permissions with the
 * same conditions it uses for the catalog's own.
 *
 * @public
 */
export const PAVED_RESOURCE_TYPE = 'catalog-entity';

const onEntity = (
  name: string,
  action: 'read' | 'create' | 'update' | 'delete',
): ResourcePermission<typeof PAVED_RESOURCE_TYPE> =>
  createPermission({
    name,
    attributes: { action },
    resourceType: PAVED_RESOURCE_TYPE,
  });

/**
 * Read general information about the Paved installation (version,
 * providers, database). The only basic Paved permission.
 *
 * @public
 */
export const pavedInfoReadPermission = createPermission({
  name: 'paved.info.read',
  attributes: { action: 'read' },
});

/**
 * List and answer a developer satisfaction survey. The resource is the
 * Survey entity; whether the caller is in the survey's audience is checked
 * beside the permission.
 *
 * @public
 */
export const surveyAnswerPermission = onEntity('paved.survey.answer', 'create');

/**
 * Read a survey's results (thresholded aggregates and comments) and export
 * them as CSV. The resource is the Survey entity.
 *
 * @public
 */
export const surveyResultsReadPermission = onEntity(
  'paved.survey.results.read',
  'read',
);

/**
 * Open and close a survey. The resource is the Survey entity.
 *
 * @public
 */
export const surveyManagePermission = onEntity('paved.survey.manage', 'update');

/**
 * Read an entity's deployments in the ledger.
 *
 * @public
 */
export const deploymentReadPermission = onEntity(
  'paved.deployment.read',
  'read',
);

/**
 * Record deployments of an entity in the ledger (CI systems, the CLI, the
 * REST API).
 *
 * @public
 */
export const deploymentCreatePermission = onEntity(
  'paved.deployment.create',
  'create',
);

/**
 * Read an entity's incidents in the ledger.
 *
 * @public
 */
export const incidentReadPermission = onEntity('paved.incident.read', 'read');

/**
 * Record or update incidents of an entity.
 *
 * @public
 */
export const incidentCreatePermission = onEntity(
  'paved.incident.create',
  'create',
);

/**
 * Read the log of a deployment made through an orchestrator. Logs hold
 * whatever the deployment printed, so this is separate from reading the
 * ledger.
 *
 * @public
 */
export const deploymentLogsReadPermission = onEntity(
  'paved.deployment.logs.read',
  'read',
);

/**
 * Create an entity's orchestrator project and its environments. The project
 * must be the one the entity's annotations name.
 *
 * @public
 */
export const orchestratorProjectCreatePermission = onEntity(
  'paved.orchestrator.project.create',
  'create',
);

/**
 * List the environments of an entity's orchestrator project.
 *
 * @public
 */
export const orchestratorEnvironmentReadPermission = onEntity(
  'paved.orchestrator.environment.read',
  'read',
);

/**
 * Deploy an entity's Score workload through an orchestrator to an
 * environment that is not production.
 *
 * @public
 */
export const orchestratorDeployPermission = onEntity(
  'paved.orchestrator.deploy',
  'create',
);

/**
 * Deploy an entity's Score workload to a production environment. Asked in
 * addition to `paved.orchestrator.deploy`.
 *
 * @public
 */
export const orchestratorDeployProductionPermission = onEntity(
  'paved.orchestrator.deploy.production',
  'create',
);

/**
 * Read the golden-path drift report of components: created from a template
 * whose template has a newer version, or whose Score file no longer
 * validates.
 *
 * @public
 */
export const goldenPathDriftReadPermission = onEntity(
  'paved.golden-path.drift.read',
  'read',
);

/**
 * Read DORA metrics of an entity, or of the entities of a team, a system or
 * the organisation.
 *
 * @public
 */
export const doraReadPermission = onEntity('paved.dora.read', 'read');

/**
 * Read the adoption report (funnel, template usage, active users, leading
 * indicators, components furthest off the golden path) over the entities
 * the caller may read.
 *
 * @public
 */
export const adoptionReadPermission = onEntity('paved.adoption.read', 'read');

/**
 * Recompute the adoption facts and scores of every component now instead
 * of waiting for the scheduled run. Needs an unconditional answer: the run
 * covers every entity.
 *
 * @public
 */
export const adoptionRefreshPermission = onEntity(
  'paved.adoption.refresh',
  'update',
);

/**
 * Read the automation and complexity scores of an entity, with the checks
 * and facts behind them.
 *
 * @public
 */
export const entityScoresReadPermission = onEntity('paved.scores.read', 'read');

/**
 * Read the service level objectives of an entity and their error budgets.
 *
 * @public
 */
export const sloReadPermission = onEntity('paved.slo.read', 'read');

/**
 * Record the caller's own page views for the active-user counts. The
 * resource is the caller's own User entity.
 *
 * @public
 */
export const analyticsRecordPermission = onEntity(
  'paved.analytics.record',
  'create',
);

/**
 * Read the roadmap (RoadmapItem entities) with each item's outcome metric.
 * The resource is the RoadmapItem entity; the metric itself is computed
 * under the caller's permission for it (DORA, survey results, adoption,
 * scores, SLOs).
 *
 * @public
 */
export const roadmapReadPermission = onEntity('paved.roadmap.read', 'read');

/**
 * Permission names starting with this prefix belong to Paved's feedback
 * board. Policies should answer each by name: triage is for admins.
 *
 * @public
 */
export const PAVED_FEEDBACK_PERMISSION_PREFIX = 'paved.feedback.';

/**
 * Read feedback requests. The resource is the entity a request is about;
 * lists leave out requests about entities the caller cannot see.
 *
 * @public
 */
export const feedbackReadPermission = onEntity('paved.feedback.read', 'read');

/**
 * Submit a feedback request, as a signed-in user (optionally about an
 * entity, which is the resource).
 *
 * @public
 */
export const feedbackSubmitPermission = onEntity(
  'paved.feedback.submit',
  'create',
);

/**
 * Vote for a feedback request, or withdraw the vote.
 *
 * @public
 */
export const feedbackVotePermission = onEntity('paved.feedback.vote', 'create');

/**
 * Comment on a feedback request.
 *
 * @public
 */
export const feedbackCommentPermission = onEntity(
  'paved.feedback.comment',
  'create',
);

/**
 * Triage feedback: change a request's status and themes, merge duplicates,
 * and turn survey comments into requests. For the platform team.
 *
 * @public
 */
export const feedbackTriagePermission = onEntity(
  'paved.feedback.triage',
  'update',
);

/**
 * Read the monthly platform report. Each section also asks the permission
 * of the view it comes from and counts only what that decision and the
 * catalog let the caller see.
 *
 * @public
 */
export const reportReadPermission = onEntity('paved.report.read', 'read');

/**
 * Every permission the Paved backend registers.
 *
 * @public
 */
export const pavedPermissions: Permission[] = [
  pavedInfoReadPermission,
  surveyAnswerPermission,
  surveyResultsReadPermission,
  surveyManagePermission,
  deploymentReadPermission,
  deploymentCreatePermission,
  incidentReadPermission,
  incidentCreatePermission,
  deploymentLogsReadPermission,
  orchestratorProjectCreatePermission,
  orchestratorEnvironmentReadPermission,
  orchestratorDeployPermission,
  orchestratorDeployProductionPermission,
  goldenPathDriftReadPermission,
  doraReadPermission,
  adoptionReadPermission,
  adoptionRefreshPermission,
  entityScoresReadPermission,
  sloReadPermission,
  analyticsRecordPermission,
  roadmapReadPermission,
  reportReadPermission,
  feedbackReadPermission,
  feedbackSubmitPermission,
  feedbackVotePermission,
  feedbackCommentPermission,
  feedbackTriagePermission,
];
