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
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read general information about the Paved installation.
 *
 * @public
 */
export const pavedInfoReadPermission = createPermission({
  name: 'paved.info.read',
  attributes: { action: 'read' },
});

/**
 * Answer developer satisfaction surveys (basic: anyone in a survey's
 * audience should have it).
 *
 * @public
 */
export const surveyAnswerPermission = createPermission({
  name: 'paved.survey.answer',
  attributes: { action: 'create' },
});

/**
 * Read survey results (thresholded aggregates and comments) and export them
 * as CSV.
 *
 * @public
 */
export const surveyResultsReadPermission = createPermission({
  name: 'paved.survey.results.read',
  attributes: { action: 'read' },
});

/**
 * Open and close surveys from the Platform page.
 *
 * @public
 */
export const surveyManagePermission = createPermission({
  name: 'paved.survey.manage',
  attributes: { action: 'update' },
});

/**
 * Read the deployment and incident ledger.
 *
 * @public
 */
export const deploymentReadPermission = createPermission({
  name: 'paved.deployment.read',
  attributes: { action: 'read' },
});

/**
 * Record deployments (CI systems, the CLI, the REST API) and trigger
 * deployments through an orchestrator provider.
 *
 * @public
 */
export const deploymentCreatePermission = createPermission({
  name: 'paved.deployment.create',
  attributes: { action: 'create' },
});

/**
 * Record or update incidents.
 *
 * @public
 */
export const incidentCreatePermission = createPermission({
  name: 'paved.incident.create',
  attributes: { action: 'create' },
});

/**
 * Read the golden-path drift report: components created from a template
 * whose template has a newer version, or whose Score file no longer
 * validates. The report only lists entities the caller may read.
 *
 * @public
 */
export const goldenPathDriftReadPermission = createPermission({
  name: 'paved.golden-path.drift.read',
  attributes: { action: 'read' },
});

/**
 * Read DORA metrics of entities, teams, systems and the organisation.
 *
 * @public
 */
export const doraReadPermission = createPermission({
  name: 'paved.dora.read',
  attributes: { action: 'read' },
});

/**
 * Read the adoption report (funnel, template usage, active users, leading
 * indicators, components furthest off the golden path). The list of
 * components only names entities the caller may read.
 *
 * @public
 */
export const adoptionReadPermission = createPermission({
  name: 'paved.adoption.read',
  attributes: { action: 'read' },
});

/**
 * Recompute the adoption facts and scores now instead of waiting for the
 * scheduled run.
 *
 * @public
 */
export const adoptionRefreshPermission = createPermission({
  name: 'paved.adoption.refresh',
  attributes: { action: 'update' },
});

/**
 * Read the automation and complexity scores of an entity, with the checks
 * and facts behind them.
 *
 * @public
 */
export const entityScoresReadPermission = createPermission({
  name: 'paved.scores.read',
  attributes: { action: 'read' },
});

/**
 * Read the service level objectives of an entity and their error budgets.
 *
 * @public
 */
export const sloReadPermission = createPermission({
  name: 'paved.slo.read',
  attributes: { action: 'read' },
});

/**
 * Record the caller's page views for the active-user counts (the portal's
 * analytics module does this for every signed-in user).
 *
 * @public
 */
export const analyticsRecordPermission = createPermission({
  name: 'paved.analytics.record',
  attributes: { action: 'create' },
});

/**
 * Every permission the Paved backend registers.
 *
 * @public
 */
export const pavedPermissions = [
  pavedInfoReadPermission,
  surveyAnswerPermission,
  surveyResultsReadPermission,
  surveyManagePermission,
  deploymentReadPermission,
  deploymentCreatePermission,
  incidentCreatePermission,
  goldenPathDriftReadPermission,
  doraReadPermission,
  adoptionReadPermission,
  adoptionRefreshPermission,
  entityScoresReadPermission,
  sloReadPermission,
  analyticsRecordPermission,
];
