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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { readTaskSchedule } from '../readTaskSchedule';

/** Settings of the monthly report notification, read at startup. */
export interface ReportConfig {
  /** `paved.report.recipients`: groups and users, as normalised refs. */
  recipients: string[];
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * Reads `paved.report`. A recipient without a kind is a group
 * (`platform-team` is `group:default/platform-team`); one that does not
 * parse stops the backend naming the key that holds it.
 */
export function readReportConfig(config: Config): ReportConfig {
  const recipients = (
    config.getOptionalStringArray('paved.report.recipients') ?? []
  ).map((value, index) => {
    try {
      const ref = parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      const kind = ref.kind.toLocaleLowerCase('en-US');
      if (kind !== 'group' && kind !== 'user') {
        throw new Error(`a recipient is a Group or a User, not a ${ref.kind}`);
      }
      return stringifyEntityRef(ref);
    } catch (error) {
      throw new Error(
        `paved.report.recipients[${index}] '${value}' is not a group or user ref: ${
          (error as Error).message
        }`,
      );
    }
  });
  return {
    recipients: [...new Set(recipients)],
    schedule: readTaskSchedule(config, 'paved.report.schedule', {
      frequency: { hours: 1 },
      timeout: { minutes: 5 },
      initialDelay: { minutes: 1 },
    }),
  };
}
