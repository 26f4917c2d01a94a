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
import { ReportService } from './ReportService';
import { REPORT_READ_RULE } from './routes';

/** Registers `get-platform-report`: `GET /v1/report` as JSON. */
export function registerReportActions(
  actions: PavedActions,
  reports: ReportService,
) {
  actions.register({
    name: 'get-platform-report',
    title: 'Monthly platform report',
    description: [
      "The platform's monthly stakeholder report for a month (YYYY-MM; the current month is",
      'month-to date): a three-sentence summary, the DORA metrics (deployment frequency in',
      'deployments/day, lead and recovery times in seconds, rates as ratios 0 to 1) with the',
      'previous month, NPS, adoption, automation and complexity scores, SLOs, shipped roadmap',
      "items and the top feedback requests. Every section is computed with the caller's",
      'permissions and counts only what the caller may see; a section the caller may not read, or',
      'without data, says it is not available and why instead of showing zeros. The same report',
      'as the Platform report page.',
    ].join(' '),
    attributes: { readOnly: true },
    schema: {
      input: z =>
        z.object({
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .describe('The month, YYYY-MM, not after the current month.'),
        }),
      output: z => responseZod(z, 'GetPlatformReport'),
    },
    rule: {
      ...REPORT_READ_RULE,
      auditMeta: input => ({ month: input.month, format: 'json' }),
    },
    handler: (input, { credentials }) =>
      reports.build(input.month, credentials),
  });
}
