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
  OrchestratorProvider,
  readPlatformOrchestratorDeploymentEvent,
} from '@paved/plugin-paved-node';

export const CREATED = 'io.platform-orchestrator.deployment.created';
export const UPDATED = 'io.platform-orchestrator.deployment.updated';

const STATUSES: Record<string, 'in_progress' | 'success' | 'failure'> = {
  executing: 'in_progress',
  succeeded: 'success',
  failed: 'failure',
};

/**
 * A provider module reading the Platform Orchestrator's events for org
 * `acme`, with a production and a development environment per project.
 */
export const eventProvider: OrchestratorProvider = {
  id: 'po',
  title: 'Platform Orchestrator',
  type: 'test',
  deploymentFromEvent: message =>
    readPlatformOrchestratorDeploymentEvent(message, {
      orgId: 'acme',
      normaliseStatus: s => STATUSES[s] ?? 'unknown',
    }),
  listEnvironments: async projectId => [
    { id: 'production', projectId, production: true },
    { id: 'development', projectId, production: false },
  ],
};

/**
 * A deployment event as the orchestrator publishes it (the vendored
 * events.yaml of the Humanitec module): every event of a deployment has
 * its creation time; `revision` counts its changes.
 */
export function deploymentEvent(
  deploymentId: string,
  revision: number,
  status: string,
  env = 'production',
): string {
  return JSON.stringify({
    specversion: '1.0',
    type: CREATED,
    time: '2026-11-30T09:15:02Z',
    data: {
      org_id: 'acme',
      project_id: 'checkout',
      env_id: env,
      env_uuid: '3f0c1b5e-9a47-4d6e-8f21-6b1f0d2c9a10',
      deployment_id: deploymentId,
      revision,
      status,
    },
  });
}
