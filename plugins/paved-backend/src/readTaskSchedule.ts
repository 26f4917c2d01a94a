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
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';

/**
 * A scheduler task's schedule: the block at `key` (Backstage's schedule
 * format: `frequency`, `timeout`, `initialDelay`, `scope`) over the
 * feature's defaults, so a deployment can change one field.
 */
export function readTaskSchedule(
  config: Config,
  key: string,
  defaults: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  const block = config.getOptionalConfig(key);
  if (!block) return defaults;
  const withDefaults = {
    frequency: defaults.frequency,
    timeout: defaults.timeout,
    ...(defaults.initialDelay ? { initialDelay: defaults.initialDelay } : {}),
    ...block.get<object>(),
  };
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader(withDefaults as any, key),
    );
  } catch (error) {
    throw new Error(`Invalid schedule at ${key}: ${(error as Error).message}`);
  }
}
