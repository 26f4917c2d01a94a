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
import { AdoptionService, parseEntityParam } from './AdoptionService';
import { ENTITY_SCORES_RULE } from './routes';

/** Registers `get-scores`: the answer of `GET /v1/adoption/scores`. */
export function registerAdoptionActions(
  actions: PavedActions,
  adoption: AdoptionService,
) {
  actions.register({
    name: 'get-scores',
    title: 'Automation and complexity scores',
    description: [
      "A component's automation score (0 to 100: the weight of passed checks over the weight of",
      'the checks that apply; checks such as ci-workflow, tests-in-ci, deploys-automated,',
      'resources-from-score, no-overrides) and complexity score (0 to 100, higher is more complex,',
      'with the factors behind it). Every check has a status (passed, failed, not-applicable), the',
      'reason, and for a failed check `fix`: how to make it pass — use these to tell the user what',
      'to change. `deviations` are the ways the component is off the golden path; `facts` the',
      'collected evidence, computedAt when it was collected (ISO 8601; a component the scheduled',
      'job has not seen yet is scored on the spot). A check that is not-applicable does not count',
      'either way. Scores exist for Components only; an entity the caller may not see is "not found".',
    ].join(' '),
    attributes: { readOnly: true },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .min(1)
            .describe(
              'Entity ref of the component (kind defaults to component), e.g. component:default/checkout.',
            ),
        }),
      output: z => responseZod(z, 'GetEntityScores'),
    },
    rule: {
      ...ENTITY_SCORES_RULE,
      resourceRef: input => parseEntityParam(input.entity),
      auditMeta: input => ({ entity: input.entity }),
    },
    handler: (input, { credentials }) =>
      adoption.getEntityScores(parseEntityParam(input.entity), credentials),
  });
}
