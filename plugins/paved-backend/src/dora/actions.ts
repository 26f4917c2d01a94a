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
import { PavedActions } from '../actions/PavedActions';
import { responseZod } from '../actions/openApiSchemas';
import { requestEntityRef } from '../http/EntityAccess';
import { DoraService } from './DoraService';
import { DORA_READ_RULE, doraReport } from './routes';

/** Registers `get-dora`: the answer of `GET /v1/dora`. */
export function registerDoraActions(actions: PavedActions, dora: DoraService) {
  actions.register({
    name: 'get-dora',
    title: 'DORA metrics',
    description: [
      "The DORA metrics of one service (entity), a team's services (group) or a system's",
      '(system) over a window: deployment frequency (unit deployments/day; perWeek is the same',
      'rate per week), lead time for changes and failed deployment recovery time (unit seconds,',
      'medians), change failure rate and deployment rework rate (unit ratio, 0 to 1).',
      'Only production deployments count. Each metric has sampleCount (the deployments, commits or',
      'incidents behind it), a band (elite, high, medium, low; null where DORA publishes none) and',
      'a weekly trend. A value of null means "not available": there were no samples in the window,',
      'and notAvailableReason says why (e.g. no production deployments, no commits resolved) —',
      'it is not zero and not a failure. Name exactly one of entity, group or system. The window',
      'defaults to the last 28 days; a team or system counts only the services the caller may see.',
    ].join(' '),
    attributes: { readOnly: true },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .optional()
            .describe(
              'Entity ref of a service (kind defaults to component), e.g. component:default/checkout.',
            ),
          group: z
            .string()
            .optional()
            .describe(
              "Team ref (kind defaults to group), e.g. group:default/team-a: the team's services, its systems' and its child teams'.",
            ),
          system: z
            .string()
            .optional()
            .describe('System ref (kind defaults to system).'),
          from: z
            .string()
            .optional()
            .describe(
              'Window start: a date YYYY-MM-DD (inclusive, in the configured time zone) or an ISO 8601 date-time.',
            ),
          to: z
            .string()
            .optional()
            .describe(
              'Window end: a date (inclusive) or an ISO 8601 date-time (exclusive). Default: the end of today.',
            ),
          days: z
            .number()
            .int()
            .min(1)
            .max(1100)
            .optional()
            .describe(
              'Window length in days ending today, instead of from (default 28).',
            ),
        }),
      output: z => responseZod(z, 'GetDoraReport'),
    },
    rule: {
      ...DORA_READ_RULE,
      resourceRef: input => requestEntityRef(input.entity, 'entity'),
      auditEventId: 'dora-read',
    },
    handler: (input, { visible }) => doraReport(dora, input, visible),
  });
}
