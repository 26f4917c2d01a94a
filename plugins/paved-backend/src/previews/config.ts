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
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { readTaskSchedule } from '../readTaskSchedule';

/** `paved.previews`, read once at startup. */
export interface PreviewsConfig {
  /** False: pull requests are recorded as skipped, nothing is deployed. */
  enabled: boolean;
  /** Most live previews per orchestrator project. */
  maxPerProject: number;
  /** A preview with no push or reopen for this long is removed. */
  ttlMs: number;
  /** The orchestrator's environment type for `pr-<n>` environments. */
  environmentType: string;
  /** Attempts of one step before a preview is marked failed. */
  maxAttempts: number;
  /** Reconciles previews (and catches up after a restart). */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Removes idle previews. */
  expirySchedule: SchedulerServiceTaskScheduleDefinition;
}

/** Reads `paved.previews`, refusing values that make no sense by their key. */
export function readPreviewsConfig(config: Config): PreviewsConfig {
  const c = config.getOptionalConfig('paved.previews');
  const maxPerProject = c?.getOptionalNumber('maxPerProject') ?? 5;
  if (!Number.isInteger(maxPerProject) || maxPerProject < 1) {
    throw new Error('paved.previews.maxPerProject must be a positive integer');
  }
  const ttlMs = c?.has('ttl')
    ? durationToMilliseconds(readDurationFromConfig(c, { key: 'ttl' }))
    : 3 * 24 * 60 * 60 * 1000;
  if (!(ttlMs > 0)) {
    throw new Error('paved.previews.ttl must be a positive duration');
  }
  const maxAttempts = c?.getOptionalNumber('maxAttempts') ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error('paved.previews.maxAttempts must be a positive integer');
  }
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? true,
    maxPerProject,
    ttlMs,
    environmentType: c?.getOptionalString('environmentType') ?? 'development',
    maxAttempts,
    schedule: readTaskSchedule(config, 'paved.previews.schedule', {
      frequency: { seconds: 30 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
    }),
    expirySchedule: readTaskSchedule(config, 'paved.previews.expiry.schedule', {
      frequency: { minutes: 15 },
      timeout: { minutes: 5 },
      initialDelay: { minutes: 1 },
    }),
  };
}
