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
import { GoldenPathDriftService } from './GoldenPathDriftService';
import { DRIFT_READ_RULE, driftReport } from './routes';

/** Registers `list-off-path-components`: `GET /v1/golden-paths/drift`. */
export function registerGoldenPathActions(
  actions: PavedActions,
  drift: GoldenPathDriftService,
) {
  actions.register({
    name: 'list-off-path-components',
    title: 'Components off the golden path',
    description: [
      'The components created from a golden-path template (annotation paved.dev/template) that have',
      'left the path: `drifted` lists each with its reasons — template-outdated (the template has a',
      'newer version than the one the component was created from: templateVersion vs',
      'currentVersion), template-missing (the template is no longer in the catalog) or',
      'score-invalid (its Score file no longer validates). `components` counts every templated',
      'component the caller may see and `templates` lists the current template versions.',
      'An empty `drifted` list means every such component is up to date; components created',
      'without a template are not covered (they are off the path by definition, see get-scores).',
    ].join(' '),
    attributes: { readOnly: true },
    schema: {
      input: z => z.object({}),
      output: z => responseZod(z, 'GetGoldenPathDrift'),
    },
    rule: DRIFT_READ_RULE,
    handler: (_input, context) => driftReport(drift, context),
  });
}
