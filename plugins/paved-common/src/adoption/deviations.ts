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
import * as generated from '../generated/models';
import { AutomationScore } from './checks';
import { EntityFacts } from './facts';

/** @public */
export type GoldenPathDeviationCode =
  | 'no-golden-path'
  | 'template-invalid'
  | 'template-missing'
  | 'template-outdated'
  | 'default-overridden'
  | 'no-score'
  | 'score-invalid'
  | 'check-failed';

/**
 * One way a component is off the golden path.
 *
 * @public
 */
export type GoldenPathDeviation = generated.GoldenPathDeviation;

/**
 * Every way a component is off the golden path: not created from one (or
 * from an outdated or removed template), each overridden default, a missing
 * or broken Score file, and each failed automation check. The number of
 * deviations is the component's distance from the golden path, which the
 * Platform page ranks by.
 *
 * @public
 */
export function goldenPathDeviations(
  facts: EntityFacts,
  automation: AutomationScore,
): GoldenPathDeviation[] {
  const { catalog } = facts;
  const { goldenPath } = catalog;
  const deviations: GoldenPathDeviation[] = [];
  switch (goldenPath.status) {
    case 'none':
      deviations.push({
        code: 'no-golden-path',
        message: 'not created from a golden path',
      });
      break;
    case 'invalid':
      deviations.push({
        code: 'template-invalid',
        message: 'paved.dev/template is not <template>@<version>',
      });
      break;
    case 'missing':
      deviations.push({
        code: 'template-missing',
        message: `created from ${goldenPath.template}@${goldenPath.version}, which is no longer in the catalog`,
      });
      break;
    case 'outdated':
      deviations.push({
        code: 'template-outdated',
        message: `created from ${goldenPath.template}@${goldenPath.version}; the template is at ${goldenPath.currentVersion}`,
      });
      break;
    default:
      break;
  }
  for (const path of catalog.overrides) {
    deviations.push({
      code: 'default-overridden',
      message: `overrode the default ${path}`,
    });
  }
  if (!catalog.hasScoreFile) {
    deviations.push({ code: 'no-score', message: 'no Score file' });
  } else if (catalog.scoreErrors > 0) {
    deviations.push({
      code: 'score-invalid',
      message: 'the Score file has problems',
    });
  }
  for (const check of automation.checks) {
    // Overrides and the Score file are counted above already.
    if (
      check.status === 'failed' &&
      check.id !== 'no-overrides' &&
      !(
        check.id === 'resources-from-score' &&
        deviations.some(
          d => d.code === 'no-score' || d.code === 'score-invalid',
        )
      )
    ) {
      deviations.push({
        code: 'check-failed',
        message: `${check.title}: ${check.reason}`,
      });
    }
  }
  return deviations;
}
