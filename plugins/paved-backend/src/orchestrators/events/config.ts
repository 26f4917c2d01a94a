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
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Subjects of the Platform Orchestrator's deployment events. */
export const DEFAULT_EVENTS_SUBJECT = 'io.platform-orchestrator.deployment.>';

/** How Paved reads one provider's events (`paved.orchestrators.<id>.events`). */
export interface DeploymentEventsConfig {
  providerId: string;
  servers: string[];
  stream: string;
  subject: string;
  /** Durable consumer shared by every backend replica. */
  durableName: string;
  token?: string;
  user?: string;
  password?: string;
  credsFile?: string;
  /** Messages written to the ledger in one transaction at most. */
  batchSize: number;
  ackWaitMs: number;
  maxDeliver: number;
}

/** Whether any provider block under `paved.orchestrators` has `events`. */
export function hasDeploymentEvents(config: Config): boolean {
  const orchestrators = config.getOptionalConfig('paved.orchestrators');
  return Boolean(
    orchestrators?.keys().some(id => orchestrators.has(`${id}.events`)),
  );
}

/** Reads the events block of a provider; undefined when it has none. */
export function readDeploymentEventsConfig(
  config: Config,
  providerId: string,
): DeploymentEventsConfig | undefined {
  const key = `paved.orchestrators.${providerId}.events`;
  const c = config.getOptionalConfig(key);
  if (!c || c.getOptionalBoolean('enabled') === false) return undefined;
  const servers = c.has('servers')
    ? [c.getOptional('servers')].flat().map(String)
    : [];
  if (!servers.length || servers.some(s => !s.trim())) {
    throw new InputError(`${key}.servers must name at least one NATS server`);
  }
  const user = c.getOptionalString('user');
  const password = c.getOptionalString('password');
  if (Boolean(user) !== Boolean(password)) {
    throw new InputError(`${key}.user and ${key}.password go together`);
  }
  const positive = (name: string, fallback: number) => {
    const value = c.getOptionalNumber(name) ?? fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new InputError(`${key}.${name} must be a positive integer`);
    }
    return value;
  };
  return {
    providerId,
    servers,
    stream: c.getString('stream'),
    subject: c.getOptionalString('subject') ?? DEFAULT_EVENTS_SUBJECT,
    durableName:
      c.getOptionalString('durableName') ??
      `paved-ledger-${providerId}`.replace(/[^A-Za-z0-9_-]/g, '_'),
    token: c.getOptionalString('token'),
    user,
    password,
    credsFile: c.getOptionalString('credsFile'),
    batchSize: positive('batchSize', 500),
    ackWaitMs: positive('ackWaitSeconds', 30) * 1000,
    maxDeliver: positive('maxDeliver', 5),
  };
}
