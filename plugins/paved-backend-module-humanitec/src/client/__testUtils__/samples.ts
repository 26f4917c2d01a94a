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
  PoDeployment,
  PoDeploymentSummary,
  PoEnvironment,
  PoProject,
} from '../types';

// Test data in the shape of the vendored specs (values from their
// `example` fields where they give one); types.test.ts validates each
// against the spec schema.

export const sampleProject: PoProject = {
  id: 'checkout',
  uuid: '00000000-0000-0000-0000-000000000001',
  display_name: 'Checkout',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  status: 'active',
};

export const sampleEnvironment = (
  id: string,
  envType = 'development',
): PoEnvironment => ({
  id,
  uuid: '00000000-0000-0000-0000-000000000002',
  display_name: id,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  project_id: 'checkout',
  project_uuid: '00000000-0000-0000-0000-000000000001',
  env_type_id: envType,
  status: 'active',
});

export const sampleDeploymentSummary = (
  id: string,
  overrides: Partial<PoDeploymentSummary> = {},
): PoDeploymentSummary => ({
  org_id: 'acme',
  project_id: 'checkout',
  env_id: 'development',
  id,
  created_at: '2026-11-20T10:00:00Z',
  created_by: '01234567-89ab-cdef-0123-456789abcdef',
  mode: 'deploy',
  plan_only: false,
  status: 'executing',
  status_message: 'Deployment in flight',
  metrics: { num_workloads: 1, num_resource_nodes: 3 },
  ...overrides,
});

export const sampleDeployment = (
  id: string,
  overrides: Partial<PoDeployment> = {},
): PoDeployment => ({
  ...sampleDeploymentSummary(id),
  manifest: { workloads: { checkout: { resources: {} } } },
  runner_id: 'my-runner',
  ...overrides,
});
