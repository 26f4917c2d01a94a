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

import { InputError } from '@backstage/errors';
import {
  formatScoreProblem,
  parseScoreFile,
  ScoreProblem,
  validateScoreFiles,
  ValidScoreWorkload,
} from '@paved/plugin-paved-common';

/** The outcome of checking one Score file with the Score model. */
export interface ScoreCheck {
  workloads: ValidScoreWorkload[];
  errors: ScoreProblem[];
  warnings: ScoreProblem[];
}

/** Parses and validates one Score file's text; `file` names it in problems. */
export function checkScoreText(file: string, text: string): ScoreCheck {
  const result = validateScoreFiles([parseScoreFile(file, text)]);
  return {
    workloads: result.workloads,
    errors: result.problems.filter(p => p.severity === 'error'),
    warnings: result.problems.filter(p => p.severity === 'warning'),
  };
}

/**
 * An InputError listing every problem with its position
 * (`score.yaml:12:7 containers.main.image: ...`), which fails the task with
 * a message that says what to fix and where.
 */
export function scoreProblemsError(
  what: string,
  errors: ScoreProblem[],
): InputError {
  const lines = errors.map(p => `  - ${formatScoreProblem(p)}`);
  return new InputError(
    `${what} is not a valid Score file (${errors.length} problem${
      errors.length === 1 ? '' : 's'
    }):\n${lines.join('\n')}`,
  );
}
