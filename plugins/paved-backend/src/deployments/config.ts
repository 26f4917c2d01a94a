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
import { DEFAULT_MAX_CLOCK_SKEW_SECONDS } from './recordChecks';
import { webhookSources } from './webhooks/sources';
import { WebhookOptions } from './webhooks/types';

/** Settings of the ledger and its webhook intake, read once at startup. */
export interface DeploymentsConfig {
  webhooks: WebhookOptions & {
    /** Shared secret per configured source id; a source without one is off. */
    secrets: Map<string, string>;
    /**
     * Secrets still accepted per source while senders move to a new one
     * (`paved.webhooks.<source>.previousSecrets`): rotation without a gap.
     */
    previousSecrets: Map<string, string[]>;
    /** The intake's bound: deliveries being read or stored at once. */
    intake: { maxQueued: number; retryAfterSeconds: number };
  };
  /** Finished deliveries' payloads are emptied after this; ledger rows stay. */
  retention: {
    payloadDays: number;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  /** How far past now a recorded time may be (clock skew), in seconds. */
  maxClockSkewSeconds: number;
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
  const previousSecrets = new Map<string, string[]>();
  for (const id of Object.keys(webhookSources)) {
    const secret = config.getOptionalString(`paved.webhooks.${id}.secret`);
    if (secret) secrets.set(id, secret);
    const previous = config.getOptionalStringArray(
      `paved.webhooks.${id}.previousSecrets`,
    );
    if (secret && previous?.length) previousSecrets.set(id, previous);
  }
  return {
    webhooks: {
      secrets,
      previousSecrets,
      incidentLabels: config.getOptionalStringArray(
        'paved.webhooks.github.incidentLabels',
      ) ?? ['incident'],
      genericTimestamp: {
        required:
          config.getOptionalBoolean(
            'paved.webhooks.generic.requireTimestamp',
          ) ?? false,
        replayWindowSeconds: positive(
          config,
          'paved.webhooks.generic.replayWindowSeconds',
          300,
        ),
      },
      intake: {
        maxQueued: positive(config, 'paved.webhooks.intake.maxQueued', 1000),
        retryAfterSeconds: positive(
          config,
          'paved.webhooks.intake.retryAfterSeconds',
          10,
        ),
      },
    },
    retention: {
      payloadDays: positive(config, 'paved.webhooks.retention.payloadDays', 30),
      schedule: readTaskSchedule(config, 'paved.webhooks.retention.schedule', {
        frequency: { hours: 6 },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 5 },
      }),
    },
    maxClockSkewSeconds: positive(
      config,
      'paved.deployments.maxClockSkewSeconds',
      DEFAULT_MAX_CLOCK_SKEW_SECONDS,
      { orZero: true },
    ),
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

/** A positive number from config, or the default; anything else is an error. */
function positive(
  config: Config,
  key: string,
  fallback: number,
  options: { orZero?: boolean } = {},
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!(value > 0 || (options.orZero && value === 0))) {
    throw new Error(`${key} must be a positive number, not ${value}`);
  }
  return value;
}
