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
import { ScoreWorkload } from '@paved/plugin-paved-common';
import { PoDeploymentManifest, PoManifestResource } from './client/types';

/**
 * Builds a Platform Orchestrator deployment manifest from one Score
 * workload. Each Score resource becomes a manifest resource (type, class,
 * id, params); the workload itself (metadata, containers, service) is
 * passed as a resource of `workloadResourceType` (default `score-workload`)
 * named `workload`, for the orchestrator's module for that type to
 * provision. Score placeholders are passed through unchanged for the
 * orchestrator to resolve.
 */
export function scoreToManifest(
  workload: ScoreWorkload,
  options: { workloadResourceType?: string } = {},
): PoDeploymentManifest {
  const name = workload.metadata?.name;
  if (!name || typeof name !== 'string') {
    throw new Error('Score workload has no metadata.name');
  }
  const resources: Record<string, PoManifestResource> = {};
  for (const [resourceName, resource] of Object.entries(
    workload.resources ?? {},
  )) {
    resources[resourceName] = {
      type: resource.type,
      ...(resource.class ? { class: resource.class } : {}),
      ...(resource.id ? { id: resource.id } : {}),
      ...(resource.params ? { params: resource.params } : {}),
    };
  }
  if (resources.workload) {
    throw new Error(
      "Score resource name 'workload' is reserved for the workload itself",
    );
  }
  resources.workload = {
    type: options.workloadResourceType ?? 'score-workload',
    params: {
      metadata: workload.metadata,
      containers: workload.containers,
      ...(workload.service ? { service: workload.service } : {}),
    },
  };
  return { workloads: { [name]: { resources } } };
}
