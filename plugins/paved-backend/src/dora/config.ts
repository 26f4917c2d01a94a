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
import { readTaskSchedule } from '../readTaskSchedule';
import { DoraBandThresholds } from '@paved/plugin-paved-common';
import { Duration, IANAZone } from 'luxon';

/** The DORA settings under `paved.dora` (see config.d.ts and docs/dora.md). */
export type DoraConfig = {
  /** IANA zone whose midnights and Mondays bound days and weeks. */
  timeZone: string;
  /**
   * Environment names (case-insensitive, `*` matches anything) that count
   * as production; undefined means the ledger's own production flag.
   */
  productionEnvironments?: string[];
  bands: DoraBandThresholds;
};

const DAY = 24 * 3600;

/** The published DORA bands; each can be overridden in config. */
export const DEFAULT_DORA_BANDS: DoraBandThresholds = {
  // At least one deployment per this many seconds on average.
  deploymentFrequency: { elite: DAY, high: 7 * DAY, medium: 30 * DAY },
  // Median strictly below.
  leadTime: { elite: DAY, high: 7 * DAY, medium: 30 * DAY },
  // At most.
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  // Median strictly below.
  recoveryTime: { elite: 3600, high: DAY, medium: 7 * DAY },
};

/**
 * Reads `paved.dora`, failing with the offending key when a value is
 * unusable (an unknown time zone, thresholds out of order).
 */
export function readDoraConfig(config: Config): DoraConfig {
  const dora = config.getOptionalConfig('paved.dora');
  const timeZone = dora?.getOptionalString('timeZone') ?? 'UTC';
  if (!IANAZone.isValidZone(timeZone)) {
    throw new Error(
      `paved.dora.timeZone '${timeZone}' is not an IANA time zone such as UTC or Europe/Berlin`,
    );
  }
  const environments = dora?.getOptionalStringArray('productionEnvironments');
  if (environments && !environments.length) {
    throw new Error(
      'paved.dora.productionEnvironments is empty: list at least one environment, or remove it to use the ledger production flag',
    );
  }
  const bands: DoraBandThresholds = {
    deploymentFrequency: durationBands(
      dora,
      'deploymentFrequency',
      DEFAULT_DORA_BANDS.deploymentFrequency,
    ),
    leadTime: durationBands(dora, 'leadTime', DEFAULT_DORA_BANDS.leadTime),
    changeFailureRate: rateBands(dora),
    recoveryTime: durationBands(
      dora,
      'recoveryTime',
      DEFAULT_DORA_BANDS.recoveryTime,
    ),
  };
  return {
    timeZone,
    productionEnvironments: environments?.map(e => e.trim()).filter(Boolean),
    bands,
  };
}

function durationBands(
  dora: Config | undefined,
  metric: 'deploymentFrequency' | 'leadTime' | 'recoveryTime',
  defaults: { elite: number; high: number; medium: number },
) {
  const result = { ...defaults };
  for (const band of ['elite', 'high', 'medium'] as const) {
    const key = `bands.${metric}.${band}`;
    if (dora?.has(key)) {
      const seconds = Duration.fromObject(
        readDurationFromConfig(dora, { key }),
      ).as('seconds');
      if (!(seconds > 0)) {
        throw new Error(`paved.dora.${key} must be a positive duration`);
      }
      result[band] = seconds;
    }
  }
  if (!(result.elite <= result.high && result.high <= result.medium)) {
    throw new Error(
      `paved.dora.bands.${metric}: elite must be at most high, and high at most medium`,
    );
  }
  return result;
}

function rateBands(dora: Config | undefined) {
  const result = { ...DEFAULT_DORA_BANDS.changeFailureRate };
  for (const band of ['elite', 'high', 'medium'] as const) {
    const key = `bands.changeFailureRate.${band}`;
    const value = dora?.getOptionalNumber(key);
    if (value !== undefined) {
      if (!(value >= 0 && value <= 1)) {
        throw new Error(
          `paved.dora.${key} must be a fraction between 0 and 1, e.g. 0.05 for 5 %`,
        );
      }
      result[band] = value;
    }
  }
  if (!(result.elite <= result.high && result.high <= result.medium)) {
    throw new Error(
      'paved.dora.bands.changeFailureRate: elite must be at most high, and high at most medium',
    );
  }
  return result;
}

/**
 * The DORA scheduler tasks: roll-up refresh, catalog directory sync and
 * commit ranges.
 */
export function readDoraSchedules(config: Config): {
  rollups: SchedulerServiceTaskScheduleDefinition;
  directory: SchedulerServiceTaskScheduleDefinition;
  commitRanges: SchedulerServiceTaskScheduleDefinition;
} {
  return {
    // The commits each new production deployment shipped.
    commitRanges: readTaskSchedule(config, 'paved.dora.commitRanges.schedule', {
      frequency: { minutes: 1 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 20 },
    }),
    // Whatever the ledger triggers marked since the last run.
    rollups: readTaskSchedule(config, 'paved.dora.rollups.schedule', {
      frequency: { minutes: 1 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 10 },
    }),
    // Owners and systems of the entities, from the catalog.
    directory: readTaskSchedule(config, 'paved.dora.directory.schedule', {
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
    }),
  };
}
