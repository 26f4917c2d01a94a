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

/** Settings of adoption, analytics and their history. */
export type AdoptionConfig = {
  /** Days of fact history and daily snapshots kept. */
  historyDays: number;
  analytics: {
    enabled: boolean;
    /** Days of page views kept (at least 30: monthly active users). */
    retentionDays: number;
  };
  /** Include the labelled demo rows (a demo data module is installed). */
  demoData: boolean;
};

function positive(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  why: string,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isFinite(value) || value < min) {
    throw new Error(
      `${key} must be a number of at least ${min} (${why}), got ${value}`,
    );
  }
  return value;
}

/**
 * Reads `paved.adoption.*` and `paved.analytics.*` (page views feed the
 * adoption report's active users); `demoData` is the plugin-wide switch
 * (`FeatureEnv.demoData`).
 */
export function readAdoptionConfig(
  config: Config,
  demoData: boolean,
): AdoptionConfig {
  return {
    historyDays: positive(
      config,
      'paved.adoption.historyDays',
      365,
      30,
      'the Platform page shows the last 180 days',
    ),
    analytics: {
      enabled: config.getOptionalBoolean('paved.analytics.enabled') ?? true,
      retentionDays: positive(
        config,
        'paved.analytics.retentionDays',
        90,
        30,
        'monthly active users count 30 days',
      ),
    },
    demoData,
  };
}

/** The scheduled adoption computation (`paved.adoption.schedule`). */
export function readAdoptionSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  return readTaskSchedule(config, 'paved.adoption.schedule', {
    frequency: { minutes: 60 },
    timeout: { minutes: 15 },
    // Give the catalog a moment to answer after a cold start.
    initialDelay: { seconds: 20 },
  });
}
