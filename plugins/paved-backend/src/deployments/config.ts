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
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readTaskSchedule } from '../readTaskSchedule';
import { webhookSources } from './webhooks/sources';
import { WebhookOptions } from './webhooks/types';

/** Settings of the ledger and its webhook intake, read once at startup. */
export interface DeploymentsConfig {
  webhooks: WebhookOptions & {
    /** Shared secret per configured source id; a source without one is off. */
    secrets: Map<string, string>;
  };
  processing: {
    /** How long a replica holds a claimed delivery before others may retry it. */
    leaseMs: number;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  /** Links ledger records to catalog entities that appeared after them. */
  linkingSchedule: SchedulerServiceTaskScheduleDefinition;
}

/** Reads `paved.webhooks` and `paved.deployments`. */
export function readDeploymentsConfig(config: Config): DeploymentsConfig {
  const secrets = new Map<string, string>();
  for (const id of Object.keys(webhookSources)) {
    const secret = config.getOptionalString(`paved.webhooks.${id}.secret`);
    if (secret) secrets.set(id, secret);
  }
  return {
    webhooks: {
      secrets,
      incidentLabels: config.getOptionalStringArray(
        'paved.webhooks.github.incidentLabels',
      ) ?? ['incident'],
    },
    processing: {
      leaseMs:
        (config.getOptionalNumber('paved.webhooks.processing.leaseSeconds') ??
          60) * 1000,
      schedule: readTaskSchedule(config, 'paved.webhooks.processing.schedule', {
        frequency: { seconds: 30 },
        timeout: { minutes: 10 },
      }),
    },
    linkingSchedule: readTaskSchedule(
      config,
      'paved.deployments.linking.schedule',
      {
        frequency: { minutes: 5 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
      },
    ),
  };
}
