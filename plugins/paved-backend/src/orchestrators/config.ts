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
import { hasDeploymentEvents } from './events/config';

/** Settings of the orchestrator sync, read once at startup. */
export interface OrchestratorsConfig {
  syncSchedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * Reads `paved.orchestrators` (the providers read their own blocks). With
 * deployment events configured the sync only reconciles gaps: every 15
 * minutes by default instead of 2.
 */
export function readOrchestratorsConfig(config: Config): OrchestratorsConfig {
  return {
    syncSchedule: readTaskSchedule(
      config,
      'paved.orchestrators.sync.schedule',
      {
        frequency: { minutes: hasDeploymentEvents(config) ? 15 : 2 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
      },
    ),
  };
}
