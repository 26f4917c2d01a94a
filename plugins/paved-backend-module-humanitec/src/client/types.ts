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

// Hand-written from the vendored specs in ./spec (see spec/README.md);
// types.test.ts checks names and required fields against them.

/** `Error` in both specs. */
export type PoError = {
  error: string;
  message: string;
  details?: Record<string, unknown>;
};

/** `Project` in canyon-cp. */
export type PoProject = {
  id: string;
  uuid: string;
  display_name: string;
  created_at: string;
  updated_at: string;
  status: 'active' | 'deleting';
};

/** `ProjectCreateBody` in canyon-cp. */
export type PoProjectCreateBody = {
  id: string;
  display_name?: string;
};

/** `Environment` in canyon-cp. */
export type PoEnvironment = {
  id: string;
  uuid: string;
  display_name: string;
  created_at: string;
  updated_at: string;
  project_id: string;
  project_uuid?: string;
  env_type_id: string;
  runner_id?: string;
  status: 'active' | 'deleting' | 'delete_failed';
  status_message?: string;
};

/** `EnvironmentCreateBody` in canyon-cp. */
export type PoEnvironmentCreateBody = {
  id: string;
  env_type_id: string;
  display_name?: string;
};

/** `DeploymentMetrics` in canyon-dp. */
export type PoDeploymentMetrics = {
  num_workloads: number;
  num_resource_nodes: number;
  num_tf_resources?: number;
  num_tf_resources_added?: number;
  num_tf_resources_changed?: number;
  num_tf_resources_removed?: number;
};

/** `DeploymentSummary` in canyon-dp. */
export type PoDeploymentSummary = {
  org_id: string;
  project_id: string;
  env_id: string;
  id: string;
  created_at: string;
  created_by: string;
  completed_at?: string;
  mode: string;
  plan_only: boolean;
  status: string;
  status_message: string;
  metrics: PoDeploymentMetrics;
  rollback_to_deployment_id?: string;
};

/** `DeploymentManifestResource` in canyon-dp. */
export type PoManifestResource = {
  type: string;
  class?: string;
  id?: string;
  params?: Record<string, unknown>;
};

/** `DeploymentManifestWorkload` in canyon-dp. */
export type PoManifestWorkload = {
  outputs?: Record<string, string>;
  resources?: Record<string, PoManifestResource>;
};

/** `DeploymentManifest` in canyon-dp. */
export type PoDeploymentManifest = {
  workloads: Record<string, PoManifestWorkload>;
  shared?: Record<string, PoManifestResource>;
};

/** `Deployment` in canyon-dp. */
export type PoDeployment = PoDeploymentSummary & {
  manifest: PoDeploymentManifest;
  runner_id: string;
};

/** `DeploymentCreateBody` in canyon-dp (the fields Paved sends). */
export type PoDeploymentCreateBody = {
  project_id: string;
  env_id: string;
  manifest: PoDeploymentManifest;
  mode: 'plan_only' | 'deploy' | 'rollback';
  is_dry_run?: boolean;
  /** age recipient (`age1…`); without it the runner keeps no logs. */
  encrypted_logs_recipient?: string;
};

/** `DeploymentDryRun` in canyon-dp (diff left opaque). */
export type PoDeploymentDryRun = {
  runner_id: string;
  diff: Record<string, unknown>;
};

/** `ActiveResourceNode` in canyon-dp. */
export type PoActiveResourceNode = {
  id: string;
  project_id: string;
  env_id: string;
  resource_type: string;
  resource_class: string;
  resource_id: string;
  deployment_id: string;
  module_id: string;
  module_version: string;
  edges: Record<string, string>;
  metadata: Record<string, unknown>;
};

/** Any `*Page` in the specs. */
export type PoPage<T> = {
  items: T[];
  next_page_token?: string;
};
