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

import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatScoreProblem,
  ScoreProblem,
  ValidScoreWorkload,
} from '@paved/plugin-paved-common';
import fs from 'node:fs/promises';
import { checkScoreText, scoreProblemsError } from './checkScore';
import { examples } from './validate.examples';

/**
 * `paved:score:validate`: validates Score files in the workspace with Paved's
 * Score model and fails the task with every problem and its position.
 *
 * @public
 */
export function createScoreValidateAction() {
  return createTemplateAction({
    id: 'paved:score:validate',
    description:
      'Validates Score workload files in the workspace (schema, placeholders, resources) and fails with every problem and its file:line:column.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        paths: z =>
          z
            .union([z.string(), z.array(z.string()).min(1)])
            .optional()
            .describe('Score file(s), relative to the workspace.'),
        workload: z =>
          z
            .string()
            .optional()
            .describe('Fail unless a workload of this name is declared.'),
      },
      output: {
        workloads: z =>
          z.array(z.string()).describe('Names of the valid workloads.'),
        warnings: z =>
          z
            .array(z.string())
            .describe('Warnings (deprecated forms, hard-coded secrets).'),
      },
    },
    async handler(ctx) {
      const paths = [ctx.input.paths ?? 'score.yaml'].flat();
      const errors: ScoreProblem[] = [];
      const warnings: ScoreProblem[] = [];
      const workloads: ValidScoreWorkload[] = [];
      for (const file of paths) {
        const absolute = resolveSafeChildPath(ctx.workspacePath, file);
        let text: string;
        try {
          text = await fs.readFile(absolute, 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            throw new InputError(
              `${file} does not exist in the workspace; check the paths input or the step that should write it`,
            );
          }
          throw error;
        }
        const check = checkScoreText(file, text);
        errors.push(...check.errors);
        warnings.push(...check.warnings);
        workloads.push(...check.workloads);
      }
      for (const warning of warnings) {
        ctx.logger.warn(formatScoreProblem(warning));
      }
      if (errors.length) {
        throw scoreProblemsError(paths.join(', '), errors);
      }
      const names = workloads.map(w => w.workload.metadata.name);
      if (ctx.input.workload && !names.includes(ctx.input.workload)) {
        throw new InputError(
          `no workload named "${ctx.input.workload}" in ${paths.join(
            ', ',
          )} (workloads: ${names.join(', ') || 'none'})`,
        );
      }
      ctx.logger.info(
        `${paths.join(', ')}: valid Score (workloads: ${names.join(', ')})`,
      );
      ctx.output('workloads', names);
      ctx.output('warnings', warnings.map(formatScoreProblem));
    },
  });
}
