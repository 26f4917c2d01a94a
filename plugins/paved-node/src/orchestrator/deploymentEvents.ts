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
import { DeploymentStatus } from '@paved/plugin-paved-common';
import { OrchestratorDeployment } from './OrchestratorProvider';

/**
 * One message of an orchestrator's event stream, as Paved received it.
 *
 * @public
 */
export type OrchestratorEventMessage = {
  subject: string;
  data: Uint8Array;
};

/**
 * What an event says about a deployment: only the fields the event carries
 * are set (`kind`, `completedAt`, `message` left out keep what the ledger
 * has), and `updatedAt` orders it against other events and polled reads of
 * the same deployment: a state with an older `updatedAt` never replaces a
 * newer one.
 *
 * @public
 */
export type OrchestratorDeploymentEvent = {
  deployment: OrchestratorDeployment;
  /** ISO 8601 */
  updatedAt: string;
};

/** CloudEvents types of the Platform Orchestrator's deployment events. */
const DEPLOYMENT_EVENT_TYPES = [
  'io.platform-orchestrator.deployment.created',
  'io.platform-orchestrator.deployment.updated',
];

/**
 * Reads a Platform Orchestrator deployment event (a CloudEvent with
 * `DeploymentChangedData`, see the module's vendored `events.yaml`).
 * Returns undefined for other event types and other orgs; throws an error
 * naming the field when the message is not such an event.
 *
 * The orchestrator stamps every event of a deployment with the
 * deployment's creation `time` and counts its changes in `revision`, so
 * the event's order is `time` plus `revision` milliseconds: a later
 * revision wins, and a polled read (stamped with the completion time,
 * seconds later) is never overtaken by a late event.
 *
 * @public
 */
export function readPlatformOrchestratorDeploymentEvent(
  message: OrchestratorEventMessage,
  options: {
    orgId: string;
    normaliseStatus: (status: string) => DeploymentStatus;
  },
): OrchestratorDeploymentEvent | undefined {
  let event: unknown;
  try {
    event = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(message.data),
    );
  } catch (error) {
    throw new Error(`payload is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(event)) throw new Error('payload is not a JSON object');
  const type = event.type ?? message.subject;
  if (typeof type !== 'string') throw new Error('type must be a string');
  // The orchestrator writes "created" into the payload of updates too; the
  // subject says which it is.
  if (
    !DEPLOYMENT_EVENT_TYPES.includes(type) &&
    !DEPLOYMENT_EVENT_TYPES.includes(message.subject)
  ) {
    return undefined;
  }
  if (event.specversion !== '1.0') {
    throw new Error(
      `specversion must be "1.0", not ${JSON.stringify(event.specversion)}`,
    );
  }
  const time = stringField(event, 'time');
  const timeMs = Date.parse(time);
  if (Number.isNaN(timeMs)) throw new Error(`time '${time}' is not a time`);
  const data = event.data;
  if (!isObject(data)) throw new Error('data must be an object');
  const orgId = stringField(data, 'org_id', 'data.');
  if (orgId !== options.orgId) return undefined;
  const revision = data.revision;
  if (
    typeof revision !== 'number' ||
    !Number.isInteger(revision) ||
    revision < 0
  ) {
    throw new Error(
      `data.revision must be a non-negative integer, not ${JSON.stringify(
        revision,
      )}`,
    );
  }
  const rawStatus =
    data.status === undefined || data.status === null
      ? 'unknown'
      : stringField(data, 'status', 'data.');
  return {
    deployment: {
      id: stringField(data, 'deployment_id', 'data.'),
      projectId: stringField(data, 'project_id', 'data.'),
      environmentId: stringField(data, 'env_id', 'data.'),
      status: options.normaliseStatus(rawStatus),
      rawStatus,
      createdAt: new Date(timeMs).toISOString(),
    },
    updatedAt: new Date(timeMs + revision).toISOString(),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(
  object: Record<string, unknown>,
  field: string,
  prefix = '',
): string {
  const value = object[field];
  if (typeof value !== 'string' || !value.trim()) {
    throw new Error(`${prefix}${field} must be a non-empty string`);
  }
  return value;
}
